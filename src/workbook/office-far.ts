/**
 * A sheet whose non-blank cells reach past GRID_CELL_LIMIT cells from A1 (a key pressed at
 * XFD1048576 under a 40-row report), read through Office.js as the file reader reads it: the
 * block of the data (src/core/far-block.ts, splitFar's rule) into the grid, the far cells as
 * SheetGrid.far for rule S10. Where the non-blank cells are comes from
 * Range.getSpecialCellsOrNullObject("Constants" / "Formulas") (ExcelApi 1.9), never from the
 * 17 billion cells of the used range. Syncs: one for the areas (two when Excel on the web refuses
 * the whole range: then row tiles), one for the far values with the block's rows holding data
 * when they fit one response (else those rows in bands after it).
 */
import type { CellValue, FarCell, SheetGrid } from "../core/types";
import { type CellArea, GRID_CELL_LIMIT, boundingArea, cutAreas, keptBlock } from "../core/far-block";
import { a1, columnNumber } from "../core/a1";
import type { ReadOptions } from "./port";
import type { XContext, XRange, XWorksheet } from "./office-api";
import { type FontArea, type KnownSheet, cellValue, noteFonts, toGrid } from "./office-grid";
import { errorCode, portError } from "./office-errors";

/** Most far cells whose values are read per sheet; the others are counted (SheetGrid.farNotRead). */
export const FAR_READ_CELLS = 1_000;
/** Most far areas read per sheet (each is one range in the request). */
export const FAR_READ_RANGES = 100;

/** A used range's position and size (zero-based indexes, as Office.js gives them). */
export interface UsedSize {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/** Cells of the grid from A1 to the used range's last cell: over GRID_CELL_LIMIT, the sheet has far cells. */
export function gridCellsOf(u: UsedSize): number {
  return (u.rowIndex + u.rowCount) * (u.columnIndex + u.columnCount);
}

/** What readFarSheet needs of the grid reader: the payload budget, syncs, bands of a block. */
export interface BlockReader {
  readonly budget: number;
  /** Response bytes per cell of a values read with these options. */
  cellBytes(options: ReadOptions): number;
  sync(ctx: XContext): Promise<void>;
  /** Values, types (and formulas) of a rectangle (zero-based), in row bands within the budget. */
  readBands(ctx: XContext, ws: XWorksheet, sheet: string, rect: UsedSize, options: ReadOptions): Promise<{ values: unknown[][]; types: string[][]; formulas: unknown[][] }>;
}

/**
 * The areas of a RangeAreas address ("Sheet1!A1:B4, 'Tân Đức'!D1:D4", "Sheet1!H:H", "Sheet1!3:3",
 * `$` allowed), 1-based; null when a part is not an address. Commas inside quoted sheet names are
 * not separators.
 */
export function parseAreasAddress(address: string): CellArea[] | null {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < address.length; i++) {
    const ch = address[i];
    if (ch === "'") quoted = !quoted;
    else if (ch === "," && !quoted) {
      parts.push(address.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(address.slice(start));
  const out: CellArea[] = [];
  for (const part of parts) {
    const local = part.slice(part.lastIndexOf("!") + 1).trim().replace(/\$/g, "");
    const area = parseLocal(local);
    if (!area) return null;
    out.push(area);
  }
  return out;
}

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

function parseLocal(text: string): CellArea | null {
  const [a, b = a, extra] = text.split(":");
  if (extra !== undefined || !a || !b) return null;
  const cell = /^([A-Za-z]{1,3})(\d{1,7})$/;
  const ca = cell.exec(a), cb = cell.exec(b);
  let top: number, left: number, bottom: number, right: number;
  if (ca && cb) {
    [top, bottom] = [Number(ca[2]), Number(cb[2])];
    [left, right] = [columnNumber(ca[1]), columnNumber(cb[1])];
  } else if (/^[A-Za-z]{1,3}$/.test(a) && /^[A-Za-z]{1,3}$/.test(b) && text.includes(":")) {
    [top, bottom, left, right] = [1, MAX_ROW, columnNumber(a), columnNumber(b)];
  } else if (/^\d{1,7}$/.test(a) && /^\d{1,7}$/.test(b) && text.includes(":")) {
    [top, bottom, left, right] = [Number(a), Number(b), 1, MAX_COL];
  } else return null;
  if (top < 1 || left < 1 || bottom > MAX_ROW || right > MAX_COL || bottom < top || right < left) return null;
  return { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
}

/** Far parts to read under the caps (first rows of a part first), and how many cells are left unread. */
function farReads(far: readonly CellArea[]): { reads: CellArea[]; notRead: number } {
  const reads: CellArea[] = [];
  let room = FAR_READ_CELLS;
  let notRead = 0;
  for (const p of far) {
    const cells = p.rows * p.columns;
    if (room === 0 || reads.length === FAR_READ_RANGES) {
      notRead += cells;
      continue;
    }
    let part: CellArea;
    if (cells <= room) part = p;
    else if (p.columns <= room) part = { ...p, rows: Math.floor(room / p.columns) };
    else part = { ...p, rows: 1, columns: room };
    reads.push(part);
    room -= part.rows * part.columns;
    notRead += cells - part.rows * part.columns;
  }
  return { reads, notRead };
}

/** The far cells read, in sheet order; `unread`: cells of a far range Excel answered null for. */
function farCellsOf(ranges: { p: CellArea; r: XRange }[], options: ReadOptions): { farCells: FarCell[]; unread: number } {
  const cells: { r: number; c: number; v: CellValue }[] = [];
  let unread = 0;
  for (const { p, r } of ranges) {
    if (r.values === null || r.valueTypes === null) {
      unread += p.rows * p.columns;
      continue;
    }
    r.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const value = cellValue(v, r.valueTypes[i]?.[j]);
        // A formula showing "" is no cell to the file reader unless formulas are read (sheet.ts).
        if (value === null && !options.formulas) return;
        cells.push({ r: p.row + i, c: p.column + j, v: value });
      }),
    );
  }
  cells.sort((x, y) => x.r - y.r || x.c - y.c);
  return { farCells: cells.map((x) => ({ cell: a1(x.r, x.c), value: x.v })), unread };
}

/** Rows to read: the kept areas' row spans (1-based, inclusive), merged when less than 20 rows apart. */
function rowSpans(kept: readonly CellArea[]): [number, number][] {
  const sorted = kept.map((a): [number, number] => [a.row, a.row + a.rows - 1]).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [top, bottom] of sorted) {
    const last = out[out.length - 1];
    if (last && top <= last[1] + 20) last[1] = Math.max(last[1], bottom);
    else out.push([top, bottom]);
  }
  return out;
}

