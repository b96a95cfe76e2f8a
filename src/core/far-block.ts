/**
 * Which block from A1 a sheet's grid keeps when its non-blank cells reach too far (a key pressed
 * at XFD1048576 would ask for 17 billion cells), decided on rectangles of non-blank cells: the
 * task pane learns a sheet's cells as areas (Excel's Range.getSpecialCells), not one by one.
 *
 * The rule is the file reader's (`splitFar`, src/workbook/xlsx/sheet.ts; a single cell is a 1×1
 * area, and test/core/far-block.test.ts checks both agree on random sheets and cost alike, so
 * splitFar can hand its decision to keptBlock): of the blocks from A1
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
 * No areas: an empty block. Cost O((areas + columns covered) × log areas): a sweep over the
 * columns with Fenwick trees over the areas' first and past-last rows, as splitFar sweeps cells.
 *
 * count(C) = Σ over areas of (its columns ≤ C) × (its rows ≤ R), R = ⌊limit / C⌋. An area the
 * sweep is inside of has c + 1 − column columns so far, one it has passed its whole width: three
 * weightings (1, column, width) of the same height sums, each kept by HeightSums.
 */
export function keptBlock(areas: readonly CellArea[], limit: number = GRID_CELL_LIMIT): KeptBlock {
  const n = areas.length;
  if (!n) return { rows: 0, columns: 0, count: 0 };
  const sums = new HeightSums(areas);
  const byStart = Array.from({ length: n }, (_, i) => i).sort((x, y) => areas[x].column - areas[y].column);
  const right = (i: number) => areas[i].column + areas[i].columns - 1;
  const byEnd = Array.from({ length: n }, (_, i) => i).sort((x, y) => right(x) - right(y));
  const maxColumn = right(byEnd[n - 1]);
  const covered = new Uint8Array(maxColumn + 1);
  for (const a of areas) covered.fill(1, a.column, a.column + a.columns);
  let best: KeptBlock = { rows: 0, columns: 0, count: 0 };
  let started = 0, ended = 0;
  for (let c = 1; c <= maxColumn; c++) {
    if (!covered[c]) continue;
    for (; started < n && areas[byStart[started]].column <= c; started++) {
      const i = byStart[started];
      sums.add(i, ONE, 1);
      sums.add(i, COLUMN, areas[i].column);
    }
    for (; ended < n && right(byEnd[ended]) < c; ended++) {
      const i = byEnd[ended];
      sums.add(i, ONE, -1);
      sums.add(i, COLUMN, -areas[i].column);
      sums.add(i, WIDTH, areas[i].columns);
    }
    const rows = Math.floor(limit / c);
    const [one, column, width] = sums.at(rows);
    const count = width + (c + 1) * one - column;
    if (count > best.count) best = { rows, columns: c, count };
  }
  return best;
}

const ONE = 0;
const COLUMN = 1;
const WIDTH = 2;

/**
 * For three weightings k, Σ weight × (an area's rows within 1..R) over the areas added: an area of
 * rows r0..r1 gives (R + 1 − r0) once R ≥ r0, less (R − r1) once R > r1. Four Fenwick trees per
 * weighting over the row keys (each area's r0 and r1 + 1), interleaved: slot 4k + 0..3 holds Σw
 * and Σw·r0 at r0, Σw and Σw·r1 at r1 + 1. Integers stay exact below 2^53 (weights ≤ 16,384,
 * rows ≤ 1,048,576, up to ~500,000 areas).
 */
class HeightSums {
  private readonly keys: Float64Array;
  private readonly startAt: Int32Array;
  private readonly endAt: Int32Array;
  private readonly tree: Float64Array;

  constructor(private readonly areas: readonly CellArea[]) {
    const all = new Float64Array(areas.length * 2);
    areas.forEach((a, i) => {
      all[2 * i] = a.row;
      all[2 * i + 1] = a.row + a.rows;
    });
    all.sort();
    let u = 0;
    for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[u++] = all[i];
    this.keys = all.slice(0, u);
    this.startAt = Int32Array.from(areas, (a) => this.rank(a.row));
    this.endAt = Int32Array.from(areas, (a) => this.rank(a.row + a.rows));
    this.tree = new Float64Array((u + 1) * 12);
  }

  /** How many keys are ≤ r: the Fenwick index of row r. */
  private rank(r: number): number {
    let lo = 0, hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.keys[mid] <= r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(area: number, k: number, weight: number): void {
    const a = this.areas[area];
    const last = a.row + a.rows - 1;
    const t = this.tree;
    for (let i = this.startAt[area]; i < t.length / 12; i += i & -i) {
      t[i * 12 + 4 * k] += weight;
      t[i * 12 + 4 * k + 1] += weight * a.row;
    }
    for (let i = this.endAt[area]; i < t.length / 12; i += i & -i) {
      t[i * 12 + 4 * k + 2] += weight;
      t[i * 12 + 4 * k + 3] += weight * last;
    }
  }

  /** The three sums for rows 1..r. */
  at(r: number): [number, number, number] {
    const s = new Float64Array(12);
    const t = this.tree;
    for (let i = this.rank(r); i > 0; i -= i & -i) for (let j = 0; j < 12; j++) s[j] += t[i * 12 + j];
    const one = (k: number) => (r + 1) * s[4 * k] - s[4 * k + 1] - r * s[4 * k + 2] + s[4 * k + 3];
    return [one(ONE), one(COLUMN), one(WIDTH)];
  }
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
