/** @jest-environment jsdom */
/**
 * The pane replacing a unit's report (confirmation naming each figure before → after, focus, the
 * backup hidden, undone on failure, backups deleted by Tổng hợp) and importing sheets into the
 * roster's order, on the in-memory workbook.
 */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { DEFAULT_PARAMS, unitSheetPlan } from "../../src/core/blank";
import { planToGrid } from "../../src/core/plan";
import type { SheetGrid } from "../../src/core/types";
import { PortError } from "../../src/workbook/port";
import type { MemoryPort } from "../../src/workbook/memory";
import { sampleGrids, sampleRoster, sampleValues } from "../helpers/sample";
import { findSheet, getCell, setItem } from "../helpers/grids";
import { fakeServices, memoryPort, polyfillDom, renderApp } from "./helpers";
import { runConsolidation } from "../../src/flows/consolidate";

beforeAll(polyfillDom);

const rows = sampleRoster();
const text = (el: Element) => el.textContent ?? "";

function unitFile(code: string, edit?: (g: SheetGrid) => void): SheetGrid[] {
  const row = rows.find((r) => r.code === code)!;
  const grid = { ...planToGrid(unitSheetPlan(DEFAULT_PARAMS, row, sampleValues(row))), name: "PDV-01" };
  edit?.(grid);
  return [grid];
}

const admittedOf = (g: SheetGrid) => getCell(g, `D${g.values.findIndex((r) => r[2] === "KN_DAKETNAP") + 1}`);

async function importFile(name: string) {
  fireEvent.change(screen.getByLabelText("Chọn tệp báo cáo .xlsx"), { target: { files: [new File(["x"], name)] } });
  return screen.findByTestId("import-summary");
}

/** The pane on `port`, TCCS07's file (DV_TONG 1) imported and its replacement asked for. */
async function confirmationFor(port: MemoryPort) {
  const services = fakeServices();
  services.files.set("TCCS07.xlsx", unitFile("TCCS07", (g) => setItem(g, "DV_TONG", 1)));
  renderApp(port, services, { initialView: "import" });
  await importFile("TCCS07.xlsx");
  fireEvent.click(screen.getByRole("button", { name: "Thay báo cáo…" }));
  return { port, confirm: await screen.findByTestId("confirm-replace") };
}

