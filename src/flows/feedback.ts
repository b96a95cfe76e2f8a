/**
 * The "Gửi lại đơn vị" use case over a WorkbookPort: every unit's feedback (core/feedback.ts) of
 * the workbook read with formulas, each as an .xlsx, all in one .zip. Writes nothing to the
 * workbook. (`pdv feedback` builds the same set from files and writes one file per unit.)
 */
import type { SheetPlan } from "../core/types";
import type { WorkbookPort } from "../workbook/port";
import { workbookFeedback } from "../core/feedback";
import type { UnitFeedback } from "../core/feedback";
import { SHEET_ROSTER } from "../core/template";
import { stampText } from "../core/state";
import { ANALYSIS_READ } from "./check";
import { TaskError } from "./outcome";

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
  const set = workbookFeedback({ sheets: snapshot.sheets, state: snapshot.state }, { time: stampText(now) });
  if (!set) {
    throw new TaskError(`Sổ chưa có sheet ${SHEET_ROSTER} hợp lệ nên chưa biết gửi cho đơn vị nào. Bấm "Kiểm tra" để xem lỗi ở ${SHEET_ROSTER}.`);
  }
  const units = set.units.map(({ code, name, fileName, errors, warnings }) => ({ code, name, fileName, errors, warnings }));
  if (set.units.length === 0) return { units, clean: set.clean.length, zip: null };
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const u of set.units) files.push({ name: u.fileName, bytes: await writers.plansToXlsx(u.sheets) });
  return { units, clean: set.clean.length, zip: { fileName: FEEDBACK_ZIP_NAME, bytes: writers.filesZip(files) } };
}
