/**
 * The Vietnamese sentences of a report: PDV.NHANXET's sentence and the summary paragraph, written
 * as reports write them (domain-2025.md): people are whole, "vượt x%" over the target, "Năm 2021"
 * for a whole year, percentages rounded half up in decimal (vi.ts).
 * Every figure comes from indicators.ts and is written with vi.ts (thousands ".", decimals ",").
 */
import { endOfYear, formatDate, formatMonthYear, isLastDayOfMonth, startOfYear, yearOf } from "./dates";
import type { Summary, SummaryRow } from "./model";
import {
  CLASS_LABELS,
  IndicatorError,
  forecast,
  monthsRemaining,
  onSchedule,
  perMonthNeeded,
  ratio,
  remaining,
  resolvePeriod,
} from "./indicators";
import { NEUTRAL_UNIT_NOUN, capitalise, receiver } from "./level";
import { formatInteger, formatPercent, nfc, roundHalfAway } from "./vi";
import { partialText } from "./rollup";

/**
 * People in prose are whole (domain-2025.md: "khoảng 46 đảng viên", never "46,5"): a count is
 * written grouped ("7.335"); a fractional count is refused (IndicatorError "num"), never rounded
 * silently.
 */
function people(n: number): string {
  if (!Number.isInteger(n)) {
    throw new IndicatorError("num", `Số người phải là số nguyên (nhận ${String(n).replace(".", ",")}).`);
  }
  return formatInteger(n);
}

/** A forecast of people, rounded down: at the current pace 46,5 means about 46 admitted (tolerant of float noise). */
function wholeDown(x: number): number {
  return Math.floor(x + 1e-9);
}

/** A pace of people per month, rounded up: 55,5 needed a month means 56 (domain-2025.md). */
function wholeUp(x: number): number {
  return Math.ceil(x - 1e-9);
}

function isWholeYear(start: number, end: number): boolean {
  const y = yearOf(end);
  return start === startOfYear(y) && end === endOfYear(y);
}

/**
 * How a report opens: "Năm 2021" when the figures cover a whole calendar year (asOf is 31/12 and
 * the period, 01/01 … 31/12 by default, is that year), "Tính đến hết tháng 8/2020" on a month's
 * last day, else "Tính đến ngày 10/07/2018". Serials; the time of day is dropped.
 */
export function asOfPhrase(asOf: number, start?: number | null, end?: number | null): string {
  const day = Math.floor(asOf);
  const y = yearOf(day);
  const s = start === null || start === undefined ? startOfYear(y) : Math.floor(start);
  const e = end === null || end === undefined ? endOfYear(y) : Math.floor(end);
  if (day === e && isWholeYear(s, e)) return `Năm ${y}`;
  return isLastDayOfMonth(day) ? `Tính đến hết tháng ${formatMonthYear(day)}` : `Tính đến ngày ${formatDate(day)}`;
}

/**
 * A ratio (fraction) as a report words it: "đạt 12,25%" or, over the target, "vượt 5,83%" (127 of
 * 120 = 105,83%). The excess is the printed percentage minus 100, so both readings agree to the digit.
 */
export function achievementPhrase(share: number): string {
  if (share > 1) {
    const printed = roundHalfAway(share * 100, 2);
    return `vượt ${formatPercent((printed - 100) / 100, 2)}`;
  }
  return `đạt ${formatPercent(share, 2)}`;
}

/**
 * NHANXET and the summary's first sentence, one code for both: "Tính đến hết tháng 8/2020, Đảng
 * bộ huyện Phú Bình mới kết nạp được 31 đảng viên, đạt 12,25% so với chỉ tiêu được giao (253
 * đảng viên)."; over the target "… đã kết nạp được 127 đảng viên, vượt 5,83% so với chỉ tiêu được
 * giao (120 đảng viên)."; a whole year opens "Năm 2021, …". "mới" when behind schedule (TIENDO <
 * 1), "đã" otherwise; without a name the subject is left out. The period defaults to asOf's year.
 * Throws IndicatorError as ratio/progress do (a target of 0 is "div0"), and "num" for a fractional
 * number of people.
 */
export function sentence(
  admitted: number,
  target: number,
  asOf: number,
  name?: string | null,
  start?: number | null,
  end?: number | null,
): string {
  return achievementSentence(admitted, target, asOf, "chỉ tiêu được giao", name, start, end);
}

