/**
 * Reading sheets through Office.js in as few round trips as the payload limit allows (office.ts
 * readWorkbook): chunks of sheets sized from what the previous chunk weighed, a chunk refused for
 * size split in halves down to row bands of one sheet (a chunk refused with RangeExceedsLimit
 * first looks for its oversized sheets by size), `values: null` past 5,000,000 cells read in
 * bands too, a sheet with far cells as office-far.ts reads it, macro and chart sheets
 * (UnsupportedSheet) skipped, fonts per cell only where a used range mixes them.
 */
import type { SheetGrid } from "../core/types";
import type { ReadOptions } from "./port";
import type { XContext, XWorksheet } from "./office-api";
import { type FontArea, type KnownSheet, fillFonts, noteFonts, toGrid } from "./office-grid";
import { PAYLOAD_CODES, UNSUPPORTED_SHEET, errorCode, portError } from "./office-errors";
import { GRID_CELL_LIMIT } from "../core/far-block";
import { type BlockReader, type UsedSize, gridCellsOf, readFarSheet } from "./office-far";

/** First guess of one sheet's read response, before anything was measured (bytes). */
const GUESS_SHEET_BYTES = 6_000;
/** Request bytes per sheet read (getItem, getUsedRange, load, maybe getCellProperties). */
const REQUEST_BYTES_PER_SHEET = 700;
/** Response bytes per cell: values + valueTypes (+ formulas, + font properties). */
const BYTES_PER_CELL = { values: 30, formulas: 20 };
/** Response bytes per cell of getCellProperties({format:{font:{name:true}}}). */
const FONT_BYTES_PER_CELL = 50;
/** Most cells one read may return on every platform (excel-api-facts §7). */
const READ_CELL_LIMIT = 5_000_000;

const utf8 = new TextEncoder();
const bytesOf = (v: unknown): number => utf8.encode(JSON.stringify(v) ?? "").length;

export class GridReader {
  /** Measured response bytes of one sheet (average of the last chunk), null before any read. */
  private bytesPerSheet: number | null = null;

  constructor(
    private readonly budget: number,
    private readonly sync: (ctx: XContext) => Promise<void>,
  ) {}

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
  async readGrids(ctx: XContext, sheets: KnownSheet[], options: ReadOptions): Promise<Map<string, SheetGrid>> {
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
      // A sheet over the cell limit (often a stray value far away): find it by size, not by halving.
      if (code === "RangeExceedsLimit" && chunk.length > 1 && (await this.readOversized(ctx, chunk, options, out, mixed))) return;
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
      const width = u.values[0]?.length ?? 0;
      // Cells far from the data (a key pressed at XFD1048576): cut off as the file reader does.
      if ((u.rowIndex + u.values.length) * (u.columnIndex + width) > GRID_CELL_LIMIT) {
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

  /**
   * A chunk refused with RangeExceedsLimit: the sizes of its sheets' used ranges in one sync, then
   * the sheets over the cell limit or with far cells (readLargeSheet) apart from the others (one
   * chunk again). False, nothing read, when the sizes cannot be learnt or none is over.
   */
  private async readOversized(ctx: XContext, chunk: KnownSheet[], options: ReadOptions, out: Map<string, SheetGrid>, mixed: FontArea[]): Promise<boolean> {
    const sized = chunk.map((s) => {
      const used = ctx.workbook.worksheets.getItem(s.name).getUsedRange(true);
      used.load("rowIndex,columnIndex,rowCount,columnCount");
      return { s, used };
    });
    try {
      await this.sync(ctx);
    } catch {
      return false;
    }
    const big = sized.filter(({ used: u }) => u.rowCount * u.columnCount > READ_CELL_LIMIT || gridCellsOf(u) > GRID_CELL_LIMIT).map((x) => x.s);
    if (!big.length) return false;
    for (const s of big) await this.readLargeSheet(ctx, s, options, out, mixed);
    const rest = chunk.filter((s) => !big.includes(s));
    if (rest.length) await this.readChunk(ctx, rest, options, out, mixed);
    return true;
  }

  /**
   * A sheet too large for one response: its size first, then bands of rows; a sheet with cells
   * far from its data (more than GRID_CELL_LIMIT cells from A1) as office-far.ts reads it.
   */
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
    const size: UsedSize = { rowIndex: used.rowIndex, columnIndex: used.columnIndex, rowCount: used.rowCount, columnCount: used.columnCount };
    if (gridCellsOf(size) > GRID_CELL_LIMIT) {
      out.set(sheet.name, await readFarSheet(this.blockReader(), ctx, ws, used, size, sheet, options, mixed));
      return;
    }
    const { values, types, formulas } = await this.readBands(ctx, ws, sheet.name, size, options);
    const { rowIndex, columnIndex, rowCount, columnCount } = size;
    const grid = toGrid(sheet, rowIndex, columnIndex, values, types, options.formulas ? formulas : null);
    out.set(sheet.name, grid);
    if (options.fonts) noteFonts(grid, { sheet: sheet.name, rowIndex, columnIndex, rows: rowCount, cols: columnCount }, used.format.font.name, mixed);
  }

  private blockReader(): BlockReader {
    return {
      budget: this.budget,
      cellBytes: (o) => this.cellBytes(o),
      sync: (c) => this.sync(c),
      readBands: (c, ws, name, rect, o) => this.readBands(c, ws, name, rect, o),
    };
  }

  /** Values, types (and formulas) of a rectangle in row bands, each sized from the last one's weight. */
  private async readBands(
    ctx: XContext,
    ws: XWorksheet,
    sheetName: string,
    rect: UsedSize,
    options: ReadOptions,
  ): Promise<{ values: unknown[][]; types: string[][]; formulas: unknown[][] }> {
    const { rowIndex, columnIndex, rowCount, columnCount } = rect;
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
          refused = portError(`Excel không trả về số liệu của sheet '${sheetName}' (vùng ô quá lớn).`, "read", null);
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
    return { values, types, formulas };
  }
}
