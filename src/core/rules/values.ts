/**
 * Value rules: what one cell typed by people says. V01 (required value blank), V02 (text where a
 * number belongs), V03 (negative or not whole), V04 (an Excel error value), with the Vietnamese
 * sentence that tells where it is, what was read or why nothing was, and how to type it. A number
 * read for certain from text is taken with a warning; anything two readers would read
 * differently ("1,000") is refused, never guessed. (Date cells: dates.ts.)
 */
import type { Finding, RuleId, Severity } from "../types";
import { NO_STORED_RESULT } from "../types";
import type { Place } from "../model";
import type { CountReading } from "../cells";
import { quoteTyped } from "../typed";
import { formatInteger } from "../vi";
import { defineFamily } from "./define";

export const values = defineFamily([
  { id: "V01", severity: "error", title: "Bỏ trống chỉ tiêu bắt buộc" },
  { id: "V02", severity: "error", title: "Số liệu không phải là số" },
  { id: "V03", severity: "error", title: "Số liệu âm hoặc không nguyên" },
  { id: "V04", severity: "error", title: "Ô chứa giá trị lỗi của Excel" },
]);

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

/** V04: the cell at `p` (`where` as a message names it) holds the Excel error `error`. */
export function errorValue(p: Place, unit: string | null, label: string, where: string, error: string): Finding {
  return values.finding(
    "V04",
    p,
    unit,
    error === NO_STORED_RESULT
      ? `${label} tại ${where}: ${NO_STORED_RESULT} (tệp do chương trình khác tạo ra).`
      : `${label} tại ${where} là giá trị lỗi ${error}. Sửa công thức hoặc nhập lại số liệu.`,
  );
}

/** V01: a required text item (`itemLabel`, e.g. "Tên tổ chức cơ sở đảng") is blank. */
export function blankText(p: Place, unit: string | null, label: string, where: string, itemLabel: string): Finding {
  return values.finding("V01", p, unit, `${label} tại ${where} đang để trống. Nhập ${itemLabel.toLowerCase()}.`);
}