/** The shared body of `sentence` and `headlineSentence`: `basis` names what `target` is. */
function achievementSentence(
  admitted: number,
  target: number,
  asOf: number,
  basis: string,
  name?: string | null,
  start?: number | null,
  end?: number | null,
): string {
  const share = ratio(admitted, target);
  const verb = onSchedule(admitted, target, asOf, start, end) ? "đã" : "mới";
  const subject = name ? nfc(name).replace(/\s+/g, " ").trim() : "";
  const who = subject ? `${subject} ${verb}` : verb;
  return (
    `${asOfPhrase(asOf, start, end)}, ${who} kết nạp được ${people(admitted)} đảng viên, ` +
    `${achievementPhrase(share)} so với ${basis} (${people(target)} đảng viên).`
  );
}

/**
 * What the headline target is, in words (issue 13's rule, chosen once in consolidate.ts): "chỉ
 * tiêu được giao" when it is the target given (CHITIEU_DB); else the allocations, named as such:
 * "tổng chỉ tiêu của 46 tổ chức cơ sở đảng đã tổng hợp" when some units are not included, "tổng
 * chỉ tiêu đã phân bổ cho các tổ chức cơ sở đảng" when all are but no target was given.
 */
export function headlineBasisText(input: ParagraphInput): string {
  if ((input.basis ?? "given") === "given") return "chỉ tiêu được giao";
  return input.covered < input.expected
    ? `tổng chỉ tiêu của ${formatInteger(input.covered)} ${nounOf(input)} đã tổng hợp`
    : `tổng chỉ tiêu đã phân bổ cho các ${nounOf(input)}`;
}

/**
 * The target given by the level above (CHITIEU_DB, people) when there is one (> 0), else null.
 * With basis "given" it is the headline target itself.
 */
export function givenTargetOf(input: ParagraphInput): number | null {
  if ((input.basis ?? "given") === "given") return input.target > 0 ? input.target : null;
  return input.given !== null && input.given !== undefined && input.given > 0 ? input.given : null;
}

/**
 * The paragraph's first sentence: admitted over the headline target, named by what it is
 * (headlineBasisText): "… đạt 11,64% so với tổng chỉ tiêu của 46 tổ chức cơ sở đảng đã tổng hợp
 * (232 đảng viên)." Target > 0 only (IndicatorError "div0" otherwise, as `sentence`).
 */
export function headlineSentence(input: ParagraphInput): string {
  return achievementSentence(input.admitted, input.target, input.asOf, headlineBasisText(input), input.name, input.start, input.end);
}

/**
 * The paragraph's input for a summary (everything but the narrative itself): the headline target
 * (given or allocated) and its basis, the target given, the allocations, the units without a target, members at the start, the
 * units behind schedule by class (behindClasses) and those not included, the calendar year of the cut-off as
 * the period (targets are annual). One source for TongHop's paragraph and the Board's report.
 */
/**
 * The included units behind schedule by XEPLOAI class, "Rất chậm" first then "Chậm tiến độ"
 * (indicators.ts CLASS_LABELS), each in display order; classes without units left out. One
 * source for TongHop's paragraph and the report's section on units behind schedule.
 */
export function behindClasses(rows: readonly SummaryRow[]): { label: string; rows: SummaryRow[] }[] {
  return [CLASS_LABELS.veryBehind, CLASS_LABELS.behind]
    .map((label) => ({ label, rows: rows.filter((r) => r.kind === "unit" && r.included && r.classification === label) }))
    .filter((c) => c.rows.length > 0);
}

export function summaryParagraphInput(summary: Omit<Summary, "narrative">): ParagraphInput {
  const asOf = summary.params.to;
  const units = summary.rows.filter((r) => r.kind === "unit");
  return {
    name: summary.params.name,
    board: summary.params.board,
    unitNoun: summary.unitNoun,
    asOf,
    start: startOfYear(yearOf(asOf)),
    end: endOfYear(yearOf(asOf)),
    admitted: summary.totals.KN_DAKETNAP,
    target: summary.headlineTarget,
    basis: summary.headlineBasis,
    given: summary.params.target,
    allocated: summary.totals.KN_CHITIEU,
    noTarget: summary.noTarget,
    membersAtStart: summary.membersAtStart,
    covered: summary.included.length,
    expected: summary.expected,
    leaves: summary.leaves,
    partial: summary.partial,
    members: summary.totals.DV_TONG,
    trained: summary.totals.QC_BOIDUONG,
    dossiers: summary.totals.HS_DENGHI,
    prevAdmitted: summary.hasPrev ? summary.total.prevAdmitted : null,
    behind: behindClasses(summary.rows).map((c) => ({ label: c.label, names: c.rows.map((r) => r.name) })),
    missing: units.filter((r) => !r.included).map((r) => r.name),
  };
}

