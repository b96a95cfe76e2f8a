/**
 * The PDV indicators, one pure function per worksheet function. Every number PDV shows comes from
 * here: the PDV.* cells, the summary's rows, the narrative and the validator.
 *
 * Counts are plain numbers (a range is summed by the caller); dates are Excel serials (1900 date
 * system, the time of day is dropped). The period [start, end] defaults to 01/01 … 31/12 of the
 * year of `asOf`; days are counted inclusively, so 01/01–31/08/2020 is 244 of 366 days.
 *
 * Errors follow Excel and are thrown as IndicatorError:
 * - "div0": a division by a target of 0 (TYLE, TIENDO, XEPLOAI, NHANXET). CONLAI and CANTHANG do
 *   not divide by the target: with a target of 0 nothing remains to admit, so they give 0.
 * - "num": a negative count, a date that is not a date Excel knows, start after end, or asOf
 *   outside [start, end].
 * - "value": a count or date that is not a finite number.
 *
 * CANTHANG when no month remains (asOf is the period's last day): 0 when nothing remains to admit,
 * otherwise "div0" (members still to admit spread over zero months), as =(253-31)/0 is #DIV/0! in
 * Excel.
 */
import { daysInMonth, endOfYear, formatDate, isSerial, serialToYmd, startOfYear, yearOf } from "./dates";

export type IndicatorErrorKind = "div0" | "num" | "value";

/** An indicator that cannot be computed; `kind` maps to #DIV/0!, #NUM! or #VALUE!. */
export class IndicatorError extends Error {
  readonly kind: IndicatorErrorKind;

  constructor(kind: IndicatorErrorKind, message: string) {
    super(message);
    this.name = "IndicatorError";
    this.kind = kind;
    Object.setPrototypeOf(this, IndicatorError.prototype);
  }
}

/* ------------------------------------------------------------------ classification labels */

export const LABEL_DONE = "Đã hoàn thành";
export const LABEL_ON_TRACK = "Đúng tiến độ";
export const LABEL_BEHIND = "Chậm tiến độ";
export const LABEL_VERY_BEHIND = "Rất chậm";

export type ClassKey = "done" | "onTrack" | "behind" | "veryBehind";

export const CLASS_LABELS: Readonly<Record<ClassKey, string>> = {
  done: LABEL_DONE,
  onTrack: LABEL_ON_TRACK,
  behind: LABEL_BEHIND,
  veryBehind: LABEL_VERY_BEHIND,
};

/** The labels from best to worst. */
export const CLASS_ORDER: readonly ClassKey[] = ["done", "onTrack", "behind", "veryBehind"];

/** XEPLOAI's threshold between "Chậm tiến độ" and "Rất chậm" (TIENDO below it is very behind). */
export const VERY_BEHIND_BELOW = 0.5;

/* ------------------------------------------------------------------ argument checks */

const ADMITTED = "Số đảng viên đã kết nạp";
const TARGET = "Chỉ tiêu kết nạp";
const AS_OF = "Ngày chốt số liệu";
const START = "Ngày đầu kỳ";
const END = "Ngày cuối kỳ";

function checkCount(x: number, label: string): number {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new IndicatorError("value", `${label} phải là một số.`);
  }
  if (x < 0) throw new IndicatorError("num", `${label} không được là số âm.`);
  return x;
}

function checkTarget(target: number): number {
  checkCount(target, TARGET);
  if (target === 0) {
    throw new IndicatorError("div0", "Chỉ tiêu kết nạp bằng 0: không tính được tỷ lệ so với chỉ tiêu.");
  }
  return target;
}

function checkDate(x: number, label: string): number {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new IndicatorError("value", `${label} phải là một ngày (số ngày của Excel hoặc dd/mm/yyyy).`);
  }
  if (!isSerial(x)) {
    throw new IndicatorError("num", `${label} không phải là ngày hợp lệ (từ 01/01/1900 đến 31/12/9999).`);
  }
  return Math.floor(x);
}

export interface Period {
  start: number;
  end: number;
}

/**
 * The period of an indicator: start and end as given, or 01/01 and 31/12 of asOf's year when
 * omitted (null/undefined); checks start ≤ asOf ≤ end. Returns whole-day serials.
 */
export function resolvePeriod(asOf: number, start?: number | null, end?: number | null): Period & { asOf: number } {
  const day = checkDate(asOf, AS_OF);
  const year = yearOf(day);
  const s = start === null || start === undefined ? startOfYear(year) : checkDate(start, START);
  const e = end === null || end === undefined ? endOfYear(year) : checkDate(end, END);
  if (s > e) {
    throw new IndicatorError("num", `${START} (${formatDate(s)}) sau ${END.toLowerCase()} (${formatDate(e)}).`);
  }
  if (day < s || day > e) {
    throw new IndicatorError(
      "num",
      `${AS_OF} (${formatDate(day)}) nằm ngoài kỳ báo cáo ${formatDate(s)} – ${formatDate(e)}.`,
    );
  }
  return { asOf: day, start: s, end: e };
}

/** Days of the period elapsed by the end of asOf, and days in the period (both inclusive). */
export function elapsedDays(asOf: number, start?: number | null, end?: number | null): { elapsed: number; total: number } {
  // A consolidation asks this for every unit with the same dates: the last answer is kept.
  const last = lastElapsed;
  if (last && last.asOf === asOf && last.start === start && last.end === end) return { elapsed: last.elapsed, total: last.total };
  const p = resolvePeriod(asOf, start, end);
  const days = { elapsed: p.asOf - p.start + 1, total: p.end - p.start + 1 };
  lastElapsed = { asOf, start, end, ...days };
  return days;
}

