/**
 * A stray value far from a sheet's data (issue 11 kind 2): a key pressed at Z1048576 or
 * XFD1048576 must not make the file unreadable. The reader keeps the data dense and hands the far
 * cell over (`SheetGrid.far`); the core names it in one S10 warning. Files written by openpyxl.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { readXlsx } from "../../src/workbook/xlsx";
import { MAX_GRID_CELLS, splitFar } from "../../src/workbook/xlsx/sheet";
import { farCells as farCellsFinding } from "../../src/core/rules/structure";

jest.setTimeout(60_000);

/** A workbook from openpyxl: A1:J40 filled with numbers, plus the given far cells. */
function openpyxlBook(far: Record<string, string | number>): Uint8Array {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pdv-far-"));
  try {
    const out = path.join(dir, "u.xlsx");
    const script = `
import json, sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "TCCS05"
for r in range(1, 41):
    for c in range(1, 11):
        ws.cell(row=r, column=c, value=r * 100 + c)
for ref, v in json.loads(sys.argv[2]).items():
    ws[ref] = v
wb.save(sys.argv[1])
`;
    execFileSync("/usr/bin/python3", ["-c", script, out, JSON.stringify(far)]);
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("a stray cell far away", () => {
  it.each([
    ["Z1048576", "."],
    ["XFD1048576", "x"],
    ["XFD60000", 5],
    ["A1048576", "x"],
  ])("%s = %p: the data is read as it is, the far cell handed over", async (ref, value) => {
    const [grid] = await readXlsx(openpyxlBook({ [ref]: value }), "TCCS05.xlsx");
    expect(grid.values.length).toBe(40);
    expect(grid.values[0].length).toBe(10);
    expect(grid.values[39][9]).toBe(4010);
    expect(grid.far).toEqual([{ cell: ref, value }]);
    const f = farCellsFinding(grid, "TCCS05")!;
    expect(f).toMatchObject({ rule: "S10", severity: "warning", unit: "TCCS05", sheet: "TCCS05", cell: ref, file: "TCCS05.xlsx" });
    const shown = typeof value === "number" ? String(value) : `"${value}"`;
    expect(f.message).toContain(`tệp TCCS05.xlsx, sheet 'TCCS05' có ô ${ref} (${shown}) nằm quá xa vùng số liệu`);
  });

  it("several far cells: all kept out, named in sheet order; the data and near cells all kept", async () => {
    const far = { XFD1048576: "x", Z1048576: ".", AA1048575: "y", A900000: 7.5, B800000: "b", C700000: "c" };
    const [grid] = await readXlsx(openpyxlBook({ ...far, K5: "gần", XFD2: 1 }), "u.xlsx");
    expect(grid.values[4][10]).toBe("gần");
    expect(grid.values[1][16_383]).toBe(1);
    expect(grid.values.length).toBe(40);
    expect(grid.far!.map((x) => x.cell)).toEqual(["C700000", "B800000", "A900000", "AA1048575", "Z1048576", "XFD1048576"]);
    const f = farCellsFinding(grid, null)!;
    expect(f.message).toContain('có 6 ô C700000 ("c"), B800000 ("b"), A900000 (7,5), AA1048575 ("y"), Z1048576 (".") và 1 ô khác nằm quá xa');
  });

  it("a value near enough (Z5000, XFD1) stays in the grid: no grid.far, no finding", async () => {
    const [grid] = await readXlsx(openpyxlBook({ Z5000: "." }), "u.xlsx");
    expect(grid.far).toBeUndefined();
    expect(grid.values[4999][25]).toBe(".");
    const [wide] = await readXlsx(openpyxlBook({ XFD1: "x" }), "u.xlsx");
    expect(wide.far).toBeUndefined();
    expect(wide.values[0][16_383]).toBe("x");
    expect(farCellsFinding(grid, null)).toBeNull();
  });
});

describe("splitFar", () => {
  const block = (rows: number, cols: number) => Array.from({ length: rows * cols }, (_, i) => ({ r: Math.floor(i / cols) + 1, c: (i % cols) + 1 }));

  it("one stray cell costs that cell only", () => {
    const cells = [...block(40, 10), { r: 1_048_576, c: 26 }];
    const { kept, far } = splitFar(cells, MAX_GRID_CELLS);
    expect(kept.length).toBe(400);
    expect(far).toEqual([{ r: 1_048_576, c: 26 }]);
  });

  it("a whole far column of data is one cut, not one per cell", () => {
    const column = Array.from({ length: 1000 }, (_, i) => ({ r: i + 1, c: 16_384 }));
    const { kept, far } = splitFar([...block(1000, 10), ...column], 100_000);
    expect(kept.length).toBe(10_000);
    expect(far.length).toBe(1000);
  });

  it("keeps everything when the rectangle already fits", () => {
    const cells = block(100, 100);
    expect(splitFar(cells, 10_000)).toEqual({ kept: cells, far: [] });
  });

  it("never keeps a rectangle over the limit", () => {
    // A diagonal: no cut is cheap; the result still fits.
    const cells = Array.from({ length: 500 }, (_, i) => ({ r: (i + 1) * 2000, c: (i + 1) * 30 }));
    const { kept, far } = splitFar(cells, 1_000_000);
    const rows = Math.max(0, ...kept.map((x) => x.r));
    const cols = Math.max(0, ...kept.map((x) => x.c));
    expect(rows * cols).toBeLessThanOrEqual(1_000_000);
    expect(kept.length + far.length).toBe(500);
    expect(kept.length).toBeGreaterThan(0);
  });
});
