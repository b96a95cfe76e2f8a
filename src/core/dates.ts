/**
 * Calendar dates as Excel serial numbers, 1900 date system.
 *
 * Serial 1 is 01/01/1900. Excel keeps Lotus 1-2-3's phantom 29/02/1900 as serial 60, so from
 * serial 61 (01/03/1900) on, serials count days from 30/12/1899. Everything here follows Excel,
 * including that phantom day: serialToYmd(60) is {1900, 2, 29} and February 1900 has 29 days.
 * Pure functions, no Date objects leak out; the time of day (fractional part) is dropped.
 */
import { cleanTyped } from "./typed";

export interface Ymd {
  /** Year, 1900…9999. */
  y: number;
  /** Month, 1…12. */
  m: number;
  /** Day of month, 1…31. */
  d: number;
}

/** 01/01/1900. */
export const MIN_SERIAL = 1;
/** 31/12/9999, the last date Excel knows. */
export const MAX_SERIAL = 2958465;

const MS_PER_DAY = 86400000;
/** Date.UTC(1899, 11, 30): day 0 of the serials from 61 on. */
const EPOCH_MS = Date.UTC(1899, 11, 30);

/** Gregorian leap year (1900 is not one; see daysInMonth for Excel's view of it). */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days in month m (1…12) of year y, as Excel counts them (February 1900 has 29). */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) || y === 1900 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** A calendar date Excel can hold (1900…9999, a real day, or the phantom 29/02/1900). */
export function isValidYmd(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) &&
    y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
  );
}

/** Serial of a date, or null when the date does not exist or is outside 1900…9999. */
export function ymdToSerial(y: number, m: number, d: number): number | null {
  if (!isValidYmd(y, m, d)) return null;
  if (y === 1900 && m === 1) return d;
  if (y === 1900 && m === 2) return 31 + d; // 29/02/1900 → 60, the phantom day
  return Math.round((Date.UTC(y, m - 1, d) - EPOCH_MS) / MS_PER_DAY);
}

/** Whether v is a serial Excel can show as a date (fraction allowed: the time of day). */
export function isSerial(v: number): boolean {
  return Number.isFinite(v) && v >= MIN_SERIAL && v < MAX_SERIAL + 1;
}

