/**
 * A sheet with cells far from its data (a key pressed at XFD1048576 under a 40-row report) read
 * by the Office.js adapter on the strict fake gives what the file reader gives on the same content
 * written to an .xlsx by ExcelJS: the same grid, the same far cells, the same S10 message, in a
 * bounded number of syncs (before: tens of thousands of row bands).
 */
import * as ExcelJS from "exceljs";
import { createFakeExcel, type FakeGlobals, type SeedSheet } from "../../src/host/fake-excel";
import { createOfficePort } from "../../src/workbook/office";
import { PortError } from "../../src/workbook/port";
import { FakeRangeAreas } from "../../src/host/fake-areas";
import { readXlsx } from "../../src/workbook/xlsx";
import { FAR_READ_CELLS, parseAreasAddress } from "../../src/workbook/office-far";
import { farCells } from "../../src/core/rules/structure";
import { parseA1 } from "../../src/core/a1";
import type { CellValue, SheetGrid } from "../../src/core/types";
import type { ReadOptions } from "../../src/workbook/port";
import { findSheet } from "../helpers/grids";
import { sampleGrids } from "../helpers/sample";

jest.setTimeout(60_000);

/** A cell far away: a value typed in, or a formula with its result. */
interface Far {
  ref: string;
  value: CellValue;
  formula?: string;
}

const STRAY: Far[] = [
  { ref: "XFD1048576", value: "x" },
  { ref: "Z1048000", value: 62, formula: "=D14*2" },
];

/** The report of TCCS05 of the sample (a real PDV-01 sheet, 23 rows × 5 columns, values and formulas). */
function report(): SheetGrid {
  return findSheet(sampleGrids(), "TCCS05");
}

