/**
 * The Office.js adapter of the workbook port. It is handed the `Excel` namespace (the real one in
 * the add-in, the strict fake in tests and the preview) and never imports office.js itself.
 *
 * The Excel subset it needs is office-api.ts; plans become commands in office-plan.ts; reads
 * become grids in office-read.ts and office-grid.ts.
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
 * - writeSheet: the plan is built on a temporary sheet. A new sheet: the temporary one is renamed
 *   as the last command (one sync, one more when the sheet list is not known from an earlier call).
 *   An existing sheet keeps its sheet object so that formulas pointing into it keep working:
 *   sync 1 builds the temporary sheet, sync 2 clears the old one and copies the temporary one's
 *   cells into it, then deletes it. A failure while building leaves the old sheet as it was; a
 *   failure during the copy is completed from the temporary sheet; a leftover temporary sheet is
 *   removed by the next write. The state and `calculate` come before the rename/delete, and
 *   activate/select last, so their failure (UI) is not a failed write.
 * - Text that Excel would reinterpret (leading = + - @ ' #, anything with a digit, TRUE/FALSE) is
 *   written with a leading apostrophe, which Excel keeps as the "text" prefix and does not store
 *   in the value: formula injection ("=cmd|' /C calc'!A0") stays text, "0123" keeps its zero.
 * - insertSheetFromFile (ExcelApi 1.13, checked with Office.context.requirements.isSetSupported):
 *   sync 1 inserts the file's sheet at the end (Excel names it itself, "Name (2)" on a clash),
 *   sync 2 renames it by its id; a failed rename deletes it again (sync 3). The name is checked
 *   free first against the sheet list this port last saw (one more sync when it saw none).
 * - renameSheet, moveSheets, setSheetsVisibility, deleteSheets (office-arrange.ts): sync 1 loads the
 *   sheet list, every name (and Excel's rule that one sheet stays visible) is checked on it, sync 2
 *   sends every command: 2 syncs whatever the number of sheets, nothing sent when a check fails.
 */
import type { SheetGrid, SheetPlan } from "../core/types";
import { parseRange, sheetNameProblem } from "../core/a1";
import { PortError, type ReadOptions, type SheetInfo, type SourceSheet, type WorkbookPort, type WorkbookSnapshot } from "./port";
import { bytesToBase64 } from "./base64";
import { type ExcelLike, type XCellProps, type XContext, type XResult, type XWorksheet, RUN_OPTIONS } from "./office-api";
import { planBands, planSize, queueActivate, queueSheetLayout } from "./office-plan";
import type { KnownSheet } from "./office-grid";
import { GridReader } from "./office-read";
import { errorCode, portError } from "./office-errors";
import { firstMissing, known, queueDeletes, queueMoves, queueVisibility } from "./office-arrange";
import type { SheetMove } from "./port";

export * from "./office-api";
export { cellProps, encodeCell, needsTextPrefix, planBands, planSize, queueChart, queueSheetLayout, widthToPoints } from "./office-plan";
export { toGrid } from "./office-grid";
export { EXCEL_TOO_OLD } from "./office-errors";

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

/**
 * Codes with which Excel declines to insert a file although the API exists: the web refuses files
 * with charts, PivotTables, comments or slicers (UnsupportedFeature), a file too large for one
 * request, and platforms without the method. The caller then writes the sheet from the file's grid.
 */
const CANNOT_INSERT_CODES = ["UnsupportedFeature", "ApiNotFound", "NotImplemented", "RequestPayloadSizeLimitExceeded"];

/** Settings key prefix of the add-in state (one setting per state key). */
export const STATE_SETTING_PREFIX = "pdv.state.";
/** The very hidden sheet where the .xlsx adapter keeps the state; read here too, never written. */
export const XLSX_STATE_SHEET = "_pdv_state";

const DEFAULT_BUDGET = 3_500_000;