/** The date of a serial (its time of day dropped). Throws RangeError outside 1…2958465. */
export function serialToYmd(serial: number): Ymd {
  if (!isSerial(serial)) throw new RangeError(`Not an Excel date serial: ${serial}`);
  const s = Math.floor(serial);
  if (s <= 31) return { y: 1900, m: 1, d: s };
  if (s <= 60) return { y: 1900, m: 2, d: s - 31 };
  const date = new Date(EPOCH_MS + s * MS_PER_DAY);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/** Year of a serial. */
export function yearOf(serial: number): number {
  return serialToYmd(serial).y;
}

/** 01/01 of year y. */
export function startOfYear(y: number): number {
  return ymdToSerial(y, 1, 1) as number;
}

/** 31/12 of year y. */
export function endOfYear(y: number): number {
  return ymdToSerial(y, 12, 31) as number;
}

/** The last day of the serial's month. */
export function lastDayOfMonth(serial: number): number {
  const { y, m } = serialToYmd(serial);
  return ymdToSerial(y, m, daysInMonth(y, m)) as number;
}

/** Whether the serial is the last day of its month (31/08, 30/09, 29/02/2020, 28/02/2021…). */
export function isLastDayOfMonth(serial: number): boolean {
  const { y, m, d } = serialToYmd(serial);
  return d === daysInMonth(y, m);
}

/** Days from a to b counting both ends: daysInclusive(x, x) = 1. Negative when b < a - 1. */
export function daysInclusive(a: number, b: number): number {
  return Math.floor(b) - Math.floor(a) + 1;
}

/**
 * Months elapsed since 01/01/0000 at the end of the serial's day, as a fractional month count:
 * the whole months before its month plus the share of its own month up to and including its day.
 * 31/08/2020 → 2020·12 + 8 (exactly the start of September); 15/08/2020 → 2020·12 + 7 + 15/31.
 */
export function monthPosition(serial: number): number {
  const { y, m, d } = serialToYmd(serial);
  return y * 12 + (m - 1) + d / daysInMonth(y, m);
}

/** How a date was typed as text (every form is day-month-year or year-month-day, never month first). */
export type DateTextForm =
  /** dd/mm/yyyy, dd-mm-yyyy or dd.mm.yyyy (one or two digits for day and month). */
  | "dmy"
  /** yyyy-mm-dd (ISO 8601), also with a time after it, or with / or . between the parts. */
  | "ymd"
  /** "ngày 05 tháng 9 năm 2020", "05 tháng 9 năm 2020". */
  | "words";

/** What a text typed as a date says. */
export type DateText =
  | { kind: "date"; serial: number; form: DateTextForm }
  /** The shape of a date, but no such day: 31/02/2020, 2020-13-01, 00/01/2020, or before 1900. */
  | { kind: "impossible"; y: number; m: number; d: number; form: DateTextForm }
  /** dd/mm/yy: a two-digit year (1920 or 2020?) is not read. */
  | { kind: "short-year" }
  | { kind: "not-date" };

/** Day, month, year with one separator used twice: 05/09/2020, 5-9-2020, 05.09.2020; "ngày" before it is allowed. */
const DMY = /^(?:ngày\s+)?(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
/** The same with a two-digit year: refused as ambiguous. */
const DMY_SHORT = /^(?:ngày\s+)?\d{1,2}([/.-])\d{1,2}\1\d{2}$/;
/** Year first (ISO 8601 and its variants), maybe followed by a time of day that is dropped. */
const YMD = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?:[T\s]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
/** As Vietnamese documents write a date: "ngày 05 tháng 9 năm 2020" ("ngày" optional, any case). */
const WORDS = /^(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s+năm\s+(\d{4})$/;

/**
 * Read a date typed as text. On the text a person sees (invisible characters dropped, full-width
 * digits made ASCII, ends trimmed; see `cleanTyped`), case-insensitive, these forms are dates:
 * "31/08/2020", "1/9/2020", "31-08-2020", "31.08.2020", "ngày 31/08/2020", "2020-08-31",
 * "2020-08-31T00:00:00", "ngày 31 tháng 8 năm 2020", "31 tháng 8 năm 2020". Day and month are
 * always in the Vietnamese order (day first), except the year-first ISO form. A date of that shape
 * that does not exist (31/02/2020, 2020-13-01, a year before 1900) is "impossible"; "31/08/20" is
 * "short-year"; anything else is "not-date".
 */
export function readDateText(raw: string): DateText {
  const t = cleanTyped(raw).text.toLowerCase().replace(/\s+/g, " ");
  let y: number, m: number, d: number, form: DateTextForm;
  let match: RegExpExecArray | null;
  if ((match = DMY.exec(t))) {
    [d, m, y, form] = [Number(match[1]), Number(match[3]), Number(match[4]), "dmy"];
  } else if ((match = YMD.exec(t))) {
    [y, m, d, form] = [Number(match[1]), Number(match[3]), Number(match[4]), "ymd"];
  } else if ((match = WORDS.exec(t))) {
    [d, m, y, form] = [Number(match[1]), Number(match[2]), Number(match[3]), "words"];
  } else {
    return DMY_SHORT.test(t) ? { kind: "short-year" } : { kind: "not-date" };
  }
  const serial = ymdToSerial(y, m, d);
  return serial === null ? { kind: "impossible", y, m, d, form } : { kind: "date", serial, form };
}

/**
 * Parse a date typed as text (the forms of `readDateText`: dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy,
 * yyyy-mm-dd, "ngày 05 tháng 9 năm 2020"). Returns its serial, or null when the text is not such
 * a date or the day does not exist (31/02/2020).
 */
export function parseDateText(text: string): number | null {
  const r = readDateText(text);
  return r.kind === "date" ? r.serial : null;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A serial as dd/mm/yyyy: 44074 → "31/08/2020". */
export function formatDate(serial: number): string {
  const { y, m, d } = serialToYmd(serial);
  return `${pad2(d)}/${pad2(m)}/${y}`;
}

/** Month and year as Vietnamese reports write them: 44074 → "8/2020". */
export function formatMonthYear(serial: number): string {
  const { y, m } = serialToYmd(serial);
  return `${m}/${y}`;
}
