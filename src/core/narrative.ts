/**
 * The Vietnamese sentences of a report: PDV.NHANXET's sentence and the district summary paragraph.
 * Every figure comes from indicators.ts and is written with vi.ts (thousands ".", decimals ",").
 */
import { endOfYear, formatDate, formatMonthYear, isLastDayOfMonth, startOfYear, yearOf } from "./dates";
import {
  forecast,
  monthsRemaining,
  onSchedule,
  perMonthNeeded,
  ratio,
  remaining,
  resolvePeriod,
} from "./indicators";
import { formatInteger, formatNumber, formatPercent, nfc } from "./vi";

/** Counts in prose: whole numbers grouped ("7.335"), a fraction (from a typed formula) with ≤ 2 decimals. */
function count(n: number): string {
  return formatNumber(n, 2);
}

/** "Tính đến hết tháng 8/2020" on a month's last day, else "Tính đến ngày 15/08/2020". */
export function asOfPhrase(asOf: number): string {
  const day = Math.floor(asOf);
  return isLastDayOfMonth(day) ? `Tính đến hết tháng ${formatMonthYear(day)}` : `Tính đến ngày ${formatDate(day)}`;
}

/**
 * NHANXET: "Tính đến hết tháng 8/2020, Đảng bộ huyện Phú Bình mới kết nạp được 31 đảng viên, đạt
 * 12,25% so với chỉ tiêu được giao (253 đảng viên)." — "mới" when behind schedule (TIENDO < 1),
 * "đã" otherwise; without a name the subject is left out. The period defaults to asOf's year.
 * Throws IndicatorError as ratio/progress do (a target of 0 is "div0").
 */
export function sentence(
  admitted: number,
  target: number,
  asOf: number,
  name?: string | null,
  start?: number | null,
  end?: number | null,
): string {
  const share = ratio(admitted, target);
  const verb = onSchedule(admitted, target, asOf, start, end) ? "đã" : "mới";
  const subject = name ? nfc(name).replace(/\s+/g, " ").trim() : "";
  const who = subject ? `${subject} ${verb}` : verb;
  return (
    `${asOfPhrase(asOf)}, ${who} kết nạp được ${count(admitted)} đảng viên, ` +
    `đạt ${formatPercent(share, 2)} so với chỉ tiêu được giao (${count(target)} đảng viên).`
  );
}

export interface ParagraphInput {
  /** The district party committee, e.g. "Đảng bộ huyện Phú Bình". */
  name: string;
  /** Figures as of (serial). */
  asOf: number;
  /** The period (serials), usually 01/01 and 31/12 of the year. */
  start: number;
  end: number;
  /** KN_DAKETNAP and KN_CHITIEU summed over the units included. */
  admitted: number;
  target: number;
  /** Units included in the sums, and units in the roster. */
  covered: number;
  expected: number;
  /** DV_TONG, QC_BOIDUONG, HS_DENGHI summed over the units included. */
  members: number;
  trained: number;
  dossiers: number;
  /** Admitted in the same period of the previous year (KN_CUNGKY summed), when known. */
  prevAdmitted?: number | null;
  /** Names of the units behind schedule, in display order (optional). */
  behind?: string[];
  /** Names of the units not included (no report, or blocked by errors), when the caller has them. */
  missing?: string[];
}

/** At most this many unit names are listed in one sentence; the rest are counted. */
export const MAX_LISTED_NAMES = 10;

function listNames(names: string[]): string {
  const clean = names.map((n) => nfc(n).replace(/\s+/g, " ").trim()).filter((n) => n !== "");
  if (clean.length <= MAX_LISTED_NAMES) return clean.join(", ");
  const rest = clean.length - MAX_LISTED_NAMES;
  return `${clean.slice(0, MAX_LISTED_NAMES).join(", ")} và ${formatInteger(rest)} tổ chức khác`;
}

/** "Đã tổng hợp 46/48 …" with the names of the units not included when given. Used by the paragraph and the Board's report. */
export function coverageSentence(input: ParagraphInput): string {
  const { covered, expected } = input;
  const base = `Đã tổng hợp ${formatInteger(covered)}/${formatInteger(expected)} tổ chức cơ sở đảng`;
  if (covered >= expected) return `${base}.`;
  const missing = input.missing?.filter((n) => n.trim() !== "") ?? [];
  if (missing.length > 0) return `${base}; chưa tổng hợp được: ${listNames(missing)}.`;
  return `${base}; còn ${formatInteger(expected - covered)} tổ chức chưa được tổng hợp.`;
}

