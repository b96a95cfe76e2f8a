/**
 * Reading single cells of a grid and interpreting them as the template's types
 * (count, date, text), with the outcome every rule needs to phrase its finding.
 */
import type { CellError, CellValue, SheetGrid } from "./types";
import { parseDateText } from "./dates";
import { parseViNumber } from "./vi";

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

/** Blank: null, or text made only of white space. */
export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
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

export function indexCodes(grid: SheetGrid, column: number, accept: (code: string) => boolean): CodeIndex {
  const rows = new Map<string, number>();
  const duplicates = new Map<string, number[]>();
  grid.values.forEach((r, i) => {
    const v = r[column - 1];
    if (typeof v !== "string") return;
    const code = v.trim().toUpperCase();
    if (!accept(code)) return;
    const first = rows.get(code);
    if (first === undefined) {
      rows.set(code, i + 1);
    } else {
      const list = duplicates.get(code) ?? [first];
      list.push(i + 1);
      duplicates.set(code, list);
    }
  });
  return { rows, duplicates };
}

export type CountReading =
  | { kind: "blank" }
  | { kind: "ok"; value: number }
  /** Text that reads as a number ("1.234", " 12 "): taken, with a warning. */
  | { kind: "text-number"; value: number; text: string }
  /** Text that is not a number ("ba", "12 người"), or a boolean. */
  | { kind: "not-number"; text: string }
  | { kind: "negative"; value: number }
  | { kind: "fraction"; value: number }
  | { kind: "error"; code: string };

/** Interpret a cell as a count (a whole number ≥ 0). Blank is not zero. */
export function readCount(v: CellValue): CountReading {
  if (isBlank(v)) return { kind: "blank" };
  if (isCellError(v)) return { kind: "error", code: v.error };
  if (typeof v === "boolean") return { kind: "not-number", text: v ? "TRUE" : "FALSE" };
  const text = typeof v === "string" ? v : null;
  const parsed = text === null ? null : parseViNumber(text);
  if (text !== null && parsed === null) return { kind: "not-number", text };
  const value = parsed ? parsed.value : (v as number);
  if (!Number.isFinite(value)) return { kind: "not-number", text: String(v) };
  if (value < 0) return { kind: "negative", value };
  if (!Number.isInteger(value)) return { kind: "fraction", value };
  return text === null ? { kind: "ok", value } : { kind: "text-number", value, text };
}

export type DateReading =
  | { kind: "blank" }
  | { kind: "ok"; serial: number; fromText: boolean }
  | { kind: "invalid"; text: string }
  | { kind: "error"; code: string };

/** Interpret a cell as a date: an Excel serial (a date-formatted cell) or text dd/mm/yyyy. */
export function readDate(v: CellValue): DateReading {
  if (isBlank(v)) return { kind: "blank" };
  if (isCellError(v)) return { kind: "error", code: v.error };
  if (typeof v === "number") {
    // Serial 1 = 01/01/1900; 2958465 = 31/12/9999. The time of day is dropped.
    if (Number.isFinite(v) && v >= 1 && v < 2958466) return { kind: "ok", serial: Math.floor(v), fromText: false };
    return { kind: "invalid", text: String(v) };
  }
  if (typeof v === "string") {
    const serial = parseDateText(v);
    if (serial !== null) return { kind: "ok", serial, fromText: true };
    return { kind: "invalid", text: v };
  }
  return { kind: "invalid", text: String(v) };
}

/** Text of a text item: trimmed, NFC; null when blank. Numbers become their digits (a code typed as 01 stays "1"). */
export function readText(v: CellValue): string | null {
  if (isBlank(v) || isCellError(v)) return null;
  return String(v).trim().normalize("NFC");
}
