/**
 * Turning the arguments Excel hands to a PDV.* function into the plain numbers of
 * src/core/indicators.ts, and the indicators' errors into Excel errors. Pure: no Office global is
 * touched here, the Excel error is built by an injected factory.
 *
 * What arrives (custom functions, shared runtime):
 * - a count parameter is declared as a matrix of `any`: a single cell or a literal arrives as [[x]],
 *   a range as rows of cells; a blank cell as null or "" (it counts 0, as in Excel arithmetic);
 * - a date parameter is declared `any`: a serial number, or text dd/mm/yyyy;
 * - an omitted optional argument arrives as null (TypeScript default values do not apply);
 * - a blank cell given to a scalar `any` parameter arrives as 0 on Excel desktop and as null on
 *   Excel on the web (office-js issues #4702, #5262, #1951; shared/notes/excel-api-facts.md §8).
 *   So a date serial 0 (00/01/1900, not a real date) and a name 0 are read as blank, and every
 *   function gives the same result on both.
 */
import { parseDateText } from "../core/dates";
import { IndicatorError, type IndicatorErrorKind } from "../core/indicators";
import { parseViNumber } from "../core/vi";

export const LABEL_ADMITTED = "da_ket_nap (số đảng viên đã kết nạp)";
export const LABEL_TARGET = "chi_tieu (chỉ tiêu kết nạp)";
export const LABEL_AS_OF = "ngay_chot (ngày chốt số liệu)";
export const LABEL_START = "ngay_dau (ngày đầu kỳ)";
export const LABEL_END = "ngay_cuoi (ngày cuối kỳ)";
export const LABEL_NAME = "ten (tên đảng bộ, chi bộ)";

function quote(v: unknown): string {
  const s = typeof v === "string" ? v : String(v);
  return s.length > 40 ? `"${s.slice(0, 40)}…"` : `"${s}"`;
}

function isBlankCell(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** One cell of a count argument as a number: blank → 0, a number, or text that reads as a number. */
function cellCount(v: unknown, label: string): number {
  if (isBlankCell(v)) return 0;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new IndicatorError("value", `${label}: giá trị không phải là số.`);
    return v;
  }
  if (typeof v === "string") {
    const parsed = parseViNumber(v);
    if (parsed === null) {
      throw new IndicatorError("value", `${label}: ${quote(v)} không phải là số.`);
    }
    return parsed.value;
  }
  if (typeof v === "boolean") {
    throw new IndicatorError("value", `${label}: giá trị TRUE/FALSE không phải là số.`);
  }
  throw new IndicatorError("value", `${label}: giá trị không phải là số.`);
}

/**
 * A count argument: a single value or a range (any nesting of arrays), summed.
 * Blank cells count 0; text that is not a number is a "value" error. Negative values are passed on
 * (the indicator turns them into #NUM!).
 */
export function sumCounts(arg: unknown, label: string): number {
  if (Array.isArray(arg)) {
    let total = 0;
    for (const item of arg) total += sumCounts(item, label);
    return total;
  }
  return cellCount(arg, label);
}

/** A single value out of [[x]]; a range of more than one cell where one value is expected is an error. */
function single(arg: unknown, label: string): unknown {
  let v = arg;
  while (Array.isArray(v)) {
    if (v.length !== 1) throw new IndicatorError("value", `${label}: cần một ô, không phải một vùng nhiều ô.`);
    v = v[0];
  }
  return v;
}

/**
 * A date argument: a serial number, or text dd/mm/yyyy. Returns null for an omitted (null) or blank
 * optional argument (blank: null, "", or 0 — Excel desktop's blank cell); a blank required date,
 * or anything else, is a "value" error. The serial's range is checked by the indicator (#NUM!).
 */
export function toDate(arg: unknown, label: string, optional: boolean): number | null {
  const v = single(arg, label);
  // Serial 0 is what Excel desktop passes for a blank cell; it is no real date.
  if (isBlankCell(v) || v === 0) {
    if (optional) return null;
    throw new IndicatorError("value", `${label}: chưa có ngày.`);
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new IndicatorError("value", `${label}: giá trị không phải là ngày.`);
    return v;
  }
  if (typeof v === "string") {
    const serial = parseDateText(v);
    if (serial === null) {
      throw new IndicatorError("value", `${label}: ${quote(v.trim())} không phải là ngày (nhập dạng dd/mm/yyyy).`);
    }
    return serial;
  }
  throw new IndicatorError("value", `${label}: giá trị không phải là ngày.`);
}

/** A required date argument (see toDate). */
export function toRequiredDate(arg: unknown, label: string): number {
  return toDate(arg, label, false) as number;
}

/**
 * An optional text argument: null/blank → undefined, and so is 0 (Excel desktop's blank cell: no
 * name is 0); other numbers and booleans become their text.
 */
export function toOptionalText(arg: unknown, label: string): string | undefined {
  const v = single(arg, label);
  if (isBlankCell(v) || v === 0) return undefined;
  if (typeof v === "string") return v.normalize("NFC").trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw new IndicatorError("value", `${label}: giá trị không phải là văn bản.`);
}

/** Builds the host's error value (CustomFunctions.Error in Excel, a CellError in HyperFormula). */
export type ErrorFactory = (kind: IndicatorErrorKind, message: string) => unknown;

/** The message shown when something other than an IndicatorError went wrong (a bug, not bad input). */
export const UNEXPECTED_MESSAGE = "Lỗi không mong đợi khi tính hàm PDV.";

/**
 * Runs one function's computation; an IndicatorError becomes the host's error, thrown; any other
 * exception becomes a "value" error too, so nothing else ever escapes to the host.
 */
export function guard<T>(compute: () => T, makeError: ErrorFactory): T {
  let result: T;
  try {
    result = compute();
  } catch (e) {
    if (e instanceof IndicatorError) throw makeError(e.kind, e.message);
    throw makeError("value", UNEXPECTED_MESSAGE);
  }
  if (typeof result === "number" && !Number.isFinite(result)) {
    throw makeError("num", "Kết quả không phải là một số hữu hạn.");
  }
  return result;
}
