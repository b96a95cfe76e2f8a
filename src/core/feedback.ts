/**
 * Feedback to units: which findings go back to which unit, and the sheets of each unit's feedback
 * file — "PhanHoi" (the findings in plain Vietnamese: what is wrong, where, how to fix) and a copy
 * of the unit's own report with every cell that has a finding marked (fill) and noted (note).
 * Findings of the Board's own (DanhMuc, TongHop) or of reports no roster unit owns go to nobody.
 */
import type { CellValue, Finding, PlanCell, SheetGrid, SheetPlan, WorkbookInput } from "./types";
import type { Analysis, RosterUnit, UnitReport } from "./model";
import type { Board } from "./board";
import { boardOf, senderName } from "./board";
import { analyzeWorkbook } from "./analyze";
import { findRosterSheet } from "./roster";
import { plainText, severityWords } from "./feedback-text";
import type { PlainText } from "./feedback-text";
import { formulaRanges, parseA1, parseRange } from "./a1";
import { cellAt, cellText, isCellError } from "./cells";
import { ITEM_BY_CODE, SHEET_FEEDBACK } from "./template";
import type { TemplateItem } from "./template";
import { DATE_FORMAT, RATIO_FORMAT } from "./layout";
import { compareFindings } from "./findings";
import { describePlace } from "./rules/catalog";
import { formatDate } from "./dates";
import { formatInteger } from "./vi";
import { pagePrint, textRowHeight } from "./print";
import { feedbackStamp } from "./own-output";

/** The first sheet of every feedback file (named in template.ts with the other sheets). */
export { SHEET_FEEDBACK };
/** Fills of marked cells (the same colours as KiemTra's severity column). */
export const FILL_ERROR = "#F8CBAD";
export const FILL_WARNING = "#FFF2CC";

/** One finding as the unit reads it. */
export interface FeedbackItem extends PlainText {
  finding: Finding;
  /** "Phải sửa" or "Xem lại". */
  level: string;
  /** Where, in words: "ô D16, dòng “Số đảng viên đã kết nạp”" (or the file and sheet when no cell). */
  where: string;
}

export interface UnitFeedback {
  code: string;
  name: string;
  /** The .xlsx file name: code and name, safe on every file system. */
  fileName: string;
  errors: number;
  warnings: number;
  items: FeedbackItem[];
  /** PhanHoi first, then a marked copy of each report sheet of the unit that a finding points into. */
  sheets: SheetPlan[];
}

export interface FeedbackSet {
  /** Units with at least one finding, in roster order. */
  units: UnitFeedback[];
  /** Codes of roster units without any finding (they get no file). */
  clean: string[];
  /** Findings sent to no unit: the Board's own (unit null) and reports of codes not in the roster. */
  unsent: Finding[];
}

export interface FeedbackOptions {
  /** "lập lúc …" shown on PhanHoi (kept out of the core's clock). */
  time?: string;
}

