/**
 * Reports + roster → the Summary of the consolidating committee (any level): one row per roster
 * unit, grouped by KHOI with a subtotal per group, then the committee's total. Sums are sums; every
 * ratio is recomputed from the summed numerator and denominator (indicators.ts); a missing or
 * blocked unit is not a zero. A unit whose roster target is blank has no target ("Không giao"):
 * it is included, its admitted and members count, its target adds nothing, it has no ratio. The
 * headline ratio is admitted over the target given by the level above (CHITIEU_DB) when every unit
 * is included, else over the allocations of the units included (../shared/spec/standard-workbook.md).
 */
import { UserError } from "./user-error";
import type { Analysis, Place, Summary, SummaryRow, UnitReport, UnitStatus } from "./model";
import type { Finding } from "./types";
import { UNIT_STATE_LABELS } from "./model";
import { COUNT_CODES, GROUP_ORDER } from "./template";
import type { CountCode } from "./template";
import { classify, ratio as ratioOf, remaining } from "./indicators";
import { paragraph, summaryParagraphInput } from "./narrative";
import { unitNoun } from "./level";
import { leavesOf } from "./rollup";

export class ConsolidationError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "ConsolidationError";
  }
}

/** Every count null, in COUNT_CODES' order. */
const EMPTY_VALUES: Readonly<Record<CountCode, number | null>> = (() => {
  const v = {} as Record<CountCode, number | null>;
  for (const c of COUNT_CODES) v[c] = null;
  return v;
})();

function emptyValues(): Record<CountCode, number | null> {
  // A copy of one object: every row's values share its shape (4,800 units: keyed access stays fast).
  return { ...EMPTY_VALUES };
}

function zeroTotals(): Record<CountCode, number> {
  const v = {} as Record<CountCode, number>;
  for (const c of COUNT_CODES) v[c] = 0;
  return v;
}

/** Each unit's first blocking finding, in the order of the analysis's findings. */
function firstErrors(findings: Finding[]): Map<string, Finding> {
  const first = new Map<string, Finding>();
  for (const f of findings) if (f.unit !== null && f.severity === "error" && !first.has(f.unit)) first.set(f.unit, f);
  return first;
}

/** Why a unit is left out, in Vietnamese, from its status and its first blocking finding (firstErrors). */
function exclusionReason(status: UnitStatus, firstError: Map<string, Finding>): string {
  if (status.state === "missing") return UNIT_STATE_LABELS.missing;
  const first = firstError.get(status.code);
  return first ? `Có lỗi (${first.rule}${first.cell ? ` ô ${first.cell}` : ""}): ${first.message}` : UNIT_STATE_LABELS.error;
}

/** Ratio, remaining and classification of a row from its (summed) admitted and target. */
function indicatorsOf(admitted: number | null, target: number | null, asOf: number) {
  if (admitted === null || target === null || target === 0) {
    return { ratio: null, remaining: admitted !== null && target !== null ? remaining(admitted, target) : null, classification: null };
  }
  return {
    ratio: ratioOf(admitted, target),
    remaining: remaining(admitted, target),
    classification: classify(admitted, target, asOf),
  };
}

/**
 * Groups in display order, from the groups in roster order: the known district-era order
 * (GROUP_ORDER) when every group is one of those, else the roster's own order (issue 13: a ward
 * lists "Khu phố", "Công an", "Quân sự"… as its Board ordered them).
 */
export function groupOrder(groups: string[]): string[] {
  return groups.every((g) => GROUP_ORDER.includes(g)) ? GROUP_ORDER.filter((g) => groups.includes(g)) : groups;
}

/**
 * Admitted over the target given by the level above (CHITIEU_DB), a fraction, whatever the
 * headline basis: what goes up (GuiCapTren's KN_TYLE, the statistical form). Null when no target
 * was given (0).
 */