/** The temporary sheet a plan is built on: "~TongHop_tmp". */
export function tempSheetName(name: string): string {
  return `~${name.slice(0, 26)}_tmp`;
}
const isTempSheet = (name: string): boolean => /^~.*_tmp$/.test(name);
const isInternalSheet = (name: string): boolean => isTempSheet(name) || name.toLowerCase() === XLSX_STATE_SHEET;



/** Where a write is: false while building the temporary sheet, true once the old one is being replaced. */
interface WriteProgress {
  swapping: boolean;
  /** The sheet existed before this write (then it is never renamed into place, only swapped). */
  oldExisted: boolean;
}

/* ------------------------------------------------------------------ the adapter */

export interface OfficePort extends WorkbookPort {
  /** Round trips the last call made (for diagnostics and benchmarks). */
  readonly lastSyncs: number;
}

export function createOfficePort(excel: ExcelLike, options: OfficePortOptions = {}): OfficePort {
  return new OfficeWorkbookPort(excel, options);
}

class OfficeWorkbookPort implements OfficePort {
  private readonly budget: number;
  private readonly isSetSupported: (name: string, minVersion: string) => boolean;
  /** Sheet list as of the last round trip that saw it (all sheets, in order). */
  private known: KnownSheet[] | null = null;
  private readonly reader: GridReader;
  lastSyncs = 0;

  constructor(
    private readonly excel: ExcelLike,
    options: OfficePortOptions,
  ) {
    this.budget = options.payloadBudget ?? DEFAULT_BUDGET;
    this.isSetSupported = options.isSetSupported ?? globalIsSetSupported;
    this.reader = new GridReader(this.budget, (ctx) => this.sync(ctx));
  }

  private async sync(ctx: XContext): Promise<void> {
    this.lastSyncs++;
    await ctx.sync();
  }

  private async loadSheetList(ctx: XContext): Promise<KnownSheet[]> {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/name,items/visibility");
    await this.sync(ctx);
    this.known = sheets.items.map((s) => ({ name: s.name, visibility: s.visibility as SheetInfo["visibility"] }));
    return this.known;
  }

  async listSheets(): Promise<SheetInfo[]> {
    this.lastSyncs = 0;
    try {
      const list = await this.excel.run(RUN_OPTIONS, (ctx) => this.loadSheetList(ctx));
      return list.filter((s) => !isInternalSheet(s.name)).map((s) => ({ ...s }));
    } catch (e) {
      throw portError(`Không đọc được danh sách sheet từ Excel (mã lỗi ${errorCode(e)}).`, "read", e);
    }
  }

  /* ---------------------------------------------------------------- reading */

