/**
 * The two ribbon commands as plain async functions over a WorkbookPort: read the workbook, run the
 * core, write the generated sheet, bring it to the front and say in one Vietnamese sentence what
 * happened. No Office here: the ribbon handlers (commands.ts) pass the Office.js port, tests pass
 * the in-memory one, and the task pane can call the same functions.
 */
import type { Analysis, Summary } from "../core/model";
import type { ReadOptions, WorkbookPort } from "../workbook/port";
import { PortError } from "../workbook/port";
import { analyzeWorkbook } from "../core/analyze";
import { consolidate, ConsolidationError } from "../core/consolidate";
import { checkPlan, summaryPlan } from "../core/layout";
import { GENERATED_SHEETS, SHEET_CHECK, SHEET_SUMMARY } from "../core/template";
import { formatInteger } from "../core/vi";
import { isBackupSheet } from "../core/replace";
import { linkFindingCells, withOutcome } from "../core/sheetoutcome";

export type FlowLevel = "success" | "warning" | "error";

export interface FlowProgress {
  /** 0…1 */
  value: number;
  /** What is being done now (Vietnamese). */
  label: string;
}

export interface ValidationResult {
  level: FlowLevel;
  /** One or two Vietnamese sentences for the user. */
  message: string;
  analysis: Analysis;
}

export interface ConsolidationResult extends ValidationResult {
  summary: Summary;
}

export interface ConsolidationOptions {
  /** The clock, for the "lập lúc …" time stored with TongHop (tests pass a fixed one). */
  now?: () => Date;
}

/** How many unit codes a message lists before "…". */
const LISTED_UNITS = 5;

/**
 * How Kiểm tra and Tổng hợp read the workbook, in Excel as in `pdv`: the add-in's own sheets
 * skipped, and each cell's font read, so that rule E01 (TCVN3/VNI text) finds the same as the CLI.
 */
export const ANALYSIS_READ: ReadOptions = { skip: GENERATED_SHEETS, fonts: true };

async function readAndAnalyze(port: WorkbookPort): Promise<{ analysis: Analysis; sheets: string[] }> {
  const snapshot = await port.readWorkbook(ANALYSIS_READ);
  return { analysis: analyzeWorkbook({ sheets: snapshot.sheets, state: snapshot.state }), sheets: snapshot.sheets.map((s) => s.name) };
}

/** Fill of the outcome line: red for errors, yellow for warnings, none for success. */
function outcomeFill(level: FlowLevel): string | undefined {
  return level === "error" ? "#F8CBAD" : level === "warning" ? "#FFF2CC" : undefined;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "14:05 ngày 06/09/2020" */
export function timeText(d: Date): string {
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())} ngày ${pad2(d.getDate())}/${pad2(d.getMonth() + 1)}/${d.getFullYear()}`;
}

function unitList(codes: string[]): string {
  const shown = codes.slice(0, LISTED_UNITS).join(", ");
  return codes.length > LISTED_UNITS ? `${shown}, …` : shown;
}

/**
 * "Kiểm tra": validate every report and write the findings to KiemTra, brought to the front with
 * the outcome in its second row and each finding's cell a link to it (the sheet speaks without the
 * task pane).
 */
export async function runValidation(port: WorkbookPort): Promise<ValidationResult> {
  const { analysis, sheets } = await readAndAnalyze(port);
  const result = validationOutcome(analysis);
  await port.writeSheet({ ...linkFindingCells(checkPlan(analysis), sheets), activate: true });
  return result;
}

function validationOutcome(analysis: Analysis): ValidationResult {
  const errors = analysis.findings.filter((f) => f.severity === "error").length;
  const warnings = analysis.findings.filter((f) => f.severity === "warning").length;
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

/** "Tổng hợp": consolidate the units that reported without blocking errors into TongHop. */
export async function runConsolidation(
  port: WorkbookPort,
  onProgress?: (p: FlowProgress) => void,
  options: ConsolidationOptions = {},
): Promise<ConsolidationResult> {
  const progress = (value: number, label: string) => onProgress?.({ value, label });
  const now = options.now ?? (() => new Date());

  progress(0.05, "Đang đọc số liệu trong sổ…");
  const { analysis, sheets } = await readAndAnalyze(port);
  progress(0.4, "Đang tổng hợp số liệu…");
  let summary: Summary;
  try {
    summary = consolidate(analysis);
  } catch (e) {
    // TongHop stays as it was; KiemTra, brought to the front, says why and lists the findings.
    if (e instanceof ConsolidationError) {
      const plan = withOutcome(linkFindingCells(checkPlan(analysis), sheets), `${e.message} Sheet ${SHEET_SUMMARY} được giữ nguyên.`, outcomeFill("error"));
      await port.writeSheet({ ...plan, activate: true }).catch(() => undefined);
    }
    throw e;
  }
  const included = summary.included.length;
  const head = `Đã tổng hợp ${formatInteger(included)}/${formatInteger(summary.expected)} đơn vị vào sheet ${SHEET_SUMMARY}.`;
  const codes = summary.excluded.map((e) => e.unit);
  const result: ConsolidationResult =
    codes.length === 0
      ? { level: "success", message: head, analysis, summary }
      : {
          level: "warning",
          message: `${head} Chưa tính ${formatInteger(codes.length)} đơn vị (chưa nộp hoặc có lỗi): ${unitList(codes)}. Bấm "Kiểm tra" để xem lý do.`,
          analysis,
          summary,
        };
  progress(0.6, `Đang ghi sheet ${SHEET_SUMMARY}…`);
  // Written and brought to the front with the outcome in its first rows (read 2 + write 1–2 syncs).
  const plan = summaryPlan(summary, { links: true, time: timeText(now()) });
  await port.writeSheet({ ...withOutcome(plan, result.message, outcomeFill(result.level)), activate: true });
  // The backups a replaced report left ("TCCS07 (cũ)") go once the new TongHop stands (no read:
  // the names come from this run's read; a workbook without backups costs no sync). Their failure
  // is not a failed consolidation: a backup is never read as a report, the next run tries again.
  const backups = sheets.filter(isBackupSheet);
  if (backups.length > 0 && port.deleteSheets) await port.deleteSheets(backups).catch(() => undefined);
  progress(1, "Đã tổng hợp xong.");
  return result;
}

/**
 * A Vietnamese sentence for a failure. Errors PDV raises on purpose (port, consolidation) already
 * speak Vietnamese; anything else (an Office.js error, a bug) is named as unexpected with its text.
 */
export function describeError(err: unknown, action: string): string {
  if (err instanceof PortError || err instanceof ConsolidationError) return err.message;
  const detail = err instanceof Error ? err.message : String(err);
  const code = typeof err === "object" && err !== null && typeof (err as { code?: unknown }).code === "string" ? (err as { code: string }).code : "";
  return `Không ${action} được do lỗi ngoài dự kiến${code ? ` (${code})` : ""}: ${detail}`;
}
