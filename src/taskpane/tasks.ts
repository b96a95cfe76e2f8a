/**
 * The task pane's own work, as plain async functions over the port and the core: a read-only
 * check, the report to the level above, import unit files, lay out a blank workbook. ("Kiểm tra" and
 * "Tổng hợp" are the ribbon's flows, src/commands/flows.ts, shared with the pane.) No React here; the views
 * call these and display what they return. Every number comes from the core.
 */
import type { SheetGrid, SheetPlan } from "../core/types";
import type { Analysis, DistrictParams, Summary } from "../core/model";
import { ANALYSIS_READ, timeText, type FlowProgress } from "../commands/flows";
import { PortError, type SourceSheet, type WorkbookPort } from "../workbook/port";
import { analyzeWorkbook } from "../core/analyze";
import { workbookReport } from "../core/report-doc";
import type { ReportDocument } from "../core/report-doc";
import { workbookFeedback } from "../core/feedback";
import type { UnitFeedback } from "../core/feedback";
import { consolidate } from "../core/consolidate";
import { exportUpPlan } from "../core/export-up";
import { ymdToSerial } from "../core/dates";
import { findRosterSheet, readRoster } from "../core/roster";
import { parseRosterCsv } from "../core/csv";
import { rosterSheetPlan, unitSheetPlan } from "../core/blank";
import { placeNewSheets } from "../core/replace";
import type { RosterUnit } from "../core/model";
import { GENERATED_SHEETS, SHEET_REPORT_UP, SHEET_ROSTER } from "../core/template";
import { formatInteger } from "../core/vi";
import type { TaskpaneServices } from "./services";
import type { ImportOutcome, ReadFile } from "./importReports";
import { isXlsxName, notXlsxMessage, planImports } from "./importReports";

/** A refusal or failure of a task, with a Vietnamese message for the user. */
export class TaskError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TaskError";
  }
}

/**
 * The user cancelled a task before it changed the workbook. Its message (Vietnamese) says that
 * nothing was changed; the pane shows it as information, not as a failure.
 */
export class TaskCancelled extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TaskCancelled";
  }
}

/**
 * Progress of a long task: the ribbon flows' shape (src/commands/flows.ts), plus whether the task
 * can still be cancelled without leaving anything changed (true only while it has written nothing).
 */
export type Progress = FlowProgress & { cancellable?: boolean };

export type OnProgress = (p: Progress) => void;

/** Read the workbook (without the add-in's own sheets) and validate it; writes nothing. */
export async function checkWorkbook(port: WorkbookPort): Promise<Analysis> {
  const snapshot = await port.readWorkbook(ANALYSIS_READ);
  return analyzeWorkbook({ sheets: snapshot.sheets, state: snapshot.state });
}

/**
 * "Xuất gửi cấp trên": write the committee's report to the level above (SHEET_REPORT_UP, a PDV-01
 * report of the whole committee with its coverage and unit table, values only: export-up.ts),
 * from the summary as TongHop would be now, dated today. The level above consolidates it like a
 * unit's report.
 */
export async function exportForProvince(port: WorkbookPort, today = new Date()): Promise<{ sheet: string; summary: Summary; analysis: Analysis }> {
  const analysis = await checkWorkbook(port);
  const summary = consolidate(analysis);
  const plan: SheetPlan = exportUpPlan(summary, ymdToSerial(today.getFullYear(), today.getMonth() + 1, today.getDate())!);
  await port.writeSheet(plan);
  return { sheet: SHEET_REPORT_UP, summary, analysis };
}

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

/** The .zip "Gửi lại đơn vị" saves: one .xlsx per unit with findings. */
export const FEEDBACK_ZIP_NAME = "phan-hoi-don-vi.zip";
export const ZIP_TYPE = "application/zip";

/** What builds the files (src/workbook/xlsx/plans-file.ts, loaded lazily by the pane). */
export interface FileWriters {
  plansToXlsx(plans: SheetPlan[]): Promise<Uint8Array>;
  filesZip(files: { name: string; bytes: Uint8Array }[]): Uint8Array;
}

export interface FeedbackFiles {
  /** Units that get a file, in roster order (file name, counts). */
  units: Pick<UnitFeedback, "code" | "name" | "fileName" | "errors" | "warnings">[];
  /** Roster units without findings (no file). */
  clean: number;
  /** The .zip of the units' files; null when no unit has a finding. */
  zip: { fileName: string; bytes: Uint8Array } | null;
}

/**
 * "Gửi lại đơn vị": every unit's feedback (src/core/feedback.ts: PhanHoi and the marked copy of
 * its report) from the workbook read with formulas, each as an .xlsx named by code and name, all
 * in one .zip for the user to save and attach. Writes nothing to the workbook. Throws TaskError
 * when DanhMuc cannot be read (nobody to send to).
 */
