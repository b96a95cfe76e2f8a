/**
 * A unit resubmits: compare the validation of the new input with the previous one. Which findings
 * are fixed, which remain, which are new, and which reported figures changed. Findings are matched
 * by the unit they go to (see feedback.ts `ownerOf`), the rule, and the report row (template item)
 * or cell they point at — not by message or file name, which change between two sendings.
 */
import type { Finding } from "./types";
import type { Analysis, UnitReport } from "./model";
import { formatNumber } from "./vi";
import { itemAt, ownerOf, sameSheet } from "./feedback";
import { COUNT_CODES, ITEM_BY_CODE } from "./template";
import { consolidate } from "./consolidate";
import type { CountCode } from "./template";

export interface FigureChange {
  unit: string;
  name: string;
  code: CountCode;
  /** The row's label in the form ("Số đảng viên đã kết nạp"). */
  label: string;
  /** People; null where blank or unusable. */
  before: number | null;
  after: number | null;
  /**
   * What the cell showed, as a user reads it (figureText): "7.335", the text typed in quotes
   * (“ba”), or "(trống)" when blank.
   */
  beforeText: string;
  afterText: string;
  /** Cell of the figure in the new report (A1). */
  cell: string;
}

export interface Resubmission {
  /** Findings of the previous validation that are gone (the previous finding). */
  fixed: Finding[];
  /** Findings present in both (the new finding). */
  remaining: Finding[];
  /** Findings only in the new validation. */
  added: Finding[];
  /** Reported figures that differ, for units with a report in both, in roster order. */
  figures: FigureChange[];
  /** The district's totals (units included in the summary) that changed; empty when a roster is unreadable. */
  totals: { code: CountCode; label: string; before: number; after: number }[];
  /** Roster units with a report now and none before, and the reverse. */
  nowReceived: string[];
  noLongerReceived: string[];
}

/** The identity of a finding across two validations. */
function keyOf(f: Finding, analysis: Analysis): string {
  const unit = ownerOf(f, analysis);
  if (unit === null) return `-|${f.rule}|${f.sheet.toLowerCase()}|${f.cell}`;
  const report = analysis.reports.find((r) => sameSheet(r, f));
  const item = itemAt(report, f.cell);
  const where = f.rule === "S03" ? "" : item ? item.code : f.cell;
  return `${unit}|${f.rule}|${where}`;
}

function keyed(analysis: Analysis): Map<string, Finding> {
  const out = new Map<string, Finding>();
  for (const f of analysis.findings) {
    const k = keyOf(f, analysis);
    let key = k;
    for (let n = 2; out.has(key); n++) key = `${k}#${n}`; // the same rule twice at one place
    out.set(key, f);
  }
  return out;
}

/** A report's count as the user saw it: "7.335", “ba” (an unusable cell's content), or "(trống)" when blank. */
export function figureText(report: UnitReport, code: CountCode): string {
  const v = report.counts[code] ?? null;
  if (v !== null) return formatNumber(v);
  const typed = report.unusable?.[code];
  return typed !== undefined ? `“${typed.replace(/\s+/g, " ").trim()}”` : "(trống)";
}

/** Compare the previous validation (`before`) with the new one (`after`). Pure. */
export function compareValidations(before: Analysis, after: Analysis): Resubmission {
  const was = keyed(before);
  const now = keyed(after);
  const fixed = [...was].filter(([k]) => !now.has(k)).map(([, f]) => f);
  const remaining = [...now].filter(([k]) => was.has(k)).map(([, f]) => f);
  const added = [...now].filter(([k]) => !was.has(k)).map(([, f]) => f);

  const figures: FigureChange[] = [];
  const nowReceived: string[] = [];
  const noLongerReceived: string[] = [];
  const prevByCode = new Map(before.units.map((u) => [u.code.toUpperCase(), u]));
  for (const u of after.units) {
    const old = prevByCode.get(u.code.toUpperCase());
    if (u.report && !old?.report) nowReceived.push(u.code);
    if (!u.report && old?.report) noLongerReceived.push(u.code);
    if (!u.report || !old?.report) continue;
    for (const code of COUNT_CODES) {
      const b = old.report.counts[code] ?? null;
      const a = u.report.counts[code] ?? null;
      const beforeText = figureText(old.report, code);
      const afterText = figureText(u.report, code);
      if (a === b && beforeText === afterText) continue;
      figures.push({
        unit: u.code,
        name: u.name,
        code,
        label: ITEM_BY_CODE.get(code)?.label ?? code,
        before: b,
        after: a,
        beforeText,
        afterText,
        cell: u.report.cells[code] ?? "",
      });
    }
  }
  const totals: Resubmission["totals"] = [];
  if (before.roster && after.roster) {
    const b = consolidate(before).totals;
    const a = consolidate(after).totals;
    for (const code of COUNT_CODES) {
      if (a[code] !== b[code]) totals.push({ code, label: ITEM_BY_CODE.get(code)?.label ?? code, before: b[code], after: a[code] });
    }
  }
  return { fixed, remaining, added, figures, totals, nowReceived, noLongerReceived };
}
