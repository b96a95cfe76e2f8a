/** Editing in-memory grids in tests the way a person edits a sheet. */
import type { CellValue, SheetGrid } from "../../src/core/types";
import { parseA1 } from "../../src/core/a1";

export function findSheet(sheets: SheetGrid[], name: string): SheetGrid {
  const g = sheets.find((s) => s.name === name);
  if (!g) throw new Error(`no sheet ${name}`);
  return g;
}

/** Row (1-based) of a code in a column (default C, the unit form's code column). */
export function rowOfCode(grid: SheetGrid, code: string, column = 3): number {
  const i = grid.values.findIndex((r) => r[column - 1] === code);
  if (i < 0) throw new Error(`no code ${code} in ${grid.name}`);
  return i + 1;
}

export function setCell(grid: SheetGrid, ref: string, value: CellValue): void {
  const { row, column } = parseA1(ref);
  while (grid.values.length < row) grid.values.push([]);
  const r = grid.values[row - 1];
  while (r.length < column) r.push(null);
  r[column - 1] = value;
}

export function getCell(grid: SheetGrid, ref: string): CellValue {
  const { row, column } = parseA1(ref);
  return grid.values[row - 1]?.[column - 1] ?? null;
}

/** Set a unit form's value (column D of the code's row) and recalculate KN_TYLE as Excel would. */
export function setItem(grid: SheetGrid, code: string, value: CellValue, recalc = true): string {
  const row = rowOfCode(grid, code);
  const ref = `D${row}`;
  setCell(grid, ref, value);
  if (recalc && code !== "KN_TYLE") {
    const adm = getCell(grid, `D${rowOfCode(grid, "KN_DAKETNAP")}`);
    const tgt = getCell(grid, `D${rowOfCode(grid, "KN_CHITIEU")}`);
    const ratio = typeof adm === "number" && typeof tgt === "number" && tgt !== 0 ? adm / tgt : null;
    setCell(grid, `D${rowOfCode(grid, "KN_TYLE")}`, ratio);
  }
  return ref;
}

export function removeRow(grid: SheetGrid, row: number): void {
  grid.values.splice(row - 1, 1);
  grid.formulas?.splice(row - 1, 1);
}
