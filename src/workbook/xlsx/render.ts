/**
 * A SheetPlan drawn on an ExcelJS worksheet: values, formulas with their results, formats, notes
 * (the first one; the caller writes the rest), column widths, merges, frozen rows, page setup and
 * row heights. Only ExcelJS's types are imported: this module runs wherever the caller's ExcelJS
 * does (Node for the port, the task pane's lazy chunk for files saved from the pane).
 */
import type * as ExcelJS from "exceljs";
import type { PlanCell, SheetPlan } from "../../core/types";
import { a1, parseRange } from "../../core/a1";
import { PortError } from "../port";
import type { PendingNote } from "./notes";
import { applyPageSetup } from "./page-setup";

const MAX_CELL_TEXT = 32767;

function argb(hex: string): string {
  const m = /^#?([0-9a-fA-F]{6})$/.exec(hex);
  if (!m) throw new PortError(`Màu không hợp lệ: ${hex}`, "plan");
  return `FF${m[1].toUpperCase()}`;
}

function checkText(sheet: string, row: number, col: number, text: string): void {
  if (text.length > MAX_CELL_TEXT) {
    throw new PortError(`Ô ${a1(row, col)} của sheet '${sheet}' dài quá 32.767 ký tự.`, "plan");
  }
}


function renderCell(ws: ExcelJS.Worksheet, r: number, c: number, pc: PlanCell, notes: PendingNote[]): void {
  const cell = ws.getRow(r).getCell(c);
  const v = pc.value ?? null;
  if (typeof v === "string") checkText(ws.name, r, c, v);
  if (pc.formula) {
    const f = pc.formula.startsWith("=") ? pc.formula.slice(1) : pc.formula;
    const fv: ExcelJS.CellFormulaValue = { formula: f, date1904: false };
    if (v !== null) fv.result = v;
    cell.value = fv;
  } else if (v !== null) {
    // A string is always written as text (ExcelJS never turns "=…", "+…", "-…", "@…" into a formula).
    cell.value = v;
  }
  if (pc.numberFormat) cell.numFmt = pc.numberFormat;
  if (pc.bold || pc.italic) cell.font = { ...(pc.bold ? { bold: true } : {}), ...(pc.italic ? { italic: true } : {}) };
  if (pc.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(pc.fill) } };
  if (pc.align || pc.wrap) {
    const al: Partial<ExcelJS.Alignment> = { vertical: "middle" };
    if (pc.align) al.horizontal = pc.align;
    if (pc.wrap) al.wrapText = true;
    cell.alignment = al;
  }
  if (pc.note) notes.push({ row: r, col: c, text: pc.note });
}

/**
 * Draw a plan on an empty worksheet, with its page setup and row heights. The chart is not drawn
 * here (ExcelJS cannot write charts; `XlsxPort.toBuffer` adds it).
 * Returns the plan's notes in row-then-column order (ExcelJS's order), of which only the first is
 * set on its cell here: the port writes the others when it saves (see `XlsxPort.toBuffer`).
 */
export function renderPlan(ws: ExcelJS.Worksheet, plan: SheetPlan): PendingNote[] {
  const notes: PendingNote[] = [];
  plan.rows.forEach((row, i) => {
    if (!row) return;
    row.forEach((pc, j) => {
      if (pc) renderCell(ws, i + 1, j + 1, pc, notes);
    });
  });
  if (notes.length) ws.getRow(notes[0].row).getCell(notes[0].col).note = notes[0].text;
  plan.columnWidths?.forEach((w, i) => {
    if (w > 0) ws.getColumn(i + 1).width = w;
  });
  for (const m of plan.merges ?? []) {
    const r = parseRange(m);
    if (r.top === r.bottom && r.left === r.right) continue;
    ws.mergeCells(r.top, r.left, r.bottom, r.right);
  }
  if (plan.frozenRows && plan.frozenRows > 0) {
    ws.views = [{ state: "frozen", xSplit: 0, ySplit: plan.frozenRows, topLeftCell: `A${plan.frozenRows + 1}` }];
  }
  applyPageSetup(ws, plan);
  return notes;
}
