/**
 * What a rule is (id, severity, the short Vietnamese title shown in lists) and how a finding is
 * made from it. Each family module (structure, values, consistency, dates, encoding) declares its
 * rules with `defineFamily` next to its checks and messages; catalog.ts gathers the families.
 */
import type { Finding, RuleId, Severity } from "../types";
import type { Place, UnitReport } from "../model";
import type { ItemCode } from "../template";

export interface RuleDef {
  id: RuleId;
  severity: Severity;
  title: string;
}

/** Where a finding points: a cell of a sheet (of a unit's file), or a whole sheet/file (cell ""). */
export type FindingPlace = Place | { sheet: string; cell: string; file?: string };

/** A finding at a place, with the rule's own severity unless the check says otherwise. */
export function findingOf(def: RuleDef, place: FindingPlace, unit: string | null, message: string, severity?: Severity): Finding {
  const f: Finding = { severity: severity ?? def.severity, rule: def.id, sheet: place.sheet, cell: place.cell, unit, message };
  if (place.file) f.file = place.file;
  return f;
}

/** A family's rules and its finding maker, which refuses (throws Error) an id of another family. */
export interface Family {
  rules: readonly RuleDef[];
  finding(rule: RuleId, place: FindingPlace, unit: string | null, message: string, severity?: Severity): Finding;
}

export function defineFamily(rules: readonly RuleDef[]): Family {
  const byId = new Map(rules.map((r) => [r.id, r]));
  return {
    rules,
    finding(rule, place, unit, message, severity) {
      const def = byId.get(rule);
      if (!def) throw new Error(`rule ${rule} is not of this family`);
      return findingOf(def, place, unit, message, severity);
    },
  };
}

/** The place of an item of a report (cell "" when its row is missing). */
export function itemPlace(report: UnitReport, code: ItemCode): Place {
  const p: Place = { sheet: report.sheet, cell: report.cells[code] ?? "" };
  if (report.file) p.file = report.file;
  return p;
}

/** "sheet 'Tân Đức', ô D9" or "tệp TCCS12.xlsx, sheet 'TCCS12', ô D9": how a message names a place. */
export function describePlace(place: { sheet: string; cell: string; file?: string }): string {
  const parts: string[] = [];
  if (place.file) parts.push(`tệp ${place.file}`);
  if (place.sheet) parts.push(`sheet '${place.sheet}'`);
  if (place.cell) parts.push(`ô ${place.cell}`);
  return parts.join(", ");
}
