/**
 * Server-side state of the fake Excel host: sheets, cells, formats, settings, and the rules Excel
 * applies when a value is written (formula detection, apostrophe prefix, number coercion).
 * Plain TypeScript: runs in Node (tests) and in a browser (preview page). No Office, no Node APIs.
 */
import type { CellValue } from "../core/types";
import { columnLetters, columnNumber } from "../core/a1";

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;
/** Excel's default column width as Range.format.columnWidth reports it (points). */
export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_FONT = "Calibri";

export type Prim = string | number | boolean;

export interface CellFont {
  bold?: boolean;
  italic?: boolean;
  name?: string;
  color?: string;
  size?: number;
}

export interface Cell {
  /** Stored value (cached result for a formula cell); null = empty. */
  v: Prim | null;
  /** True when `v` is an Excel error value such as "#REF!". */
  err?: boolean;
  /** Formula text with the leading "=". */
  f?: string;
  /** Number format; absent = "General". */
  nf?: string;
  /** The value was entered with a leading apostrophe (forced text). */
  quoted?: boolean;
  font?: CellFont;
  fill?: string;
  halign?: string;
  wrap?: boolean;
}

/** A reference held by a chart: it follows its sheet through renames, like Excel's SERIES formulas. */
export interface SheetRef {
  sheetId: string;
  a1: string;
}

export interface ChartSeriesRecord<R = SheetRef> {
  name: string | null;
  values: R | null;
  xValues: R | null;
}

export interface ChartRecord<R = SheetRef> {
  name: string;
  type: string;
  source: R;
  seriesBy: string;
  title: string | null;
  position: { start: string; end: string | null } | null;
  series: ChartSeriesRecord<R>[];
}

/**
 * A worksheet's page setup as Worksheet.pageLayout shows it (ExcelApi 1.9). Defaults are a new
 * sheet's in an en-US Excel: Letter, portrait, 100 % scale, no print titles, no footer.
 */
export interface PageSetup {
  orientation: "Portrait" | "Landscape";
  paperSize: string;
  /** Either a scale (10–400) or fit-to-pages counts (0 = as many as needed), never both. */
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  /** Rows repeated at the top of each printed page (zero-based, inclusive), or null. */
  titleRows: { r0: number; nr: number } | null;
  /** The print area (one rectangle here), or null for the used range. */
  printArea: Rect | null;
  /** HeaderFooterGroup.defaultForAllPages.centerFooter, with Excel's codes (&P, &N). */
  centerFooter: string;
}

export function defaultPageSetup(): PageSetup {
  return { orientation: "Portrait", paperSize: "Letter", zoom: { scale: 100 }, titleRows: null, printArea: null, centerFooter: "" };
}

export interface Sheet {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  tabColor: string;
  cells: Map<number, Cell>;
  columnWidths: Map<number, number>;
  merges: string[];
  frozenRows: number;
  charts: ChartRecord[];
  /** Row heights in points set through Range.format.rowHeight (zero-based row → points); others are standard. */
  rowHeights: Map<number, number>;
  /** Rows hidden through Range.rowHidden (zero-based). */
  hiddenRows: Set<number>;
  page: PageSetup;
  /** A macro sheet or a chart sheet: range calls on it fail with UnsupportedSheet. */
  kind?: "MacroSheet" | "ChartSheet";
}

export interface Book {
  sheets: Sheet[];
  /** Setting key → JSON text (settings are JSON round-tripped). */
  settings: Map<string, string>;
  activeSheetId: string | null;
  selection: { sheetId: string; address: string } | null;
  nextSheetNumber: number;
  calculationSuspended: boolean;
  screenUpdatingSuspended: boolean;
  /**
   * Formulas written while calculation was suspended, not yet calculated (their cells still hold
   * the value from before): calculated by Application.calculate, or at the start of a later round
   * trip (excel-api-facts §4 and §8).
   */
  pendingCalc: Map<Cell, () => CellValue>;
}

/** An error the "server" raises while executing a command; the context turns it into RichApi.Error. */
export class ServerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const MESSAGES: Record<string, string> = {
  ItemNotFound: "The requested resource doesn't exist.",
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  ItemAlreadyExists: "A resource with the same name or identifier already exists.",
  InvalidOperation: "The operation is invalid for the object or the current state of the object.",
  GeneralException: "There was an internal error while processing the request.",
  RangeExceedsLimit: "The cell count in the range has exceeded the maximum supported number.",
  DimensionMismatch: "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
  // Wording UNVERIFIED (the code is Excel.ErrorCodes.unsupportedSheet).
  UnsupportedSheet: "This sheet type does not support this operation, since it is a Macro or Chart sheet.",
};