/** The report plus `far`, written by ExcelJS (formulas with their results). */
async function xlsxOf(grid: SheetGrid, far: Far[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(grid.name);
  const put = (row: number, column: number, value: CellValue, formula: string | null | undefined) => {
    const result = value !== null && typeof value === "object" ? { error: value.error } : value;
    if (formula) ws.getCell(row, column).value = { formula: formula.slice(1), result } as ExcelJS.CellValue;
    else if (value !== null) ws.getCell(row, column).value = result as ExcelJS.CellValue;
  };
  grid.values.forEach((row, r) => row.forEach((v, c) => put(r + 1, c + 1, v, grid.formulas?.[r]?.[c])));
  for (const f of far) {
    const { row, column } = parseA1(f.ref);
    put(row, column, f.value, f.formula);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The same content in the fake Excel: the report seeded, the far cells typed in. */
function fakeOf(grid: SheetGrid, far: Far[], others: SeedSheet[] = [], options: Parameters<typeof createFakeExcel>[0] = {}): FakeGlobals {
  const results = new Map(far.filter((f) => f.formula).map((f) => [f.formula!, f.value]));
  const g = createFakeExcel({ sheets: [...others, { name: grid.name, values: grid.values, formulas: grid.formulas }], evaluate: (f) => results.get(f) ?? null, ...options });
  for (const f of far) g.host.setCell(grid.name, f.ref, f.formula ?? f.value);
  return g;
}

/** Rows of two grids equal (row by row: a deep toEqual over a million rows takes half a minute). */
function expectSameRows<T>(pane: T[][] | undefined, file: T[][] | undefined): void {
  expect(pane?.length).toBe(file?.length);
  const differs = (pane ?? []).findIndex((row, i) => JSON.stringify(row) !== JSON.stringify(file![i]));
  expect(differs < 0 ? null : { row: differs + 1, pane: pane![differs], file: file![differs] }).toBeNull();
}

async function both(far: Far[], options: ReadOptions, fakeOptions: Parameters<typeof createFakeExcel>[0] = {}) {
  const grid = report();
  const [file] = await readXlsx(await xlsxOf(grid, far), "TCCS05.xlsx", options);
  const g = fakeOf(grid, far, [], fakeOptions);
  g.host.resetStats();
  const snap = await createOfficePort(g.Excel).readWorkbook(options);
  return { file, pane: snap.sheets[0], g };
}

describe("a report with cells far away, in the task pane and in a file", () => {
  test.each<[string, ReadOptions]>([
    ["Kiểm tra (fonts)", { fonts: true }],
    ["formulas", { formulas: true }],
  ])("%s: the same grid and far cells as the file reader, in at most 5 syncs", async (_, options) => {
    const { file, pane, g } = await both(STRAY, options);
    expect(file.far!.map((x) => x.cell)).toEqual(["Z1048000", "XFD1048576"]);
    expect(pane.far).toEqual(file.far);
    expectSameRows(pane.values, file.values);
    if (options.formulas) expectSameRows(pane.formulas, file.formulas);
    if (options.fonts) expect(pane.fonts?.length).toBe(file.values.length);
    expect(farCells({ ...pane, source: file.source }, "TCCS05")!.message).toBe(farCells(file, "TCCS05")!.message);
    // Sheet list, the read refused, the size, the areas, the values.
    expect(g.host.stats.syncs).toBeLessThanOrEqual(5);
    for (const s of g.host.stats.log) expect(Math.max(s.requestBytes, s.responseBytes)).toBeLessThan(5 * 1024 * 1024);
  });

  test("Excel on the web refusing getSpecialCells over 33,554,000 cells: asked again over row tiles, the same result", async () => {
    const { file, pane, g } = await both(STRAY, { fonts: true }, { operationCellLimit: 33_554_000 });
    expect(pane.values).toEqual(file.values);
    expect(pane.far).toEqual(file.far);
    expect(g.host.stats.log.filter((s) => s.error).map((s) => s.error)).toEqual(["OperationCellsExceedLimit"]);
    // One more than without the limit: the areas asked again, 2 × 513 tiles in one request.
    expect(g.host.stats.syncs).toBeLessThanOrEqual(6);
    for (const s of g.host.stats.log) expect(s.requestBytes).toBeLessThan(5 * 1024 * 1024);
  });

  test("A1048576 under the 5-column form is kept, as the file reader keeps it; only the rows with data are read", async () => {
    // Column A fits 1,048,576 rows within the limit, the form's 5 columns do not: the rule keeps A.
    const { file, pane, g } = await both([...STRAY, { ref: "A1048576", value: 7 }], { fonts: true });
    expect(file.values[1_048_575][0]).toBe(7);
    expectSameRows(pane.values, file.values);
    expect(pane.far).toEqual(file.far);
    expect(g.host.stats.syncs).toBeLessThanOrEqual(5);
    const read = g.host.stats.log.reduce((n, s) => n + s.responseBytes, 0);
    expect(read).toBeLessThan(200_000);
  });

  test("Excel answering null past 5,000,000 cells instead of failing: the same", async () => {
    const { file, pane, g } = await both(STRAY, { fonts: true }, { overLimitRead: "null" });
    expectSameRows(pane.values, file.values);
    expect(pane.far).toEqual(file.far);
    expect(g.host.stats.syncs).toBeLessThanOrEqual(5);
  });

  test("a far row of 16,379 values (F:XFD): at most 1,000 read, the rest counted; S10 says the same as for the file", async () => {
    const row: Far[] = Array.from({ length: 16_379 }, (_, c) => ({ ref: `${columnLetters(c + 6)}1048576`, value: c % 7 }));
    const { file, pane } = await both(row, { fonts: true });
    expect(file.far!.length).toBeGreaterThan(16_000);
    expect(pane.far!.length).toBe(FAR_READ_CELLS);
    expect(pane.far!.length + pane.farNotRead!).toBe(file.far!.length);
    expect(pane.far).toEqual(file.far!.slice(0, FAR_READ_CELLS));
    expectSameRows(pane.values, file.values);
    expect(farCells({ ...pane, source: file.source }, null)!.message).toBe(farCells(file, null)!.message);
  });

  test("among the 48 units and DanhMuc, refused with RangeExceedsLimit: found by size (not by halving the chunk), the other sheets read as usual", async () => {
    const sheets = sampleGrids();
    const others = sheets.filter((s) => s.name !== "TCCS05");
    // XFC1048575: a used range short of whole rows and columns (the fake reads those as null), which Excel refuses.
    const g = fakeOf(report(), [{ ref: "XFC1048575", value: "x" }], others);
    g.host.resetStats();
    const snap = await createOfficePort(g.Excel).readWorkbook({ fonts: true });
    expect(snap.sheets.map((s) => s.name).sort()).toEqual(sheets.map((s) => s.name).sort());
    for (const s of others) expectSameRows(findSheet(snap.sheets, s.name).values, s.values);
    expect(findSheet(snap.sheets, "TCCS05").far).toEqual([{ cell: "XFC1048575", value: "x" }]);
    expect(g.host.stats.log.filter((s) => s.error).map((s) => s.error)).toEqual(["RangeExceedsLimit"]);
    // List, the chunk refused, the sizes, the far sheet (size, areas, values), the other sheets.
    expect(g.host.stats.syncs).toBe(7);
  });

  test("mixed fonts (E01 needs them per cell): read per cell over the rows with data only, as the file gives them", async () => {
    const grid = report();
    // A kept cell far below the form (A1000): the block's rows with data are two spans.
    const values: CellValue[][] = [...grid.values, ...Array.from({ length: 976 }, () => [null, null, null, null, null] as CellValue[])];
    values[999] = [5, null, null, null, null];
    const fonts = values.map((row, r) => row.map((v, c) => (v === null ? null : r === 999 ? ".VnTime" : r === 2 && c === 1 ? "VNI-Times" : "Times New Roman")));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(grid.name);
    values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null) return;
        ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
        ws.getCell(r + 1, c + 1).font = { name: fonts[r][c]! };
      }),
    );
    ws.getCell("XFD1048576").value = "x";
    const [file] = await readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()), "TCCS05.xlsx", { fonts: true });
    const g = createFakeExcel({ sheets: [{ name: grid.name, values, fonts }] });
    g.host.setCell(grid.name, "XFD1048576", "x");
    g.host.resetStats();
    const pane = (await createOfficePort(g.Excel).readWorkbook({ fonts: true })).sheets[0];
    expectSameRows(pane.values, file.values);
    const at = (x: SheetGrid) => x.values.flatMap((row, r) => row.map((v, c) => (v === null ? null : `${r},${c} ${x.fonts![r][c]}`))).filter(Boolean);
    expect(at(pane)).toEqual(at(file));
    expect(at(pane)).toContain("999,0 .VnTime");
    expect(pane.far).toEqual([{ cell: "XFD1048576", value: "x" }]);
    // …, the values, then the per-cell fonts of both spans in one sync.
    expect(g.host.stats.syncs).toBeLessThanOrEqual(6);
  });

  test("an area list Excel cuts short (does not add up to areaCount/cellCount): refused, naming the sheet and the far corner", async () => {
    const g = fakeOf(report(), STRAY);
    const cut = jest.spyOn(FakeRangeAreas.prototype, "address", "get").mockReturnValue("TCCS05!A1:E23");
    try {
      const e = await createOfficePort(g.Excel)
        .readWorkbook({ fonts: true })
        .then(() => null, (x: Error) => x);
      expect(e).toBeInstanceOf(PortError);
      expect(e!.message).toMatch(/^Không đọc được sheet 'TCCS05': sheet có ô nằm rất xa vùng số liệu \(tới ô XFD1048576\).*Ctrl\+End/);
    } finally {
      cut.mockRestore();
    }
  });

  test("a used range Excel reads at once (J1000000:K1048576, 97,154 cells) but over the limit from A1: cut as the file reader cuts it", async () => {
    const far: Far[] = [{ ref: "J1000000", value: "j" }, { ref: "K1048576", value: 2 }];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Xa");
    for (const f of far) ws.getCell(f.ref).value = f.value as ExcelJS.CellValue;
    const [file] = await readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()), "xa.xlsx", { fonts: true });
    const g = createFakeExcel({ sheets: [{ name: "Xa" }] });
    for (const f of far) g.host.setCell("Xa", f.ref, f.value);
    g.host.resetStats();
    const pane = (await createOfficePort(g.Excel).readWorkbook({ fonts: true })).sheets[0];
    expect(g.host.stats.log.every((s) => !s.error)).toBe(true); // the whole used range came back
    expect(file.far).toEqual([{ cell: "J1000000", value: "j" }, { cell: "K1048576", value: 2 }]);
    expect(pane.far).toEqual(file.far);
    expect(pane.values).toEqual(file.values);
  });

  test("nothing near A1, only a far cell: an empty grid and the far cell", async () => {
    const g = createFakeExcel({ sheets: [{ name: "Lạc" }] });
    g.host.setCell("Lạc", "XFD1048576", "x");
    const snap = await createOfficePort(g.Excel).readWorkbook({ fonts: true });
    expect(snap.sheets[0].values).toEqual([]);
    expect(snap.sheets[0].far).toEqual([{ cell: "XFD1048576", value: "x" }]);
  });
});

describe("parseAreasAddress", () => {
  test("areas as Excel prints them: quoted names (with a comma), whole columns and rows, $", () => {
    expect(parseAreasAddress("Sheet1!A1:B4, Sheet1!D1")).toEqual([
      { row: 1, column: 1, rows: 4, columns: 2 },
      { row: 1, column: 4, rows: 1, columns: 1 },
    ]);
    expect(parseAreasAddress("'Tân Đức, 2'!H:H,'Tân Đức, 2'!3:4, 'It''s'!$XFD$1048576")).toEqual([
      { row: 1, column: 8, rows: 1_048_576, columns: 1 },
      { row: 3, column: 1, rows: 2, columns: 16_384 },
      { row: 1_048_576, column: 16_384, rows: 1, columns: 1 },
    ]);
  });

  test("anything else is refused", () => {
    for (const bad of ["", "Sheet1!", "Sheet1!A0", "Sheet1!XFE1", "Sheet1!A1:B2:C3", "Sheet1!B2:A1", "Sheet1!A", "Sheet1!A1, "]) {
      expect(parseAreasAddress(bad)).toBeNull();
    }
  });
});

function columnLetters(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
