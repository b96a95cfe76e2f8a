/**
 * Findings as every `pdv` command prints them: one line, one JSON object. Their order and counts
 * are the core's (core/findings.ts), the same as KiemTra's and the task pane's.
 */
import type { Finding } from "../core/types";
import type { Analysis } from "../core/model";
import { describePlace } from "../core/rules/catalog";

/** A finding as `--json` gives it (file only when it came from a unit's own file). */
export function findingJson(f: Finding): Record<string, unknown> {
  const o: Record<string, unknown> = {
    severity: f.severity,
    rule: f.rule,
    sheet: f.sheet,
    cell: f.cell,
    unit: f.unit,
    message: f.message,
  };
  if (f.file) o.file = f.file;
  return o;
}

export function findingLine(f: Finding): string {
  const level = f.severity === "error" ? "LỖI" : f.severity === "warning" ? "Cảnh báo" : "Thông tin";
  const where = describePlace({ sheet: f.sheet, cell: f.cell, file: f.file });
  return `- [${level}] ${f.rule}${f.unit ? ` ${f.unit}` : ""}${where ? ` (${where})` : ""}: ${f.message}`;
}

/** S09 findings no unit could be named for (those of a unit show as the unit's exclusion). */
export function unplacedLines(analysis: Analysis): string[] {
  return analysis.findings.filter((f) => f.rule === "S09" && !f.unit).map((f) => `- [LỖI] ${f.message}`);
}

