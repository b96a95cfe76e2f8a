/**
 * Findings as lists: the one order every shell shows them in (KiemTra, the task pane, `pdv
 * validate`) and the one count of errors and warnings.
 */
import type { Finding } from "./types";

const SEVERITY_RANK: Record<Finding["severity"], number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then information; then by unit, rule, sheet and cell. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.severity !== b.severity) return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  return (
    (a.unit ?? "").localeCompare(b.unit ?? "") || a.rule.localeCompare(b.rule) || a.sheet.localeCompare(b.sheet) || a.cell.localeCompare(b.cell)
  );
}

/** A sorted copy of `findings` (compareFindings); the list given is not changed. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** How many errors and warnings `findings` holds (information counts as neither). */
export function countFindings(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === "error") errors++;
    else if (f.severity === "warning") warnings++;
  }
  return { errors, warnings };
}
