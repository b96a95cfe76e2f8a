/**
 * The one port between PDV's core and a workbook, whatever holds it: Excel (Office.js),
 * .xlsx files (ExcelJS) or page memory. Grids in, plans out. Each adapter makes these few
 * calls cheap in its own medium (the Office.js one batches every read into as few syncs as
 * the payload limit allows, and a whole plan into one more).
 */
import { UserError } from "../core/user-error";
import type { SheetGrid, SheetPlan } from "../core/types";
import type { SheetMove } from "../core/replace";

export type { SheetMove };

export interface SheetInfo {
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
}

export interface ReadOptions {
  /** Sheets not to read (e.g. the generated TongHop/KiemTra). Compared ignoring case. */
  skip?: string[];
  /** Also read each cell's font name (legacy encoding detection). */
  fonts?: boolean;
  /** Also read formulas (traceability, C05 diagnostics). */
  formulas?: boolean;
}

export interface WorkbookSnapshot {
  /** Every sheet not skipped, in workbook order. */
  sheets: SheetGrid[];
  /** Add-in state stored with the workbook (see SheetPlan.state). */
  state: Record<string, string>;
}

/** One worksheet of an .xlsx file: the file's bytes and the sheet's name in it. */
export interface SourceSheet {
  bytes: Uint8Array;
  sheet: string;
}

export interface WorkbookPort {
  /** Names and visibility of all sheets, in order. */
  listSheets(): Promise<SheetInfo[]>;
  /** Grids of every sheet (except `skip`) and the stored add-in state. */
  readWorkbook(options?: ReadOptions): Promise<WorkbookSnapshot>;
  /**
   * Write a planned sheet. When a sheet of that name exists it is replaced only after the new one
   * is complete (built under a temporary name, then swapped), so a failure leaves the old one intact.
   * Never touches any other sheet. Stores `plan.state` with the workbook.
   */
  writeSheet(plan: SheetPlan): Promise<void>;
  /** Add new sheets (e.g. imported unit reports, a blank template). Fails if a name is taken. */
  addSheets?(plans: SheetPlan[]): Promise<void>;
  /**
   * Copy one worksheet of an .xlsx file into the workbook as it is (formulas, formats, widths),
   * at the end, named `newName`. Resolves false, having changed nothing, when the host cannot
   * (no ExcelApi 1.13, a file Excel refuses to insert, too large to send): the caller then reads
   * the file and writes it with addSheets. Refuses (PortError "sheet-exists") when `newName` is
   * taken, never overwriting a sheet; on any other failure nothing it inserted is left behind.
   */
  insertSheetFromFile?(file: SourceSheet, newName: string): Promise<boolean>;
  /**
   * Arranging sheets (a replaced report's backup, imported sheets in roster order). Each call is
   * one batch; names are compared ignoring case; a sheet that does not exist fails the call
   * (PortError "no-sheet") before anything changed.
   * - renameSheet: formulas pointing into the sheet follow it, as in Excel. PortError
   *   "sheet-exists" when `to` is taken.
   * - moveSheets: in the order given, each sheet right after `after` (null: first).
   * - setSheetsVisibility: Excel refuses to hide the last visible sheet (nothing is hidden then).
   * - deleteSheets: formulas pointing into a deleted sheet become #REF!; only for sheets nothing
   *   should point to (the backups). Excel refuses to delete the last visible sheet.
   */
  renameSheet?(from: string, to: string): Promise<void>;
  moveSheets?(moves: SheetMove[]): Promise<void>;
  setSheetsVisibility?(sheets: string[], visibility: "Visible" | "Hidden"): Promise<void>;
  deleteSheets?(sheets: string[]): Promise<void>;
  /** Select a cell and bring its sheet to the front ("take me there"). */
  selectCell(sheet: string, cell: string): Promise<void>;
}

/**
 * What went wrong, the same for every adapter (memory, .xlsx file, Office), so that a caller can
 * act on it (the pane's import treats "sheet-exists" as "already imported"):
 * - sheet-exists: a sheet of that name is already there (never overwritten by addSheets/insert);
 * - sheet-name: the name is not a valid sheet name, or is reserved for PDV;
 * - no-sheet: no sheet of that name (selectCell, and the sheet arrangement);
 * - last-visible: the arrangement would hide or delete the last visible sheet (Excel refuses);
 * - plan / bad-cell: the plan cannot be written (a fault of PDV);
 * - read / write / select / insert: Excel refused the batch (its own code is in the message);
 * - io / overwrite-input: the file system refused, or the output is the input (files);
 * - not-xlsx / csv / xlsb / macro / ole2 / corrupt / empty / too-large / unsupported: the file
 *   is not a workbook PDV can read (the message says what it is and how to save it as .xlsx).
 */
export type PortErrorCode =
  | "sheet-exists"
  | "sheet-name"
  | "no-sheet"
  | "last-visible"
  | "plan"
  | "bad-cell"
  | "read"
  | "write"
  | "select"
  | "insert"
  | "io"
  | "overwrite-input"
  | "not-xlsx"
  | "csv"
  | "xlsb"
  | "macro"
  | "ole2"
  | "corrupt"
  | "empty"
  | "too-large"
  | "unsupported";

/** An error a port raises with a Vietnamese message for the user (sheet/cell named where known). */
export class PortError extends UserError {
  constructor(
    message: string,
    readonly code: PortErrorCode,
  ) {
    super(message);
    this.name = "PortError";
  }
}
