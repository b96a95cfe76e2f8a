/**
 * A plan's page setup and row heights on an ExcelJS worksheet (SheetPlan.print, rowHeights; issue
 * 15 point 3). ExcelJS writes them as SpreadsheetML: `<pageSetup paperSize="9" orientation=…
 * fitToWidth fitToHeight>` with `<sheetPr><pageSetUpPr fitToPage="1"/>`, `<headerFooter><oddFooter>`,
 * the defined names `_xlnm.Print_Area` and `_xlnm.Print_Titles` (workbook part, `localSheetId` of
 * the sheet), `<row ht customHeight>` and `<row hidden>`.
 */
import type * as ExcelJS from "exceljs";
import type { PlanPrint, SheetPlan } from "../../core/types";

/** SpreadsheetML paper size codes (ECMA-376 Part 1, §18.3.1.64 pageSetup: 9 = A4 210 × 297 mm). */
const PAPER_CODES: Record<PlanPrint["paper"], number> = { A4: 9 };

/**
 * Renders `plan.rowHeights` (points) and `plan.print` on `ws`: paper, orientation, fit to
 * `fitWidth` × `fitHeight` pages (0 = as many as needed), print area, rows repeated at the top,
 * centre footer ("&C" section of the odd-page footer, used for every page), and the rows left out
 * of print hidden (a print area is one rectangle; hidden rows do not print).
 */
export function applyPageSetup(ws: ExcelJS.Worksheet, plan: Pick<SheetPlan, "print" | "rowHeights">): void {
  for (const [row, points] of Object.entries(plan.rowHeights ?? {})) ws.getRow(Number(row)).height = points;
  const p = plan.print;
  if (!p) return;
  ws.pageSetup.paperSize = PAPER_CODES[p.paper] as ExcelJS.PageSetup["paperSize"];
  ws.pageSetup.orientation = p.orientation;
  ws.pageSetup.fitToPage = true;
  ws.pageSetup.fitToWidth = p.fitWidth;
  ws.pageSetup.fitToHeight = p.fitHeight;
  // ExcelJS writes the area as "$" + each corner ("A$1" → "$A$1"): rows made absolute here.
  if (p.area) ws.pageSetup.printArea = p.area.replace(/([A-Z]+)(\d+)/g, "$1$$$2");
  if (p.repeatRows) ws.pageSetup.printTitlesRow = `${p.repeatRows.from}:${p.repeatRows.to}`;
  if (p.footer !== undefined) ws.headerFooter.oddFooter = `&C${p.footer}`;
  for (const r of p.omitRows ?? []) ws.getRow(r).hidden = true;
}
