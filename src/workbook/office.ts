/**
 * The Office.js adapter of the workbook port. It is handed the `Excel` namespace (the real one in
 * the add-in, the strict fake in tests and the preview) and never imports office.js itself.
 *
 * The Excel subset it needs is office-api.ts; plans become commands in office-plan.ts; reads
 * become grids in office-read.ts and office-grid.ts; sheets are written in office-write.ts, copied
 * from a file in office-insert.ts and arranged in office-arrange.ts, which share the port's state
 * (sheet list, round-trip count) through office-session.ts. This module is the port itself.
 *
 * Round trips (each `context.sync()` costs one):
 * - readWorkbook: sync 1 loads sheet names/visibility and the add-in state (workbook.settings);
 *   sync 2 loads every wanted sheet's used range. Reads are chunked so every request and response
 *   stays under a payload budget (Excel on the web rejects more than 5 MB either way): chunk sizes
 *   come from an estimate per sheet that adapts to what the previous chunk really weighed, and a
 *   chunk refused for size is split (down to row bands of a single sheet); one refused with
 *   RangeExceedsLimit learns its sheets' sizes (one sync) and reads the oversized ones apart. A
 *   sheet with cells far from its data (XFD1048576 under a report) costs a few more syncs, as the
 *   file reader cuts it (office-far.ts: its areas, then the data block and the far values).
 * - Every batch runs with `delayForCellEdit` (office-api.ts RUN_OPTIONS): while the user edits a
 *   cell, Excel would fail it at once; it waits instead.
 * - writeSheet (office-write.ts): the plan is built on a temporary sheet. A new sheet: the
 *   temporary one is renamed as the last command (one sync, one more when the sheet list is not
 *   known from an earlier call).
 *   An existing sheet keeps its sheet object so that formulas pointing into it keep working:
 *   sync 1 builds the temporary sheet, sync 2 clears the old one and copies the temporary one's
 *   cells into it, then deletes it. A failure while building leaves the old sheet as it was; a
 *   failure during the copy is completed from the temporary sheet; a leftover temporary sheet is
 *   removed by the next write. The state and `calculate` come before the rename/delete, and
 *   activate/select last, so their failure (UI) is not a failed write.
 * - Text that Excel would reinterpret (leading = + - @ ' #, anything with a digit, TRUE/FALSE) is
 *   written with a leading apostrophe, which Excel keeps as the "text" prefix and does not store
 *   in the value: formula injection ("=cmd|' /C calc'!A0") stays text, "0123" keeps its zero.
 * - insertSheetFromFile (office-insert.ts; ExcelApi 1.13, checked with
 *   Office.context.requirements.isSetSupported): sync 1 inserts the file's sheet at the end (Excel names it itself, "Name (2)" on a clash),
 *   sync 2 renames it by its id; a failed rename deletes it again (sync 3). The name is checked
 *   free first against the sheet list this port last saw (one more sync when it saw none).
 * - renameSheet, moveSheets, setSheetsVisibility, deleteSheets (office-arrange.ts): sync 1 loads the
 *   sheet list, every name (and Excel's rule that one sheet stays visible) is checked on it, sync 2
 *   sends every command: 2 syncs whatever the number of sheets, nothing sent when a check fails.
 */
import type { SheetGrid, SheetPlan } from "../core/types";
import { parseRange } from "../core/a1";
import { PortError, type ReadOptions, type SheetInfo, type SheetMove, type SourceSheet, type WorkbookPort, type WorkbookSnapshot } from "./port";
import { type ExcelLike, RUN_OPTIONS } from "./office-api";
import { GridReader } from "./office-read";
import { errorCode, portError } from "./office-errors";
import { OfficeSession, STATE_SETTING_PREFIX, XLSX_STATE_SHEET, isInternalSheet } from "./office-session";
import { addSheets, writeSheet } from "./office-write";
import { insertSheetFromFile } from "./office-insert";
import { deleteSheets, moveSheets, renameSheet, setSheetsVisibility } from "./office-arrange";

export * from "./office-api";
export { cellProps, encodeCell, needsTextPrefix, planBands, planSize, queueChart, queueSheetLayout, widthToPoints } from "./office-plan";
export { toGrid } from "./office-grid";
export { EXCEL_TOO_OLD } from "./office-errors";
export { STATE_SETTING_PREFIX, XLSX_STATE_SHEET, tempSheetName } from "./office-session";

/* ------------------------------------------------------------------ options, constants */

export interface OfficePortOptions {
  /** Bytes allowed per request and per response; default 3,500,000 (Excel on the web refuses 5 MB). */
  payloadBudget?: number;
  /**
   * Office.context.requirements.isSetSupported, e.g. ("ExcelApi", "1.13"), asked before using an
   * API above the manifest's minimum (ExcelApi 1.9). Default: the global `Office`'s when there is
   * one, else every such check says no.
   */
  isSetSupported?: (name: string, minVersion: string) => boolean;
}

/** The global Office's requirement check, or one that says no when there is no Office. */
function globalIsSetSupported(name: string, minVersion: string): boolean {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported?(n: string, v: string): boolean } } } }).Office;
  const requirements = office?.context?.requirements;
  return typeof requirements?.isSetSupported === "function" ? requirements.isSetSupported(name, minVersion) === true : false;
}

const DEFAULT_BUDGET = 3_500_000;