/**
 * Most cells one operation may touch in Excel on the web (OperationCellsExceedLimit above it;
 * excel-api-facts §7). Whether getSpecialCells over a far sheet's used range counts as such an
 * operation is not documented: the whole range is tried first, then row tiles under this size.
 */
export const OPERATION_CELL_LIMIT = 33_554_000;

/**
 * Where a sheet's non-blank cells are: the areas of its constants and of its formulas (one sync;
 * one more, over row tiles of the used range, when Excel refuses the whole range with
 * OperationCellsExceedLimit). Throws a PortError naming the sheet when Excel's answer does not
 * parse or does not add up to its areaCount and cellCount.
 */
async function findAreas(reader: BlockReader, ctx: XContext, ws: XWorksheet, usedRange: XRange, used: UsedSize, sheet: KnownSheet): Promise<CellArea[]> {
  const ask = (ranges: XRange[]) =>
    ranges.flatMap((range) =>
      (["Constants", "Formulas"] as const).map((type) => {
        const areas = range.getSpecialCellsOrNullObject(type);
        areas.load("address,areaCount,cellCount");
        return areas;
      }),
    );
  let found = ask([usedRange]);
  try {
    await reader.sync(ctx);
  } catch (e) {
    if (errorCode(e) !== "OperationCellsExceedLimit") throw e;
    const rows = Math.max(1, Math.floor(OPERATION_CELL_LIMIT / used.columnCount));
    const tiles: XRange[] = [];
    for (let r = 0; r < used.rowCount; r += rows) {
      tiles.push(ws.getRangeByIndexes(used.rowIndex + r, used.columnIndex, Math.min(rows, used.rowCount - r), used.columnCount));
    }
    found = ask(tiles);
    await reader.sync(ctx);
  }
  const areas: CellArea[] = [];
  for (const f of found) {
    if (f.isNullObject) continue;
    const parsed = parseAreasAddress(f.address);
    const cells = parsed?.reduce((n, a) => n + a.rows * a.columns, 0);
    if (!parsed || parsed.length !== f.areaCount || cells !== f.cellCount) {
      const corner = a1(used.rowIndex + used.rowCount, used.columnIndex + used.columnCount);
      throw portError(
        `Không đọc được sheet '${sheet.name}': sheet có ô nằm rất xa vùng số liệu (tới ô ${corner}) và Excel không cho biết đủ vị trí các ô có dữ liệu. Hãy xóa các ô gõ nhầm ở xa (Ctrl+End để tìm) rồi chạy lại.`,
        "read",
        null,
      );
    }
    areas.push(...parsed);
  }
  return areas;
}

