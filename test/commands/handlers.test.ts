import { createCommandHandlers } from "../../src/commands/handlers";
import type { CommandDeps } from "../../src/commands/handlers";
import { latestNotice, resetNotices, subscribeNotices } from "../../src/commands/notices";
import type { Notice } from "../../src/commands/notices";
import { createMemoryPort } from "../../src/workbook/memory";
import type { WorkbookPort } from "../../src/workbook/port";
import { sampleGrids } from "../helpers/sample";

const grids = sampleGrids();

function event() {
  return { completed: jest.fn() };
}

function deps(port: WorkbookPort, showPane: CommandDeps["showPane"] = jest.fn(async () => {})) {
  return { port: () => port, showPane };
}

let heard: Notice[];
beforeEach(() => {
  resetNotices();
  heard = [];
  subscribeNotices((n) => heard.push(n));
  jest.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => jest.restoreAllMocks());

test("Kiểm tra: posts the result, shows the pane, completes once", async () => {
  const d = deps(createMemoryPort(grids));
  const e = event();
  await createCommandHandlers(d).validateWorkbook(e);
  expect(e.completed).toHaveBeenCalledTimes(1);
  expect(d.showPane).toHaveBeenCalledTimes(1);
  expect(heard[0]).toMatchObject({ level: "info", title: "Kiểm tra" });
  expect(latestNotice()).toMatchObject({ title: "Kiểm tra" });
  expect(latestNotice()!.message).toContain("48/48");
  expect(latestNotice()!.level).not.toBe("error");
});

test("Tổng hợp: progress notices, then the result", async () => {
  const port = createMemoryPort(grids);
  const e = event();
  await createCommandHandlers(deps(port)).consolidateWorkbook(e);
  expect(e.completed).toHaveBeenCalledTimes(1);
  expect(heard.length).toBeGreaterThan(2);
  expect(latestNotice()).toMatchObject({ level: "success", title: "Tổng hợp", message: "Đã tổng hợp 48/48 đơn vị vào sheet TongHop." });
  expect(port.planOf("TongHop")).toBeDefined();
});

test("a failure is shown as an error notice, not swallowed, and the event still completes", async () => {
  const broken: WorkbookPort = {
    ...createMemoryPort(grids),
    readWorkbook: async () => {
      throw Object.assign(new Error("There was an internal error while processing the request."), { code: "GeneralException" });
    },
  };
  const d = deps(broken);
  const e = event();
  await createCommandHandlers(d).consolidateWorkbook(e);
  expect(e.completed).toHaveBeenCalledTimes(1);
  expect(d.showPane).toHaveBeenCalledTimes(1);
  expect(latestNotice()).toMatchObject({
    level: "error",
    message: "Không tổng hợp được do lỗi ngoài dự kiến (GeneralException): There was an internal error while processing the request.",
  });
});

test("the event completes even when the pane cannot be shown", async () => {
  const e = event();
  const showPane = jest.fn(async () => {
    throw new Error("not supported");
  });
  await createCommandHandlers(deps(createMemoryPort(grids), showPane)).validateWorkbook(e);
  expect(showPane).toHaveBeenCalled();
  expect(e.completed).toHaveBeenCalledTimes(1);
});

test("a second click while a command runs is refused politely and completes at once", async () => {
  const inner = createMemoryPort(grids);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const slow: WorkbookPort = { ...inner, readWorkbook: async (o) => (await gate, inner.readWorkbook(o)) };
  const handlers = createCommandHandlers(deps(slow));
  const first = event();
  const second = event();
  const running = handlers.validateWorkbook(first);
  await handlers.consolidateWorkbook(second);
  expect(second.completed).toHaveBeenCalledTimes(1);
  expect(first.completed).toHaveBeenCalledTimes(1); // at once, before the flow ends
  expect(latestNotice()).toMatchObject({ level: "warning", title: "Tổng hợp" });
  expect(latestNotice()!.message).toContain('"Kiểm tra" đang chạy');
  release();
  await running;
  expect(first.completed).toHaveBeenCalledTimes(1);
  expect(latestNotice()).toMatchObject({ title: "Kiểm tra" });
  expect(inner.planOf("TongHop")).toBeUndefined();
});

test("the event completes at once, before the flow has read anything", async () => {
  const inner = createMemoryPort(grids);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const slow: WorkbookPort = { ...inner, readWorkbook: async (o) => (await gate, inner.readWorkbook(o)) };
  const e = event();
  const running = createCommandHandlers(deps(slow)).consolidateWorkbook(e);
  expect(e.completed).toHaveBeenCalledTimes(1);
  release();
  await running;
  expect(e.completed).toHaveBeenCalledTimes(1);
  expect(inner.planOf("TongHop")).toBeDefined();
});

test("without the pane: a failure that wrote no sheet opens a dialog; a refused consolidation shows KiemTra instead", async () => {
  const showDialog = jest.fn(async () => {});
  const showPane = jest.fn(async () => {}); // ignored by Office (Marketplace add-ins since 2026)
  const broken: WorkbookPort = {
    ...createMemoryPort(grids),
    readWorkbook: async () => {
      throw Object.assign(new Error("There was an internal error while processing the request."), { code: "GeneralException" });
    },
  };
  await createCommandHandlers({ port: () => broken, showPane, showDialog }).validateWorkbook(event());
  expect(showDialog).toHaveBeenCalledWith("Kiểm tra", expect.stringMatching(/^Không kiểm tra được do lỗi ngoài dự kiến \(GeneralException\)/));

  showDialog.mockClear();
  const noRoster = createMemoryPort(grids.slice(1));
  await createCommandHandlers({ port: () => noRoster, showPane, showDialog }).consolidateWorkbook(event());
  expect(showDialog).not.toHaveBeenCalled();
  expect(noRoster.selection()).toEqual({ sheet: "KiemTra", cell: "A1" });
  expect(latestNotice()).toMatchObject({ level: "error", title: "Tổng hợp" });

  showDialog.mockClear();
  const ok = createMemoryPort(grids);
  await createCommandHandlers({ port: () => ok, showPane, showDialog }).consolidateWorkbook(event());
  expect(showDialog).not.toHaveBeenCalled();
  expect(ok.selection()).toEqual({ sheet: "TongHop", cell: "A1" });
});