export interface ParagraphInput {
  /** The consolidating party committee (DB_TEN), e.g. "Đảng bộ phường Phan Đình Phùng". */
  name: string;
  /** CO_QUAN, the body the dossiers are sent to; null/absent: a neutral wording (level.ts). */
  board?: string | null;
  /** How the units are named ("tổ chức cơ sở đảng", "chi bộ trực thuộc"); default level.ts's neutral noun. */
  unitNoun?: string;
  /** Figures as of (serial). */
  asOf: number;
  /** The period (serials), usually 01/01 and 31/12 of the year. */
  start: number;
  end: number;
  /**
   * KN_DAKETNAP summed over the units included, and the headline target: the target given by the
   * level above when every unit is included, else the allocations of the units included.
   */
  admitted: number;
  target: number;
  /**
   * Which target `target` is (Summary.headlineBasis): "given" (CHITIEU_DB, the default) or
   * "allocated" (the allocations of the units included).
   */
  basis?: "given" | "allocated";
  /** CHITIEU_DB (people; 0 or absent: none given). Read only with basis "allocated". */
  given?: number | null;
  /** The sum of the committee's allocations to the units included; a sentence gives the ratio over it when it differs from `target`. */
  allocated?: number | null;
  /** Units included that have no target ("không giao"). */
  noTarget?: number;
  /** DV_DAUNAM summed over the units included, when the roster has it. */
  membersAtStart?: number | null;
  /** Units included in the sums, and units in the roster. */
  covered: number;
  expected: number;
  /** When the units are committees: the grassroots beneath the included ones (Summary.leaves). */
  leaves?: { covered: number; listed: number; noun: string } | null;
  /** Included committees whose own summary is partial, named with their coverage (Summary.partial). */
  partial?: { name: string; included: number; listed: number; noun: string }[];
  /** DV_TONG, QC_BOIDUONG, HS_DENGHI summed over the units included. */
  members: number;
  trained: number;
  dossiers: number;
  /** Admitted in the same period of the previous year (KN_CUNGKY summed), when known. */
  prevAdmitted?: number | null;
  /** The units behind schedule by class (behindClasses: XEPLOAI label, names in display order), optional. */
  behind?: { label: string; names: string[] }[];
  /** Names of the units not included (no report, or blocked by errors), when the caller has them. */
  missing?: string[];
}

/** At most this many unit names are listed in one sentence; the rest are counted. */
export const MAX_LISTED_NAMES = 10;

/**
 * Unit names for a sentence: the first MAX_LISTED_NAMES that are not blank, NFC, white space
 * collapsed, joined by ", ", then "và N tổ chức khác" for the others not blank.
 */
export function listNames(names: string[]): string {
  // Only the names shown are cleaned; the others are only counted (a district's thousands of
  // units behind schedule): a name counts when it is not all white space.
  const shown: string[] = [];
  let rest = 0;
  for (const n of names) {
    if (shown.length < MAX_LISTED_NAMES) {
      const clean = nfc(n).replace(/\s+/g, " ").trim();
      if (clean !== "") shown.push(clean);
    } else if (nfc(n).trim() !== "") rest++;
  }
  return rest === 0 ? shown.join(", ") : `${shown.join(", ")} và ${formatInteger(rest)} tổ chức khác`;
}

function nounOf(input: ParagraphInput): string {
  return input.unitNoun?.trim() || NEUTRAL_UNIT_NOUN;
}

/**
 * "Đã tổng hợp 48/48 tổ chức cơ sở đảng."; with committees among the units both coverages, "Đã
 * tổng hợp 3/3 đảng bộ trực thuộc; 143/144 tổ chức cơ sở đảng.", then each partial committee
 * ("Đảng bộ huyện Đồng Hỷ mới tổng hợp 47/48 tổ chức cơ sở đảng."). Used by the paragraph and the
 * Board's report.
 */