/**
 * Reads a sheet whose used range `used` reaches past GRID_CELL_LIMIT cells from A1: the grid of
 * the kept block (fonts as for any sheet: uniform, or queued in `mixed`), `far` in sheet order (at
 * most FAR_READ_CELLS values; `farNotRead` counts the rest). Throws a PortError naming the sheet
 * when Excel's areas cannot be read back (an address that does not parse or does not add up).
 */
export async function readFarSheet(
  reader: BlockReader,
  ctx: XContext,
  ws: XWorksheet,
  usedRange: XRange,
  used: UsedSize,
  sheet: KnownSheet,
  options: ReadOptions,
  mixed: FontArea[],
): Promise<SheetGrid> {
  const areas = await findAreas(reader, ctx, ws, usedRange, used, sheet);
  const { kept, far } = cutAreas(areas, keptBlock(areas, GRID_CELL_LIMIT));
  const block = boundingArea(kept);
  const { reads, notRead } = farReads(far);
  const farRanges = reads.map((p) => {
    const r = ws.getRangeByIndexes(p.row - 1, p.column - 1, p.rows, p.columns);
    r.load("values,valueTypes");
    return { p, r };
  });
  // The block's rows holding data (A1048576 kept under a 23-row report leaves a million blank rows between).
  const spans: UsedSize[] = block
    ? rowSpans(kept).map(([top, bottom]) => ({ rowIndex: top - 1, columnIndex: block.column - 1, rowCount: bottom - top + 1, columnCount: block.columns }))
    : [];
  const blockRange = block && ws.getRangeByIndexes(block.row - 1, block.column - 1, block.rows, block.columns);
  if (blockRange && options.fonts) blockRange.format.font.load("name");
  const spanCells = spans.reduce((n, x) => n + x.rowCount * x.columnCount, 0);
  const inOne = spanCells * reader.cellBytes(options) + FAR_READ_CELLS * 60 <= reader.budget * 0.8;
  const props = `values,valueTypes${options.formulas ? ",formulas" : ""}`;
  const spanRanges = inOne ? spans.map((x) => ws.getRangeByIndexes(x.rowIndex, x.columnIndex, x.rowCount, x.columnCount).load(props) as XRange) : [];
  await reader.sync(ctx);

  let grid: SheetGrid;
  if (!block) {
    grid = toGrid(sheet, 0, 0, [[""]], [["Empty"]], options.formulas ? [[""]] : null);
  } else {
    // The block as one read would give it: blank ("", "Empty") between the spans.
    const values: unknown[][] = Array.from({ length: block.rows }, () => new Array<unknown>(block.columns).fill(""));
    const types: string[][] = Array.from({ length: block.rows }, () => new Array<string>(block.columns).fill("Empty"));
    const formulas: unknown[][] = options.formulas ? Array.from({ length: block.rows }, () => new Array<unknown>(block.columns).fill("")) : [];
    for (let i = 0; i < spans.length; i++) {
      const x = spans[i];
      const read = inOne
        ? { values: spanRanges[i].values, types: spanRanges[i].valueTypes, formulas: options.formulas ? spanRanges[i].formulas : [] }
        : await reader.readBands(ctx, ws, sheet.name, x, options);
      const at = x.rowIndex - (block.row - 1);
      read.values.forEach((row, r) => {
        values[at + r] = row;
        types[at + r] = read.types[r];
        if (options.formulas) formulas[at + r] = read.formulas[r];
      });
    }
    grid = toGrid(sheet, block.row - 1, block.column - 1, values, types, options.formulas ? formulas : null);
  }
  if (options.fonts && block && blockRange) {
    const area = (x: UsedSize): FontArea => ({ sheet: sheet.name, rowIndex: x.rowIndex, columnIndex: x.columnIndex, rows: x.rowCount, cols: x.columnCount });
    const name = blockRange.format.font.name;
    // One font: the whole block at once; mixed: the per-cell pass only over the rows with data.
    if (typeof name === "string") noteFonts(grid, area({ rowIndex: block.row - 1, columnIndex: block.column - 1, rowCount: block.rows, columnCount: block.columns }), name, mixed);
    else {
      noteFonts(grid, area(spans[0]), null, mixed);
      mixed.push(...spans.slice(1).map(area));
    }
  } else if (options.fonts) {
    noteFonts(grid, { sheet: sheet.name, rowIndex: 0, columnIndex: 0, rows: 0, cols: 0 }, null, mixed);
  }
  const { farCells, unread } = farCellsOf(farRanges, options);
  if (farCells.length) grid.far = farCells;
  if (notRead + unread > 0) grid.farNotRead = notRead + unread;
  return grid;
}
