/**
 * What a ribbon command adds to the sheet it writes so that the sheet speaks for itself when the
 * task pane cannot be shown (Office.addin.showAsTaskpane is ignored for Marketplace add-ins since
 * February 2026, shared/notes/excel-api-facts.md §8): the outcome in its first rows, and in
 * KiemTra each finding's cell as a link that takes the user there.
 */
import type { PlanCell, SheetPlan } from "./types";
import { sheetRef } from "./a1";

/** Header of KiemTra's cell column (src/core/layout.ts checkPlan) and of its first column. */
const CELL_HEADER = "Ô";
const FIRST_HEADER = "STT";

/**
 * The plan with `text` written in its first empty row among rows 2–4 (a title stays in row 1),
 * in italics; the plan unchanged when those rows are all taken. Rows are 1-based in the sheet.
 */
export function withOutcome(plan: SheetPlan, text: string, fill?: string): SheetPlan {
  const rows = plan.rows.map((r) => r);
  for (let i = 1; i <= 3; i++) {
    const row = rows[i];
    if (row === undefined || row.every((c) => c === undefined || ((c.value ?? "") === "" && !c.formula))) {
      rows[i] = [{ value: text, italic: true, ...(fill ? { fill } : {}) }];
      return { ...plan, rows };
    }
  }
  return plan;
}

/** `=HYPERLINK("#'Sheet'!D16","D16")`: a click selects that cell (no task pane needed). */
export function cellLinkFormula(sheet: string, cell: string): string {
  const target = `#${sheetRef(sheet, cell)}`.replace(/"/g, '""');
  return `=HYPERLINK("${target}","${cell.replace(/"/g, '""')}")`;
}

/**
 * KiemTra's plan with every finding's cell turned into a link to that cell, when the sheet is one
 * of `sheets` (sheets of this workbook; a finding about a unit's file or a missing sheet keeps its
 * plain text). The cell's value stays the address, for a file opened without recalculation.
 */
export function linkFindingCells(plan: SheetPlan, sheets: Iterable<string>): SheetPlan {
  const known = new Map([...sheets].map((s) => [s.toLowerCase(), s] as [string, string]));
  const headerAt = plan.rows.findIndex((r) => r[0]?.value === FIRST_HEADER && r.some((c) => c?.value === CELL_HEADER));
  if (headerAt < 0) return plan;
  const header = plan.rows[headerAt];
  const cellCol = header.findIndex((c) => c?.value === CELL_HEADER);
  const sheetCol = header.findIndex((c) => c?.value === "Sheet");
  const fileCol = header.findIndex((c) => c?.value === "Tệp");
  if (sheetCol < 0) return plan;
  const rows = plan.rows.map((row, i): (PlanCell | undefined)[] => {
    if (i <= headerAt) return row;
    const sheet = known.get(String(row[sheetCol]?.value ?? "").toLowerCase());
    const cell = String(row[cellCol]?.value ?? "");
    const file = fileCol >= 0 ? String(row[fileCol]?.value ?? "") : "";
    if (!sheet || file !== "" || !isCell(cell)) return row;
    const out = [...row];
    out[cellCol] = { ...row[cellCol], formula: cellLinkFormula(sheet, cell), value: cell };
    return out;
  });
  return { ...plan, rows };
}

/** A single A1 cell such as "D16" (not a range, not a whole column). */
function isCell(text: string): boolean {
  return /^[A-Z]{1,3}[1-9][0-9]{0,6}$/.test(text);
}