export function givenRatio(summary: Pick<Summary, "params" | "totals">): number | null {
  return summary.params.target > 0 ? ratioOf(summary.totals.KN_DAKETNAP, summary.params.target) : null;
}

/** How many of DanhMuc's errors the refusal quotes; the rest are counted. */
const REFUSAL_QUOTED = 3;

/**
 * The refusal when DanhMuc cannot be read: DanhMuc's own errors (S01/S02), whose messages name
 * the cell and what to type ("… ô C8 đang để trống. Nhập vào ô DanhMuc!C8 …"), so the user
 * knows where to type what without running Kiểm tra first.
 */
function rosterRefusal(findings: Finding[]): string {
  const own = findings.filter((f) => (f.rule === "S01" || f.rule === "S02") && f.severity === "error");
  if (!own.length) return "Không thể tổng hợp: sheet DanhMuc thiếu hoặc sai (xem các lỗi S01/S02 khi Kiểm tra). Sửa DanhMuc rồi tổng hợp lại.";
  // Each S01/S02 message names its file, sheet and cell, and what to type there.
  const quoted = own.slice(0, REFUSAL_QUOTED).map((f) => f.message);
  const more = own.length > REFUSAL_QUOTED ? ` Và ${own.length - REFUSAL_QUOTED} lỗi khác ở DanhMuc (xem khi Kiểm tra).` : "";
  return `Không thể tổng hợp: sheet DanhMuc sai. ${quoted.join(" ")}${more} Sửa DanhMuc rồi tổng hợp lại.`;
}

