/**
 * The "Xuất gửi cấp trên" use case over a WorkbookPort: the committee's report to the level above
 * (SHEET_REPORT_UP, core/export-up.ts) from the summary as TongHop would be now.
 */
import type { Analysis, Summary } from "../core/model";
import type { WorkbookPort } from "../workbook/port";
import { consolidate } from "../core/consolidate";
import { exportUpPlan } from "../core/export-up";
import { ymdToSerial } from "../core/dates";
import { SHEET_REPORT_UP } from "../core/template";
import { checkWorkbook } from "./check";

/**
 * "Xuất gửi cấp trên": write the committee's report to the level above (SHEET_REPORT_UP, a PDV-01
 * report of the whole committee with its coverage and unit table, values only: export-up.ts),
 * from the summary as TongHop would be now, dated today. The level above consolidates it like a
 * unit's report. Throws ConsolidationError when the core refuses, PortError from the port.
 */
export async function exportForProvince(port: WorkbookPort, today = new Date()): Promise<{ sheet: string; summary: Summary; analysis: Analysis }> {
  const analysis = await checkWorkbook(port);
  const summary = consolidate(analysis);
  const plan = exportUpPlan(summary, ymdToSerial(today.getFullYear(), today.getMonth() + 1, today.getDate())!);
  await port.writeSheet(plan);
  return { sheet: SHEET_REPORT_UP, summary, analysis };
}