export function coverageSentence(input: ParagraphInput): string {
  const { covered, expected } = input;
  const leaves = input.leaves
    ? `; ${formatInteger(input.leaves.covered)}/${formatInteger(input.leaves.listed)} ${input.leaves.noun}`
    : "";
  const base = `Đã tổng hợp ${formatInteger(covered)}/${formatInteger(expected)} ${nounOf(input)}${leaves}`;
  const partial = (input.partial ?? []).map((p) => ` ${partialText(p.name, p)}.`).join("");
  if (covered >= expected) return `${base}.${partial}`;
  const missing = input.missing?.filter((n) => n.trim() !== "") ?? [];
  if (missing.length > 0) return `${base}; chưa tổng hợp được: ${listNames(missing)}.${partial}`;
  return `${base}; còn ${formatInteger(expected - covered)} tổ chức chưa được tổng hợp.${partial}`;
}

/** Members, trained candidates and dossiers summed over the units included. Used by the paragraph and the Board's report. */
export function funnelSentence(input: ParagraphInput): string {
  const whole = input.covered >= input.expected && (!input.leaves || input.leaves.covered >= input.leaves.listed);
  const who = whole ? "Toàn đảng bộ" : `Các ${nounOf(input)} đã tổng hợp`;
  return (
    `${who} có ${people(input.members)} đảng viên; ${people(input.trained)} quần chúng đã học lớp bồi dưỡng ` +
    `nhận thức về Đảng; ${people(input.dossiers)} hồ sơ đề nghị kết nạp đã gửi ${receiver(input)}.`
  );
}

/** "đến hết năm 2020" for a calendar-year period, else "đến ngày 30/06/2021". */
function periodEndPhrase(start: number, end: number): string {
  return isWholeYear(start, end) ? `đến hết năm ${yearOf(end)}` : `đến ngày ${formatDate(end)}`;
}

/**
 * Target met ("vượt …"), or the year-end forecast (DUBAO) and the monthly pace still needed
 * (CANTHANG), against the target given (CHITIEU_DB) whenever there is one, even when the headline
 * is over the allocations of the units included (remaining = target given − admitted, issue 14);
 * else against the headline target, named as headlineBasisText does. Target > 0 only.
 */
export function outlookSentence(input: ParagraphInput): string {
  const { admitted, asOf, start, end } = input;
  const given = givenTargetOf(input);
  const target = given ?? input.target;
  const goal = given !== null ? "chỉ tiêu kết nạp được giao" : headlineBasisText(input);
  // Over the target given while the headline is over the allocations: name it, with its figure.
  const named = given !== null && input.basis === "allocated";
  if (admitted >= target) {
    const over = admitted - target;
    return over > 0 ? `Đã hoàn thành ${goal}, vượt ${people(over)} đảng viên.` : `Đã hoàn thành ${goal}.`;
  }
  const rest = remaining(admitted, target);
  const months = monthsRemaining(asOf, end);
  if (months <= 0) {
    return `Kỳ báo cáo đã kết thúc, còn thiếu ${people(rest)} đảng viên so với ${named ? "chỉ tiêu được giao" : "chỉ tiêu"}.`;
  }
  const expected = wholeDown(forecast(admitted, asOf, start, end));
  const need = wholeUp(perMonthNeeded(admitted, target, asOf, end));
  return (
    `Nếu giữ nhịp độ hiện nay, ${periodEndPhrase(start, end)} ước kết nạp được khoảng ${people(expected)} đảng viên ` +
    `(${formatPercent(expected / target, 2)} ${named ? "chỉ tiêu được giao" : "chỉ tiêu"}); ` +
    `để hoàn thành ${given !== null && input.basis === "allocated" ? `chỉ tiêu được giao (${people(target)} đảng viên)` : "chỉ tiêu"} còn phải kết nạp ${people(rest)} đảng viên, ` +
    `bình quân mỗi tháng cần kết nạp ${people(need)} đảng viên.`
  );
}

/**
 * The other ratio: with the headline over the target given, admitted over the committee's own
 * allocations when they differ; with the headline over the allocations, admitted over the target
 * given when there is one ("So với chỉ tiêu được giao (253 đảng viên), đạt 10,67%."). Then the
 * units without a target: "So với tổng chỉ tiêu đã phân bổ cho các tổ chức cơ sở đảng (157
 * đảng viên), đạt 80,89%; 15 tổ chức cơ sở đảng không được giao chỉ tiêu." Null when neither applies.
 */
