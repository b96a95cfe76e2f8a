/**
 * The usual `<sheetData>` read straight from the text: rows of cells, each empty or holding an
 * optional `<f>` and an optional `<v>`, attributes in double or single quotes. No tag object, no
 * event and no attribute map per element: the attributes a cell needs (r, t, s; a formula's t and
 * si) are read where they stand, and each cell ends in `CellReader.finish` as the event path's do.
 *
 * Exact or decline, a row at a time (`./xml-scan` checks what the tokenizer checks): a row of an
 * unusual shape (a prefixed element, white space inside a cell, an inline string, a comment,
 * CDATA, any other element, anything `./xml-scan` declines) is left, with the rest of the sheet,
 * to the tokenizer, which reads it event by event from its start.
 */
import type { CellReader } from "./sheet-cells";
import * as values from "./sheet-values";
import * as scan from "./xml-scan";
import type { PrefixBound } from "./xml-scan";

// Module constants, not imports: compiled to CommonJS, an imported name is a property load of the
// other module's object at every use, which in these loops cost ~20 % of reading a unit's file.
const LT = 0x3c;
const SLASH = 0x2f;
const REF_ROW = values.REF_ROW;
const readRefAt = values.readRefAt;
const { at, last, attributes, cellAttributes, closeTag, digits, find1, textEnd, textOf, valueOf, openTag, skipSpace } = scan;

/** Rows read by the scan and scans that left rows to the tokenizer, for tests and diagnostics. */
export const scanCounts = { rows: 0, declined: 0 };

/**
 * Read the rows of an unprefixed `<sheetData>` whose content starts at `start` into `cells`, as far
 * as they have the usual shape; returns where the tokenizer is to go on: the closing tag's '<'
 * when every row was read, else the start of the first row not read (`cells` as the rows before
 * it left it), for the tokenizer to report from there. `bound` tells whether a prefix is bound
 * where the sheetData element is.
 */
export function scanSheetData(src: string, start: number, cells: CellReader, bound: PrefixBound): number {
  let done = start;
  const undo: [string, { f: string; r: number; c: number } | undefined][] = [];
  for (;;) {
    let i = skipSpace(src, done);
    if (src.charCodeAt(i) === LT && src.charCodeAt(i + 1) === SLASH) return i;
    const { row, col, maxRow, maxCol } = cells;
    const nCells = cells.count;
    const nPending = cells.pending.length;
    undo.length = 0;
    i = row1(src, i, cells, bound, undo);
    if (i < 0) {
      // Back to where this row began.
      cells.truncate(nCells);
      cells.pending.length = nPending;
      for (let k = undo.length - 1; k >= 0; k--) {
        const [si, before] = undo[k];
        if (before) cells.shared.set(si, before);
        else cells.shared.delete(si);
      }
      Object.assign(cells, { row, col, maxRow, maxCol });
      cells.startCell();
      scanCounts.declined++;
      return done;
    }
    scanCounts.rows++;
    done = i;
  }
}

/** One `<row>` at i: its offset after it, or -1. Shared formulas set are logged in `undo`. */
function row1(src: string, i: number, cells: CellReader, bound: PrefixBound, undo: [string, { f: string; r: number; c: number } | undefined][]): number {
  if (!openTag(src, i, "row")) return -1;
  i = attributes(src, i + 4, bound);
  if (i < 0) return -1;
  // <row r="…">: Number(r) when it is a whole number from 1, else the row after the previous one.
  const rk = find1(src, 0x72);
  let r = rk < 0 ? -1 : digits(src, at[rk + 2], at[rk + 3]);
  if (rk >= 0 && r < 0) r = Number(src.slice(at[rk + 2], at[rk + 3]));
  cells.row = Number.isInteger(r) && r >= 1 ? r : cells.row + 1;
  cells.col = 0;
  if (last.selfClosing) return i;
  i = skipSpace(src, i);
  while (openTag(src, i, "c")) {
    const quick = cellAttributes(src, i + 2);
    i = quick >= 0 ? quick : attributes(src, i + 2, bound);
    if (i < 0) return -1;
    i = cell(src, i, cells, bound, undo);
    if (i < 0) return -1;
    i = skipSpace(src, i);
  }
  return closeTag(src, i, "row");
}

/** One cell whose start tag was just read (attributes in `at`); the offset after it, or -1. */
function cell(src: string, i: number, cells: CellReader, bound: PrefixBound, undo: [string, { f: string; r: number; c: number } | undefined][]): number {
  // Its r, t and s (one pass; no attribute appears twice, `attributes` saw to it).
  let ref = -1;
  let sharedString = false;
  let type: string | null = null;
  let style = 0;
  for (let k = 0; k < last.n * 4; k += 4) {
    const s = at[k];
    if (s < 0 || at[k + 1] !== s + 1) continue;
    const vs = at[k + 2];
    const ve = at[k + 3];
    const ch = src.charCodeAt(s);
    if (ch === 0x72) ref = readRefAt(src, vs, ve);
    else if (ch === 0x74) {
      sharedString = ve === vs + 1 && src.charCodeAt(vs) === 0x73;
      type = sharedString ? "s" : src.slice(vs, ve);
    } else if (ch === 0x73) {
      const n = digits(src, vs, ve);
      style = n >= 0 ? n : Number(src.slice(vs, ve)) || 0;
    }
  }
  if (ref >= 0) {
    cells.row = Math.floor(ref / REF_ROW);
    cells.col = ref % REF_ROW;
  } else cells.col += 1;
  cells.startCell();
  if (type !== null) cells.type = type;
  cells.style = style;
  if (last.selfClosing) {
    cells.finish();
    return i;
  }
  if (openTag(src, i, "f")) {
    i = attributes(src, i + 2, bound);
    if (i < 0) return -1;
    cells.hasF = true;
    cells.fShared = valueOf(src, "t") === "shared" ? valueOf(src, "si") : undefined;
    if (!last.selfClosing) {
      const e = textEnd(src, i);
      if (e < 0) return -1;
      const text = textOf(src, i, e);
      if (text === null) return -1;
      cells.f = text === "" ? null : text;
      i = closeTag(src, e, "f");
      if (i < 0) return -1;
    }
  }
  // A shared string's index or a whole number, read without its text (`CellReader.finishShared`, `finishNumber`).
  let whole = -1;
  if (src.startsWith("<v>", i)) {
    const e = textEnd(src, i + 3);
    if (e < 0) return -1;
    if (!cells.hasF && !last.amp && (sharedString || type === null)) whole = digits(src, i + 3, e);
    if (whole < 0) {
      const text = textOf(src, i + 3, e);
      if (text === null) return -1;
      cells.v = text;
    }
    i = closeTag(src, e, "v");
    if (i < 0) return -1;
  }
  i = closeTag(src, i, "c");
  if (i < 0) return -1;
  if (whole >= 0) {
    if (sharedString) cells.finishShared(whole);
    else cells.finishNumber(whole);
    return i;
  }
  if (cells.fShared !== undefined && cells.f) undo.push([cells.fShared, cells.shared.get(cells.fShared)]);
  cells.finish();
  return i;
}
