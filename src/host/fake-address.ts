/**
 * A1 addresses in the fake Excel host: parsing and printing rectangles, sheet names as Range.address
 * prints them, sheet prefixes, and references to a sheet inside formulas (rename, delete).
 */
import { columnLetters, columnNumber } from "../core/a1";
import { MAX_COLS, MAX_ROWS } from "./fake-model";

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
