/**
 * A SheetPlan as Office.js commands (queued on a worksheet proxy, no sync): cell encoding (text that
 * Excel would reinterpret gets a leading apostrophe), per-cell formats, payload-bounded row bands,
 * column widths, merges, frozen rows, the chart, row heights and the page setup.
 */
import type { PlanCell, PlanChart, PlanPrint, SheetPlan } from "../core/types";
import { a1, columnLetters, parseA1 } from "../core/a1";
import type { XWorksheet } from "./office-api";

const utf8 = new TextEncoder();
const bytesOf = (v: unknown): number => utf8.encode(JSON.stringify(v) ?? "").length;


/** Whether Excel could turn this typed text into something else (formula, number, date, bool, error). */
export function needsTextPrefix(s: string): boolean {
  return /^[=+\-@'#]/.test(s) || /\d/.test(s) || /^\s*(true|false)\s*$/i.test(s);
}

/** A plan cell as one entry of a `formulas` array. */
export function encodeCell(cell: PlanCell | undefined): string | number | boolean {
  if (!cell) return "";
  if (cell.formula) return cell.formula;
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? v : "";
  if (typeof v === "boolean") return v;
  if (v === "") return "";
  return needsTextPrefix(v) ? `'${v}` : v;
}

export function cellProps(cell: PlanCell | undefined): { props: Record<string, unknown>; any: boolean } {
  if (!cell) return { props: {}, any: false };
  const format: Record<string, unknown> = {};
  const font: Record<string, unknown> = {};
  if (cell.bold) font.bold = true;
  if (cell.italic) font.italic = true;
  if (Object.keys(font).length) format.font = font;
  if (cell.fill) format.fill = { color: cell.fill };
  if (cell.align) format.horizontalAlignment = cell.align === "left" ? "Left" : cell.align === "center" ? "Center" : "Right";
  if (cell.wrap) format.wrapText = true;
  return Object.keys(format).length ? { props: { format }, any: true } : { props: {}, any: false };
}

/** Queue the drawing of a plan's chart on `ws` (no sync): its ranges are cells of that sheet. */
export function queueChart(ws: XWorksheet, chart: PlanChart): void {
  if (chart.series.length === 0) return;
  const c = ws.charts.add(chart.type, ws.getRange(chart.series[0].values), "Columns");
  c.title.text = chart.title;
  const tl = parseA1(chart.anchor);
  c.setPosition(chart.anchor, a1(tl.row + Math.max(1, chart.height) - 1, tl.column + Math.max(1, chart.width) - 1));
  const categories = ws.getRange(chart.categories);
  chart.series.forEach((s, i) => {
    const series = i === 0 ? c.series.getItemAt(0) : c.series.add(s.name);
    if (i === 0) series.name = s.name;
    else series.setValues(ws.getRange(s.values));
    series.setXAxisValues(categories);
  });
}

/** Excel column width in characters → Range.format.columnWidth in points (Calibri 11: 7 px per char + 5 px). */
export function widthToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** One band of plan rows, rendered with one 2-D array per property. */
interface Band {
  row0: number;
  rows: number;
  formulas: (string | number | boolean)[][];
  numberFormat: string[][] | null;
  props: Record<string, unknown>[][] | null;
  bytes: number;
}

/** Splits a plan's cells into row bands whose request payload stays under `budget`. */
export function planBands(plan: SheetPlan, budget: number): { bands: Band[]; columns: number } {
  const columns = Math.max(1, ...plan.rows.map((r) => r.length));
  const rows = plan.rows.map((r) => Array.from({ length: columns }, (_, c) => r[c]));
  const anyFormat = rows.some((r) => r.some((c) => c?.numberFormat));
  const anyProps = rows.some((r) => r.some((c) => cellProps(c).any));
  const bands: Band[] = [];
  let cur: Band | null = null;
  rows.forEach((row, i) => {
    const f = row.map(encodeCell);
    const nf = anyFormat ? row.map((c) => c?.numberFormat ?? "General") : null;
    const pr = anyProps ? row.map((c) => cellProps(c).props) : null;
    const bytes = bytesOf(f) + (nf ? bytesOf(nf) : 0) + (pr ? bytesOf(pr) : 0) + 10;
    if (!cur || (cur.bytes + bytes > budget && cur.rows > 0)) {
      cur = { row0: i, rows: 0, formulas: [], numberFormat: nf ? [] : null, props: pr ? [] : null, bytes: 400 };
      bands.push(cur);
    }
    cur.rows++;
    cur.formulas.push(f);
    if (nf) cur.numberFormat!.push(nf);
    if (pr) cur.props!.push(pr);
    cur.bytes += bytes;
  });
  return { bands, columns };
}

/** Rows and columns a plan's cells cover from A1. */
export function planSize(plan: SheetPlan): { rows: number; columns: number } {
  return { rows: plan.rows.length, columns: Math.max(1, ...plan.rows.map((r) => r.length)) };
}

/**
 * Queues a plan's page setup on `ws` (no sync; Worksheet.pageLayout, ExcelApi 1.9): paper and
 * orientation, fit to `fitWidth` pages wide and `fitHeight` tall (0 = as many as needed), the rows
 * repeated at the top ("$4:$4"), the centre footer for every page, the print area; the rows left
 * out of print are hidden (Excel has no per-row print switch).
 */
export function queuePrint(ws: XWorksheet, print: PlanPrint): void {
  const pl = ws.pageLayout;
  pl.paperSize = print.paper;
  pl.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
  pl.zoom = { horizontalFitToPages: print.fitWidth, verticalFitToPages: print.fitHeight };
  if (print.repeatRows) pl.setPrintTitleRows(`$${print.repeatRows.from}:$${print.repeatRows.to}`);
  if (print.footer !== undefined) pl.headersFooters.defaultForAllPages.centerFooter = print.footer;
  if (print.area) pl.setPrintArea(print.area);
  for (const r of print.omitRows ?? []) ws.getRange(`${r}:${r}`).rowHidden = true;
}

/** Queues a plan's row heights (points, by 1-based row) on `ws` (no sync; ExcelApi 1.2). */
export function queueRowHeights(ws: XWorksheet, heights: Record<number, number>): void {
  for (const [row, points] of Object.entries(heights)) ws.getRange(`${row}:${row}`).format.rowHeight = points;
}

/** Queues a plan's column widths, merged areas, frozen rows, chart, row heights and page setup on `ws` (no sync). */
export function queueSheetLayout(ws: XWorksheet, plan: SheetPlan): void {
  const widths = plan.columnWidths ?? [];
  for (let c = 0; c < widths.length; ) {
    let d = c;
    while (d + 1 < widths.length && widths[d + 1] === widths[c]) d++;
    if (widths[c] > 0) ws.getRange(`${columnLetters(c + 1)}:${columnLetters(d + 1)}`).format.columnWidth = widthToPoints(widths[c]);
    c = d + 1;
  }
  for (const m of plan.merges ?? []) ws.getRange(m).merge(false);
  if (plan.frozenRows && plan.frozenRows > 0) ws.freezePanes.freezeRows(plan.frozenRows);
  if (plan.chart) queueChart(ws, plan.chart);
  if (plan.rowHeights) queueRowHeights(ws, plan.rowHeights);
  if (plan.print) queuePrint(ws, plan.print);
}

/** Brings the sheet to the front with A1 selected: queued last, as it may fail for UI reasons. */
export function queueActivate(ws: XWorksheet): void {
  ws.activate();
  ws.getRange("A1").select();
}


