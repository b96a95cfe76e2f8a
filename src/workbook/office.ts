/**
 * The Office.js adapter of the workbook port. It is handed the `Excel` namespace (the real one in
 * the add-in, the strict fake in tests and the preview) and never imports office.js itself.
 *
 * Round trips (each `context.sync()` costs one):
 * - readWorkbook: sync 1 loads sheet names/visibility and the add-in state (workbook.settings);
 *   sync 2 loads every wanted sheet's used range. Reads are chunked so every request and response
 *   stays under a payload budget (Excel on the web rejects more than 5 MB either way): chunk sizes
 *   come from an estimate per sheet that adapts to what the previous chunk really weighed, and a
 *   chunk refused for size is split (down to row bands of a single sheet).
 * - writeSheet: one sync when the sheet list is known from an earlier call of this port (else one
 *   more to load it). The plan is built on a temporary sheet; the old sheet is deleted and the new
 *   one renamed only as the last commands, so a failure anywhere before leaves the old sheet as it
 *   was. A failure after the delete is repaired at once (the complete temporary sheet is renamed),
 *   and a leftover temporary sheet is removed by the next write.
 * - Text that Excel would reinterpret (leading = + - @ ' #, anything with a digit, TRUE/FALSE) is
 *   written with a leading apostrophe, which Excel keeps as the "text" prefix and does not store
 *   in the value: formula injection ("=cmd|' /C calc'!A0") stays text, "0123" keeps its zero.
 * - insertSheetFromFile (ExcelApi 1.13, checked with Office.context.requirements.isSetSupported):
 *   sync 1 inserts the file's sheet at the end (Excel names it itself, "Name (2)" on a clash),
 *   sync 2 renames it by its id; a failed rename deletes it again (sync 3). The name is checked
 *   free first against the sheet list this port last saw (one more sync when it saw none).
 */
import type { CellValue, PlanCell, PlanChart, SheetGrid, SheetPlan } from "../core/types";
import { a1, columnLetters, parseA1, parseRange, sheetNameProblem } from "../core/a1";
import { PortError, type ReadOptions, type SheetInfo, type SourceSheet, type WorkbookPort, type WorkbookSnapshot } from "./port";
import { bytesToBase64 } from "./base64";

/* ------------------------------------------------------------------ the Excel subset used */

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface XResult<T> {
  readonly value: T;
}
export interface XFont {
  name: string;
  load(propertyNames: string): unknown;
}
export interface XRangeFormat {
  columnWidth: number;
  readonly font: XFont;
}
export interface XCellProps {
  format?: {
    font?: { name?: string; bold?: boolean; italic?: boolean; color?: string };
    fill?: { color?: string };
    horizontalAlignment?: string;
    wrapText?: boolean;
  };
}
export interface XRange {
  /** Null when Excel declines a read of more than 5,000,000 cells instead of failing (excel-api-facts §8). */
  readonly values: any[][];
  formulas: any[][];
  numberFormat: any[][];
  readonly valueTypes: string[][];
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly format: XRangeFormat;
  load(propertyNames: string): unknown;
  merge(across?: boolean): void;
  select(): void;
  /** ExcelApi 1.1; clearing formats also unmerges. */
  clear(applyTo?: "All" | "Contents" | "Formats"): void;
  /** ExcelApi 1.9. */
  copyFrom(source: any, copyType?: "All"): void; // an XRange; `any` because Excel.Range takes Range | RangeAreas | string
  getCellProperties(options: { format: { font: { name: true } } }): XResult<XCellProps[][]>;
  setCellProperties(data: XCellProps[][]): void;
}
export interface XChartSeries {
  name: string;
  setValues(source: XRange): void;
  setXAxisValues(source: XRange): void;
}
export interface XChart {
  readonly title: { text: string };
  readonly series: { getItemAt(index: number): XChartSeries; add(name?: string): XChartSeries };
  setPosition(startCell: string, endCell?: string): void;
}
export interface XWorksheet {
  name: string;
  position: number;
  visibility: string;
  readonly freezePanes: { freezeRows(count?: number): void; unfreeze(): void };
  readonly charts: {
    readonly items: { readonly name: string }[];
    load(propertyNames: string): unknown;
    getItem(name: string): { delete(): void };
    add(type: string, sourceData: XRange, seriesBy?: string): XChart;
  };
  getRange(address?: string): XRange;
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): XRange;
  getUsedRange(valuesOnly?: boolean): XRange;
  delete(): void;
  activate(): void;
}
export interface XSetting {
  readonly key: string;
  readonly value: any;
}
export interface XWorkbook {
  readonly worksheets: {
    readonly items: { readonly name: string; readonly visibility: string }[];
    load(propertyNames: string): unknown;
    getItem(key: string): XWorksheet;
    add(name?: string): XWorksheet;
  };
  readonly settings: {
    readonly items: XSetting[];
    load(propertyNames: string): unknown;
    add(key: string, value: any): unknown;
  };
  readonly application: {
    calculate(calculationType: "Recalculate" | "Full" | "FullRebuild"): void;
    suspendApiCalculationUntilNextSync(): void;
    suspendScreenUpdatingUntilNextSync(): void;
  };
  /** ExcelApi 1.13. */
  insertWorksheetsFromBase64(base64: string, options?: { sheetNamesToInsert?: string[]; positionType?: "End" }): XResult<string[]>;
}
export interface XContext {
  readonly workbook: XWorkbook;
  sync(): Promise<unknown>;
}
/** Excel.RunOptions as used here. */
export interface XRunOptions {
  /** Wait while the user edits a cell instead of failing at once (ExcelApi 1.11; ignored before). */
  delayForCellEdit?: boolean;
}
/** What the adapter needs of the `Excel` namespace. */
export interface ExcelLike {
  run<T>(batch: (context: XContext) => Promise<T>): Promise<T>;
  run<T>(options: XRunOptions, batch: (context: XContext) => Promise<T>): Promise<T>;
}