/** Members, trained candidates and dossiers summed over the units included. Used by the paragraph and the Board's report. */
export function funnelSentence(input: ParagraphInput): string {
  const who = input.covered >= input.expected ? "Toàn đảng bộ" : "Các tổ chức cơ sở đảng đã tổng hợp";
  return (
    `${who} có ${count(input.members)} đảng viên; ${count(input.trained)} quần chúng đã học lớp bồi dưỡng ` +
    `nhận thức về Đảng; ${count(input.dossiers)} hồ sơ đề nghị kết nạp đã gửi Ban Tổ chức Huyện ủy.`
  );
}

/** "đến hết năm 2020" for a calendar-year period, else "đến ngày 30/06/2021". */
function periodEndPhrase(start: number, end: number): string {
  const y = yearOf(end);
  if (end === endOfYear(y) && start === startOfYear(y)) return `đến hết năm ${y}`;
  return `đến ngày ${formatDate(end)}`;
}

/** Target met ("vượt …"), or the year-end forecast (DUBAO) and the monthly pace still needed (CANTHANG); target > 0 only. */
export function outlookSentence(input: ParagraphInput): string {
  const { admitted, target, asOf, start, end } = input;
  if (admitted >= target) {
    const over = admitted - target;
    return over > 0
      ? `Đã hoàn thành chỉ tiêu kết nạp được giao, vượt ${count(over)} đảng viên.`
      : "Đã hoàn thành chỉ tiêu kết nạp được giao.";
  }
  const rest = remaining(admitted, target);
  const months = monthsRemaining(asOf, end);
  if (months <= 0) {
    return `Kỳ báo cáo đã kết thúc, còn thiếu ${count(rest)} đảng viên so với chỉ tiêu.`;
  }
  const expected = forecast(admitted, asOf, start, end);
  const need = perMonthNeeded(admitted, target, asOf, end);
  return (
    `Nếu giữ nhịp độ hiện nay, ${periodEndPhrase(start, end)} ước kết nạp được ${formatNumber(expected, 1)} đảng viên ` +
    `(${formatPercent(expected / target, 2)} chỉ tiêu); để hoàn thành chỉ tiêu còn phải kết nạp ${count(rest)} đảng viên, ` +
    `bình quân ${formatNumber(need, 1)} đảng viên mỗi tháng.`
  );
}

/** Admitted against the same period of the previous year (`prev` people), as a change and a percentage. */
export function previousSentence(admitted: number, prev: number): string {
  if (prev <= 0) {
    return `Cùng kỳ năm trước chưa kết nạp được đảng viên nào; năm nay đã kết nạp được ${count(admitted)} đảng viên.`;
  }
  const diff = admitted - prev;
  const share = formatPercent(admitted / prev, 2);
  if (diff === 0) return `Số kết nạp bằng cùng kỳ năm trước (${count(prev)} đảng viên).`;
  const change = diff > 0 ? `tăng ${count(diff)}` : `giảm ${count(-diff)}`;
  return `So với cùng kỳ năm trước (${count(prev)} đảng viên), ${change} đảng viên, bằng ${share}.`;
}

/**
 * The district summary paragraph: the NHANXET sentence, coverage, the admission funnel, the
 * year-end outlook (DUBAO, CANTHANG), the comparison with the same period of the previous year
 * when known, and the units behind schedule when given. A total target of 0 gives a sentence
 * without a percentage instead of an error.
 */
export function paragraph(input: ParagraphInput): string {
  const { admitted, target, asOf, start, end } = input;
  resolvePeriod(asOf, start, end); // a wrong period is the caller's error: fail loudly
  const parts: string[] = [];
  if (target > 0) {
    parts.push(sentence(admitted, target, asOf, input.name, start, end));
  } else {
    const subject = nfc(input.name).trim();
    parts.push(
      `${asOfPhrase(asOf)}, ${subject ? `${subject} ` : ""}đã kết nạp được ${count(admitted)} đảng viên; ` +
        `chưa có chỉ tiêu kết nạp được giao.`,
    );
  }
  parts.push(coverageSentence(input));
  parts.push(funnelSentence(input));
  if (target > 0) parts.push(outlookSentence(input));
  if (input.prevAdmitted !== null && input.prevAdmitted !== undefined && Number.isFinite(input.prevAdmitted)) {
    parts.push(previousSentence(admitted, input.prevAdmitted));
  }
  const behind = input.behind?.filter((n) => n.trim() !== "") ?? [];
  if (behind.length > 0) {
    parts.push(`Các tổ chức cơ sở đảng chậm tiến độ: ${listNames(behind)}.`);
  }
  return parts.join(" ");
}
