/**
 * "Thay báo cáo": a unit sent a corrected file and its sheet exists. The user first sees what the
 * replacement changes (every figure before → after, computed by the core: replace.ts), then
 * confirms. The old sheet is renamed "<sheet> (cũ)" and hidden (a backup, never read as a report;
 * the next consolidation deletes it), and the file's report takes the old sheet's name and place.
 * A failure midway is undone, so the workbook is as it was; a unit's data is never deleted here.
 */
import { backupSheetName, reportChanges, type ReportChange } from "../core/replace";
import { GENERATED_SHEETS } from "../core/template";
import { PortError, type WorkbookPort } from "../workbook/port";
import type { Incoming } from "./import-plan";
import { gridToPlan } from "./import-plan";

/** What a replacement will do, as the confirmation names it. */
export interface ReplacementPreview {
  unit: string;
  file: string;
  /** The unit's sheet, replaced in place. */
  sheet: string;
  /** The name the old sheet will keep, hidden ("TCCS07 (cũ)"). */
  backup: string;
  /** Each figure that changes, before → after (empty: the same figures). */
  changes: ReportChange[];
}

/** What is replaced: an "exists" import outcome that kept the file's report. */
export interface ReplacementRequest {
  unit: string;
  file: string;
  sheet: string;
  incoming: Incoming;
}

/** A refusal of the replacement, in Vietnamese; the workbook is as it was. */
export class ReplaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReplaceError";
  }
}

const ARRANGING = ["renameSheet", "moveSheets", "setSheetsVisibility", "deleteSheets"] as const;

/** Reads the unit's sheet as it is now and compares it with the file's report. Writes nothing. */
export async function previewReplacement(port: WorkbookPort, request: ReplacementRequest): Promise<ReplacementPreview> {
  const snapshot = await port.readWorkbook({ skip: GENERATED_SHEETS });
  const current = snapshot.sheets.find((s) => s.name.toLowerCase() === request.sheet.toLowerCase());
  if (!current) {
    throw new ReplaceError(`Sổ không còn sheet '${request.sheet}' của đơn vị ${request.unit}: không cần thay, hãy nhập lại tệp ${request.file}.`);
  }
  const names = (await port.listSheets()).map((s) => s.name);
  return {
    unit: request.unit,
    file: request.file,
    sheet: current.name,
    backup: backupSheetName(current.name, names),
    changes: reportChanges(current, request.incoming.grid),
  };
}

const sameChanges = (a: ReplacementPreview, b: ReplacementPreview): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Replaces the unit's sheet with the file's report, if the workbook still is as `confirmed`
 * describes it; else changes nothing and returns the fresh preview to confirm again
 * (`done: false`). Throws ReplaceError (the workbook as it was) when the host cannot arrange
 * sheets or a step fails; a failure of the undo itself says so and names the backup.
 */
export async function replaceReport(
  port: WorkbookPort,
  request: ReplacementRequest,
  confirmed: ReplacementPreview,
): Promise<{ done: boolean; preview: ReplacementPreview }> {
  if (ARRANGING.some((m) => typeof port[m] !== "function")) {
    throw new ReplaceError("Phiên bản Excel này không cho phép đổi tên, ẩn và sắp xếp sheet từ phần bổ trợ: không thay được báo cáo.");
  }
  const preview = await previewReplacement(port, request);
  if (!sameChanges(preview, confirmed)) return { done: false, preview };
  const { sheet, backup } = preview;
  const before = (await port.listSheets()).map((s) => s.name);
  const at = before.findIndex((n) => n.toLowerCase() === sheet.toLowerCase());
  const after = at > 0 ? before[at - 1] : null;

  await port.renameSheet!(sheet, backup);
  let added = false;
  let hidden = false;
  try {
    const source = request.incoming.source;
    if (source && port.insertSheetFromFile) added = await port.insertSheetFromFile(source, sheet).catch(() => false);
    if (!added) {
      const plan = gridToPlan(request.incoming.grid, sheet, request.file);
      if (port.addSheets) await port.addSheets([plan]);
      else await port.writeSheet(plan);
      added = true;
    }
    await port.moveSheets!([{ sheet, after }]);
    await port.setSheetsVisibility!([backup], "Hidden");
    hidden = true;
  } catch (err) {
    const why = err instanceof PortError ? ` (${err.message.replace(/[.\s]+$/u, "")})` : "";
    try {
      if (hidden) await port.setSheetsVisibility!([backup], "Visible");
      if (added) await port.deleteSheets!([sheet]);
      await port.renameSheet!(backup, sheet);
    } catch {
      throw new ReplaceError(
        `Không thay được báo cáo của đơn vị ${request.unit}${why}, và không trả lại được như cũ: báo cáo cũ vẫn còn nguyên ở sheet '${backup}'. Đổi tên sheet đó lại thành '${sheet}' (xóa sheet '${sheet}' mới nếu có) rồi thử lại.`,
      );
    }
    throw new ReplaceError(`Không thay được báo cáo của đơn vị ${request.unit}${why}. Sổ giữ nguyên như trước.`);
  }
  return { done: true, preview };
}