let lastElapsed: { asOf: number; start?: number | null; end?: number | null; elapsed: number; total: number } | undefined;

/** The elapsed share of the period: 244/366 at 31/08/2020 in 2020. */
export function elapsedShare(asOf: number, start?: number | null, end?: number | null): number {
  const { elapsed, total } = elapsedDays(asOf, start, end);
  return elapsed / total;
}

/* ------------------------------------------------------------------ the indicators */

/** TYLE: admitted / target, a fraction (31, 253 → 0.122529…). */
export function ratio(admitted: number, target: number): number {
  checkCount(admitted, ADMITTED);
  checkTarget(target);
  return admitted / target;
}

/** CONLAI: members still to admit, target − admitted, never below 0 (31, 253 → 222). */
export function remaining(admitted: number, target: number): number {
  checkCount(admitted, ADMITTED);
  checkCount(target, TARGET);
  return Math.max(0, target - admitted);
}

/**
 * TIENDO: achievement divided by the elapsed share of the period, 1 = on schedule
 * (31, 253, 31/08/2020 → 0.122529… / (244/366) = 0.18379…).
 */
export function progress(admitted: number, target: number, asOf: number, start?: number | null, end?: number | null): number {
  checkCount(admitted, ADMITTED);
  checkTarget(target);
  const { elapsed, total } = elapsedDays(asOf, start, end);
  return (admitted * total) / (target * elapsed);
}

/** DUBAO: admissions by the end of the period at the current pace (31, 31/08/2020 → 46.5). */
export function forecast(admitted: number, asOf: number, start?: number | null, end?: number | null): number {
  checkCount(admitted, ADMITTED);
  const { elapsed, total } = elapsedDays(asOf, start, end);
  return (admitted * total) / elapsed;
}

/**
 * Months left after asOf until the end of the period (default 31/12 of asOf's year): the whole
 * calendar months after asOf's month, plus the unelapsed share of asOf's own month when asOf is
 * not its last day (and, when end is not a month's last day, the elapsed share of end's month).
 * 31/08/2020 → 4; 15/08/2020 → 4 + 16/31; 31/12/2020 → 0.
 */
export function monthsRemaining(asOf: number, end?: number | null): number {
  const day = checkDate(asOf, AS_OF);
  const e = end === null || end === undefined ? endOfYear(yearOf(day)) : checkDate(end, END);
  if (day > e) {
    throw new IndicatorError("num", `${AS_OF} (${formatDate(day)}) sau ${END.toLowerCase()} (${formatDate(e)}).`);
  }
  // Whole months between the two months, plus the share of end's month up to end, minus the
  // share of asOf's month up to asOf: exact integers when both are a month's last day.
  const a = serialToYmd(day);
  const b = serialToYmd(e);
  const whole = b.y * 12 + b.m - (a.y * 12 + a.m);
  return whole + (b.d / daysInMonth(b.y, b.m) - a.d / daysInMonth(a.y, a.m));
}

/**
 * CANTHANG: admissions needed per remaining month to reach the target (31, 253, 31/08/2020 →
 * 222 / 4 = 55.5). 0 when nothing remains to admit; "div0" when something remains but no month does.
 */
export function perMonthNeeded(admitted: number, target: number, asOf: number, end?: number | null): number {
  const rest = remaining(admitted, target);
  const months = monthsRemaining(asOf, end);
  if (rest === 0) return 0;
  if (months <= 0) {
    throw new IndicatorError(
      "div0",
      "Kỳ báo cáo không còn tháng nào: không chia được số đảng viên còn phải kết nạp theo tháng.",
    );
  }
  return rest / months;
}

/**
 * XEPLOAI as a key: "done" when admitted ≥ target, else by TIENDO: ≥ 1 "onTrack", ≥ 0.5 "behind",
 * below "veryBehind". Compared by cross-multiplication so that a pace exactly on a threshold is not
 * lost to rounding (244 of 366 by 31/08/2020 is exactly on schedule).
 */
export function classifyKey(admitted: number, target: number, asOf: number, start?: number | null, end?: number | null): ClassKey {
  checkCount(admitted, ADMITTED);
  checkTarget(target);
  const { elapsed, total } = elapsedDays(asOf, start, end);
  if (admitted >= target) return "done";
  // progress = admitted·total / (target·elapsed)
  const pace = admitted * total;
  const schedule = target * elapsed;
  if (pace >= schedule) return "onTrack";
  if (pace >= VERY_BEHIND_BELOW * schedule) return "behind";
  return "veryBehind";
}

/** XEPLOAI: the Vietnamese label of classifyKey ("Rất chậm" for 31, 253, 31/08/2020). */
export function classify(admitted: number, target: number, asOf: number, start?: number | null, end?: number | null): string {
  return CLASS_LABELS[classifyKey(admitted, target, asOf, start, end)];
}

/** Whether the unit is at or ahead of schedule (TIENDO ≥ 1, or the target reached): "đã" vs "mới". */
export function onSchedule(admitted: number, target: number, asOf: number, start?: number | null, end?: number | null): boolean {
  const key = classifyKey(admitted, target, asOf, start, end);
  return key === "done" || key === "onTrack";
}
