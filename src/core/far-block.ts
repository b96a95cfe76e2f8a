/**
 * Which block from A1 a sheet's grid keeps when its non-blank cells reach too far (a key pressed
 * at XFD1048576 would ask for 17 billion cells), decided on rectangles of non-blank cells: the
 * task pane learns a sheet's cells as areas (Excel's Range.getSpecialCells), not one by one.
 *
 * The rule is the file reader's (`splitFar`, src/workbook/xlsx/sheet.ts; a single cell is a 1×1
 * area, and test/core/far-block.test.ts checks both agree on random sheets): of the blocks from A1
 * holding at most `limit` cells (for each last column C among the cells, the rows up to
 * ⌊limit / C⌋), the one keeping the most non-blank cells wins, the narrowest on a tie. The cells
 * outside it are the far cells (SheetGrid.far, rule S10).
 */

/** A rectangle of non-blank cells: top-left row and column (1-based) and its size. */
export interface CellArea {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** The block kept from A1: rows 1..`rows`, columns 1..`columns`; `count` non-blank cells in it. */
export interface KeptBlock {
  rows: number;
  columns: number;
  count: number;
}

/**
 * The most cells a grid may hold from A1 to its last kept cell. The file reader's MAX_GRID_CELLS
 * (src/workbook/xlsx/sheet.ts) has the same value (checked by test/core/far-block.test.ts); it
 * is repeated here because the task pane must not load the file reader to learn it.
 */
export const GRID_CELL_LIMIT = 6_000_000;

/**
 * The block kept of a sheet whose non-blank cells are `areas` (not overlapping), by the rule above.
 * Cost: (distinct columns covered) × (areas), at most 16,384 × areas. No areas: an empty block.
 */
export function keptBlock(areas: readonly CellArea[], limit: number = GRID_CELL_LIMIT): KeptBlock {
  const maxColumn = areas.reduce((m, a) => Math.max(m, a.column + a.columns - 1), 0);
  const covered = new Uint8Array(maxColumn + 1);
  for (const a of areas) covered.fill(1, a.column, a.column + a.columns);
  let best: KeptBlock = { rows: 0, columns: 0, count: 0 };
  for (let c = 1; c <= maxColumn; c++) {
    if (!covered[c]) continue;
    const rows = Math.floor(limit / c);
    let count = 0;
    for (const a of areas) {
      const w = Math.min(c, a.column + a.columns - 1) - a.column + 1;
      const h = Math.min(rows, a.row + a.rows - 1) - a.row + 1;
      if (w > 0 && h > 0) count += w * h;
    }
    if (count > best.count) best = { rows, columns: c, count };
  }
  return best;
}

/**
 * `areas` cut by `block`: the parts inside it (kept) and outside (far), the far parts in sheet
 * order of their top-left cell (row, then column), so the first far part starts at the sheet's
 * first far cell. An area straddling the block gives at most one kept and two far parts.
 */
export function cutAreas(areas: readonly CellArea[], block: KeptBlock): { kept: CellArea[]; far: CellArea[] } {
  const kept: CellArea[] = [];
  const far: CellArea[] = [];
  for (const a of areas) {
    const bottom = a.row + a.rows - 1;
    const right = a.column + a.columns - 1;
    const inRows = Math.min(bottom, block.rows) - a.row + 1;
    const inColumns = Math.min(right, block.columns) - a.column + 1;
    if (inRows > 0 && inColumns > 0) kept.push({ row: a.row, column: a.column, rows: inRows, columns: inColumns });
    // Right of the block: the area's rows in the columns past it.
    if (right > block.columns) {
      const column = Math.max(a.column, block.columns + 1);
      far.push({ row: a.row, column, rows: a.rows, columns: right - column + 1 });
    }
    // Below the block, within its columns.
    if (inColumns > 0 && bottom > block.rows) {
      const row = Math.max(a.row, block.rows + 1);
      far.push({ row, column: a.column, rows: bottom - row + 1, columns: inColumns });
    }
  }
  far.sort((x, y) => x.row - y.row || x.column - y.column);
  return { kept, far };
}

/** The smallest rectangle holding all `areas`; null when there are none. */
export function boundingArea(areas: readonly CellArea[]): CellArea | null {
  if (!areas.length) return null;
  let top = Infinity, left = Infinity, bottom = 0, right = 0;
  for (const a of areas) {
    top = Math.min(top, a.row);
    left = Math.min(left, a.column);
    bottom = Math.max(bottom, a.row + a.rows - 1);
    right = Math.max(right, a.column + a.columns - 1);
  }
  return { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
}
