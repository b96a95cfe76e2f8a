/**
 * Every validation rule, gathered from its family module: structure (S01–S10, G01), values
 * (V01–V04), consistency (C01–C07), dates (D01–D04), encoding (E01), roll-up (R01–R02). Each family holds its rules'
 * ids, severities, titles, checks and messages together; this module only lists them, and
 * `finding` makes a finding of any rule by id (report.ts, for what a family's check returns as
 * rule + message; rollup.ts, whose S05/V02/R01/R02 messages on coverage rows stay beside them).
 */
import type { Finding, RuleId, Severity } from "../types";
import type { FindingPlace, RuleDef } from "./define";
import { findingOf } from "./define";
import { structure } from "./structure";
import { values } from "./values";
import { consistency } from "./consistency";
import { dates } from "./dates";
import { encoding } from "./encoding";
import { rollup } from "./rollup";

export type { RuleDef } from "./define";
export { describePlace } from "./define";

/** The families, by name (the module each lives in). */
export const FAMILIES = { structure, values, consistency, dates, encoding, rollup } as const;

export const RULES: ReadonlyMap<RuleId, RuleDef> = new Map(
  Object.values(FAMILIES)
    .flatMap((f) => f.rules)
    .map((d) => [d.id, d]),
);

/** A finding of rule `rule` at a place. Throws Error for an id no family declares. */
export function finding(rule: RuleId, place: FindingPlace, unit: string | null, message: string, severity?: Severity): Finding {
  const def = RULES.get(rule);
  if (!def) throw new Error(`unknown rule ${rule}`);
  return findingOf(def, place, unit, message, severity);
}
