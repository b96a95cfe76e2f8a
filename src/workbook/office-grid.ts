/**
 * Office.js reads → core grids: a used range's values/valueTypes/formulas at their offset, and the
 * font names rule E01 needs (one name for a uniform used range, else per cell).
 */
import type { CellValue, SheetGrid } from "../core/types";
import type { SheetInfo } from "./port";
import type { XCellProps } from "./office-api";

/** A sheet as the adapter knows it from the sheet list. */
export interface KnownSheet {
  name: string;
  visibility: SheetInfo["visibility"];
}


/** One cell of an Office.js read (value and valueType) as a core value: "" → null, errors → {error}. */
export function cellValue(v: unknown, type: string | undefined): CellValue {
  if (type === "Error") return { error: String(v) };
  if (typeof v === "number" || (typeof v === "string" && v !== "") || typeof v === "boolean") return v;
  return null;
}

/** Office.js reads (offset at rowIndex/columnIndex) → a core grid from A1. "" → null, errors → {error}. */
export function toGrid(
  sheet: KnownSheet,
  rowIndex: number,
  columnIndex: number,
  values: unknown[][],
  valueTypes: string[][],
  formulas: unknown[][] | null,
  /** Per-cell getCellProperties results aligned with `values`, when read that way. */
  fonts: XCellProps[][] | null = null,
): SheetGrid {
  const blank = values.length === 1 && values[0].length === 1 && (values[0][0] === "" || values[0][0] === null) && rowIndex === 0 && columnIndex === 0;
  const rows = blank ? 0 : rowIndex + values.length;
  const cols = blank ? 0 : columnIndex + (values[0]?.length ?? 0);
  const grid: SheetGrid = {
    name: sheet.name,
    values: Array.from({ length: rows }, () => new Array<CellValue>(cols).fill(null)),
    visibility: sheet.visibility,
  };
  if (formulas) grid.formulas = Array.from({ length: rows }, () => new Array<string | null>(cols).fill(null));
  if (fonts) grid.fonts = Array.from({ length: rows }, () => new Array<string | null>(cols).fill(null));
  if (blank) return grid;
  for (let r = 0; r < values.length; r++) {
    for (let c = 0; c < values[r].length; c++) {
      grid.values[rowIndex + r][columnIndex + c] = cellValue(values[r][c], valueTypes[r]?.[c]);
      if (grid.formulas && formulas) {
        const f = formulas[r]?.[c];
        grid.formulas[rowIndex + r][columnIndex + c] = typeof f === "string" && f.startsWith("=") ? f : null;
      }
      if (grid.fonts && fonts) grid.fonts[rowIndex + r][columnIndex + c] = fonts[r]?.[c]?.format?.font?.name ?? null;
    }
  }
  return grid;
}

/** The used range of one sheet, for the per-cell font pass. */
export interface FontArea {
  sheet: string;
  rowIndex: number;
  columnIndex: number;
  rows: number;
  cols: number;
}

/** Sets up `grid.fonts`: filled at once when the used range has one font, else queued in `mixed`. */
export function noteFonts(grid: SheetGrid, area: FontArea, uniformName: unknown, mixed: FontArea[]): void {
  grid.fonts = grid.values.map((row) => row.map(() => null as string | null));
  if (grid.values.length === 0) return;
  if (typeof uniformName === "string") {
    for (let r = 0; r < area.rows; r++) for (let c = 0; c < area.cols; c++) grid.fonts[area.rowIndex + r][area.columnIndex + c] = uniformName;
  } else {
    mixed.push(area);
  }
}

/** Copies getCellProperties font names (rows from `rowOffset` of the area) into `grid.fonts`. */
export function fillFonts(grid: SheetGrid, area: FontArea, rowOffset: number, props: XCellProps[][]): void {
  const fonts = grid.fonts;
  if (!fonts) return;
  props.forEach((row, r) =>
    row.forEach((p, c) => {
      const target = fonts[area.rowIndex + rowOffset + r];
      if (target) target[area.columnIndex + c] = p.format?.font?.name ?? null;
    }),
  );
}

