/**
 * One worksheet part → a SheetGrid, streamed. Every legal cell form of ECMA-376 Part 1, 18.3.1.4:
 * shared strings (`t="s"`), inline strings (`t="inlineStr"`, rich runs joined), formula strings
 * (`t="str"`), booleans (`t="b"`), errors (`t="e"`), ISO 8601 dates (`t="d"`, to a serial of the
 * 1900 system) and numbers (the default; date-formatted ones of a 1904 workbook moved to the
 * 1900 system by 1,462 days). Rows and cells without the optional `r` follow the previous one.
 *
 * A formula cell carries its stored result (0 included). A formula saved without a result
 * (scripts write these, `<v/>` or no `<v>`), or in a workbook that asks for a full recalculation
 * on load (XlsxWriter stores 0 then), is computed when it can be known for sure (`./formula`);
 * otherwise the cell holds the error value `NO_RESULT`, whose text tells the user what to do.
 *
 * Empty cells cost nothing: styled empty cells and the rows they leave empty are cut from the
 * bytes before parsing (`./empty-cells`), so a sheet formatted down to row 1,048,576 parses like
 * an ordinary one.
 */
import type { CellValue, SheetGrid } from "../../core/types";
import { NO_STORED_RESULT } from "../../core/types";
import { attr, isSmlUri, keepText, parsePart } from "./xml";
import type { Tag } from "./xml";
import type { CellStyles } from "./styles";
import type { SharedStrings } from "./strings";
import type { ZipEntry, ZipPackage } from "./zip";
import { computePending } from "./formula";
import { dropEmptyCells } from "./empty-cells";

/** The value of a formula cell whose file holds no result (read as an error value, rule V04). */
export const NO_RESULT = NO_STORED_RESULT;

/** Days between the 1904 and the 1900 date systems' day zero. */
export const DAYS_1904 = 1462;
const MS_PER_DAY = 86_400_000;
/**
 * Largest grid (rows × columns from A1 to the last kept cell) a sheet may give: the core works
 * on dense grids, and a stray value far away (XFD1048576) would ask for billions of cells. Cells
 * beyond it are handed over as `SheetGrid.far` (see `splitFar`), never dropped silently.
 */
export const MAX_GRID_CELLS = 6_000_000;
/** Excel's last row and column. */
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

export interface SheetContext {
  strings: SharedStrings;
  styles: CellStyles;
  date1904: boolean;
  /** The workbook asks for a full recalculation on load: stored results are not to be trusted. */
  fullCalcOnLoad: boolean;
  formulas: boolean;
  fonts: boolean;
}

/** An A1 reference's row and column (1-based); null when it is not one. */
export function parseRef(ref: string): { row: number; col: number } | null {
  return readRef(ref) ? { row: refRow, col: refCol } : null;
}

/** The last reference `readRef` read. */
let refRow = 0;
let refCol = 0;

/** `parseRef` without an object (this runs for every cell): true and refRow, refCol set, or false. */
function readRef(ref: string): boolean {
  // ^\$?[A-Za-z]{1,3}\$?\d+$, a character at a time.
  const n = ref.length;
  let i = ref.charCodeAt(0) === 0x24 ? 1 : 0;
  let col = 0;
  const letters = i;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + c - 0x60;
  }
  if (i === letters || i - letters > 3) return false;
  if (ref.charCodeAt(i) === 0x24) i++;
  const digits = i;
  let row = 0;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
    row = row * 10 + c - 0x30;
  }
  if (i === digits || row < 1 || row > MAX_ROW || col > MAX_COL) return false;
  refRow = row;
  refCol = col;
  return true;
}

/**
 * An ISO 8601 date or date-time ("2020-09-01", "2020-09-01T00:00:00", "…T08:30:00.000Z") as a
 * serial of the 1900 date system (days since 30/12/1899, time as the fraction); null otherwise.
 */
export function isoToSerial(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  const ms = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  const serial = t / MS_PER_DAY + 25569;
  // Excel's serials count a 29/02/1900 that never was: dates before 01/03/1900 are one less.
  return serial < 61 ? serial - 1 : serial;
}

/** A formula's value when it is a constant ("5", "-2.5", "\"text\"", "TRUE"); undefined otherwise. */
function constantFormula(f: string): CellValue | undefined {
  const body = f.trim().replace(/^=/, "").trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(E[+-]?\d+)?$/i.test(body)) return Number(body);
  if (/^"([^"]|"")*"$/.test(body)) return body.slice(1, -1).replace(/""/g, '"') || null;
  if (/^(TRUE|FALSE)$/i.test(body)) return body.toUpperCase() === "TRUE";
  return undefined;
}

function colLetters(n: number): string {
  let letters = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Shift a formula's relative A1 references by rows and columns (a shared formula's copies). */
