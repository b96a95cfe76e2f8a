/**
 * The "Nhập báo cáo" use case over a WorkbookPort: read the units' .xlsx files, match them to the
 * roster by MA_DV (import-plan.ts) and add a sheet for each accepted one, copied from its file as
 * it is where the port can, never overwriting a sheet.
 */
import type { SheetGrid, SheetPlan } from "../core/types";
import type { RosterUnit } from "../core/model";
import { placeNewSheets } from "../core/replace";
import { PortError, type SourceSheet, type WorkbookPort } from "../workbook/port";
import { findRosterSheet, readRoster } from "../core/roster";
import { GENERATED_SHEETS, SHEET_ROSTER } from "../core/template";
import { formatInteger } from "../core/vi";
import type { ImportOutcome, ReadFile } from "./import-plan";
import { isXlsxName, notXlsxMessage, planImports } from "./import-plan";
import { TaskCancelled, TaskError } from "./outcome";
import type { OnProgress } from "./outcome";
import { addSheets } from "./template";
import { isFeedbackSheet } from "../core/own-output";

/** What the import needs from its shell: the bytes of a file, its grids, a pause to repaint. */
export interface ImportServices<F extends { name: string }> {
  readFile(file: F): Promise<Uint8Array>;
  /** The grids of every worksheet of a unit's .xlsx file (the .xlsx adapter's readXlsx). */
  readXlsx(bytes: Uint8Array, fileName: string): Promise<SheetGrid[]>;
  /**
   * The add-in state stored in the file (`_pdv_state`; empty when none), asked only of a file
   * holding PDV's feedback sheet, to tell an unedited feedback file (core/own-output.ts). Without
   * it such a file is taken as a report, as it always was.
   */
  readState?(bytes: Uint8Array, fileName: string): Promise<Record<string, string>>;
  pause(): Promise<void>;
}

/**
 * Read the unit files, match them to the roster and add a sheet for each accepted one.
 * Progress is reported per file ("Đang đọc tệp 37/400: …"). While the files are being read
 * nothing is written: aborting `signal` then throws TaskCancelled and the workbook is exactly as
 * before. Once the sheets are being added (progress `cancellable: false`) the batch runs to its end.
 * Throws TaskError when the workbook has no valid DanhMuc; a port failure propagates (PortError).
 * Returns one outcome per file, in the order given.
 */
export async function importReportFiles<F extends { name: string }>(
  port: WorkbookPort,
  files: F[],
  services: ImportServices<F>,
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
      const grids = await services.readXlsx(data, file.name);
      const feedback = services.readState && grids.some((g) => isFeedbackSheet(g.name));
      read.push(feedback ? { file: file.name, grids, state: await services.readState!(data, file.name) } : { file: file.name, grids });
      bytes[i] = data;
    } catch (err) {
      read.push({ file: file.name, grids: [], error: err instanceof Error ? err.message : String(err) });
    }
  }
  stopIfCancelled();
  const existing = (await port.listSheets()).map((s) => s.name);
  stopIfCancelled();
  const { plans, outcomes } = planImports(read, roster.units, existing);
  // A unit's sheet that exists may be replaced later (replace.ts): keep the file to copy it from.
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
