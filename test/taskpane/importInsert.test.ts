/**
 * Importing a unit's .xlsx through the Office.js adapter on the strict fake Excel: where the host
 * has ExcelApi 1.13 the file's sheet is copied as it is (insertWorksheetsFromBase64), else (or when
 * the copy fails) it is read with ExcelJS and written with addSheets. Same outcomes either way.
 */
import { createFakeExcel, type FakeGlobals } from "../../src/host/fake-excel";
import { createOfficePort, type OfficePort } from "../../src/workbook/office";
import { base64ToBytes } from "../../src/workbook/base64";
import { createXlsxPort, readXlsx } from "../../src/workbook/xlsx";
import { importReportFiles } from "../../src/flows/import";
import { analyzeWorkbook } from "../../src/core/analyze";
import { DEFAULT_PARAMS, unitSheetPlan } from "../../src/core/blank";
import type { SheetGrid } from "../../src/core/types";
import { sampleGrids, sampleRoster, sampleValues } from "../helpers/sample";
import { rowOfCode } from "../helpers/grids";

const rows = sampleRoster();
const FILE = "Báo cáo Xã Hà Châu.xlsx";

async function unitFile(code: string): Promise<Uint8Array> {
  const row = rows.find((r) => r.code === code)!;
  const port = createXlsxPort();
  await port.writeSheet({ name: "Hướng dẫn", rows: [[{ value: "Điền số liệu ở sheet bên cạnh." }]] });
  await port.writeSheet({ ...unitSheetPlan(DEFAULT_PARAMS, row, sampleValues(row)), name: "PDV-01" });
  return new Uint8Array(await port.toBuffer());
}

let bytes: Uint8Array;
beforeAll(async () => {
  bytes = await unitFile("TCCS07");
});

function setup(apiVersion: string): { g: FakeGlobals; port: OfficePort; addSheets: jest.SpyInstance; insert: jest.SpyInstance } {
  const grids = sampleGrids(rows).filter((g) => g.name !== "TCCS07");
  const g = createFakeExcel({
    sheets: grids.map((s) => ({ name: s.name, values: s.values, formulas: s.formulas })),
    apiVersion,
    decodeWorkbook: (b64) => readXlsx(base64ToBytes(b64), "chen.xlsx"),
  });
  const port = createOfficePort(g.Excel, { isSetSupported: g.Office.context.requirements.isSetSupported });
  return { g, port, addSheets: jest.spyOn(port, "addSheets"), insert: jest.spyOn(port, "insertSheetFromFile") };
}

async function run(port: OfficePort) {
  return importReportFiles(
    port,
    [{ name: FILE } as File],
    { readFile: async () => bytes, readXlsx: (b, name) => readXlsx(b, name), pause: async () => undefined },
    () => undefined,
  );
}

const ADDED = [{ kind: "added", file: FILE, unit: "TCCS07", unitName: "Xã Hà Châu", sheet: "TCCS07", sourceSheet: "PDV-01" }];

/** Formulas where there are any, values elsewhere (the fake computes no formula written cell by cell). */
function contents(grid: SheetGrid): unknown[][] {
  return grid.values.map((r, i) => r.map((v, j) => grid.formulas?.[i]?.[j] ?? v));
}

async function unitGrid(port: OfficePort): Promise<SheetGrid> {
  return (await port.readWorkbook({ formulas: true })).sheets.find((s) => s.name === "TCCS07")!;
}

test("ExcelApi 1.17: the file's sheet is copied as it is, with its cached formula results; no addSheets", async () => {
  const { g, port, addSheets, insert } = setup("1.17");
  const before = g.host.snapshot();
  expect(await run(port)).toEqual(ADDED);
  expect(insert).toHaveBeenCalledTimes(1);
  expect(insert.mock.calls[0][0].sheet).toBe("PDV-01");
  expect(addSheets).not.toHaveBeenCalled();
  // In roster order: right after the previous unit's sheet (TCCS06), not at the end.
  const names = g.host.sheetNames();
  expect(names[names.indexOf("TCCS06") + 1]).toBe("TCCS07");
  expect(g.host.sheetNames()).not.toContain("Hướng dẫn");

  const grid = await unitGrid(port);
  const ratio = rowOfCode(grid, "KN_TYLE");
  expect(grid.formulas![ratio - 1][3]).toMatch(/^=IF\(D\d+=0,"",D\d+\/D\d+\)$/);
  expect(typeof grid.values[ratio - 1][3]).toBe("number"); // the file's cached result came along

  // Nothing else changed: the workbook before is the workbook after, minus the new sheet (the
  // sheets after it moved one place to make room).
  const unplaced = (snapshot: string, drop: string | null) => {
    const book = JSON.parse(snapshot);
    book.sheets = book.sheets
      .filter((s: string) => drop === null || !s.startsWith(`{"name":"${drop}"`))
      .map((s: string) => JSON.stringify({ ...JSON.parse(s), position: null }));
    return JSON.stringify(book);
  };
  expect(unplaced(g.host.snapshot(), "TCCS07")).toBe(unplaced(before, null));

  const analysis = analyzeWorkbook({ sheets: (await port.readWorkbook()).sheets });
  expect(analysis.received).toBe(48);
  expect(analysis.units.find((u) => u.code === "TCCS07")?.state).toBe("submitted");
});

test("ExcelApi 1.9: the sheet is written from the file's grid with addSheets; same outcome, same cells", async () => {
  const old = setup("1.9");
  expect(await run(old.port)).toEqual(ADDED);
  expect(old.insert).toHaveBeenCalledTimes(1); // asked, declined (false) before any round trip
  await expect(old.insert.mock.results[0].value).resolves.toBe(false);
  expect(old.addSheets).toHaveBeenCalledTimes(1);
  expect(old.addSheets.mock.calls[0][0].map((p: { name: string }) => p.name)).toEqual(["TCCS07"]);

  const fresh = setup("1.17");
  await run(fresh.port);
  expect(contents(await unitGrid(old.port))).toEqual(contents(await unitGrid(fresh.port)));
});

test("a copy that fails (here at the rename) is removed and the sheet is written from the grid instead", async () => {
  const { g, port, addSheets } = setup("1.17");
  // Syncs of the task: 1–2 read the workbook, 3 lists the sheets, 4 inserts, 5 renames.
  g.host.failSync(5, "GeneralException");
  expect(await run(port)).toEqual(ADDED);
  expect(addSheets).toHaveBeenCalledTimes(1);
  expect(g.host.sheetNames().filter((n) => /TCCS07|PDV-01/.test(n))).toEqual(["TCCS07"]);
});

test("a unit's sheet made between the check and the copy: 'exists', not overwritten, nothing added", async () => {
  const { g, port, addSheets, insert } = setup("1.17");
  const original = (Object.getPrototypeOf(port) as OfficePort).insertSheetFromFile!.bind(port);
  insert.mockImplementation(async (file, name) => {
    g.host.addSheet({ name: "TCCS07", values: [["của người dùng"]] });
    return original(file, name);
  });
  // The file's report is kept for a replacement the user may confirm (replaceReport.test.tsx).
  expect(await run(port)).toEqual([{ kind: "exists", file: FILE, unit: "TCCS07", sheet: "TCCS07", incoming: { grid: expect.objectContaining({ name: "PDV-01" }), source: { bytes, sheet: "PDV-01" } } }]);
  expect(addSheets).not.toHaveBeenCalled();
  expect(g.host.dump("TCCS07").values).toEqual([["của người dùng"]]);
  expect(g.host.sheetNames().filter((n) => /TCCS07|PDV-01/.test(n))).toEqual(["TCCS07"]);
});