export function allocationSentence(input: ParagraphInput): string | null {
  const parts: string[] = [];
  const given = givenTargetOf(input);
  if (input.basis === "allocated" && given !== null) {
    parts.push(`so với chỉ tiêu được giao (${people(given)} đảng viên), ${achievementPhrase(input.admitted / given)}`);
  }
  const allocated = input.allocated;
  if (input.basis !== "allocated" && allocated !== null && allocated !== undefined && allocated > 0 && allocated !== input.target) {
    parts.push(
      `So với tổng chỉ tiêu đã phân bổ cho các ${nounOf(input)} (${people(allocated)} đảng viên), ` +
        achievementPhrase(input.admitted / allocated),
    );
  }
  if (input.noTarget && input.noTarget > 0) {
    parts.push(`${formatInteger(input.noTarget)} ${nounOf(input)} không được giao chỉ tiêu`);
  }
  return parts.length > 0 ? `${capitalise(parts.join("; "))}.` : null;
}

/** Admitted against the same period of the previous year (`prev` people), as a change and a percentage. */
export function previousSentence(admitted: number, prev: number): string {
  if (prev <= 0) {
    return `Cùng kỳ năm trước chưa kết nạp được đảng viên nào; năm nay đã kết nạp được ${people(admitted)} đảng viên.`;
  }
  const diff = admitted - prev;
  const share = formatPercent(admitted / prev, 2);
  if (diff === 0) return `Số kết nạp bằng cùng kỳ năm trước (${people(prev)} đảng viên).`;
  const change = diff > 0 ? `tăng ${people(diff)}` : `giảm ${people(-diff)}`;
  return `So với cùng kỳ năm trước (${people(prev)} đảng viên), ${change} đảng viên, bằng ${share}.`;
}

/**
 * The summary paragraph: the NHANXET sentence (over the headline target), the ratio over the
 * committee's own allocations when they differ and the units without a target, coverage, the
 * admission funnel, the year-end outlook (DUBAO rounded down, CANTHANG rounded up: people are
 * whole), the ratio to members at the start of the period when known, the comparison with the
 * same period of the previous year when known, and the units behind schedule when given. A
 * headline target of 0 gives a sentence without a percentage instead of an error. Throws
 * IndicatorError for a period that does not hold asOf, or a fractional number of people.
 */
export function paragraph(input: ParagraphInput): string {
  const { admitted, target, asOf, start, end } = input;
  resolvePeriod(asOf, start, end); // a wrong period is the caller's error: fail loudly
  const parts: string[] = [];
  if (target > 0) {
    parts.push(headlineSentence(input));
  } else {
    const subject = nfc(input.name).trim();
    parts.push(
      `${asOfPhrase(asOf, start, end)}, ${subject ? `${subject} ` : ""}đã kết nạp được ${people(admitted)} đảng viên; ` +
        `chưa có chỉ tiêu kết nạp được giao.`,
    );
  }
  const allocation = allocationSentence(input);
  if (allocation) parts.push(allocation);
  parts.push(coverageSentence(input));
  parts.push(funnelSentence(input));
  if ((givenTargetOf(input) ?? target) > 0) parts.push(outlookSentence(input));
  const start0 = input.membersAtStart;
  if (start0 !== null && start0 !== undefined && start0 > 0) {
    parts.push(
      `Số kết nạp bằng ${formatPercent(admitted / start0, 2)} số đảng viên đầu kỳ (${people(start0)} đảng viên).`,
    );
  }
  if (input.prevAdmitted !== null && input.prevAdmitted !== undefined && Number.isFinite(input.prevAdmitted)) {
    parts.push(previousSentence(admitted, input.prevAdmitted));
  }
  const behind = (input.behind ?? [])
    .map((c) => ({ label: c.label, names: c.names.filter((n) => n.trim() !== "") }))
    .filter((c) => c.names.length > 0);
  if (behind.length > 0) {
    const classes = behind.map((c) => `${c.label.toLocaleLowerCase("vi")}: ${listNames(c.names)}`);
    parts.push(`Các ${nounOf(input)} ${classes.join("; ")}.`);
  }
  return parts.join(" ");
}
