/**
 * Cell values in the fake Excel host: the rules Excel applies when a value is written (formula
 * detection, apostrophe prefix, number, boolean and date coercion), formula results, and the
 * values, formulas, types and text read back from cells and rectangles.
 */
import type { CellValue } from "../core/types";
import { type Cell, type Prim, type Sheet, MAX_COLS, key } from "./fake-model";
import { type Rect, isUnbounded } from "./fake-address";
import { serverError } from "./fake-server-error";

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Excel serial (1900 system) of a calendar date. */
export function dateSerial(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}

export type Evaluate = (formula: string, where: { sheet: string; row: number; column: number }) => CellValue;

/**
 * Applies one entry of a `values`/`formulas` array to a cell the way Excel interprets typed input:
 * null leaves the cell alone; "" clears it; a leading apostrophe forces text (and is not stored);
 * "=", "+" and "@" start a formula, so does "-" unless the text is a negative number; numeric,
 * TRUE/FALSE and ISO-date strings are converted; a cell formatted "@" keeps strings as text.
 */
export function writeInput(cell: Cell, input: unknown, evaluate: () => CellValue): void {
  if (input === null || input === undefined) return;
  delete cell.f;
  delete cell.err;
  delete cell.quoted;
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw serverError("InvalidArgument");
    cell.v = input;
    return;
  }
  if (typeof input === "boolean") {
    cell.v = input;
    return;
  }
  if (typeof input !== "string") throw serverError("InvalidArgument");
  if (input === "") {
    cell.v = null;
    return;
  }
  if (input.startsWith("'")) {
    cell.v = input.slice(1);
    cell.quoted = true;
    return;
  }
  if (cell.nf === "@") {
    cell.v = input;
    return;
  }
  const first = input[0];
  if (first === "=" && input.length > 1) return setFormula(cell, input, evaluate);
  if (first === "+" || first === "-" || first === "@") {
    if (first === "-" && NUMBER_RE.test(input)) {
      cell.v = Number(input);
      return;
    }
    if (input.length > 1) return setFormula(cell, `=${input}`, evaluate);
  }
  if (NUMBER_RE.test(input)) {
    cell.v = Number(input);
    return;
  }
  if (/^(true|false)$/i.test(input)) {
    cell.v = input.toLowerCase() === "true";
    return;
  }
  const iso = ISO_DATE_RE.exec(input);
  if (iso) {
    cell.v = dateSerial(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (cell.nf === undefined) cell.nf = "yyyy-mm-dd";
    return;
  }
  cell.v = input;
}

function setFormula(cell: Cell, formula: string, evaluate: () => CellValue): void {
  cell.f = formula;
  setResult(cell, evaluate());
}

/** Stores a formula's calculated result in its cell (an error value as "#REF!" with `err`). */
export function setResult(cell: Cell, result: CellValue): void {
  if (result !== null && typeof result === "object") {
    cell.v = result.error;
    cell.err = true;
  } else {
    cell.v = result;
    delete cell.err;
  }
}

/** Seeds a cell from a core CellValue without any interpretation. */
export function seedValue(cell: Cell, value: CellValue | undefined): void {
  if (value === undefined || value === null) return;
  if (typeof value === "object") {
    cell.v = value.error;
    cell.err = true;
  } else {
    cell.v = value;
  }
}

/* ------------------------------------------------------------------ reading */

export function readValue(c: Cell | undefined): Prim {
  return c === undefined || c.v === null ? "" : c.v;
}

export function readFormula(c: Cell | undefined): Prim {
  if (c?.f !== undefined) return c.f;
  return readValue(c);
}

export function readValueType(c: Cell | undefined): string {
  if (c === undefined || c.v === null) return "Empty";
  if (c.err) return "Error";
  if (typeof c.v === "number") return "Double";
  if (typeof c.v === "boolean") return "Boolean";
  return "String";
}

/** Display text for the few number formats PDV uses; anything else falls back to String(value). */
export function readText(c: Cell | undefined): string {
  if (c === undefined || c.v === null) return "";
  if (typeof c.v === "boolean") return c.v ? "TRUE" : "FALSE";
  if (typeof c.v === "string") return c.v;
  const n = c.v;
  const nf = c.nf ?? "General";
  const pct = /^0(\.(0+))?%$/.exec(nf);
  if (pct) return `${(n * 100).toFixed(pct[2]?.length ?? 0)}%`;
  const fixed = /^0(\.(0+))?$/.exec(nf);
  if (fixed) return n.toFixed(fixed[2]?.length ?? 0);
  if (nf === "#,##0") return Math.round(n).toLocaleString("en-US");
  if (/^dd\/mm\/yyyy$/i.test(nf) || nf === "yyyy-mm-dd") {
    const d = new Date(Date.UTC(1899, 11, 30) + Math.round(n) * 86400000);
    const dd = String(d.getUTCDate()).padStart(2, "0");
    const mm = String(d.getUTCMonth() + 1).padStart(2, "0");
    return nf === "yyyy-mm-dd" ? `${d.getUTCFullYear()}-${mm}-${dd}` : `${dd}/${mm}/${d.getUTCFullYear()}`;
  }
  return String(n);
}

/** The value shared by every cell of a rectangle, or null when they differ (Excel's "mixed"). */
export function uniform<T>(sheet: Sheet, r: Rect, pick: (c: Cell | undefined) => T): T | null {
  let first = true;
  let out: T | null = null;
  const cells = Math.min(r.nr * r.nc, 1_000_000);
  if (isUnbounded(r) || cells < r.nr * r.nc) {
    // Unbounded rectangles: judge from stored cells plus one blank.
    const seen = new Set<string>();
    const vals: T[] = [pick(undefined)];
    for (const [k, c] of sheet.cells) {
      const row = Math.floor(k / MAX_COLS), col = k % MAX_COLS;
      if (row >= r.r0 && row < r.r0 + r.nr && col >= r.c0 && col < r.c0 + r.nc) vals.push(pick(c));
    }
    for (const v of vals) seen.add(JSON.stringify(v));
    return seen.size === 1 ? vals[0] : null;
  }
  for (let i = 0; i < r.nr; i++) {
    for (let j = 0; j < r.nc; j++) {
      const v = pick(sheet.cells.get(key(r.r0 + i, r.c0 + j)));
      if (first) {
        out = v;
        first = false;
      } else if (v !== out) return null;
    }
  }
  return out;
}
