/** Findings grouped for the "Kiểm tra" view: by unit (district-level first, then roster order), errors first within a unit. */
import type { Finding } from "../core/types";
import type { Analysis } from "../core/model";
import { compareFindings } from "../core/findings";
import { RULES } from "../core/rules/catalog";
import { matchesQuery } from "./unitList";

export interface FindingGroup {
  /** Unit code, or null for findings about the workbook/district as a whole. */
  unit: string | null;
  /** Heading shown for the group (Vietnamese). */
  title: string;
  findings: Finding[];
}

export const SEVERITY_LABELS = { error: "Lỗi", warning: "Cảnh báo", info: "Thông tin" } as const;

export function groupFindings(analysis: Pick<Analysis, "findings" | "units">): FindingGroup[] {
  const order = new Map(analysis.units.map((u, i) => [u.code, i]));
  const names = new Map(analysis.units.map((u) => [u.code, u.name]));
  const byUnit = new Map<string | null, Finding[]>();
  for (const f of analysis.findings) {
    const list = byUnit.get(f.unit) ?? [];
    list.push(f);
    byUnit.set(f.unit, list);
  }
  const keys = [...byUnit.keys()].sort((a, b) => {
    if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
    const ia = order.get(a) ?? Number.MAX_SAFE_INTEGER;
    const ib = order.get(b) ?? Number.MAX_SAFE_INTEGER;
    return ia - ib || a.localeCompare(b);
  });
  return keys.map((unit) => ({
    unit,
    title: unit === null ? "Toàn đảng bộ (DanhMuc, TongHop)" : names.has(unit) ? `${unit} – ${names.get(unit)}` : `${unit} (không có trong danh mục)`,
    findings: [...byUnit.get(unit)!].sort(compareFindings),
  }));
}

/** "TCCS01!D12", or the sheet alone when no single cell is at fault. */
export function findingPlace(f: Finding): string {
  const where = f.cell ? `${f.sheet}!${f.cell}` : f.sheet;
  return f.file ? `${f.file}: ${where}` : where;
}

/** A finding can be shown in the workbook when it is on a sheet of this workbook (not a separate file). */
export function canSelect(f: Finding): boolean {
  return f.sheet !== "" && !f.file;
}

/** The rule's short Vietnamese title ("V02" → "Số liệu không phải là số"), for a tooltip; the id itself when unknown. */
export function ruleTitle(rule: string): string {
  return RULES.get(rule as Finding["rule"])?.title ?? rule;
}

/**
 * The groups the "Kiểm tra" view shows: those whose unit code or name matches `query` (diacritics
 * optional, see matchesQuery; the district-level group matches by its title), each keeping only
 * findings of `severity` when given; groups left empty are dropped. Order is kept.
 */
export function filterGroups(groups: FindingGroup[], query: string, severity: Finding["severity"] | null): FindingGroup[] {
  return groups
    .filter((g) => matchesQuery({ code: g.unit ?? "", name: g.title }, query))
    .map((g) => ({ ...g, findings: severity === null ? g.findings : g.findings.filter((f) => f.severity === severity) }))
    .filter((g) => g.findings.length > 0);
}