/**
 * Every batch of the adapter waits for the user's cell edit to end: without it Excel fails a batch
 * at once while a cell is being edited (InvalidOperationInCellEditMode; excel-api-facts §8).
 */
export const RUN_OPTIONS: XRunOptions = { delayForCellEdit: true };
/* eslint-enable @typescript-eslint/no-explicit-any */

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
/** First guess of one sheet's read response, before anything was measured (bytes). */
const GUESS_SHEET_BYTES = 6_000;
/** Request bytes per sheet read (getItem, getUsedRange, load, maybe getCellProperties). */
const REQUEST_BYTES_PER_SHEET = 700;
/** Response bytes per cell: values + valueTypes (+ formulas, + font properties). */
const BYTES_PER_CELL = { values: 30, formulas: 20 };
/** Response bytes per cell of getCellProperties({format:{font:{name:true}}}). */
const FONT_BYTES_PER_CELL = 50;

/** The temporary sheet a plan is built on: "~TongHop_tmp". */
export function tempSheetName(name: string): string {
  return `~${name.slice(0, 26)}_tmp`;
}
const isTempSheet = (name: string): boolean => /^~.*_tmp$/.test(name);
const isInternalSheet = (name: string): boolean => isTempSheet(name) || name.toLowerCase() === XLSX_STATE_SHEET;

const utf8 = new TextEncoder();
const bytesOf = (v: unknown): number => utf8.encode(JSON.stringify(v) ?? "").length;

interface KnownSheet {
  name: string;
  visibility: SheetInfo["visibility"];
}

function errorCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "Unknown";
}

const PAYLOAD_CODES = ["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded", "RangeExceedsLimit"];
/** Range calls on a macro sheet or a chart sheet (excel-api-facts §8). */
const UNSUPPORTED_SHEET = "UnsupportedSheet";

/** Added to a failure Excel reports as ApiNotFound: an API of a requirement set this Excel lacks. */
export const EXCEL_TOO_OLD =
  "Excel quá cũ: phiên bản này thiếu chức năng PDV cần. Hãy cập nhật Excel (Microsoft 365, Excel 2021 trở lên hoặc Excel trên web).";

function portError(message: string, code: string, cause: unknown): PortError {
  const err = new PortError(errorCode(cause) === "ApiNotFound" ? `${message} ${EXCEL_TOO_OLD}` : message, code);
  (err as { cause?: unknown }).cause = cause;
  return err;
}

/* ------------------------------------------------------------------ value encoding */

