/**
 * The "Kiểm tra" use case over a WorkbookPort: read the workbook as every shell reads it, validate
 * it, and (ribbon and pane) write KiemTra with the outcome, brought to the front. The counts and the
 * order of the findings are the core's (core/findings.ts), as `pdv validate` prints them.
 */
import type { Analysis } from "../core/model";
import type { ReadOptions, WorkbookPort } from "../workbook/port";
import { analyzeWorkbook } from "../core/analyze";
import { countFindings } from "../core/findings";
import { checkPlan } from "../core/layout";
import { GENERATED_SHEETS, SHEET_CHECK } from "../core/template";
import { formatInteger } from "../core/vi";
import { linkFindingCells } from "../core/sheetoutcome";
import type { FlowLevel } from "./outcome";

export interface ValidationResult {
  level: FlowLevel;
  /** One or two Vietnamese sentences for the user. */
  message: string;
  analysis: Analysis;
}

/**
 * How Kiểm tra and Tổng hợp read the workbook, in Excel as in `pdv`: the add-in's own sheets
 * skipped, and each cell's font read, so that rule E01 (TCVN3/VNI text) finds the same as the CLI.
 */
export const ANALYSIS_READ: ReadOptions = { skip: GENERATED_SHEETS, fonts: true };

/** Read the workbook (ANALYSIS_READ) and validate it; also the names of the sheets read (for links). */
export async function readAndAnalyze(port: WorkbookPort): Promise<{ analysis: Analysis; sheets: string[] }> {
  const snapshot = await port.readWorkbook(ANALYSIS_READ);
  return { analysis: analyzeWorkbook({ sheets: snapshot.sheets, state: snapshot.state }), sheets: snapshot.sheets.map((s) => s.name) };
}

/** Read the workbook (without the add-in's own sheets) and validate it; writes nothing. */
export async function checkWorkbook(port: WorkbookPort): Promise<Analysis> {
  return (await readAndAnalyze(port)).analysis;
}

/**
 * "Kiểm tra": validate every report and write the findings to KiemTra, brought to the front with
 * the outcome in its second row and each finding's cell a link to it (the sheet speaks without the
 * task pane). Throws what the port throws (PortError).
 */
export async function runValidation(port: WorkbookPort): Promise<ValidationResult> {
  const { analysis, sheets } = await readAndAnalyze(port);
  const result = validationOutcome(analysis);
  await port.writeSheet({ ...linkFindingCells(checkPlan(analysis), sheets), activate: true });
  return result;
}

/** The level and the sentence of a validation: received/expected, errors and warnings. */
export function validationOutcome(analysis: Analysis): ValidationResult {
  const { errors, warnings } = countFindings(analysis.findings);
  const received = analysis.roster
    ? `Đã nhận ${formatInteger(analysis.received)}/${formatInteger(analysis.expected)} báo cáo`
    : "Chưa đọc được danh mục đơn vị";
  if (errors === 0 && warnings === 0) {
    return { level: "success", message: `${received}; không có lỗi hay cảnh báo. Kết quả ở sheet ${SHEET_CHECK}.`, analysis };
  }
  return {
    level: errors > 0 ? "error" : "warning",
    message: `${received}; ${formatInteger(errors)} lỗi, ${formatInteger(warnings)} cảnh báo. Xem chi tiết và ô cần sửa ở sheet ${SHEET_CHECK}.`,
    analysis,
  };
}
