/**
 * The "Tổng hợp" use case over a WorkbookPort: read and validate, consolidate the units that
 * reported without blocking errors, write TongHop (with the time the shells all store,
 * core/state.ts `stampText`) brought to the front with the outcome; when the core refuses,
 * TongHop stays as it was and KiemTra says why.
 */
import type { Summary } from "../core/model";
import type { WorkbookPort } from "../workbook/port";
import { consolidate, ConsolidationError } from "../core/consolidate";
import { checkPlan, summaryPlan } from "../core/layout";
import { SHEET_SUMMARY } from "../core/template";
import { formatInteger } from "../core/vi";
import { stampText } from "../core/state";
import { isBackupSheet } from "../core/replace";
import { linkFindingCells, withOutcome } from "../core/sheetoutcome";
import { readAndAnalyze } from "./check";
import type { ValidationResult } from "./check";
import { outcomeFill, unitList } from "./outcome";
import type { OnProgress } from "./outcome";

export interface ConsolidationResult extends ValidationResult {
  summary: Summary;
}

export interface ConsolidationOptions {
  /** The clock, for the "lập lúc …" time stored with TongHop (tests pass a fixed one). */
  now?: () => Date;
}

/**
 * "Tổng hợp": consolidate into TongHop (read 2 + write 1–2 syncs in Excel). Throws
 * ConsolidationError (after writing KiemTra with the reason) when the core refuses, PortError
 * when the workbook cannot be read or written.
 */
export async function runConsolidation(port: WorkbookPort, onProgress?: OnProgress, options: ConsolidationOptions = {}): Promise<ConsolidationResult> {
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
  // Written and brought to the front with the outcome in its first rows.
  const plan = summaryPlan(summary, { links: true, time: stampText(now()) });
  await port.writeSheet({ ...withOutcome(plan, result.message, outcomeFill(result.level)), activate: true });
  // The backups a replaced report left ("TCCS07 (cũ)") go once the new TongHop stands (no read:
  // the names come from this run's read; a workbook without backups costs no sync). Their failure
  // is not a failed consolidation: a backup is never read as a report, the next run tries again.
  const backups = sheets.filter(isBackupSheet);
  if (backups.length > 0 && port.deleteSheets) await port.deleteSheets(backups).catch(() => undefined);
  progress(1, "Đã tổng hợp xong.");
  return result;
}