describe("replacing a unit's report", () => {
  test("the confirmation names each figure before → after and the backup; focus on it; confirmed: the old sheet hidden as 'TCCS07 (cũ)', the new one in its place", async () => {
    const port = memoryPort(sampleGrids(rows));
    const old = findSheet(port.sheets(), "TCCS07");
    const was = admittedOf(old) as number;
    const services = fakeServices();
    services.files.set("TCCS07-sua.xlsx", unitFile("TCCS07", (g) => {
      setItem(g, "KN_DAKETNAP", was + 1);
      setItem(g, "NGAY_LAP", 44081);
    }));
    renderApp(port, services, { initialView: "import" });
    await importFile("TCCS07-sua.xlsx");
    const item = within(screen.getByRole("list", { name: "Kết quả nhập báo cáo" })).getAllByRole("listitem")[0];
    expect(item.getAttribute("data-kind")).toBe("exists");
    fireEvent.click(within(item).getByRole("button", { name: "Thay báo cáo…" }));

    const confirm = await screen.findByTestId("confirm-replace");
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    expect(confirm.getAttribute("role")).toBe("group");
    expect(text(screen.getByText(/^Thay báo cáo của đơn vị/))).toBe("Thay báo cáo của đơn vị TCCS07 ở sheet 'TCCS07' bằng tệp TCCS07-sua.xlsx?");
    const changes = within(confirm).getAllByRole("listitem").map(text);
    expect(changes).toEqual([expect.stringMatching(/^Ngày lập báo cáo.*: .+ → 07\/09\/2020$/), expect.stringMatching(new RegExp(`kết nạp.*: ${was} → ${was + 1}$`))]);
    expect(text(confirm)).toContain("ẩn, với tên 'TCCS07 (cũ)' cho đến lần Tổng hợp sau");
    const order = port.sheets().map((s) => s.name);

    fireEvent.click(within(confirm).getByRole("button", { name: "Thay báo cáo" }));
    const notice = await screen.findByTestId("notice");
    expect(text(notice)).toContain("Đã thay báo cáo của đơn vị TCCS07 ở sheet 'TCCS07'. Sheet cũ được giữ, ẩn, với tên 'TCCS07 (cũ)'");
    await waitFor(() => expect(document.activeElement?.id).toBe("pdv-notice"));
    const names = port.sheets().map((s) => s.name);
    const at = order.indexOf("TCCS07");
    expect(names.slice(0, at + 2)).toEqual([...order.slice(0, at), "TCCS07", "TCCS07 (cũ)"]);
    expect(findSheet(port.sheets(), "TCCS07 (cũ)").visibility).toBe("Hidden");
    expect(admittedOf(findSheet(port.sheets(), "TCCS07 (cũ)"))).toBe(was); // the old data kept as it was
    expect(admittedOf(findSheet(port.sheets(), "TCCS07"))).toBe(was + 1);
    expect(screen.getByText("Đã thay")).toBeTruthy();

    // The next consolidation counts the new figure once and deletes the backup.
    const r = await runConsolidation(port);
    expect(r.summary.totals.KN_DAKETNAP).toBe(32);
    expect(port.sheets().some((s) => s.name === "TCCS07 (cũ)")).toBe(false);
  });

  test("'Không thay' changes nothing and puts the focus back on the button", async () => {
    const { port, confirm } = await confirmationFor(memoryPort(sampleGrids(rows)));
    const before = JSON.stringify(port.sheets());
    fireEvent.click(within(confirm).getByRole("button", { name: "Không thay" }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "Thay báo cáo…" })));
    expect(screen.queryByTestId("confirm-replace")).toBeNull();
    expect(JSON.stringify(port.sheets())).toBe(before);
  });

  test("a sheet edited after the preview: nothing replaced, the confirmation shows the figures as they are now", async () => {
    const { port, confirm } = await confirmationFor(memoryPort(sampleGrids(rows)));
    setItem(findSheet(port.sheets(), "TCCS07"), "DV_TONG", 777); // the user types in the sheet meanwhile
    fireEvent.click(within(confirm).getByRole("button", { name: "Thay báo cáo" }));
    await screen.findByText(/vừa thay đổi trong sổ/);
    expect(text(screen.getByTestId("replace-changes"))).toContain("777 → 1");
    expect(port.sheets().some((s) => s.name === "TCCS07 (cũ)")).toBe(false);
  });

  test("a failure midway (hiding the backup) is undone: the workbook as it was, the error says so", async () => {
    const failing = memoryPort(sampleGrids(rows));
    const snapshot = JSON.stringify(failing.sheets());
    failing.setSheetsVisibility = async () => {
      throw new PortError("Excel từ chối ẩn sheet.", "write");
    };
    const { port, confirm } = await confirmationFor(failing);
    fireEvent.click(within(confirm).getByRole("button", { name: "Thay báo cáo" }));
    const alert = await screen.findByRole("alert");
    expect(text(alert)).toContain("Không thay được báo cáo của đơn vị TCCS07 (Excel từ chối ẩn sheet). Sổ giữ nguyên như trước.");
    await waitFor(() => expect(document.activeElement?.id).toBe("pdv-error"));
    expect(JSON.stringify(port.sheets())).toBe(snapshot);
  });
});

test("imported sheets go where the roster order puts them (after the previous unit that exists, else after DanhMuc)", async () => {
  const missing = ["TCCS01", "TCCS02", "TCCS07", "TCCS30"];
  const port = memoryPort(sampleGrids(rows).filter((g) => !missing.includes(g.name)));
  const services = fakeServices();
  for (const c of missing) services.files.set(`${c}.xlsx`, unitFile(c));
  renderApp(port, services, { initialView: "import" });
  fireEvent.change(screen.getByLabelText("Chọn tệp báo cáo .xlsx"), { target: { files: ["TCCS30", "TCCS07", "TCCS02", "TCCS01"].map((c) => new File(["x"], `${c}.xlsx`)) } });
  expect(text(await screen.findByTestId("import-summary"))).toBe("Đã nhập 4 tệp.");
  expect(port.sheets().map((s) => s.name)).toEqual(sampleGrids(rows).map((g) => g.name));
});