/* ------------------------------------------------------------------ the adapter */

export interface OfficePort extends WorkbookPort {
  /** Round trips the last call made (for diagnostics and benchmarks). */
  readonly lastSyncs: number;
}

export function createOfficePort(excel: ExcelLike, options: OfficePortOptions = {}): OfficePort {
  return new OfficeWorkbookPort(excel, options);
}

class OfficeWorkbookPort implements OfficePort {
  private readonly isSetSupported: (name: string, minVersion: string) => boolean;
  private readonly session: OfficeSession;
  private readonly reader: GridReader;

  constructor(
    private readonly excel: ExcelLike,
    options: OfficePortOptions,
  ) {
    this.session = new OfficeSession(excel, options.payloadBudget ?? DEFAULT_BUDGET);
    this.isSetSupported = options.isSetSupported ?? globalIsSetSupported;
    this.reader = new GridReader(this.session.budget, (ctx) => this.session.sync(ctx));
  }

  get lastSyncs(): number {
    return this.session.lastSyncs;
  }

  async listSheets(): Promise<SheetInfo[]> {
    this.session.lastSyncs = 0;
    try {
      const list = await this.excel.run(RUN_OPTIONS, (ctx) => this.session.loadSheetList(ctx));
      return list.filter((s) => !isInternalSheet(s.name)).map((s) => ({ ...s }));
    } catch (e) {
      throw portError(`Không đọc được danh sách sheet từ Excel (mã lỗi ${errorCode(e)}).`, "read", e);
    }
  }

  /* ---------------------------------------------------------------- reading */

  async readWorkbook(options: ReadOptions = {}): Promise<WorkbookSnapshot> {
    this.session.lastSyncs = 0;
    const skip = new Set((options.skip ?? []).map((s) => s.toLowerCase()));
    try {
      return await this.excel.run(RUN_OPTIONS, async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load("items/name,items/visibility");
        const settings = ctx.workbook.settings;
        settings.load("items/key,items/value");
        await this.session.sync(ctx);
        this.session.known = sheets.items.map((s) => ({ name: s.name, visibility: s.visibility as SheetInfo["visibility"] }));
        const wanted = this.session.known.filter((s) => !isInternalSheet(s.name) && !skip.has(s.name.toLowerCase()));
        const stateSheet = this.session.known.find((s) => s.name.toLowerCase() === XLSX_STATE_SHEET);
        const toRead = stateSheet ? [stateSheet, ...wanted] : wanted;
        const grids = await this.reader.readGrids(ctx, toRead, options);

        const state: Record<string, string> = {};
        if (stateSheet) {
          for (const row of grids.get(stateSheet.name)?.values ?? []) {
            const [k, v] = row;
            if (typeof k === "string" && k !== "") state[k] = v === null || v === undefined || typeof v === "object" ? "" : String(v);
          }
        }
        for (const s of settings.items) {
          if (s.key.startsWith(STATE_SETTING_PREFIX)) state[s.key.slice(STATE_SETTING_PREFIX.length)] = String(s.value ?? "");
        }
        // A macro or chart sheet has no grid (skipped while reading).
        return { sheets: wanted.filter((s) => grids.has(s.name)).map((s) => grids.get(s.name) as SheetGrid), state };
      });
    } catch (e) {
      if (e instanceof PortError) throw e;
      throw portError(`Không đọc được dữ liệu từ Excel (mã lỗi ${errorCode(e)}).`, "read", e);
    }
  }

  /* ---------------------------------------------------------------- writing (office-write.ts, office-insert.ts) */

  writeSheet(plan: SheetPlan): Promise<void> {
    return writeSheet(this.session, plan);
  }

  addSheets(plans: SheetPlan[]): Promise<void> {
    return addSheets(this.session, plans);
  }

  insertSheetFromFile(file: SourceSheet, newName: string): Promise<boolean> {
    return insertSheetFromFile(this.session, { isSetSupported: this.isSetSupported }, file, newName);
  }

  /* ---------------------------------------------------------------- arranging sheets (office-arrange.ts) */

  renameSheet(from: string, to: string): Promise<void> {
    return renameSheet(this.session, from, to);
  }

  moveSheets(moves: SheetMove[]): Promise<void> {
    return moveSheets(this.session, moves);
  }

  setSheetsVisibility(sheets: string[], visibility: "Visible" | "Hidden"): Promise<void> {
    return setSheetsVisibility(this.session, sheets, visibility);
  }

  deleteSheets(sheets: string[]): Promise<void> {
    return deleteSheets(this.session, sheets);
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    let range: { top: number } | null = null;
    try {
      range = parseRange(cell);
    } catch {
      range = null;
    }
    if (!range) throw new PortError(`Ô '${cell}' không hợp lệ.`, "bad-cell");
    this.session.lastSyncs = 0;
    try {
      await this.excel.run(RUN_OPTIONS, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.visibility = "Visible";
        ws.activate();
        ws.getRange(cell).select();
        await this.session.sync(ctx);
      });
    } catch (e) {
      const code = errorCode(e);
      if (code === "ItemNotFound") throw portError(`Không có sheet '${sheet}'.`, "no-sheet", e);
      throw portError(`Không chọn được ô ${cell} của sheet '${sheet}' (mã lỗi ${code}).`, "select", e);
    }
  }
}
