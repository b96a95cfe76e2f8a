/**
 * Reading single cells of a grid and interpreting them as the template's types
 * (count, date, text), with the outcome every rule needs to phrase its finding.
 */
import type { CellError, CellValue, SheetGrid } from "./types";
import { readDateText } from "./dates";
import type { DateText } from "./dates";
import { looksEmpty, quoteTyped, trimTyped, withoutFormatChars } from "./typed";
import { nfc, readNumberText } from "./vi";

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && typeof (v as CellError).error === "string";
}

/** The value at (row, column), 1-based; null outside the grid. */
export function cellAt(grid: SheetGrid, row: number, column: number): CellValue {
  const r = grid.values[row - 1];
  if (!r) return null;
  const v = r[column - 1];
  return v === undefined ? null : v;
}

export function fontAt(grid: SheetGrid, row: number, column: number): string | null {
  return grid.fonts?.[row - 1]?.[column - 1] ?? null;
}

/** Blank: null, or text a person sees as empty (only white space and invisible format characters). */
export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === "string" && looksEmpty(v));
}

/** A cell's text quoted for a message, naming the characters a person cannot see in it (see `quoteTyped`). */
export function quoteCell(v: CellValue): string {
  return quoteTyped(cellText(v));
}

/** Text of a cell as a person reads it (numbers as typed by JS; errors as their code). */
export function cellText(v: CellValue): string {
  if (v === null) return "";
  if (isCellError(v)) return v.error;
  return String(v);
}

/** Row → code, for the cells of one column: where each code stands (found by code, never by position). */
export interface CodeIndex {
  /** First row (1-based) of each code. */
  rows: Map<string, number>;
  /** Codes found on more than one row, with all their rows. */
  duplicates: Map<string, number[]>;
}

/**
 * Whether `text` holds only A–Z, 0–9 and "_": a code as typed in the template, which trimming,
 * dropping format characters and upper-casing all leave as it is (so callers may skip them).
 */
export function isPlainCode(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f)) return false;
  }
  return true;
}

/** A cell of a code column as a code: without white space or format characters, upper case. */
export function codeOf(text: string): string {
  return isPlainCode(text) ? text : withoutFormatChars(trimTyped(text)).toUpperCase();
}

/**
 * Whether column `column` (1-based) holds a text that is `code` once trimmed (String.prototype.trim)
 * and upper-cased: how a report (MAU, MA_DV) or coverage rows (TH_DV_TONGHOP) are recognised.
 */
export function columnHasCode(grid: SheetGrid, column: number, ...codes: string[]): boolean {
  for (const r of grid.values) {
    const v = r[column - 1];
    if (typeof v !== "string") continue;
    const c = isPlainCode(v) ? v : v.trim().toUpperCase();
    if (codes.includes(c)) return true;
  }
  return false;
}

export function indexCodes(grid: SheetGrid, column: number, accept: (code: string) => boolean): CodeIndex {
  const rows = new Map<string, number>();
  const duplicates = new Map<string, number[]>();
  const values = grid.values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i][column - 1];
    if (typeof v !== "string") continue;
    const code = codeOf(v);
    if (!accept(code)) continue;
    const first = rows.get(code);
    if (first === undefined) {
      rows.set(code, i + 1);
    } else {
      const list = duplicates.get(code) ?? [first];
      list.push(i + 1);
      duplicates.set(code, list);
    }
  }
  return { rows, duplicates };
}

export type CountReading =
  | { kind: "blank" }
  | { kind: "ok"; value: number }
  /** Text that reads as a number for certain ("1.234", " 12 ", "1 234", "１２", "12\u200b"): taken, with a warning. */
  | { kind: "text-number"; value: number; text: string }
  /** Text that is not a number ("ba", "12 người"), or a boolean. */
  | { kind: "not-number"; text: string }
  /** "1,000": 1000 with an English thousands comma, 1 with a Vietnamese decimal comma. Refused. */
  | { kind: "ambiguous"; text: string; thousands: number; decimal: number }
  /** "1,000,000", "1,234.5": English notation (commas group thousands). Refused: here a comma is the decimal mark. */
  | { kind: "english"; text: string; value: number }
  /** Below zero; `text` when it was typed as text. */
  | { kind: "negative"; value: number; text?: string }
  /** Not a whole number ("1,5", 2.5); `text` when it was typed as text. */
  | { kind: "fraction"; value: number; text?: string }
  | { kind: "error"; code: string };