const FORBIDDEN_IN_FILE_NAME = /[<>:"/\\|?*\u0000-\u001f]/g;
const MAX_FILE_STEM = 80;

/** "TCCS05 - Xã Đào Xá.xlsx": code and name, characters no file system accepts replaced by "_". */
export function feedbackFileName(code: string, name: string): string {
  const clean = (s: string) => s.normalize("NFC").replace(FORBIDDEN_IN_FILE_NAME, "_").replace(/\s+/g, " ").trim();
  let stem = [clean(code), clean(name)].filter((s) => s !== "").join(" - ") || "don-vi";
  if (stem.length > MAX_FILE_STEM) stem = stem.slice(0, MAX_FILE_STEM).trim();
  return `${stem.replace(/[. ]+$/, "")}.xlsx`;
}

/** The same sheet of the same file (sheet names compared ignoring case, as Excel does). */
export function sameSheet(a: { sheet: string; file?: string }, b: { sheet: string; file?: string }): boolean {
  return a.sheet.toLowerCase() === b.sheet.toLowerCase() && (a.file ?? "") === (b.file ?? "");
}

/** The template item whose value cell is on the finding's row of the report, if any. */
export function itemAt(report: UnitReport | undefined, cell: string): TemplateItem | null {
  if (!report || !cell) return null;
  const row = parseA1(cell).row;
  for (const [code, at] of Object.entries(report.cells)) {
    if (at && parseA1(at).row === row) return ITEM_BY_CODE.get(code) ?? null;
  }
  return null;
}

function gridOf(grids: SheetGrid[], place: { sheet: string; file?: string }): SheetGrid | undefined {
  return grids.find((g) => sameSheet({ sheet: g.name, file: g.source?.file }, place));
}

/**
 * The cells of the finding's own formula that carry another error of the same sheet (a formula
 * showing #VALUE! because D16 holds "ba"): fixing those cells mends the formula's value.
 */
function causeCells(f: Finding, formula: string, analysis: Analysis): string[] {
  const ranges = formulaRanges(formula).map(parseRange);
  const out: string[] = [];
  for (const g of analysis.findings) {
    if (g === f || !g.cell || g.severity !== "error" || g.cell === f.cell || !sameSheet(g, f) || out.includes(g.cell)) continue;
    const { row, column } = parseA1(g.cell);
    if (ranges.some((r) => row >= r.top && row <= r.bottom && column >= r.left && column <= r.right)) out.push(g.cell);
  }
  return out;
}

function itemFor(f: Finding, analysis: Analysis, grids: SheetGrid[], unit: RosterUnit | null): FeedbackItem {
  const report = analysis.reports.find((r) => sameSheet(r, f));
  const item = itemAt(report, f.cell);
  const grid = f.cell ? gridOf(grids, f) : undefined;
  let value = "";
  let formula: string | null = null;
  let raw: CellValue = null;
  if (grid) {
    const { row, column } = parseA1(f.cell);
    raw = cellAt(grid, row, column);
    value = cellText(raw);
    formula = grid.formulas?.[row - 1]?.[column - 1] ?? null;
  }
  const causes = formula ? causeCells(f, formula, analysis) : [];
  const plain = plainText(f, { item, value, unit, params: analysis.roster?.params ?? null, formula, causes, raw });
  let where: string;
  if (f.rule === "S03") where = "Cả báo cáo";
  else if (f.cell && report) where = `ô ${f.cell}${item ? `, dòng “${item.label}”` : ""}`;
  else where = describePlace(f);
  return { ...plain, finding: f, level: severityWords(f.severity), where };
}

/**
 * The roster unit a finding goes to: the unit whose counted report is the finding's sheet (so a
 * report that names another unit's code still goes to the unit that sent it), else the roster unit
 * of the finding's code (compared ignoring case); null for the Board's own findings.
 */
export function ownerOf(f: Finding, analysis: Analysis): string | null {
  if (f.unit === null) return null;
  if (f.sheet) {
    const status = analysis.units.find((u) => u.report && sameSheet(u.report, f));
    if (status) return status.code;
  }
  const want = f.unit.toUpperCase();
  return analysis.roster?.units.find((u) => u.code.toUpperCase() === want)?.code ?? null;
}

/** A grid cell as a plan cell (values; formulas when the grid has them; formats the template implies). */
function copyCell(grid: SheetGrid, r: number, c: number, formats: Map<string, string>): PlanCell | undefined {
  const v: CellValue = cellAt(grid, r + 1, c + 1);
  const formula = grid.formulas?.[r]?.[c] ?? null;
  if (v === null && !formula) return undefined;
  const cell: PlanCell = {};
  if (isCellError(v)) cell.value = v.error;
  else cell.value = v;
  if (formula) cell.formula = formula;
  const fmt = formats.get(`${r + 1}:${c + 1}`);
  if (fmt) cell.numberFormat = fmt;
  return cell;
}

/** A copy of a report sheet with each finding's cell filled and noted. */
function markedCopy(grid: SheetGrid, report: UnitReport | undefined, items: FeedbackItem[], name: string): SheetPlan {
  const formats = new Map<string, string>();
  const fmt = (cell: string | undefined, f: string) => {
    if (!cell) return;
    const { row, column } = parseA1(cell);
    formats.set(`${row}:${column}`, f);
  };
  fmt(report?.cells.NGAY_LAP, DATE_FORMAT);
  fmt(report?.cells.KN_TYLE, RATIO_FORMAT);

  const marks = new Map<string, { row: number; column: number; error: boolean; notes: string[] }>();
  for (const it of items) {
    if (!it.finding.cell || !sameSheet(it.finding, { sheet: grid.name, file: grid.source?.file })) continue;
    const { row, column } = parseA1(it.finding.cell);
    const key = `${row}:${column}`;
    const m = marks.get(key) ?? { row, column, error: false, notes: [] };
    m.error ||= it.finding.severity === "error";
    m.notes.push(`${it.level}: ${it.what} ${it.fix}`);
    marks.set(key, m);
  }
  const height = Math.max(grid.values.length, ...[...marks.values()].map((m) => m.row));
  const width = Math.max(0, ...grid.values.map((r) => r.length), ...[...marks.values()].map((m) => m.column));
  const rows: (PlanCell | undefined)[][] = [];
  for (let r = 0; r < height; r++) {
    const out: (PlanCell | undefined)[] = [];
    for (let c = 0; c < width; c++) out.push(copyCell(grid, r, c, formats));
    rows.push(out);
  }
  for (const m of marks.values()) {
    const cell: PlanCell = rows[m.row - 1][m.column - 1] ?? {};
    cell.fill = m.error ? FILL_ERROR : FILL_WARNING;
    cell.note = m.notes.join("\n");
    rows[m.row - 1][m.column - 1] = cell;
  }
  const columnWidths = Array.from({ length: width }, (_, c) => {
    const longest = Math.max(0, ...grid.values.map((r) => cellText(r[c] ?? null).length));
    return Math.min(60, Math.max(8, longest + 2));
  });
  return { name, rows, columnWidths };
}

function phanHoiPlan(unit: RosterUnit | { code: string; name: string }, items: FeedbackItem[], copies: string[], analysis: Analysis, board: Board, options: FeedbackOptions): SheetPlan {
  const errors = items.filter((i) => i.finding.severity === "error").length;
  const warnings = items.length - errors;
  const params = analysis.roster?.params;
  const rows: (PlanCell | undefined)[][] = [];
  rows.push([{ value: "PHẢN HỒI KẾT QUẢ KIỂM TRA BÁO CÁO PHÁT TRIỂN ĐẢNG VIÊN", bold: true }]);
  rows.push([{ value: `Gửi: ${unit.name} (mã ${unit.code})` }]);
  rows.push([{ value: `Từ: ${senderName(board)}` }]);
  if (params) {
    rows.push([{ value: `Kỳ báo cáo: từ ngày ${formatDate(params.from)} đến ngày ${formatDate(params.to)}${options.time ? `; kiểm tra lúc ${options.time}` : ""}`, italic: true }]);
  }
  const summary: string[] = [];
  if (errors > 0) {
    summary.push(`Báo cáo có ${formatInteger(errors)} lỗi phải sửa${warnings ? ` và ${formatInteger(warnings)} điểm cần xem lại` : ""}; báo cáo chưa được đưa vào tổng hợp.`);
    summary.push(
      copies.length
        ? "Đề nghị đồng chí sửa trong tệp báo cáo của đơn vị, hoặc sửa ngay trong bản sao báo cáo ở tệp này, rồi gửi lại."
        : "Đề nghị đồng chí sửa trong tệp báo cáo của đơn vị rồi gửi lại.",
    );
  } else {
    summary.push(`Báo cáo không có lỗi phải sửa; có ${formatInteger(warnings)} điểm đề nghị xem lại (số liệu đúng thì không cần sửa).`);
  }
  if (copies.length) {
    summary.push(`Các ô có vấn đề được tô màu và có ghi chú trong bản sao báo cáo (sheet ${copies.map((c) => `'${c}'`).join(", ")}).`);
  }
  rows.push([{ value: summary.join(" "), wrap: true }]);
  rows.push([]);
  const headerRow = rows.length + 1;
  const columnWidths = [5, 10, 26, 46, 46, 60];
  rows.push(["STT", "Mức độ", "Ở đâu", "Sai gì", "Cách sửa", "Chi tiết"].map((h) => ({ value: h, bold: true, fill: "#D9E1F2", wrap: true })));
  items.forEach((it, i) => {
    rows.push([
      { value: i + 1, align: "center" },
      { value: it.level, bold: it.finding.severity === "error", fill: it.finding.severity === "error" ? FILL_ERROR : FILL_WARNING },
      { value: it.where, wrap: true },
      { value: it.what, wrap: true },
      { value: it.fix, wrap: true },
      { value: it.finding.message, wrap: true, italic: true },
    ]);
  });
  return {
    name: SHEET_FEEDBACK,
    rows,
    columnWidths,
    frozenRows: headerRow,
    merges: [`A${headerRow - 2}:F${headerRow - 2}`],
    // A merged row never fits its height to the text: give the summary sentence the lines it needs.
    rowHeights: { [headerRow - 2]: textRowHeight(summary.join(" "), columnWidths.reduce((a, b) => a + b, 0)) },
    print: pagePrint({ rows, columnWidths }, { repeatRows: { from: headerRow, to: headerRow } }),
  };
}

/** A sheet name for the copy that does not clash with PhanHoi or another copy. */
function copyName(name: string, taken: Set<string>): string {
  let out = name;
  let n = 2;
  while (taken.has(out.toLowerCase())) out = `${name.slice(0, 27)} (${n++})`;
  taken.add(out.toLowerCase());
  return out;
}

/**
 * Every unit's feedback. `grids` are the sheets the reports were read from (read with formulas
 * when the copies should keep them); the analysis is `analyzeWorkbook` of the same input.
 * Units are in roster order; each unit's items errors first, then by cell. Pure: writes nothing.
 */
export function buildFeedback(analysis: Analysis, grids: SheetGrid[], board: Board, options: FeedbackOptions = {}): FeedbackSet {
  const roster = analysis.roster;
  const units: UnitFeedback[] = [];
  const clean: string[] = [];
  const rosterUnits = roster?.units ?? [];
  const owners = new Map<Finding, string | null>(analysis.findings.map((f) => [f, ownerOf(f, analysis)]));
  for (const unit of rosterUnits) {
    const own = analysis.findings.filter((f) => owners.get(f) === unit.code).sort(compareFindings);
    if (own.length === 0) {
      clean.push(unit.code);
      continue;
    }
    const items = own.map((f) => itemFor(f, analysis, grids, unit));
    const taken = new Set([SHEET_FEEDBACK.toLowerCase()]);
    const copies: SheetPlan[] = [];
    const seen: { sheet: string; file?: string }[] = [];
    for (const f of own) {
      if (f.rule === "S03" || seen.some((s) => sameSheet(s, f))) continue;
      const report = analysis.reports.find((r) => sameSheet(r, f));
      const grid = report ? gridOf(grids, report) : undefined;
      if (!grid) continue;
      seen.push({ sheet: f.sheet, file: f.file });
      copies.push(markedCopy(grid, report, items, copyName(grid.name, taken)));
    }
    const errors = own.filter((f) => f.severity === "error").length;
    const sheets = [phanHoiPlan(unit, items, copies.map((c) => c.name), analysis, board, options), ...copies];
    // What was copied is stamped in the file (state sheet last): a copy the unit edits and sends back reads as its report.
    sheets[sheets.length - 1].state = feedbackStamp(sheets);
    units.push({
      code: unit.code,
      name: unit.name,
      fileName: feedbackFileName(unit.code, unit.name),
      errors,
      warnings: own.length - errors,
      items,
      sheets,
    });
  }
  const unsent = analysis.findings.filter((f) => owners.get(f) === null);
  return { units, clean, unsent };
}

/**
 * The whole "Gửi lại đơn vị" flow over one workbook (the task pane's button: read the workbook
 * with formulas, call this, save each unit's sheets as a file): analyze, find the Board (DB_TEN,
 * CO_QUAN), build every unit's feedback. Null when DanhMuc cannot be read (no roster: nobody to
 * send to; `analyzeWorkbook` gives the S01 findings that say why).
 */
export function workbookFeedback(input: WorkbookInput, options: FeedbackOptions = {}): FeedbackSet | null {
  const analysis = analyzeWorkbook(input);
  if (!analysis.roster) return null;
  return buildFeedback(analysis, input.sheets, boardOf(analysis.roster.params, findRosterSheet(input.sheets)), options);
}