  async readWorkbook(options: ReadOptions = {}): Promise<WorkbookSnapshot> {
    this.lastSyncs = 0;
    const skip = new Set((options.skip ?? []).map((s) => s.toLowerCase()));
    try {
      return await this.excel.run(RUN_OPTIONS, async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load("items/name,items/visibility");
        const settings = ctx.workbook.settings;
        settings.load("items/key,items/value");
        await this.sync(ctx);
        this.known = sheets.items.map((s) => ({ name: s.name, visibility: s.visibility as SheetInfo["visibility"] }));
        const wanted = this.known.filter((s) => !isInternalSheet(s.name) && !skip.has(s.name.toLowerCase()));
        const stateSheet = this.known.find((s) => s.name.toLowerCase() === XLSX_STATE_SHEET);
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

  /* ---------------------------------------------------------------- writing */

  private checkName(name: string): void {
    const problem = sheetNameProblem(name);
    if (problem) throw new PortError(`Không tạo được sheet '${name}': ${problem}.`, "sheet-name");
    if (isInternalSheet(name)) throw new PortError(`Tên sheet '${name}' dành riêng cho PDV.`, "sheet-name");
  }

  async writeSheet(plan: SheetPlan): Promise<void> {
    this.checkName(plan.name);
    this.lastSyncs = 0;
    try {
      await this.excel.run(RUN_OPTIONS, async (ctx) => {
        const list = this.known ?? (await this.loadSheetList(ctx));
        const progress: WriteProgress = { swapping: false, oldExisted: list.some((s) => same(s.name, plan.name)) };
        try {
          await this.writeAttempt(ctx, plan, list, progress);
        } catch (e) {
          const after = await this.recover(ctx, plan, progress);
          if (after === null) throw e;
          if (after.completed) return;
          // A sheet list that changed behind our back (user edits): one more try with the fresh one.
          const stale = ["ItemNotFound", "ItemAlreadyExists"].includes(errorCode(e)) && !sameList(list, after.list);
          if (!stale) throw e;
          await this.writeAttempt(ctx, plan, after.list, { swapping: false, oldExisted: after.list.some((s) => same(s.name, plan.name)) });
        }
      });
    } catch (e) {
      this.known = null;
      if (e instanceof PortError) throw e;
      throw portError(`Không ghi được sheet '${plan.name}' (mã lỗi ${errorCode(e)}).`, "write", e);
    }
  }

  /**
   * Builds the plan on the temporary sheet, then puts it in place. A new sheet: the temporary one
   * is renamed (one sync). An existing sheet keeps its sheet object, so that formulas elsewhere
   * pointing into it keep working (deleting it would turn them into #REF!): sync 1 builds the
   * temporary sheet and lists the old sheet's charts, sync 2 clears the old sheet and copies the
   * temporary one's cells into it (Range.copyFrom), then deletes the temporary sheet.
   *
   * Order inside the last batch (a failed command stops the rest, earlier ones stay applied): the
   * content, then the state (G01 fingerprint) and calculate, then the temporary sheet's delete or
   * rename, and only then activate/select, which may fail for UI reasons without undoing anything.
   */
  private async writeAttempt(ctx: XContext, plan: SheetPlan, list: KnownSheet[], progress: WriteProgress): Promise<void> {
    const wb = ctx.workbook;
    const tmpName = tempSheetName(plan.name);
    const oldIndex = list.findIndex((s) => same(s.name, plan.name));
    const leftoverIndex = list.findIndex((s) => same(s.name, tmpName));
    const suspend = () => {
      wb.application.suspendApiCalculationUntilNextSync();
      wb.application.suspendScreenUpdatingUntilNextSync();
    };
    suspend();
    // Instantiating the old sheet first: a stale list fails here, before anything changed.
    const old = oldIndex >= 0 ? wb.worksheets.getItem(list[oldIndex].name) : null;
    if (leftoverIndex >= 0) wb.worksheets.getItem(list[leftoverIndex].name).delete();
    const tmp = wb.worksheets.add(tmpName);
    await this.render(ctx, tmp, plan, suspend);
    const next = list.filter((_, i) => i !== leftoverIndex);
    if (!old) {
      this.queueState(ctx, plan.state);
      wb.application.calculate("Recalculate");
      tmp.name = plan.name;
      if (plan.activate) queueActivate(tmp);
      await this.sync(ctx);
      this.known = [...next, { name: plan.name, visibility: "Visible" }];
      return;
    }
    const charts = old.charts;
    charts.load("items/name");
    await this.sync(ctx);
    progress.swapping = true;
    const oldSheet = list[oldIndex];
    await this.swapInto(ctx, plan, oldSheet.name, charts.items.map((c) => c.name), oldSheet.visibility);
    this.known = next.map((s) => (same(s.name, plan.name) && plan.activate ? { name: s.name, visibility: "Visible" } : s));
  }

  /**
   * The last batch for an existing sheet: its charts, cells, merges, frozen rows, row heights,
   * hidden rows and page setup are replaced by the complete temporary sheet's (the plan's), which
   * is then deleted. Column widths of the plan are set; other
   * columns keep theirs. A hidden sheet stays hidden unless it is to be brought to the front.
   */
  private async swapInto(ctx: XContext, plan: SheetPlan, name: string, chartNames: string[], visibility: SheetInfo["visibility"]): Promise<void> {
    const wb = ctx.workbook;
    wb.application.suspendApiCalculationUntilNextSync();
    wb.application.suspendScreenUpdatingUntilNextSync();
    const ws = wb.worksheets.getItem(name);
    const tmp = wb.worksheets.getItem(tempSheetName(plan.name));
    for (const c of chartNames) ws.charts.getItem(c).delete();
    ws.getRange().clear();
    ws.freezePanes.unfreeze();
    // Rows the old summary hid (its codes row) or raised (its narrative) may hold other things now.
    ws.getRange().rowHidden = false;
    ws.getRange().format.useStandardHeight = true;
    const { rows, columns } = planSize(plan);
    if (rows > 0) ws.getRangeByIndexes(0, 0, rows, columns).copyFrom(tmp.getRangeByIndexes(0, 0, rows, columns), "All");
    queueSheetLayout(ws, plan);
    this.queueState(ctx, plan.state);
    wb.application.calculate("Recalculate");
    tmp.delete();
    if (plan.activate) {
      if (visibility !== "Visible") ws.visibility = "Visible";
      queueActivate(ws);
    }
    await this.sync(ctx);
  }

  private queueState(ctx: XContext, state: Record<string, string> | undefined): void {
    for (const [k, v] of Object.entries(state ?? {})) ctx.workbook.settings.add(STATE_SETTING_PREFIX + k, String(v));
  }

  /**
   * After a failed write. The temporary sheet is deleted or renamed only after the content and
   * the state are in place, so when it is gone and the sheet is there, the write is complete (what
   * failed was activate/select: not a failed write). When it is still there: during the swap the old
   * sheet may be half replaced, so the swap is done again from the complete temporary sheet; before
   * it, the old sheet is untouched and the temporary one is dropped. Returns the fresh sheet list and
   * whether the write ended up complete, or null when even this failed (the next write removes the
   * leftover).
   */
  private async recover(ctx: XContext, plan: SheetPlan, progress: WriteProgress): Promise<{ list: KnownSheet[]; completed: boolean } | null> {
    try {
      const list = await this.loadSheetList(ctx);
      const tmpName = tempSheetName(plan.name);
      const tmp = list.find((s) => same(s.name, tmpName));
      const target = list.find((s) => same(s.name, plan.name));
      // Gone: deleted after the swap, or renamed into place (a new sheet), both after the state.
      if (!tmp) return { list, completed: target !== undefined && (progress.swapping || !progress.oldExisted) };
      if (progress.swapping && target) {
        const charts = ctx.workbook.worksheets.getItem(target.name).charts;
        charts.load("items/name");
        await this.sync(ctx);
        await this.swapInto(ctx, plan, target.name, charts.items.map((c) => c.name), target.visibility);
        return { list: await this.loadSheetList(ctx), completed: true };
      }
      ctx.workbook.worksheets.getItem(tmp.name).delete();
      await this.sync(ctx);
      return { list: await this.loadSheetList(ctx), completed: false };
    } catch {
      this.known = null;
      return null;
    }
  }

  /** Queues the whole plan on `ws`; syncs between row bands only when the plan is too big for one request. */
  private async render(ctx: XContext, ws: XWorksheet, plan: SheetPlan, suspend: () => void): Promise<void> {
    const { bands, columns } = planBands(plan, this.budget - 20_000);
    let pending = 0;
    for (const band of bands) {
      if (pending > 0 && pending + band.bytes > this.budget - 20_000) {
        await this.sync(ctx);
        suspend();
        pending = 0;
      }
      const range = ws.getRangeByIndexes(band.row0, 0, band.rows, columns);
      // Number formats first: a date format must be in place when the value arrives.
      if (band.numberFormat) range.numberFormat = band.numberFormat;
      range.formulas = band.formulas;
      if (band.props) range.setCellProperties(band.props as XCellProps[][]);
      pending += band.bytes;
    }
    queueSheetLayout(ws, plan);
  }

  async addSheets(plans: SheetPlan[]): Promise<void> {
    const seen = new Set<string>();
    for (const p of plans) {
      this.checkName(p.name);
      if (seen.has(p.name.toLowerCase())) throw new PortError(`Sheet '${p.name}' bị trùng tên.`, "sheet-exists");
      seen.add(p.name.toLowerCase());
    }
    this.lastSyncs = 0;
    try {
      await this.excel.run(RUN_OPTIONS, async (ctx) => {
        const list = await this.loadSheetList(ctx);
        const taken = plans.find((p) => list.some((s) => same(s.name, p.name)));
        if (taken) throw new PortError(`Sheet '${taken.name}' đã có trong sổ tính.`, "sheet-exists");
        const suspend = () => {
          ctx.workbook.application.suspendApiCalculationUntilNextSync();
          ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
        };
        try {
          suspend();
          for (const p of plans) {
            const ws = ctx.workbook.worksheets.add(p.name);
            await this.render(ctx, ws, p, suspend);
            this.queueState(ctx, p.state);
          }
          await this.sync(ctx);
          this.known = [...list, ...plans.map((p) => ({ name: p.name, visibility: "Visible" as const }))];
        } catch (e) {
          // All or nothing: remove whatever of the new sheets got created.
          try {
            const now = await this.loadSheetList(ctx);
            for (const s of now) if (plans.some((p) => same(p.name, s.name))) ctx.workbook.worksheets.getItem(s.name).delete();
            await this.sync(ctx);
          } catch {
            /* the user sees the first error */
          }
          throw e;
        }
      });
    } catch (e) {
      this.known = null;
      if (e instanceof PortError) throw e;
      throw portError(`Không thêm được sheet (mã lỗi ${errorCode(e)}).`, "write", e);
    }
  }

  async insertSheetFromFile(file: SourceSheet, newName: string): Promise<boolean> {
    this.checkName(newName);
    this.lastSyncs = 0;
    if (!this.isSetSupported("ExcelApi", "1.13")) return false;
    const exists = () => new PortError(`Sheet '${newName}' đã có trong sổ tính: không ghi đè.`, "sheet-exists");
    try {
      return await this.excel.run(RUN_OPTIONS, async (ctx) => {
        const list = this.known ?? (await this.loadSheetList(ctx));
        if (list.some((s) => same(s.name, newName))) throw exists();
        let ids: XResult<string[]>;
        try {
          ids = ctx.workbook.insertWorksheetsFromBase64(bytesToBase64(file.bytes), { sheetNamesToInsert: [file.sheet], positionType: "End" });
          await this.sync(ctx);
        } catch (e) {
          if (CANNOT_INSERT_CODES.includes(errorCode(e))) return false;
          throw e;
        }
        const inserted = ids.value;
        try {
          if (inserted.length !== 1) throw portError(`Tệp không có đúng một sheet '${file.sheet}' để chép vào sổ.`, "insert", null);
          const ws = ctx.workbook.worksheets.getItem(inserted[0]);
          ws.name = newName;
          ws.visibility = "Visible";
          await this.sync(ctx);
        } catch (e) {
          // Nothing half-done stays: the copied sheet goes again.
          try {
            for (const id of inserted) ctx.workbook.worksheets.getItem(id).delete();
            await this.sync(ctx);
          } catch {
            /* the user sees the first error; the sheet list is reloaded next time */
          }
          if (errorCode(e) === "ItemAlreadyExists") throw portError(exists().message, "sheet-exists", e);
          throw e;
        }
        this.known = [...list, { name: newName, visibility: "Visible" }];
        return true;
      });
    } catch (e) {
      this.known = null;
      if (e instanceof PortError) throw e;
      throw portError(`Không chép được sheet '${file.sheet}' của tệp vào sổ thành sheet '${newName}' (mã lỗi ${errorCode(e)}).`, "write", e);
    }
  }

  /* ---------------------------------------------------------------- arranging sheets */

  /**
   * One arrangement: sync 1 loads the sheet list (a cached one may be stale, and positions must be
   * right), every name is checked there, then `queue` sends all its commands in sync 2.
   */
  private async arrange(names: string[], what: string, queue: (ctx: XContext, list: KnownSheet[]) => KnownSheet[]): Promise<void> {
    this.lastSyncs = 0;
    try {
      await this.excel.run(RUN_OPTIONS, async (ctx) => {
        const list = await this.loadSheetList(ctx);
        const missing = firstMissing(list, names);
        if (missing !== null) throw new PortError(`Không tìm thấy sheet '${missing}' trong sổ.`, "no-sheet");
        const next = queue(ctx, list);
        await this.sync(ctx);
        this.known = next;
      });
    } catch (e) {
      this.known = null;
      if (e instanceof PortError) throw e;
      const code = errorCode(e);
      if (code === "ItemAlreadyExists") throw portError(`Không ${what}: tên sheet đã có trong sổ.`, "sheet-exists", e);
      if (code === "ItemNotFound") throw portError(`Không ${what}: không tìm thấy sheet (sổ vừa thay đổi?).`, "no-sheet", e);
      if (code === "InvalidOperation") throw portError(`Không ${what}: sổ phải còn ít nhất một sheet hiện.`, "last-visible", e);
      throw portError(`Không ${what} (mã lỗi ${code}).`, "write", e);
    }
  }

  async renameSheet(from: string, to: string): Promise<void> {
    this.checkName(to);
    await this.arrange([from], `đổi được tên sheet '${from}' thành '${to}'`, (ctx, list) => {
      const other = known(list, to);
      if (other && !same(other.name, from)) throw new PortError(`Sheet '${to}' đã có trong sổ.`, "sheet-exists");
      ctx.workbook.worksheets.getItem(known(list, from)!.name).name = to;
      return list.map((s) => (same(s.name, from) ? { ...s, name: to } : s));
    });
  }

  async moveSheets(moves: SheetMove[]): Promise<void> {
    if (moves.length === 0) return;
    const names = moves.flatMap((m) => (m.after === null ? [m.sheet] : [m.sheet, m.after]));
    await this.arrange(names, "sắp xếp được các sheet", (ctx, list) => queueMoves(ctx, list, moves));
  }

  async setSheetsVisibility(sheets: string[], visibility: "Visible" | "Hidden"): Promise<void> {
    if (sheets.length === 0) return;
    await this.arrange(sheets, visibility === "Hidden" ? "ẩn được sheet" : "hiện được sheet", (ctx, list) => queueVisibility(ctx, list, sheets, visibility));
  }

  async deleteSheets(sheets: string[]): Promise<void> {
    if (sheets.length === 0) return;
    await this.arrange(sheets, "xóa được sheet", (ctx, list) => queueDeletes(ctx, list, sheets));
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    let range: { top: number } | null = null;
    try {
      range = parseRange(cell);
    } catch {
      range = null;
    }
    if (!range) throw new PortError(`Ô '${cell}' không hợp lệ.`, "bad-cell");
    this.lastSyncs = 0;
    try {
      await this.excel.run(RUN_OPTIONS, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.visibility = "Visible";
        ws.activate();
        ws.getRange(cell).select();
        await this.sync(ctx);
      });
    } catch (e) {
      const code = errorCode(e);
      if (code === "ItemNotFound") throw portError(`Không có sheet '${sheet}'.`, "no-sheet", e);
      throw portError(`Không chọn được ô ${cell} của sheet '${sheet}' (mã lỗi ${code}).`, "select", e);
    }
  }
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function sameList(a: KnownSheet[], b: KnownSheet[]): boolean {
  return a.length === b.length && a.every((s, i) => s.name === b[i].name && s.visibility === b[i].visibility);
}