/**
 * Interpret a cell as a count (a whole number ≥ 0). Blank is not zero. Text is read by
 * `readNumberText`: only a text that means one number for certain gives a value.
 */
export function readCount(v: CellValue): CountReading {
  if (isBlank(v)) return { kind: "blank" };
  if (isCellError(v)) return { kind: "error", code: v.error };
  if (typeof v === "boolean") return { kind: "not-number", text: v ? "TRUE" : "FALSE" };
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { kind: "not-number", text: String(v) };
    if (v < 0) return { kind: "negative", value: v };
    if (!Number.isInteger(v)) return { kind: "fraction", value: v };
    return { kind: "ok", value: v };
  }
  const text = String(v); // a string: blank, errors, booleans and numbers are handled above
  const r = readNumberText(text);
  switch (r.kind) {
    case "not-number":
      return { kind: "not-number", text };
    case "ambiguous":
      return { kind: "ambiguous", text, thousands: r.thousands, decimal: r.decimal };
    case "english":
      return { kind: "english", text, value: r.value };
    case "number":
      if (r.value < 0) return { kind: "negative", value: r.value, text };
      if (!Number.isInteger(r.value)) return { kind: "fraction", value: r.value, text };
      return { kind: "text-number", value: r.value, text };
  }
}

export type DateReading =
  | { kind: "blank" }
  /** A date; `text` is what was typed when it was text (read with a warning). */
  | { kind: "ok"; serial: number; fromText: boolean; text?: string }
  /** Not a date: `why` says whether it had a date's shape (a day that does not exist, a two-digit year). */
  | { kind: "invalid"; text: string; why: Exclude<DateText, { kind: "date" }> }
  | { kind: "error"; code: string };

/**
 * Interpret a cell as a date: an Excel serial (a date-formatted cell, 1 = 01/01/1900) or a text in
 * one of the unambiguous forms of `readDateText` (dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd,
 * "ngày 05 tháng 9 năm 2020").
 */
export function readDate(v: CellValue): DateReading {
  if (isBlank(v)) return { kind: "blank" };
  if (isCellError(v)) return { kind: "error", code: v.error };
  if (typeof v === "number") {
    // Serial 1 = 01/01/1900; 2958465 = 31/12/9999. The time of day is dropped.
    if (Number.isFinite(v) && v >= 1 && v < 2958466) return { kind: "ok", serial: Math.floor(v), fromText: false };
    return { kind: "invalid", text: String(v), why: { kind: "not-date" } };
  }
  if (typeof v === "string") {
    const r = readDateText(v);
    if (r.kind === "date") return { kind: "ok", serial: r.serial, fromText: true, text: v };
    return { kind: "invalid", text: v, why: r };
  }
  return { kind: "invalid", text: String(v), why: { kind: "not-date" } };
}

/**
 * Text of a text item: NFC, without white space or invisible format characters at either end;
 * null when blank. Numbers become their digits (a code typed as 01 stays "1").
 */
export function readText(v: CellValue): string | null {
  if (isBlank(v) || isCellError(v)) return null;
  return trimTyped(nfc(String(v)));
}

/**
 * Text of a code (MA_DV): as `readText`, and without invisible format characters anywhere
 * (zero-width space, BOM, soft hyphen: Unicode Cf), so "TCCS\u200b05" is the unit TCCS05.
 */
export function readCode(v: CellValue): string | null {
  const t = readText(v);
  return t === null ? null : withoutFormatChars(t);
}
