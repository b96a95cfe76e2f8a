/**
 * The "Báo cáo" use case over a WorkbookPort: the Board's draft report (core/report-doc.ts) of the
 * workbook read with formulas, rendered by the shell's renderer (src/report/docx.ts). Writes
 * nothing to the workbook. (`pdv report` reads files, then renders the same document.)
 */
import type { WorkbookPort } from "../workbook/port";
import { workbookReport } from "../core/report-doc";
import type { ReportDocument } from "../core/report-doc";
import { ymdToSerial } from "../core/dates";
import { ANALYSIS_READ } from "./check";

/** The Word file "Báo cáo" saves. */
export const REPORT_FILE_NAME = "bao-cao-phat-trien-dang-vien.docx";
export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/**
 * "Báo cáo": the Board's draft report (src/core/report-doc.ts) of the workbook read with formulas,
 * dated `today` (place left to fill in), rendered by `render` (src/report/docx.ts, loaded lazily
 * by the pane). Writes nothing to the workbook. Throws the core's Vietnamese ConsolidationError
 * when the workbook cannot be consolidated (no valid DanhMuc).
 */
export async function boardReport(
  port: WorkbookPort,
  render: (doc: ReportDocument) => Promise<Uint8Array>,
  today: Date,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const snapshot = await port.readWorkbook({ ...ANALYSIS_READ, formulas: true });
  const date = ymdToSerial(today.getFullYear(), today.getMonth() + 1, today.getDate());
  const doc = workbookReport({ sheets: snapshot.sheets, state: snapshot.state }, { date });
  return { fileName: REPORT_FILE_NAME, bytes: await render(doc) };
}
