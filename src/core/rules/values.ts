/**
 * The single-cell rules of values typed by people: what a count cell (V01–V03) or a date cell
 * (V01, D03) says, and the Vietnamese sentence that tells where it is, what was read or why
 * nothing was, and how to type it. A number or date read for certain from text is taken with a
 * warning; anything two readers would read differently ("1,000") is refused, never guessed.
 */
import type { RuleId, Severity } from "../types";
import type { CountReading, DateReading } from "../cells";
import { daysInMonth, formatDate } from "../dates";
import type { DateText } from "../dates";
import { quoteTyped } from "../typed";
import { formatInteger } from "../vi";

/** What a value rule says about one cell: the rule, its severity, the message. */
export interface ValueFinding {
  rule: RuleId;
  severity: Severity;
  message: string;
}

/** A number as typed in a message: 2.5 → "2,5", -1234 → "-1234" (exact, no rounding). */
function exact(n: number): string {
  return String(n).replace(".", ",");
}

/** "Gõ 1000 hoặc 1.000" for a whole number; the plain digits alone below 1000. */
function howToType(n: number): string {
  const grouped = formatInteger(n);
  return grouped === String(n) ? `Gõ ${n}` : `Gõ ${n} hoặc ${grouped}`;
}

/**
 * The finding for a count cell (null when it reads as a count without remark, or is blank and
 * optional). `label` names the item ("Tổng số đảng viên (DV_TONG)"), `where` the place
 * ("tệp TCCS05.xlsx, sheet 'TCCS05', ô D11"). Rules: V01 blank and required; V02 text (warning
 * when read for certain, error when not a number, ambiguous "1,000" or English "1,000,000");
 * V03 negative or not whole. V04 (an error value) is the caller's.
 */
export function countFinding(label: string, where: string, c: CountReading, required: boolean): ValueFinding | null {
  const error = (rule: RuleId, message: string): ValueFinding => ({ rule, severity: "error", message });
  switch (c.kind) {
    case "blank":
      return required ? error("V01", `${label} tại ${where} đang để trống. Nhập số liệu (nếu không có thì nhập 0).`) : null;
    case "ok":
    case "error":
      return null;
    case "text-number":
      return {
        rule: "V02",
        severity: "warning",
        message: `${label} tại ${where} được nhập dạng chữ ${quoteTyped(c.text)}; đã hiểu là ${formatInteger(c.value)}. Nên nhập lại dạng số.`,
      };
    case "not-number":
      return error("V02", `${label} tại ${where} là ${quoteTyped(c.text)}, không phải là số. Chỉ nhập chữ số, ví dụ 12.`);
    case "ambiguous": {
      const decimalHint = Number.isInteger(c.decimal) && c.decimal >= 0 ? `; nếu là ${c.decimal} thì gõ ${c.decimal}` : "";
      return error(
        "V02",
        `${label} tại ${where} là ${quoteTyped(c.text)}: số này không rõ nghĩa, có thể là ${formatInteger(c.thousands)} ` +
          `(dấu phẩy ngăn cách hàng nghìn kiểu tiếng Anh) hoặc ${exact(c.decimal)} (dấu phẩy thập phân kiểu Việt Nam), ` +
          `nên không được lấy. ${howToType(c.thousands)}, không dùng dấu phẩy${decimalHint}.`,
      );
    }
    case "english": {
      const fix = Number.isInteger(c.value) && c.value >= 0 ? `${howToType(c.value)}, không dùng dấu phẩy.` : "Nhập số nguyên không âm, không dùng dấu phẩy.";
      return error(
        "V02",
        `${label} tại ${where} là ${quoteTyped(c.text)}: dấu phẩy ở đây ngăn cách hàng nghìn theo kiểu tiếng Anh, ` +
          `còn trong báo cáo dấu phẩy là dấu thập phân, nên số này không được lấy. ${fix}`,
      );
    }
    case "negative":
    case "fraction":
      return error(
        "V03",
        `${label} tại ${where} là ${c.text === undefined ? exact(c.value) : quoteTyped(c.text)}: số liệu phải là số nguyên không âm. Sửa lại số liệu.`,
      );
  }
}

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