/** Whether Excel could turn this typed text into something else (formula, number, date, bool, error). */
export function needsTextPrefix(s: string): boolean {
  return /^[=+\-@'#]/.test(s) || /\d/.test(s) || /^\s*(true|false)\s*$/i.test(s);
}

/** A plan cell as one entry of a `formulas` array. */
export function encodeCell(cell: PlanCell | undefined): string | number | boolean {
  if (!cell) return "";
  if (cell.formula) return cell.formula;
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? v : "";
  if (typeof v === "boolean") return v;
  if (v === "") return "";
  return needsTextPrefix(v) ? `'${v}` : v;
}

export function cellProps(cell: PlanCell | undefined): { props: Record<string, unknown>; any: boolean } {
  if (!cell) return { props: {}, any: false };
  const format: Record<string, unknown> = {};
  const font: Record<string, unknown> = {};
  if (cell.bold) font.bold = true;
  if (cell.italic) font.italic = true;
  if (Object.keys(font).length) format.font = font;
  if (cell.fill) format.fill = { color: cell.fill };
  if (cell.align) format.horizontalAlignment = cell.align === "left" ? "Left" : cell.align === "center" ? "Center" : "Right";
  if (cell.wrap) format.wrapText = true;
  return Object.keys(format).length ? { props: { format }, any: true } : { props: {}, any: false };
}

/** Queue the drawing of a plan's chart on `ws` (no sync): its ranges are cells of that sheet. */
export function queueChart(ws: XWorksheet, chart: PlanChart): void {
  if (chart.series.length === 0) return;
  const c = ws.charts.add(chart.type, ws.getRange(chart.series[0].values), "Columns");
  c.title.text = chart.title;
  const tl = parseA1(chart.anchor);
  c.setPosition(chart.anchor, a1(tl.row + Math.max(1, chart.height) - 1, tl.column + Math.max(1, chart.width) - 1));
  const categories = ws.getRange(chart.categories);
  chart.series.forEach((s, i) => {
    const series = i === 0 ? c.series.getItemAt(0) : c.series.add(s.name);
    if (i === 0) series.name = s.name;
    else series.setValues(ws.getRange(s.values));
    series.setXAxisValues(categories);
  });
}

/** Excel column width in characters → Range.format.columnWidth in points (Calibri 11: 7 px per char + 5 px). */
export function widthToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** One band of plan rows, rendered with one 2-D array per property. */
interface Band {
  row0: number;
  rows: number;
  formulas: (string | number | boolean)[][];
  numberFormat: string[][] | null;
  props: Record<string, unknown>[][] | null;
  bytes: number;
}

/** Splits a plan's cells into row bands whose request payload stays under `budget`. */
export function planBands(plan: SheetPlan, budget: number): { bands: Band[]; columns: number } {
  const columns = Math.max(1, ...plan.rows.map((r) => r.length));
  const rows = plan.rows.map((r) => Array.from({ length: columns }, (_, c) => r[c]));
  const anyFormat = rows.some((r) => r.some((c) => c?.numberFormat));
  const anyProps = rows.some((r) => r.some((c) => cellProps(c).any));
  const bands: Band[] = [];
  let cur: Band | null = null;
  rows.forEach((row, i) => {
    const f = row.map(encodeCell);
    const nf = anyFormat ? row.map((c) => c?.numberFormat ?? "General") : null;
    const pr = anyProps ? row.map((c) => cellProps(c).props) : null;
    const bytes = bytesOf(f) + (nf ? bytesOf(nf) : 0) + (pr ? bytesOf(pr) : 0) + 10;
    if (!cur || (cur.bytes + bytes > budget && cur.rows > 0)) {
      cur = { row0: i, rows: 0, formulas: [], numberFormat: nf ? [] : null, props: pr ? [] : null, bytes: 400 };
      bands.push(cur);
    }
    cur.rows++;
    cur.formulas.push(f);
    if (nf) cur.numberFormat!.push(nf);
    if (pr) cur.props!.push(pr);
    cur.bytes += bytes;
  });
  return { bands, columns };
}

/** Rows and columns a plan's cells cover from A1. */
export function planSize(plan: SheetPlan): { rows: number; columns: number } {
  return { rows: plan.rows.length, columns: Math.max(1, ...plan.rows.map((r) => r.length)) };
}

/** Queues a plan's column widths, merged areas, frozen rows and chart on `ws` (no sync). */
export function queueSheetLayout(ws: XWorksheet, plan: SheetPlan): void {
  const widths = plan.columnWidths ?? [];
  for (let c = 0; c < widths.length; ) {
    let d = c;
    while (d + 1 < widths.length && widths[d + 1] === widths[c]) d++;
    if (widths[c] > 0) ws.getRange(`${columnLetters(c + 1)}:${columnLetters(d + 1)}`).format.columnWidth = widthToPoints(widths[c]);
    c = d + 1;
  }
  for (const m of plan.merges ?? []) ws.getRange(m).merge(false);
  if (plan.frozenRows && plan.frozenRows > 0) ws.freezePanes.freezeRows(plan.frozenRows);
  if (plan.chart) queueChart(ws, plan.chart);
}

/** Brings the sheet to the front with A1 selected: queued last, as it may fail for UI reasons. */
function queueActivate(ws: XWorksheet): void {
  ws.activate();
  ws.getRange("A1").select();
}

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
  /** Measured response bytes of one sheet (average of the last chunk), null before any read. */
  private bytesPerSheet: number | null = null;
  lastSyncs = 0;

  constructor(
    private readonly excel: ExcelLike,
    options: OfficePortOptions,
  ) {
    this.budget = options.payloadBudget ?? DEFAULT_BUDGET;
    this.isSetSupported = options.isSetSupported ?? globalIsSetSupported;
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
        const grids = await this.readGrids(ctx, toRead, options);

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

  private estimateSheetBytes(options: ReadOptions): number {
    if (this.bytesPerSheet === null) {
      const scale = 1 + (options.formulas ? 0.7 : 0) + (options.fonts ? 0.1 : 0);
      return GUESS_SHEET_BYTES * scale;
    }
    // A quarter more than the last chunk's average: sheets of one workbook are much alike.
    return this.bytesPerSheet * 1.25;
  }

  private cellBytes(options: ReadOptions): number {
    return BYTES_PER_CELL.values + (options.formulas ? BYTES_PER_CELL.formulas : 0);
  }

  /** Reads the grids of `sheets` in as few payload-bounded chunks as possible. */
  private async readGrids(ctx: XContext, sheets: KnownSheet[], options: ReadOptions): Promise<Map<string, SheetGrid>> {
    const out = new Map<string, SheetGrid>();
    const mixed: FontArea[] = [];
    let i = 0;
    while (i < sheets.length) {
      const per = Math.max(this.estimateSheetBytes(options), REQUEST_BYTES_PER_SHEET);
      const n = Math.max(1, Math.floor(this.budget / per));
      const chunk = sheets.slice(i, i + n);
      await this.readChunk(ctx, chunk, options, out, mixed);
      i += chunk.length;
    }
    if (mixed.length) await this.readCellFonts(ctx, mixed, out);
    return out;
  }

  /**
   * Per-cell font names, only for sheets whose used range mixes fonts (most sheets use one font,
   * which the data sync already read as Range.format.font.name). One getCellProperties per sheet,
   * grouped by payload; a sheet too large for one response goes in row bands.
   */
  private async readCellFonts(ctx: XContext, areas: FontArea[], out: Map<string, SheetGrid>): Promise<void> {
    const spec = { format: { font: { name: true as const } } };
    let i = 0;
    while (i < areas.length) {
      const group: FontArea[] = [];
      let bytes = 0;
      while (i < areas.length) {
        const b = areas[i].rows * areas[i].cols * FONT_BYTES_PER_CELL + REQUEST_BYTES_PER_SHEET;
        if (group.length > 0 && bytes + b > this.budget) break;
        group.push(areas[i++]);
        bytes += b;
      }
      if (group.length === 1 && bytes > this.budget) {
        await this.readFontBands(ctx, group[0], out);
        continue;
      }
      const results = group.map((a) => ({
        a,
        props: ctx.workbook.worksheets.getItem(a.sheet).getRangeByIndexes(a.rowIndex, a.columnIndex, a.rows, a.cols).getCellProperties(spec),
      }));
      await this.sync(ctx);
      for (const { a, props } of results) fillFonts(out.get(a.sheet)!, a, 0, props.value);
    }
  }

  private async readFontBands(ctx: XContext, a: FontArea, out: Map<string, SheetGrid>): Promise<void> {
    let bandRows = Math.max(1, Math.floor(this.budget / (a.cols * FONT_BYTES_PER_CELL + 10)));
    for (let r = 0; r < a.rows; ) {
      const rows = Math.min(bandRows, a.rows - r);
      const props = ctx.workbook.worksheets
        .getItem(a.sheet)
        .getRangeByIndexes(a.rowIndex + r, a.columnIndex, rows, a.cols)
        .getCellProperties({ format: { font: { name: true } } });
      try {
        await this.sync(ctx);
      } catch (e) {
        if (!PAYLOAD_CODES.includes(errorCode(e)) || rows === 1) throw e;
        bandRows = Math.max(1, Math.floor(rows / 2));
        continue;
      }
      fillFonts(out.get(a.sheet)!, a, r, props.value);
      r += rows;
    }
  }

  private async readChunk(
    ctx: XContext,
    chunk: KnownSheet[],
    options: ReadOptions,
    out: Map<string, SheetGrid>,
    mixed: FontArea[],
  ): Promise<void> {
    const pending = chunk.map((s) => {
      const ws = ctx.workbook.worksheets.getItem(s.name);
      const used = ws.getUsedRange(true);
      used.load(`rowIndex,columnIndex,values,valueTypes${options.formulas ? ",formulas" : ""}`);
      // One font name for the whole used range, or null when it mixes fonts (then per cell, later).
      if (options.fonts) used.format.font.load("name");
      return { sheet: s, used };
    });
    try {
      await this.sync(ctx);
    } catch (e) {
      const code = errorCode(e);
      const unsupported = code === UNSUPPORTED_SHEET;
      if (!PAYLOAD_CODES.includes(code) && !unsupported) throw e;
      if (chunk.length > 1) {
        const half = Math.ceil(chunk.length / 2);
        // What we thought fits did not: double the estimate before going on.
        if (!unsupported) this.bytesPerSheet = this.estimateSheetBytes(options) * 2;
        await this.readChunk(ctx, chunk.slice(0, half), options, out, mixed);
        await this.readChunk(ctx, chunk.slice(half), options, out, mixed);
        return;
      }
      // A macro or chart sheet has no cells to read: skip it, not the whole read.
      if (unsupported) return;
      await this.readLargeSheet(ctx, chunk[0], options, out, mixed);
      return;
    }
    let bytes = 0;
    let measured = 0;
    for (const p of pending) {
      const u = p.used;
      // Past 5,000,000 cells Excel may answer null instead of RangeExceedsLimit: read it in bands.
      if (u.values === null || u.valueTypes === null || (options.formulas && u.formulas === null)) {
        await this.readLargeSheet(ctx, p.sheet, options, out, mixed);
        continue;
      }
      measured++;
      const grid = toGrid(p.sheet, u.rowIndex, u.columnIndex, u.values, u.valueTypes, options.formulas ? u.formulas : null);
      out.set(p.sheet.name, grid);
      if (options.fonts) {
        const area = { sheet: p.sheet.name, rowIndex: u.rowIndex, columnIndex: u.columnIndex, rows: u.values.length, cols: u.values[0]?.length ?? 0 };
        noteFonts(grid, area, u.format.font.name, mixed);
      }
      bytes += bytesOf(p.used.values) + bytesOf(p.used.valueTypes) + 60;
      if (options.formulas) bytes += bytesOf(p.used.formulas);
    }
    if (measured > 0) this.bytesPerSheet = Math.max(bytes / measured, 100);
  }

  /** A sheet too large for one response: its size first, then bands of rows. */
  private async readLargeSheet(
    ctx: XContext,
    sheet: KnownSheet,
    options: ReadOptions,
    out: Map<string, SheetGrid>,
    mixed: FontArea[],
  ): Promise<void> {
    const ws = ctx.workbook.worksheets.getItem(sheet.name);
    const used = ws.getUsedRange(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    if (options.fonts) used.format.font.load("name");
    await this.sync(ctx);
    const { rowIndex, columnIndex, rowCount, columnCount } = used;
    const perRow = columnCount * this.cellBytes(options) + 10;
    let bandRows = Math.max(1, Math.floor(this.budget / perRow));
    const values: unknown[][] = [];
    const types: string[][] = [];
    const formulas: unknown[][] = [];
    for (let r = 0; r < rowCount; ) {
      const rows = Math.min(bandRows, rowCount - r);
      const band = ws.getRangeByIndexes(rowIndex + r, columnIndex, rows, columnCount);
      band.load(`values,valueTypes${options.formulas ? ",formulas" : ""}`);
      let refused: unknown = null;
      try {
        await this.sync(ctx);
        // Excel may answer null rather than RangeExceedsLimit: the same as refused for size.
        if (band.values === null || band.valueTypes === null || (options.formulas && band.formulas === null)) {
          refused = portError(`Excel không trả về số liệu của sheet '${sheet.name}' (vùng ô quá lớn).`, "read", null);
        }
      } catch (e) {
        if (!PAYLOAD_CODES.includes(errorCode(e))) throw e;
        refused = e;
      }
      if (refused) {
        // Rows heavier than guessed: halve the band and try again (one row that does not fit is fatal).
        if (rows === 1) throw refused;
        bandRows = Math.max(1, Math.floor(rows / 2));
        continue;
      }
      values.push(...band.values);
      types.push(...band.valueTypes);
      if (options.formulas) formulas.push(...band.formulas);
      // Size the next band from what this one weighed.
      const weight = bytesOf(band.values) + bytesOf(band.valueTypes) + (options.formulas ? bytesOf(band.formulas) : 0);
      bandRows = Math.max(1, Math.floor((this.budget * 0.8) / Math.max(weight / rows, 1)));
      r += rows;
    }
    const grid = toGrid(sheet, rowIndex, columnIndex, values, types, options.formulas ? formulas : null);
    out.set(sheet.name, grid);
    if (options.fonts) noteFonts(grid, { sheet: sheet.name, rowIndex, columnIndex, rows: rowCount, cols: columnCount }, used.format.font.name, mixed);
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
   * The last batch for an existing sheet: its charts, cells, merges and frozen rows are replaced by
   * the complete temporary sheet's, which is then deleted. Column widths of the plan are set; other
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

/* ------------------------------------------------------------------ conversion */

/** Office.js reads (offset at rowIndex/columnIndex) → a core grid from A1. "" → null, errors → {error}. */
export function toGrid(
  sheet: KnownSheet,
  rowIndex: number,
  columnIndex: number,
  values: unknown[][],
  valueTypes: string[][],
  formulas: unknown[][] | null,
  /** Per-cell getCellProperties results aligned with `values`, when read that way. */
  fonts: XCellProps[][] | null = null,
): SheetGrid {
  const blank = values.length === 1 && values[0].length === 1 && (values[0][0] === "" || values[0][0] === null) && rowIndex === 0 && columnIndex === 0;
  const rows = blank ? 0 : rowIndex + values.length;
  const cols = blank ? 0 : columnIndex + (values[0]?.length ?? 0);
  const grid: SheetGrid = {
    name: sheet.name,
    values: Array.from({ length: rows }, () => new Array<CellValue>(cols).fill(null)),
    visibility: sheet.visibility,
  };
  if (formulas) grid.formulas = Array.from({ length: rows }, () => new Array<string | null>(cols).fill(null));
  if (fonts) grid.fonts = Array.from({ length: rows }, () => new Array<string | null>(cols).fill(null));
  if (blank) return grid;
  for (let r = 0; r < values.length; r++) {
    for (let c = 0; c < values[r].length; c++) {
      const v = values[r][c];
      const t = valueTypes[r]?.[c];
      let cell: CellValue;
      if (t === "Error") cell = { error: String(v) };
      else if (v === "" || v === null || v === undefined) cell = null;
      else if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") cell = v;
      else cell = null;
      grid.values[rowIndex + r][columnIndex + c] = cell;
      if (grid.formulas && formulas) {
        const f = formulas[r]?.[c];
        grid.formulas[rowIndex + r][columnIndex + c] = typeof f === "string" && f.startsWith("=") ? f : null;
      }
      if (grid.fonts && fonts) grid.fonts[rowIndex + r][columnIndex + c] = fonts[r]?.[c]?.format?.font?.name ?? null;
    }
  }
  return grid;
}

/** The used range of one sheet, for the per-cell font pass. */
interface FontArea {
  sheet: string;
  rowIndex: number;
  columnIndex: number;
  rows: number;
  cols: number;
}

/** Sets up `grid.fonts`: filled at once when the used range has one font, else queued in `mixed`. */
function noteFonts(grid: SheetGrid, area: FontArea, uniformName: unknown, mixed: FontArea[]): void {
  grid.fonts = grid.values.map((row) => row.map(() => null as string | null));
  if (grid.values.length === 0) return;
  if (typeof uniformName === "string") {
    for (let r = 0; r < area.rows; r++) for (let c = 0; c < area.cols; c++) grid.fonts[area.rowIndex + r][area.columnIndex + c] = uniformName;
  } else {
    mixed.push(area);
  }
}

/** Copies getCellProperties font names (rows from `rowOffset` of the area) into `grid.fonts`. */
function fillFonts(grid: SheetGrid, area: FontArea, rowOffset: number, props: XCellProps[][]): void {
  const fonts = grid.fonts;
  if (!fonts) return;
  props.forEach((row, r) =>
    row.forEach((p, c) => {
      const target = fonts[area.rowIndex + rowOffset + r];
      if (target) target[area.columnIndex + c] = p.format?.font?.name ?? null;
    }),
  );
}
