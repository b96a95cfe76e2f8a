/**
 * Calendar dates as Excel serial numbers, 1900 date system.
 *
 * Serial 1 is 01/01/1900. Excel keeps Lotus 1-2-3's phantom 29/02/1900 as serial 60, so from
 * serial 61 (01/03/1900) on, serials count days from 30/12/1899. Everything here follows Excel,
 * including that phantom day: serialToYmd(60) is {1900, 2, 29} and February 1900 has 29 days.
 * Pure functions, no Date objects leak out; the time of day (fractional part) is dropped.
 */

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

const DATE_TEXT = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * Parse a date typed as text, dd/mm/yyyy (also d/m/yyyy), around white space. Returns its serial,
 * or null when the text is not such a date or the day does not exist (31/02/2020).
 */
export function parseDateText(text: string): number | null {
  const match = DATE_TEXT.exec(text.normalize("NFC").replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, ""));
  if (!match) return null;
  return ymdToSerial(Number(match[3]), Number(match[2]), Number(match[1]));
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