export function shiftFormula(f: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return f;
  return f.replace(/("(?:[^"]|"")*")|('(?:[^']|'')*'!)|(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\w.(!])/g, (all, str, sheet, cAbs, col, rAbs, row, at, whole) => {
    if (str || sheet) return all;
    const before = at > 0 ? (whole as string)[at - 1] : "";
    if (/[\w.]/.test(before)) return all;
    let c = 0;
    for (const ch of col as string) c = c * 26 + ch.charCodeAt(0) - 64;
    const nc = cAbs ? c : c + dc;
    const nr = rAbs ? Number(row) : Number(row) + dr;
    if (nc < 1 || nr < 1) return "#REF!";
    return `${cAbs}${colLetters(nc)}${rAbs}${nr}`;
  });
}

/** Read one worksheet part into a grid named `name` (values; formulas and fonts on request). */
export function readSheet(pkg: ZipPackage, e: ZipEntry, name: string, ctx: SheetContext): SheetGrid {
  const cells: { r: number; c: number; v: CellValue; f: string | null; font: string | null }[] = [];
  const pending: { r: number; c: number; f: string; at: number }[] = [];
  const shared = new Map<string, { f: string; r: number; c: number }>();
  let maxRow = 0;
  let maxCol = 0;
  let row = 0;
  let col = 0;
  let inData = false;
  // The cell being read.
  let type = "n";
  let style = 0;
  let v: string | null = null;
  let f: string | null = null;
  // The cell's <f>: present, its shared formula index (t="shared" si="…") when it has one.
  let hasF = false;
  let fShared: string | undefined;
  let inline: string | null = null;
  let capture: "" | "v" | "f" | "t" = "";
  let phonetic = 0;
  let text = "";

  const finish = () => {
    let value: CellValue = null;
    let font = ctx.fonts ? (ctx.styles.font[style] ?? null) : null;
    if (hasF) {
      const si = fShared;
      if (si !== undefined) {
        const master = shared.get(si);
        if (f) shared.set(si, { f, r: row, c: col });
        else if (master) f = shiftFormula(master.f, row - master.r, col - master.c);
      }
    }
    const unsure = hasF && (v === null || (v === "" && type !== "str") || ctx.fullCalcOnLoad);
    if (unsure) {
      const known = f === null ? undefined : constantFormula(f);
      value = known === undefined ? { error: NO_RESULT } : known;
      if (known === undefined && f !== null) pending.push({ r: row, c: col, f, at: cells.length });
    } else if (v !== null) {
      switch (type) {
        case "s": {
          const i = Number(v);
          value = ctx.strings.text[i] ?? null;
          if (ctx.fonts && ctx.strings.font[i]) font = ctx.strings.font[i];
          break;
        }
        case "str":
        case "inlineStr":
          value = v === "" ? null : keepText(v);
          break;
        case "b":
          value = v.trim() === "1" || v.trim().toLowerCase() === "true";
          break;
        case "e":
          value = { error: keepText(v.trim()) };
          break;
        case "d": {
          const serial = isoToSerial(v);
          value = serial === null ? keepText(v) : serial;
          break;
        }
        default: {
          const n = v.trim() === "" ? NaN : Number(v);
          if (Number.isFinite(n)) value = ctx.date1904 && ctx.styles.date[style] ? n + DAYS_1904 : n;
          else value = v.trim() === "" ? null : keepText(v);
        }
      }
      if (value === "") value = null;
    } else if (inline !== null) {
      value = inline === "" ? null : keepText(inline);
    }
    const formula = ctx.formulas && f ? keepText(`=${f}`) : null;
    if (value === null && formula === null && !unsure) return;
    cells.push({ r: row, c: col, v: value, f: formula, font });
    if (row > maxRow) maxRow = row;
    if (col > maxCol) maxCol = col;
  };

  parsePart(
    pkg,
    e,
    {
      reset() {
        cells.length = 0;
        pending.length = 0;
        shared.clear();
        maxRow = maxCol = row = col = phonetic = 0;
        inData = hasF = false;
        capture = "";
        v = f = inline = null;
      },
      open(tag: Tag) {
        if (!isSmlUri(tag.uri)) return;
        switch (tag.local) {
          case "sheetData":
            inData = true;
            break;
          case "row": {
            if (!inData) break;
            const r = Number(attr(tag, "r"));
            row = Number.isInteger(r) && r >= 1 ? r : row + 1;
            col = 0;
            break;
          }
          case "c": {
            if (!inData) break;
            const ref = attr(tag, "r");
            if (ref && readRef(ref)) {
              row = refRow;
              col = refCol;
            } else col += 1;
            type = attr(tag, "t") ?? "n";
            style = Number(attr(tag, "s") ?? 0) || 0;
            v = f = inline = null;
            hasF = false;
            break;
          }
          case "v":
            capture = "v";
            text = "";
            break;
          case "f":
            capture = "f";
            hasF = true;
            fShared = attr(tag, "t") === "shared" ? attr(tag, "si") : undefined;
            text = "";
            break;
          case "is":
            inline = "";
            break;
          case "rPh":
            phonetic++;
            break;
          case "t":
            if (inline !== null && phonetic === 0) {
              capture = "t";
              text = "";
            }
            break;
        }
      },
      text(t: string) {
        if (capture) text += t;
      },
      close(tag: Tag) {
        if (!isSmlUri(tag.uri)) return;
        switch (tag.local) {
          case "sheetData":
            inData = false;
            break;
          case "v":
            if (capture === "v") v = text;
            capture = "";
            break;
          case "f":
            if (capture === "f") f = text === "" ? null : text;
            capture = "";
            break;
          case "t":
            if (capture === "t") inline += text;
            capture = "";
            break;
          case "rPh":
            phonetic--;
            break;
          case "c":
            if (inData) finish();
            break;
        }
      },
    },
    { filter: dropEmptyCells, fast: true },
  );

  if (pending.length) {
    const at = new Map(cells.map((x, i) => [`${x.r},${x.c}`, i]));
    const computed = computePending(pending, (r, c) => {
      const i = at.get(`${r},${c}`);
      return i === undefined ? null : cells[i].v;
    });
    for (const p of pending) {
      const v = computed.get(`${p.r},${p.c}`);
      if (v !== undefined) cells[p.at].v = v;
    }
  }

  // A stray value far away (a key pressed at XFD1048576) stays out of the dense grid and is
  // handed over as a far cell, for the core to report (S10).
  let kept = cells;
  let far: typeof cells = [];
  if (maxRow * maxCol > MAX_GRID_CELLS) {
    ({ kept, far } = splitFar(cells, MAX_GRID_CELLS));
    maxRow = kept.reduce((m, x) => Math.max(m, x.r), 0);
    maxCol = kept.reduce((m, x) => Math.max(m, x.c), 0);
  }
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  const fonts: (string | null)[][] = [];
  for (let r = 0; r < maxRow; r++) {
    values.push(new Array<CellValue>(maxCol).fill(null));
    if (ctx.formulas) formulas.push(new Array<string | null>(maxCol).fill(null));
    if (ctx.fonts) fonts.push(new Array<string | null>(maxCol).fill(null));
  }
  for (const x of kept) {
    values[x.r - 1][x.c - 1] = x.v;
    if (ctx.formulas) formulas[x.r - 1][x.c - 1] = x.f;
    if (ctx.fonts) fonts[x.r - 1][x.c - 1] = x.font;
  }
  const grid: SheetGrid = { name, values };
  if (ctx.formulas) grid.formulas = formulas;
  if (ctx.fonts) grid.fonts = fonts;
  if (far.length) grid.far = far.map((x) => ({ cell: `${colLetters(x.c)}${x.r}`, value: x.v }));
  return grid;
}

