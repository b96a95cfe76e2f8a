/**
 * The port's sheet arrangement (renameSheet, moveSheets, setSheetsVisibility, deleteSheets), the
 * same cases on the memory adapter and on the Office.js adapter over the strict fake Excel.
 */
import { createFakeExcel, type FakeExcelHost } from "../../src/host/fake-excel";
import { createOfficePort, type OfficePort } from "../../src/workbook/office";
import { createMemoryPort } from "../../src/workbook/memory";
import { PortError, type WorkbookPort } from "../../src/workbook/port";
import { rejection } from "../helpers/rejection";

const NAMES = ["DanhMuc", "A", "B", "C"];

interface Subject {
  port: WorkbookPort;
  names(): Promise<string[]>;
  hidden(): Promise<string[]>;
}

function memory(): Subject {
  const port = createMemoryPort(NAMES.map((name, i) => ({ name, values: [[i]] })));
  return {
    port,
    names: async () => (await port.listSheets()).map((s) => s.name),
    hidden: async () => (await port.listSheets()).filter((s) => s.visibility !== "Visible").map((s) => s.name),
  };
}

function office(): Subject & { host: FakeExcelHost; office: OfficePort } {
  const { Excel, host } = createFakeExcel({ sheets: NAMES.map((name, i) => ({ name, values: [[i]] })) });
  const port = createOfficePort(Excel);
  return {
    port,
    office: port,
    host,
    names: async () => host.sheetNames(),
    hidden: async () => host.sheetNames().filter((n) => host.dump(n).visibility !== "Visible"),
  };
}

describe.each([
  ["memory", memory],
  ["Office.js (fake Excel)", office],
] as const)("%s", (_, make) => {
  test("rename keeps the sheet's place; a taken name is refused", async () => {
    const s = make();
    await s.port.renameSheet!("b", "B (cũ)");
    expect(await s.names()).toEqual(["DanhMuc", "A", "B (cũ)", "C"]);
    const e = await rejection(s.port.renameSheet!("A", "c"));
    expect(e).toBeInstanceOf(PortError);
    expect(e.code).toBe("sheet-exists");
    expect(await s.names()).toEqual(["DanhMuc", "A", "B (cũ)", "C"]);
  });

  test("moves apply in order, each right after its anchor (null: first)", async () => {
    const s = make();
    await s.port.moveSheets!([
      { sheet: "C", after: "DanhMuc" },
      { sheet: "A", after: "B" },
      { sheet: "B", after: null },
    ]);
    expect(await s.names()).toEqual(["B", "DanhMuc", "C", "A"]);
  });

  test("a missing sheet fails the call before anything changed", async () => {
    const s = make();
    for (const call of [
      () => s.port.moveSheets!([{ sheet: "C", after: "DanhMuc" }, { sheet: "X", after: null }]),
      () => s.port.setSheetsVisibility!(["A", "X"], "Hidden"),
      () => s.port.deleteSheets!(["A", "X"]),
    ]) {
      const e = await rejection(call());
      expect(e).toBeInstanceOf(PortError);
      expect(e.code).toBe("no-sheet");
      expect(e.message).toContain("'X'");
    }
    expect(await s.names()).toEqual(NAMES);
    expect(await s.hidden()).toEqual([]);
  });

  test("hide and show; never the last visible sheet (nothing hidden then)", async () => {
    const s = make();
    await s.port.setSheetsVisibility!(["B"], "Hidden");
    expect(await s.hidden()).toEqual(["B"]);
    const e = await rejection(s.port.setSheetsVisibility!(["DanhMuc", "A", "C"], "Hidden"));
    expect(e.code).toBe("last-visible");
    expect(await s.hidden()).toEqual(["B"]);
    await s.port.setSheetsVisibility!(["B"], "Visible");
    expect(await s.hidden()).toEqual([]);
  });

  test("delete, hidden sheets included; never every visible sheet", async () => {
    const s = make();
    await s.port.setSheetsVisibility!(["B"], "Hidden");
    await s.port.deleteSheets!(["B", "c"]);
    expect(await s.names()).toEqual(["DanhMuc", "A"]);
    const e = await rejection(s.port.deleteSheets!(["DanhMuc", "A"]));
    expect(e.code).toBe("last-visible");
    expect(await s.names()).toEqual(["DanhMuc", "A"]);
  });
});

describe("Office.js: round trips", () => {
  test("each arrangement is 2 syncs whatever the number of sheets", async () => {
    const s = office();
    await s.port.moveSheets!([
      { sheet: "C", after: "DanhMuc" },
      { sheet: "B", after: "C" },
      { sheet: "A", after: "B" },
    ]);
    expect(s.office.lastSyncs).toBe(2);
    await s.port.setSheetsVisibility!(["A", "B", "C"], "Hidden");
    expect(s.office.lastSyncs).toBe(2);
    await s.port.deleteSheets!(["A", "B", "C"]);
    expect(s.office.lastSyncs).toBe(2);
    expect(s.host.sheetNames()).toEqual(["DanhMuc"]);
  });
});