export async function unitFeedbackFiles(port: WorkbookPort, writers: FileWriters, now: Date): Promise<FeedbackFiles> {
  const snapshot = await port.readWorkbook({ ...ANALYSIS_READ, formulas: true });
  const set = workbookFeedback({ sheets: snapshot.sheets, state: snapshot.state }, { time: timeText(now) });
  if (!set) {
    throw new TaskError(`Sổ chưa có sheet ${SHEET_ROSTER} hợp lệ nên chưa biết gửi cho đơn vị nào. Bấm "Kiểm tra" để xem lỗi ở ${SHEET_ROSTER}.`);
  }
  const units = set.units.map(({ code, name, fileName, errors, warnings }) => ({ code, name, fileName, errors, warnings }));
  if (set.units.length === 0) return { units, clean: set.clean.length, zip: null };
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const u of set.units) files.push({ name: u.fileName, bytes: await writers.plansToXlsx(u.sheets) });
  return { units, clean: set.clean.length, zip: { fileName: FEEDBACK_ZIP_NAME, bytes: writers.filesZip(files) } };
}

/**
 * Read the unit files, match them to the roster and add a sheet for each accepted one.
 * Progress is reported per file ("Đang đọc tệp 37/400: …"). While the files are being read
 * nothing is written: aborting `signal` then throws TaskCancelled and the workbook is exactly as
 * before. Once the sheets are being added (progress `cancellable: false`) the batch runs to its end.
 * Throws TaskError when the workbook has no valid DanhMuc; a port failure propagates (PortError).
 * Returns one outcome per file, in the order given.
 */
export async function importReportFiles(
  port: WorkbookPort,
  files: File[],
  services: Pick<TaskpaneServices, "readFile" | "readXlsx" | "pause">,
  onProgress: OnProgress,
  signal?: AbortSignal,
): Promise<ImportOutcome[]> {
  const stopIfCancelled = () => {
    if (signal?.aborted) throw new TaskCancelled(`Đã hủy nhập báo cáo: chưa thêm sheet nào, sổ giữ nguyên như trước.`);
  };
  onProgress({ value: 0.05, label: "Đang đọc danh mục đơn vị…", cancellable: true });
  await services.pause();
  const snapshot = await port.readWorkbook({ skip: GENERATED_SHEETS });
  const rosterGrid = findRosterSheet(snapshot.sheets);
  const roster = rosterGrid ? readRoster(rosterGrid).roster : null;
  if (!roster) {
    throw new TaskError(
      `Sổ chưa có sheet ${SHEET_ROSTER} hợp lệ nên không biết báo cáo thuộc đơn vị nào. Tạo sổ mẫu hoặc sửa ${SHEET_ROSTER} (bấm "Kiểm tra" để xem lỗi) rồi nhập lại.`,
    );
  }
  const read: ReadFile[] = [];
  /** The bytes of each read file (aligned with `read`), for copying its sheet as it is. */
  const bytes: (Uint8Array | null)[] = [];
  const n = formatInteger(files.length);
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    stopIfCancelled();
    onProgress({ value: 0.1 + (0.7 * i) / files.length, label: `Đang đọc tệp ${formatInteger(i + 1)}/${n}: ${file.name}`, cancellable: true });
    await services.pause();
    bytes.push(null);
    if (!isXlsxName(file.name)) {
      read.push({ file: file.name, grids: [], error: notXlsxMessage(file.name) });
      continue;
    }
    try {
      const data = await services.readFile(file);
      read.push({ file: file.name, grids: await services.readXlsx(data, file.name) });
      bytes[i] = data;
    } catch (err) {
      read.push({ file: file.name, grids: [], error: err instanceof Error ? err.message : String(err) });
    }
  }
  stopIfCancelled();
  const existing = (await port.listSheets()).map((s) => s.name);
  stopIfCancelled();
  const { plans, outcomes } = planImports(read, roster.units, existing);
  // A unit's sheet that exists may be replaced later (replaceReport): keep the file to copy it from.
  outcomes.forEach((o, i) => {
    const data = bytes[i];
    if (o.kind === "exists" && o.incoming && data) o.incoming.source = { bytes: data, sheet: o.incoming.grid.name };
  });
  if (plans.length > 0) {
    const total = formatInteger(plans.length);
    const writing = async (k: number) => {
      onProgress({ value: 0.8 + (0.2 * k) / plans.length, label: `Đang thêm sheet ${formatInteger(k + 1)}/${total} vào sổ…`, cancellable: false });
      await services.pause();
    };
    await writing(0);
    // planImports gives one outcome per file, in order, and one plan per "added" outcome, in order.
    const added = outcomes.flatMap((o, i) => (o.kind === "added" ? [i] : []));
    const imports = plans.map((plan, k) => {
      const i = added[k];
      const o = outcomes[i];
      const data = bytes[i];
      const grid = read[i].grids.find((g) => o.kind === "added" && g.name === o.sourceSheet)!;
      return { plan, outcome: i, grid, source: data && o.kind === "added" ? { bytes: data, sheet: o.sourceSheet } : null };
    });
    const rest = await insertFromFiles(port, imports, outcomes, writing);
    if (rest.length > 0) await addSheets(port, rest);
    await placeInRosterOrder(port, roster.units, outcomes.flatMap((o) => (o.kind === "added" ? [o.sheet] : [])));
  }
  onProgress({ value: 1, label: "Đã nhập xong.", cancellable: false });
  return outcomes;
}