export function consolidate(analysis: Analysis): Summary {
  const roster = analysis.roster;
  if (!roster) throw new ConsolidationError(rosterRefusal(analysis.findings));
  const asOf = roster.params.to;
  const statusByCode = new Map(analysis.units.map((u) => [u.code, u]));
  const firstError = firstErrors(analysis.findings);
  const rows: SummaryRow[] = [];
  const totals = zeroTotals();
  let totalPrev: number | null = null;
  const included: string[] = [];
  const excluded: { unit: string; reason: string }[] = [];
  const groupRows: SummaryRow[] = [];
  let stt = 0;
  let noTarget = 0;
  let startSum: number | null = null;
  const entries: { row: SummaryRow; report?: UnitReport; type: string; code: string }[] = [];

  const groups = groupOrder([...new Set(roster.units.map((u) => u.group))]);
  for (const group of groups) {
    const members = roster.units.filter((u) => u.group === group);
    const sums = zeroTotals();
    let prevSum: number | null = null;
    let groupStart: number | null = null;
    let covered = 0;
    for (const unit of members) {
      const status = statusByCode.get(unit.code)!;
      const report = status.report;
      const isIn = !!report && (status.state === "submitted" || status.state === "late");
      const values = emptyValues();
      const sources: Partial<Record<CountCode, Place>> = {};
      let prev: number | null = null;
      const reason = isIn ? undefined : exclusionReason(status, firstError);
      if (isIn && report) {
        // The roster's target wins (rule C04); the figure then comes from DanhMuc (no source
        // cell). A blank roster target is "không giao": whatever the unit wrote, it has no target.
        const { counts, cells, sheet, file } = report;
        for (const code of COUNT_CODES) {
          if (code === "KN_CHITIEU") {
            values[code] = unit.target;
            sums[code] += unit.target ?? 0;
            continue;
          }
          const v = counts[code];
          if (typeof v !== "number") continue;
          values[code] = v;
          sums[code] += v;
          const cell = cells[code];
          if (cell) sources[code] = file ? { sheet, cell, file } : { sheet, cell };
        }
        if (unit.target === null) noTarget++;
        if (unit.membersAtStart !== null) groupStart = (groupStart ?? 0) + unit.membersAtStart;
        prev = unit.prevAdmitted;
        if (prev !== null) prevSum = (prevSum ?? 0) + prev;
        covered++;
        included.push(unit.code);
      } else {
        excluded.push({ unit: unit.code, reason: reason! });
      }
      stt++;
      const unitRow: SummaryRow = {
        kind: "unit",
        stt,
        code: unit.code,
        name: unit.name,
        group,
        state: status.state,
        included: isIn,
        reason,
        values,
        prevAdmitted: prev,
        membersAtStart: isIn ? unit.membersAtStart : null,
        ...(isIn ? indicatorsOf(values.KN_DAKETNAP, values.KN_CHITIEU, asOf) : { ratio: null, remaining: null, classification: null }),
        ...(unit.target === null ? { noTarget: true } : {}),
        sources,
      };
      rows.push(unitRow);
      entries.push({ row: unitRow, report: isIn ? report : undefined, type: unit.type, code: unit.code });
    }
    const groupValues = emptyValues();
    for (const code of COUNT_CODES) {
      groupValues[code] = sums[code];
      totals[code] += sums[code];
    }
    if (prevSum !== null) totalPrev = (totalPrev ?? 0) + prevSum;
    if (groupStart !== null) startSum = (startSum ?? 0) + groupStart;
    const groupRow: SummaryRow = {
      kind: "group",
      name: `Cộng khối ${group}`,
      group,
      values: groupValues,
      prevAdmitted: prevSum,
      membersAtStart: groupStart,
      ...indicatorsOf(groupValues.KN_DAKETNAP, groupValues.KN_CHITIEU, asOf),
      sources: {},
      covered,
      listed: members.length,
    };
    rows.push(groupRow);
    groupRows.push(groupRow);
  }

  // The headline: over the target given when every unit is in (and one was given), else over
  // the allocations of the units included.
  const allIn = included.length === roster.units.length;
  const headlineBasis: "given" | "allocated" = allIn && roster.params.target > 0 ? "given" : "allocated";
  const headlineTarget = headlineBasis === "given" ? roster.params.target : totals.KN_CHITIEU;
  const totalValues = emptyValues();
  for (const code of COUNT_CODES) totalValues[code] = totals[code];
  totalValues.KN_CHITIEU = headlineTarget;
  const total: SummaryRow = {
    kind: "total",
    name: "TOÀN ĐẢNG BỘ",
    group: "",
    values: totalValues,
    prevAdmitted: totalPrev,
    membersAtStart: startSum,
    ...indicatorsOf(totals.KN_DAKETNAP, headlineTarget, asOf),
    sources: {},
    covered: included.length,
    listed: roster.units.length,
  };
  rows.push(total);

  // Committees among the units (their reports carry coverage rows): the grassroots beneath, and
  // the committees whose own summary is partial (issue 14).
  const leaves = leavesOf(entries);
  const partial = entries.flatMap(({ row, report, code }) => {
    const cov = report?.coverage;
    return cov && cov.included < cov.listed
      ? [{ code, name: report?.name ?? row.name, included: cov.included, listed: cov.listed, noun: cov.noun }]
      : [];
  });
  const noun = unitNoun(roster.units.map((u) => u.type));
  const membersAtStart = roster.hasStart ? startSum : null;
  if (!roster.hasStart) for (const r of rows) r.membersAtStart = null;

  const summary: Omit<Summary, "narrative"> = {
    params: roster.params,
    rows,
    total,
    expected: roster.units.length,
    included,
    excluded,
    totals,
    ratio: total.ratio,
    headlineTarget,
    headlineBasis,
    allocatedRatio: totals.KN_CHITIEU > 0 ? ratioOf(totals.KN_DAKETNAP, totals.KN_CHITIEU) : null,
    noTarget,
    membersAtStart,
    memberRatio: membersAtStart ? ratioOf(totals.KN_DAKETNAP, membersAtStart) : null,
    unitNoun: noun,
    leaves,
    partial,
    hasPrev: roster.hasPrev,
    fingerprint: analysis.fingerprint,
  };
  return { ...summary, narrative: paragraph(summaryParagraphInput(summary)) };
}
