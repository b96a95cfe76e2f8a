/**
 * Range in the fake Excel host: reads, writes (formulas under suspended calculation), clear, copyFrom,
 * merge, select, cell properties (the formats themselves: fake-format.ts).
 */
import type { CellValue } from "../core/types";
import { FakeOfficeError, invalidRequestContext } from "./fake-errors";
import type { FakeRequestContext } from "./fake-context";
import { type Cell, type Sheet, MAX_COLS, MAX_ROWS, key } from "./fake-model";
import { MESSAGES, serverError } from "./fake-server-error";
import { type Rect, parseAddress, addressSheetName, isUnbounded, rectA1 } from "./fake-address";
import { readFormula, readText, readValue, readValueType, writeInput } from "./fake-cells";
import { type Runtime } from "./fake-host";
import { type TypeSpec, ClientObject, FakeClientResult, clientResult } from "./fake-client";
import { type CellPropertiesSpec, FakeRangeFormat, applyCellProperties, cellProperties } from "./fake-format";
import { FakeRangeAreas, specialCellsOf } from "./fake-areas";

/* ------------------------------------------------------------------ Ranges */

export interface RangeTarget {
  sheet: Sheet;
  rect: Rect;
}

/** A Range proxy passed as an argument (chart source, copyFrom): of this context, still valid. */
export function rangeTargetOf(ctx: FakeRequestContext, r: unknown): FakeRange {
  if (!(r instanceof FakeRange)) throw new FakeOfficeError("InvalidArgument", MESSAGES.InvalidArgument);
  r._check();
  if (r._ctx !== ctx) throw invalidRequestContext();
  return r;
}

export function forCells(t: RangeTarget, fn: (cell: Cell, i: number, j: number) => void, rt: Runtime): void {
  if (isUnbounded(t.rect)) throw new Error("FakeExcel: cell-level writes to a whole row/column are not modelled");
  rt.touch(t.sheet);
  for (let i = 0; i < t.rect.nr; i++) {
    for (let j = 0; j < t.rect.nc; j++) {
      const k = key(t.rect.r0 + i, t.rect.c0 + j);
      let cell = t.sheet.cells.get(k);
      if (!cell) {
        cell = { v: null };
        t.sheet.cells.set(k, cell);
      }
      fn(cell, i, j);
    }
  }
}

/**
 * A per-row property of the range's rows: the common answer, or null when the rows differ. A
 * whole-column range looks only at the rows that carry something (the others answer `at(-1)`).
 */
export function rowsUniform<T>(t: RangeTarget, at: (row: number) => T, marked: Iterable<number> = []): T | null {
  const rows = t.rect.nr === MAX_ROWS ? [-1, ...marked] : Array.from({ length: t.rect.nr }, (_, i) => t.rect.r0 + i);
  const seen = new Set(rows.map(at));
  return seen.size === 1 ? [...seen][0] : null;
}

/**
 * A 2-D read of the range. Unbounded ranges read null; over the host's read limit (5,000,000 cells)
 * Excel fails with RangeExceedsLimit or, depending on the host's `overLimitRead`, answers null.
 */
function readGrid<T>(t: RangeTarget, pick: (c: Cell | undefined) => T, rt: Runtime): T[][] | null {
  if (isUnbounded(t.rect)) return null;
  if (t.rect.nr * t.rect.nc > rt.host.readCellLimit) {
    if (rt.host.overLimitRead === "null") return null;
    throw serverError("RangeExceedsLimit");
  }
  const out: T[][] = [];
  for (let i = 0; i < t.rect.nr; i++) {
    const row: T[] = [];
    for (let j = 0; j < t.rect.nc; j++) row.push(pick(t.sheet.cells.get(key(t.rect.r0 + i, t.rect.c0 + j))));
    out.push(row);
  }
  return out;
}

/** Validates a 2-D input against the range: same dimensions (or a scalar; 1×1 when `broadcast`). */
function inputAt(t: RangeTarget, value: unknown, broadcast: boolean): (i: number, j: number) => unknown {
  if (value === null || value === undefined) throw serverError("InvalidArgument");
  if (!Array.isArray(value)) return () => value;
  const rows = value as unknown[];
  if (broadcast && rows.length === 1 && Array.isArray(rows[0]) && (rows[0] as unknown[]).length === 1) {
    const v = (rows[0] as unknown[])[0];
    return () => v;
  }
  if (rows.length !== t.rect.nr || !rows.every((r) => Array.isArray(r) && r.length === t.rect.nc)) {
    throw serverError("InvalidArgument", MESSAGES.DimensionMismatch);
  }
  return (i, j) => (rows[i] as unknown[])[j];
}

