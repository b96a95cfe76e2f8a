/**
 * Date rules: D01 (report dated after the deadline), D02 (dated before the cut-off of the data),
 * D03 (the date cell is no date: not a date, a day that does not exist, a two-digit year; or a
 * date typed as text in an unambiguous form, taken with a warning), D04 (dated more than a year
 * after the deadline: a mistyped year, not a late report).
 */
import type { Finding, RuleId } from "../types";
import type { DistrictParams, UnitReport } from "../model";
import type { DateReading } from "../cells";
import { daysInMonth, formatDate, serialToYmd, ymdToSerial } from "../dates";
import type { DateText } from "../dates";
import { quoteTyped } from "../typed";
import { defineFamily, describePlace, itemPlace } from "./define";
import type { ValueFinding } from "./values";

export const dates = defineFamily([
  { id: "D01", severity: "warning", title: "Nộp muộn" },
  { id: "D02", severity: "warning", title: "Ngày lập trước ngày chốt số liệu" },
  { id: "D03", severity: "error", title: "Ngày lập không phải là ngày" },
  { id: "D04", severity: "error", title: "Ngày lập quá xa sau kỳ báo cáo" },
]);

/**
 * The latest credible NGAY_LAP (serial): the same day one year after the deadline HAN_NOP
 * (`deadline`, serial; 29/02 → 28/02). A report is not dated years after its period: a later
 * date is a mistyped year (D04), not a late report (D01).
 */
export function latestReportDate(deadline: number): number {
  // Asked once per report with the same deadline: the last answer is kept.
  if (deadline === lastLatest.deadline) return lastLatest.latest;
  const { y, m, d } = serialToYmd(deadline);
  const latest = ymdToSerial(y + 1, m, Math.min(d, daysInMonth(y + 1, m))) ?? deadline + 365;
  lastLatest = { deadline, latest };
  return latest;
}

let lastLatest = { deadline: NaN, latest: NaN };

/**
 * Why a date of the right shape is no day, as a sentence: the month, the year Excel can hold, or
 * the days of the month ("Tháng 2/2020 chỉ có 29 ngày."). A month over 12 in a day-first form
 * reminds that the day comes first (09/15/2020 was most likely typed month first).
 */
function impossibleReason(why: Extract<DateText, { kind: "impossible" }>): string {
  const { y, m, d, form } = why;
  if (m < 1 || m > 12) return `Không có tháng ${m}${form === "ymd" ? "" : "; ngày viết trước, tháng viết sau"}.`;
  if (y < 1900 || y > 9999) return "Excel chỉ nhận năm từ 1900 đến 9999.";
  if (d < 1) return "Không có ngày 0.";
  return `Tháng ${m}/${y} chỉ có ${daysInMonth(y, m)} ngày.`;
}

/**
 * The finding for a date cell (null when it is a date cell, or blank and optional): V01 blank
 * and required; D03 warning for a date typed as text in an unambiguous form (taken), D03 error
 * for anything else, saying whether the day does not exist, the year has two digits, or it is no
 * date at all. `label` and `where` as for `countFinding`.
 */
export function dateFinding(label: string, where: string, d: DateReading, required: boolean): ValueFinding | null {
  const example = "ví dụ 04/09/2020";
  const error = (rule: RuleId, message: string): ValueFinding => ({ rule, severity: "error", message });
  switch (d.kind) {
    case "blank":
      return required ? error("V01", `${label} tại ${where} đang để trống. Nhập ngày lập báo cáo dạng dd/mm/yyyy.`) : null;
    case "error":
      return null;
    case "ok":
      if (!d.fromText) return null;
      return {
        rule: "D03",
        severity: "warning",
        message:
          `${label} tại ${where} được nhập dạng chữ ${quoteTyped(d.text ?? "")}; đã hiểu là ngày ${formatDate(d.serial)}. ` +
          "Nên nhập lại dạng ngày (dd/mm/yyyy) để Excel nhận là ngày.",
      };
    case "invalid": {
      const q = quoteTyped(d.text);
      switch (d.why.kind) {
        case "impossible":
          return error("D03", `${label} tại ${where} là ${q}: không có ngày này. ${impossibleReason(d.why)} Nhập ngày có thật dạng dd/mm/yyyy, ${example}.`);
        case "short-year":
          return error("D03", `${label} tại ${where} là ${q}: năm chỉ có hai chữ số nên không rõ là năm nào. Nhập năm đủ bốn chữ số, ${example}.`);
        case "not-date":
          return error("D03", `${label} tại ${where} là ${q}, không phải là ngày. Nhập ngày dạng dd/mm/yyyy, ${example}.`);
      }
    }
  }
}

/**
 * D01 (late), D02 (dated before the cut-off), D04 (dated more than a year after the deadline,
 * instead of D01). No D01/D04 when HAN_NOP is before KY_DEN (DanhMuc's S01 says so).
 */
export function checkDates(report: UnitReport, params: DistrictParams): Finding[] {
  const out: Finding[] = [];
  if (report.date === null) return out;
  const p = itemPlace(report, "NGAY_LAP");
  const latest = latestReportDate(params.deadline);
  // A deadline before the period's end is DanhMuc's mistake (S01 at HAN_NOP): no one is late by it.
  const deadlineOk = params.deadline >= params.to;
  if (deadlineOk && report.date > latest) {
    out.push(
      dates.finding(
        "D04",
        p,
        report.code,
        `Ngày lập báo cáo ${formatDate(report.date)} (${describePlace(p)}) quá xa sau kỳ báo cáo (đến ngày ${formatDate(params.to)}): ` +
          `báo cáo không thể lập sau ${formatDate(latest)} (một năm sau hạn nộp ${formatDate(params.deadline)}). Kiểm tra lại năm của ngày lập.`,
      ),
    );
  } else if (deadlineOk && report.date > params.deadline) {
    out.push(
      dates.finding(
        "D01",
        p,
        report.code,
        `Nộp muộn: ngày lập báo cáo ${formatDate(report.date)} (${describePlace(p)}) sau hạn nộp ${formatDate(params.deadline)}.`,
      ),
    );
  }
  if (report.date < params.to) {
    out.push(
      dates.finding(
        "D02",
        p,
        report.code,
        `Ngày lập báo cáo ${formatDate(report.date)} (${describePlace(p)}) trước ngày chốt số liệu ${formatDate(params.to)}: số liệu có thể chưa đủ kỳ. Kiểm tra lại ngày lập hoặc số liệu.`,
      ),
    );
  }
  return out;
}