export function serverError(code: string, message?: string): ServerError {
  return new ServerError(code, message ?? MESSAGES[code] ?? MESSAGES.GeneralException);
}

export const key = (row: number, col: number): number => row * MAX_COLS + col;

/* ------------------------------------------------------------------ addresses */

/** A rectangle, zero-based. */
export interface Rect {
  r0: number;
  c0: number;
  nr: number;
  nc: number;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL_RE = /^\$?([A-Za-z]{1,3})$/;
const ROW_RE = /^\$?(\d{1,7})$/;

/** Parses "A1", "A1:D10", "A:C", "2:5" (no sheet prefix). Returns null when not an address. */
export function parseAddress(text: string): Rect | null {
  const parts = text.trim().split(":");
  if (parts.length > 2 || parts.some((p) => p.length === 0)) return null;
  const [a, b = a] = parts;
  let m1 = CELL_RE.exec(a);
  let m2 = CELL_RE.exec(b);
  if (m1 && m2) {
    const rA = Number(m1[2]) - 1, rB = Number(m2[2]) - 1;
    const cA = columnNumber(m1[1]) - 1, cB = columnNumber(m2[1]) - 1;
    if (rA < 0 || rB < 0 || rA >= MAX_ROWS || rB >= MAX_ROWS || cA >= MAX_COLS || cB >= MAX_COLS) return null;
    return { r0: Math.min(rA, rB), c0: Math.min(cA, cB), nr: Math.abs(rA - rB) + 1, nc: Math.abs(cA - cB) + 1 };
  }
  if (parts.length !== 2) return null;
  m1 = COL_RE.exec(a);
  m2 = COL_RE.exec(b);
  if (m1 && m2) {
    const cA = columnNumber(m1[1]) - 1, cB = columnNumber(m2[1]) - 1;
    if (cA >= MAX_COLS || cB >= MAX_COLS) return null;
    return { r0: 0, c0: Math.min(cA, cB), nr: MAX_ROWS, nc: Math.abs(cA - cB) + 1 };
  }
  m1 = ROW_RE.exec(a);
  m2 = ROW_RE.exec(b);
  if (m1 && m2) {
    const rA = Number(m1[1]) - 1, rB = Number(m2[1]) - 1;
    if (rA < 0 || rB < 0 || rA >= MAX_ROWS || rB >= MAX_ROWS) return null;
    return { r0: Math.min(rA, rB), c0: 0, nr: Math.abs(rA - rB) + 1, nc: MAX_COLS };
  }
  return null;
}

export function isUnbounded(r: Rect): boolean {
  return r.nr === MAX_ROWS || r.nc === MAX_COLS;
}

/** Local A1 text of a rectangle, Excel style ("A1", "A1:B4", "A:A", "2:2"). */
export function rectA1(r: Rect): string {
  if (r.nr === MAX_ROWS) return `${columnLetters(r.c0 + 1)}:${columnLetters(r.c0 + r.nc)}`;
  if (r.nc === MAX_COLS) return `${r.r0 + 1}:${r.r0 + r.nr}`;
  const tl = `${columnLetters(r.c0 + 1)}${r.r0 + 1}`;
  if (r.nr === 1 && r.nc === 1) return tl;
  return `${tl}:${columnLetters(r.c0 + r.nc)}${r.r0 + r.nr}`;
}

/**
 * Sheet name as Range.address prints it: quoted when it holds characters outside letters,
 * digits, "_" and ".", starts with a digit or ".", or looks like a cell reference.
 */
export function addressSheetName(name: string): string {
  const plain =
    /^[\p{L}\p{N}_.]+$/u.test(name) &&
    !/^[\d.]/.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[Rr]\d*[Cc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Splits an optional sheet prefix: "'Tân Đức'!A1" → { sheet: "Tân Đức", local: "A1" }. */
export function splitSheetPrefix(text: string): { sheet: string | null; local: string } {
  const t = text.trim();
  if (t.startsWith("'")) {
    let i = 1;
    let name = "";
    while (i < t.length) {
      if (t[i] === "'") {
        if (t[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += t[i++];
    }
    if (t[i] === "'" && t[i + 1] === "!") return { sheet: name, local: t.slice(i + 2) };
    return { sheet: null, local: t };
  }
  const bang = t.lastIndexOf("!");
  if (bang > 0) return { sheet: t.slice(0, bang), local: t.slice(bang + 1) };
  return { sheet: null, local: t };
}

/* ------------------------------------------------------------------ references in formulas */

/** A sheet prefix in a formula: 'Quoted ''name'''! or plain!, not inside a "string literal". */
const SHEET_PREFIX = /'((?:[^']|'')+)'!|(?<![\p{L}\p{N}_.'!#])([\p{L}\p{N}_.]+)!/gu;

/**
 * Rewrites the references to sheet `name` (compared ignoring case) in a formula: to `to` when the
 * sheet is renamed (Excel follows the rename), to "#REF!" when `to` is null (the sheet was deleted:
 * `=TongHop!C10` becomes `=#REF!C10`). Text inside string literals ("#'TongHop'!A1" of a
 * HYPERLINK) is left alone, as Excel does. Returns null when nothing referred to the sheet.
 */
export function rewriteSheetRefs(formula: string, name: string, to: string | null): string | null {
  const lower = name.toLowerCase();
  let changed = false;
  const parts = formula.split('"');
  for (let i = 0; i < parts.length; i += 2) {
    parts[i] = parts[i].replace(SHEET_PREFIX, (whole, quoted: string | undefined, plain: string | undefined) => {
      const ref = quoted !== undefined ? quoted.replace(/''/g, "'") : (plain as string);
      if (ref.toLowerCase() !== lower) return whole;
      changed = true;
      return to === null ? "#REF!" : `${addressSheetName(to)}!`;
    });
  }
  return changed ? parts.join('"') : null;
}

/* ------------------------------------------------------------------ sheet names */

const BAD_NAME = /[:\\/?*[\]]/;

export function sheetNameValid(name: unknown): name is string {
  return (
    typeof name === "string" &&
    name.trim().length > 0 &&
    name.length < 32 &&
    !BAD_NAME.test(name) &&
    !name.startsWith("'") &&
    !name.endsWith("'") &&
    name.toLowerCase() !== "history"
  );
}

export function findSheet(book: Book, nameOrId: string): Sheet | undefined {
  const lower = nameOrId.toLowerCase();
  return book.sheets.find((s) => s.id === nameOrId || s.name.toLowerCase() === lower);
}

export function newSheet(book: Book, name: string): Sheet {
  const id = `{00000000-0001-0000-${String(book.nextSheetNumber).padStart(4, "0")}-000000000000}`;
  book.nextSheetNumber++;
  return {
    id,
    name,
    visibility: "Visible",
    tabColor: "",
    cells: new Map(),
    columnWidths: new Map(),
    merges: [],
    frozenRows: 0,
    charts: [],
    rowHeights: new Map(),
    hiddenRows: new Set(),
    page: defaultPageSetup(),
  };
}

export function defaultSheetName(book: Book): string {
  for (let n = 1; ; n++) {
    const name = `Sheet${n}`;
    if (!findSheet(book, name)) return name;
  }
}

export function cloneSheet(s: Sheet): Sheet {
  const cells = new Map<number, Cell>();
  for (const [k, c] of s.cells) cells.set(k, { ...c, font: c.font ? { ...c.font } : undefined });
  return {
    ...s,
    cells,
    columnWidths: new Map(s.columnWidths),
    merges: [...s.merges],
    charts: s.charts.map((c) => ({ ...c, series: c.series.map((x) => ({ ...x })) })),
    rowHeights: new Map(s.rowHeights),
    hiddenRows: new Set(s.hiddenRows),
    page: { ...s.page, zoom: { ...s.page.zoom }, titleRows: s.page.titleRows && { ...s.page.titleRows }, printArea: s.page.printArea && { ...s.page.printArea } },
  };
}

/* ------------------------------------------------------------------ used range */

/** Bounding rectangle of cells with a value/formula (valuesOnly) or with anything; null if none. */
export function usedRect(s: Sheet, valuesOnly: boolean): Rect | null {
  let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
  for (const [k, c] of s.cells) {
    const hasValue = c.v !== null || c.f !== undefined;
    const hasFormat =
      c.nf !== undefined || c.font !== undefined || c.fill !== undefined || c.halign !== undefined || c.wrap !== undefined;
    if (!(hasValue || (!valuesOnly && hasFormat))) continue;
    const r = Math.floor(k / MAX_COLS), col = k % MAX_COLS;
    if (r < r0) r0 = r;
    if (r > r1) r1 = r;
    if (col < c0) c0 = col;
    if (col > c1) c1 = col;
  }
  if (r1 < 0) return null;
  return { r0, c0, nr: r1 - r0 + 1, nc: c1 - c0 + 1 };
}

/* ------------------------------------------------------------------ writing values */

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