/**
 * Writes `values`/`formulas`. A formula is calculated at once, unless calculation is suspended
 * (suspendApiCalculationUntilNextSync): then its cell keeps showing the value from before until
 * Application.calculate or a later round trip (Book.pendingCalc).
 */
function writeCells(t: RangeTarget, value: unknown, rt: Runtime): void {
  if (isUnbounded(t.rect)) throw serverError("InvalidArgument");
  const at = inputAt(t, value, false);
  forCells(
    t,
    (cell, i, j) => {
      const input = at(i, j);
      const where = { sheet: t.sheet.name, row: t.rect.r0 + i + 1, column: t.rect.c0 + j + 1 };
      if (!rt.book.calculationSuspended) {
        writeInput(cell, input, () => rt.host.evaluate(String(input), where));
        return;
      }
      const before: CellValue = cell.err ? { error: String(cell.v) } : cell.v;
      writeInput(cell, input, () => before);
      if (cell.f !== undefined) rt.book.pendingCalc.set(cell, () => rt.host.evaluate(String(input), where));
      else rt.book.pendingCalc.delete(cell);
    },
    rt,
  );
}

const RANGE_SPEC: TypeSpec = {
  scalars: {
    address: (t: RangeTarget) => `${addressSheetName(t.sheet.name)}!${rectA1(t.rect)}`,
    rowCount: (t: RangeTarget) => t.rect.nr,
    columnCount: (t: RangeTarget) => t.rect.nc,
    cellCount: (t: RangeTarget) => t.rect.nr * t.rect.nc,
    rowIndex: (t: RangeTarget) => t.rect.r0,
    columnIndex: (t: RangeTarget) => t.rect.c0,
    values: (t: RangeTarget, rt) => readGrid(t, readValue, rt),
    formulas: (t: RangeTarget, rt) => readGrid(t, readFormula, rt),
    numberFormat: (t: RangeTarget, rt) => readGrid(t, (c) => c?.nf ?? "General", rt),
    text: (t: RangeTarget, rt) => readGrid(t, readText, rt),
    valueTypes: (t: RangeTarget, rt) => readGrid(t, readValueType, rt),
    rowHidden: (t: RangeTarget) => rowsUniform(t, (r) => t.sheet.hiddenRows.has(r), t.sheet.hiddenRows),
  },
  writers: {
    rowHidden: (t: RangeTarget, v, rt) => {
      if (typeof v !== "boolean") throw serverError("InvalidArgument");
      rt.touch(t.sheet);
      if (!v && t.rect.nr === MAX_ROWS) t.sheet.hiddenRows.clear();
      else for (let r = t.rect.r0; r < t.rect.r0 + t.rect.nr; r++) v ? t.sheet.hiddenRows.add(r) : t.sheet.hiddenRows.delete(r);
    },
    values: (t: RangeTarget, v, rt) => writeCells(t, v, rt),
    formulas: (t: RangeTarget, v, rt) => writeCells(t, v, rt),
    numberFormat: (t: RangeTarget, v, rt) => {
      if (isUnbounded(t.rect)) throw serverError("InvalidArgument");
      const at = inputAt(t, v, true);
      forCells(
        t,
        (cell, i, j) => {
          const nf = at(i, j);
          if (nf === null || nf === undefined) return;
          if (typeof nf !== "string") throw serverError("InvalidArgument");
          if (nf === "" || nf === "General") delete cell.nf;
          else cell.nf = nf;
        },
        rt,
      );
    },
  },
  navs: ["format"],
};

export class FakeRange extends ClientObject {
  readonly _type = "Range";
  readonly _spec = RANGE_SPEC;

  get address(): string {
    return this._get("address");
  }
  get rowCount(): number {
    return this._get("rowCount");
  }
  get columnCount(): number {
    return this._get("columnCount");
  }
  get cellCount(): number {
    return this._get("cellCount");
  }
  get rowIndex(): number {
    return this._get("rowIndex");
  }
  get columnIndex(): number {
    return this._get("columnIndex");
  }
  get values(): unknown[][] {
    return this._get("values");
  }
  set values(v: unknown[][]) {
    this._set("values", v);
  }
  get formulas(): unknown[][] {
    return this._get("formulas");
  }
  set formulas(v: unknown[][]) {
    this._set("formulas", v);
  }
  get numberFormat(): unknown[][] {
    return this._get("numberFormat");
  }
  set numberFormat(v: unknown[][]) {
    this._set("numberFormat", v);
  }
  get text(): string[][] {
    return this._get("text");
  }
  get valueTypes(): string[][] {
    return this._get("valueTypes");
  }

