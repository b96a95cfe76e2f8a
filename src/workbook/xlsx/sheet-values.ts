/**
 * What a worksheet's cells are made of, read from their text: A1 references, ISO 8601 dates as
 * serials, constant formulas, and a shared formula's copies shifted (ECMA-376 Part 1, 18.3.1.4
 * and 18.3.1.40). Pure functions shared by both ways of reading a sheet (`./sheet`, `./sheet-cells`).
 */
import type { CellValue } from "../../core/types";

/** Days between the 1904 and the 1900 date systems' day zero. */
export const DAYS_1904 = 1462;
const MS_PER_DAY = 86_400_000;
/** Excel's last row and column. */
export const MAX_ROW = 1_048_576;
export const MAX_COL = 16_384;

/** An A1 reference's row and column (1-based); null when it is not one. */
export function parseRef(ref: string): { row: number; col: number } | null {
  const at = readRefAt(ref, 0, ref.length);
  return at < 0 ? null : { row: Math.floor(at / REF_ROW), col: at % REF_ROW };
}

/** `readRefAt`'s result is row × REF_ROW + column. */
export const REF_ROW = 32_768;

/**
 * The A1 reference src[start, end) (`$` allowed) read without a string or an object (this runs
 * for every cell): row × REF_ROW + column (1-based, within Excel's 1,048,576 rows and 16,384
 * columns), or -1 when it is not one.
 */
export function readRefAt(src: string, start: number, end: number): number {
  // ^\$?[A-Za-z]{1,3}\$?\d+$, a character at a time.
  let i = src.charCodeAt(start) === 0x24 ? start + 1 : start;
  let col = 0;
  const letters = i;
  for (; i < end; i++) {
    const c = src.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + c - 0x60;
  }
  if (i === letters || i - letters > 3) return -1;
  if (i < end && src.charCodeAt(i) === 0x24) i++;
  const digits = i;
  let row = 0;
  for (; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    row = row * 10 + c - 0x30;
    if (row > MAX_ROW) return -1;
  }
  if (i === digits || row < 1 || col > MAX_COL) return -1;
  return row * REF_ROW + col;
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
export function constantFormula(f: string): CellValue | undefined {
  const body = f.trim().replace(/^=/, "").trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(E[+-]?\d+)?$/i.test(body)) return Number(body);
  if (/^"([^"]|"")*"$/.test(body)) return body.slice(1, -1).replace(/""/g, '"') || null;
  if (/^(TRUE|FALSE)$/i.test(body)) return body.toUpperCase() === "TRUE";
  return undefined;
}

export function colLetters(n: number): string {
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