/**
 * Copies each unit's sheet from its file as it is, where the port can (Excel with ExcelApi 1.13);
 * returns the plans still to be written from the files' grids. A sheet that turned out to exist
 * (made since the sheet list was read) becomes an "exists" outcome; any other failure of the copy
 * (which leaves nothing behind) falls back to writing the grid.
 */
async function insertFromFiles(
  port: WorkbookPort,
  imports: { plan: SheetPlan; outcome: number; source: SourceSheet | null; grid: SheetGrid }[],
  outcomes: ImportOutcome[],
  onSheet: (index: number) => Promise<void>,
): Promise<SheetPlan[]> {
  const rest: SheetPlan[] = [];
  for (const [k, { plan, outcome, source }] of imports.entries()) {
    if (k > 0 && port.insertSheetFromFile && source) await onSheet(k);
    if (!port.insertSheetFromFile || !source) {
      rest.push(plan);
      continue;
    }
    try {
      if (await port.insertSheetFromFile(source, plan.name)) continue;
    } catch (err) {
      const o = outcomes[outcome];
      if (err instanceof PortError && err.code === "sheet-exists" && o.kind === "added") {
        outcomes[outcome] = { kind: "exists", file: o.file, unit: o.unit, sheet: o.sheet, incoming: { grid: imports[k].grid, source } };
        continue;
      }
    }
    rest.push(plan);
  }
  return rest;
}

/**
 * Puts the added sheets where the roster order wants them (core placeNewSheets): after the sheet
 * of the previous roster unit that exists, else after DanhMuc. Where the port cannot move sheets,
 * or the move fails, they stay at the end: the order is for reading, never for the figures.
 */
async function placeInRosterOrder(port: WorkbookPort, units: RosterUnit[], added: string[]): Promise<void> {
  if (!port.moveSheets || added.length === 0) return;
  try {
    const moves = placeNewSheets((await port.listSheets()).map((s) => s.name), units, added);
    if (moves.length > 0) await port.moveSheets(moves);
  } catch {
    // The sheets are in the workbook and complete; only their place is not the roster's.
  }
}

/** Add new sheets; a port without addSheets writes them one by one (names were checked free). */
async function addSheets(port: WorkbookPort, plans: SheetPlan[]): Promise<void> {
  if (port.addSheets) {
    await port.addSheets(plans);
    return;
  }
  for (const p of plans) await port.writeSheet(p);
}

export interface TemplateResult {
  roster: string;
  units: string[];
}

/** Lay out the blank standard workbook (DanhMuc + one PDV-01 form per unit) from a roster CSV. */
export async function createTemplate(port: WorkbookPort, csvText: string, params: DistrictParams): Promise<TemplateResult> {
  const existing = (await port.listSheets()).map((s) => s.name);
  const lower = new Set(existing.map((s) => s.toLowerCase()));
  if (lower.has(SHEET_ROSTER.toLowerCase())) {
    throw new TaskError(`Sổ này đã có sheet ${SHEET_ROSTER}: không tạo sổ mẫu đè lên. Hãy tạo sổ mẫu trong một sổ Excel mới.`);
  }
  const rows = parseRosterCsv(csvText);
  if (rows.length === 0) throw new TaskError("Tệp danh mục CSV không có đơn vị nào (chỉ có dòng tiêu đề).");
  const plans = [rosterSheetPlan(params, rows), ...rows.map((r) => unitSheetPlan(params, r))];
  const clashes = plans.filter((p) => lower.has(p.name.toLowerCase())).map((p) => `'${p.name}'`);
  if (clashes.length > 0) {
    throw new TaskError(`Sổ đã có sheet ${clashes.join(", ")}: không ghi đè. Hãy tạo sổ mẫu trong một sổ Excel mới.`);
  }
  await addSheets(port, plans);
  return { roster: plans[0].name, units: plans.slice(1).map((p) => p.name) };
}