  /** ExcelApi 1.2: whether the range's rows are hidden (null when some are); setting hides or shows whole rows. */
  get rowHidden(): boolean {
    return this._get("rowHidden");
  }
  set rowHidden(v: boolean) {
    this._ctx._require("1.2", "Range.rowHidden");
    this._set("rowHidden", v);
  }

  get format(): FakeRangeFormat {
    return this._child("format", (v) => new FakeRangeFormat(this._ctx, this, v));
  }

  merge(across?: boolean): void {
    this._ctx._require("1.2", "Range.merge");
    this._call("merge", [across ?? false], (t: RangeTarget, rt) => {
      if (isUnbounded(t.rect)) throw serverError("InvalidArgument");
      rt.touch(t.sheet);
      if (across) {
        for (let i = 0; i < t.rect.nr; i++) addMerge(t.sheet, rectA1({ ...t.rect, r0: t.rect.r0 + i, nr: 1 }));
      } else {
        addMerge(t.sheet, rectA1(t.rect));
      }
    });
  }

  /**
   * Clears contents and/or formats (ExcelApi 1.1; applyTo "All" default, "Contents", "Formats").
   * Clearing formats also unmerges the merged areas that meet the range (UNVERIFIED for the API;
   * Excel's Clear All does). A whole-sheet range (getRange()) is allowed.
   */
  clear(applyTo: "All" | "Contents" | "Formats" = "All"): void {
    this._call("clear", [applyTo], (t: RangeTarget, rt) => {
      if (!["All", "Contents", "Formats"].includes(applyTo)) throw serverError("InvalidArgument");
      rt.touch(t.sheet);
      const { r0, c0, nr, nc } = t.rect;
      const inside = (r: number, c: number) => r >= r0 && r < r0 + nr && c >= c0 && c < c0 + nc;
      for (const [k, cell] of [...t.sheet.cells]) {
        const r = Math.floor(k / MAX_COLS), c = k % MAX_COLS;
        if (!inside(r, c)) continue;
        rt.book.pendingCalc.delete(cell);
        if (applyTo === "All") t.sheet.cells.delete(k);
        else if (applyTo === "Contents") {
          cell.v = null;
          delete cell.f;
          delete cell.err;
          delete cell.quoted;
        } else {
          for (const p of ["nf", "font", "fill", "halign", "wrap"] as const) delete cell[p];
        }
      }
      if (applyTo !== "Contents") {
        t.sheet.merges = t.sheet.merges.filter((m) => {
          const a = parseAddress(m);
          return !a || a.r0 >= r0 + nr || a.r0 + a.nr <= r0 || a.c0 >= c0 + nc || a.c0 + a.nc <= c0;
        });
      }
    });
  }

  /**
   * Copies another range's cells here (ExcelApi 1.9): values, formulas, number formats, fonts,
   * fills, alignment and the merged areas inside it (copyType "All" only). Modelled only for a
   * source at the same position on another sheet (formulas then need no adjusting); anything else
   * throws a plain Error (not modelled). Column widths, frozen panes and charts are not copied.
   */
  copyFrom(source: FakeRange, copyType: "All" = "All", skipBlanks = false, transpose = false): void {
    this._ctx._require("1.9", "Range.copyFrom");
    const src = rangeTargetOf(this._ctx, source);
    if (copyType !== "All" || skipBlanks || transpose) throw new Error("FakeExcel: copyFrom is modelled for copyType All only");
    this._call("copyFrom", [src._var, copyType], (t: RangeTarget, rt) => {
      const s = src._resolve(rt) as RangeTarget;
      if (isUnbounded(s.rect) || s.rect.r0 !== t.rect.r0 || s.rect.c0 !== t.rect.c0) {
        throw new Error("FakeExcel: copyFrom is modelled for a bounded source at the same position only");
      }
      rt.touch(t.sheet);
      const { r0, c0, nr, nc } = s.rect;
      for (let i = 0; i < nr; i++) {
        for (let j = 0; j < nc; j++) {
          const k = key(r0 + i, c0 + j);
          const from = s.sheet.cells.get(k);
          const old = t.sheet.cells.get(k);
          if (old) rt.book.pendingCalc.delete(old);
          if (!from) {
            t.sheet.cells.delete(k);
            continue;
          }
          const copy: Cell = { ...from, font: from.font ? { ...from.font } : undefined };
          t.sheet.cells.set(k, copy);
          const pending = rt.book.pendingCalc.get(from);
          if (pending) rt.book.pendingCalc.set(copy, pending);
        }
      }
      for (const m of s.sheet.merges) {
        const a = parseAddress(m);
        if (a && a.r0 >= r0 && a.c0 >= c0 && a.r0 + a.nr <= r0 + nr && a.c0 + a.nc <= c0 + nc) t.sheet.merges.push(m);
      }
    });
  }