/**
 * Split a sheet's non-blank cells (1-based `r`, `c`) into those kept in the dense grid and the
 * far ones. Of the rectangles from A1 holding at most `limit` cells (for each last column C, the
 * rows up to ⌊limit / C⌋), the one keeping the most cells wins, the narrowest on a tie: one
 * stray cell costs that cell, a far column of values costs that column, never the data. Far
 * cells come back in sheet order (row, then column).
 */
export function splitFar<T extends { r: number; c: number }>(cells: readonly T[], limit: number): { kept: T[]; far: T[] } {
  const byCol = [...cells].sort((a, b) => a.c - b.c);
  const maxRow = cells.reduce((m, x) => Math.max(m, x.r), 0);
  // Fenwick tree over rows: how many cells of the columns seen so far lie in rows 1..r.
  const tree = new Int32Array(maxRow + 1);
  const add = (r: number) => {
    for (; r <= maxRow; r += r & -r) tree[r]++;
  };
  const upTo = (r: number) => {
    let n = 0;
    for (r = Math.min(r, maxRow); r > 0; r -= r & -r) n += tree[r];
    return n;
  };
  let best = { count: 0, rows: 0, cols: 0 };
  for (let i = 0; i < byCol.length; ) {
    const c = byCol[i].c;
    for (; i < byCol.length && byCol[i].c === c; i++) add(byCol[i].r);
    const rows = Math.floor(limit / c);
    const count = upTo(rows);
    if (count > best.count) best = { count, rows, cols: c };
  }
  const kept: T[] = [];
  const far: T[] = [];
  for (const x of cells) (x.r <= best.rows && x.c <= best.cols ? kept : far).push(x);
  far.sort((a, b) => a.r - b.r || a.c - b.c);
  return { kept, far };
}