  select(): void {
    this._call("select", [], (t: RangeTarget, rt) => {
      if (t.sheet.visibility !== "Visible") throw serverError("InvalidOperation");
      rt.book.activeSheetId = t.sheet.id;
      rt.book.selection = { sheetId: t.sheet.id, address: rectA1(t.rect) };
    });
  }

  /**
   * The range's cells of a type ("Constants" or "Formulas") as a RangeAreas (ExcelApi 1.9); at
   * sync, ItemNotFound when there is none (fake-areas.ts).
   */
  getSpecialCells(cellType: string, cellValueType?: string): FakeRangeAreas {
    return this._special("getSpecialCells", cellType, cellValueType, false);
  }

  /** getSpecialCells, but a null object (isNullObject true) when there is no such cell. */
  getSpecialCellsOrNullObject(cellType: string, cellValueType?: string): FakeRangeAreas {
    return this._special("getSpecialCellsOrNullObject", cellType, cellValueType, true);
  }

  private _special(name: string, cellType: string, cellValueType: string | undefined, nullable: boolean): FakeRangeAreas {
    this._ctx._require("1.9", `Range.${name}`);
    const args = cellValueType === undefined ? [cellType] : [cellType, cellValueType];
    const areas = new FakeRangeAreas(this._ctx, this, this._ctx._varName("areas"));
    return this._make(areas, name, args, (t: RangeTarget, rt: Runtime) => specialCellsOf(t.sheet, t.rect, cellType, cellValueType, rt.host.operationCellLimit), { nullable, tracked: true });
  }

  /** Per-cell properties (ExcelApi 1.9); supports format.font.{name,bold,italic,color}, format.fill.color, format.horizontalAlignment, format.wrapText, address. */
  getCellProperties(spec: CellPropertiesSpec): FakeClientResult<Record<string, unknown>[][]> {
    this._ctx._require("1.9", "Range.getCellProperties");
    return clientResult(this, "getCellProperties", [spec], (t: RangeTarget, rt: Runtime) => {
      if (isUnbounded(t.rect)) throw serverError("InvalidArgument");
      if (t.rect.nr * t.rect.nc > rt.host.readCellLimit) throw serverError("RangeExceedsLimit");
      const out: Record<string, unknown>[][] = [];
      for (let i = 0; i < t.rect.nr; i++) {
        const row: Record<string, unknown>[] = [];
        for (let j = 0; j < t.rect.nc; j++) {
          const c = t.sheet.cells.get(key(t.rect.r0 + i, t.rect.c0 + j));
          row.push(cellProperties(spec, c, `${addressSheetName(t.sheet.name)}!${rectA1({ r0: t.rect.r0 + i, c0: t.rect.c0 + j, nr: 1, nc: 1 })}`));
        }
        out.push(row);
      }
      return out;
    });
  }

  /** Per-cell formatting in one call (ExcelApi 1.9); same keys as getCellProperties. */
  setCellProperties(cellPropertiesData: Record<string, unknown>[][]): void {
    this._ctx._require("1.9", "Range.setCellProperties");
    this._call("setCellProperties", [cellPropertiesData], (t: RangeTarget, rt) => {
      const at = inputAt(t, cellPropertiesData, false);
      forCells(t, (cell, i, j) => applyCellProperties(cell, at(i, j)), rt);
    });
  }
}

/** Merging an area already merged as such changes nothing. */
function addMerge(sheet: Sheet, a1: string): void {
  if (!sheet.merges.includes(a1)) sheet.merges.push(a1);
}
