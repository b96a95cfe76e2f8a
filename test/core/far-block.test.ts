/**
 * The kept block on areas (task pane) decides as splitFar does on cells (file reader): random
 * sheets of cells and of rectangles, small limits so that cuts happen.
 */
import fc from "fast-check";
import { type CellArea, GRID_CELL_LIMIT, boundingArea, cutAreas, keptBlock } from "../../src/core/far-block";
import { MAX_GRID_CELLS, splitFar } from "../../src/workbook/xlsx/sheet";

const key = (r: number, c: number) => `${r},${c}`;

/** Every cell of the areas, as splitFar takes them. */
function cellsOf(areas: readonly CellArea[]): { r: number; c: number }[] {
  const out: { r: number; c: number }[] = [];
  for (const a of areas) for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.columns; j++) out.push({ r: a.row + i, c: a.column + j });
  return out;
}

/** Non-overlapping rectangles on a 60 × 40 sheet. */
const areasArb = fc
  .array(fc.record({ row: fc.integer({ min: 1, max: 60 }), column: fc.integer({ min: 1, max: 40 }), rows: fc.integer({ min: 1, max: 8 }), columns: fc.integer({ min: 1, max: 8 }) }), { maxLength: 12 })
  .map((list) => {
    const taken = new Set<string>();
    const out: CellArea[] = [];
    for (const a of list) {
      const cells = cellsOf([a]);
      if (cells.some((x) => taken.has(key(x.r, x.c)))) continue;
      cells.forEach((x) => taken.add(key(x.r, x.c)));
      out.push(a);
    }
    return out;
  });

describe("keptBlock", () => {
  test("the limit is the file reader's", () => {
    expect(GRID_CELL_LIMIT).toBe(MAX_GRID_CELLS);
  });

  test("single cells: the same cells kept and far as splitFar", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 60 })), { selector: (t) => key(t[0], t[1]), maxLength: 80 }), fc.integer({ min: 1, max: 2000 }), (pairs, limit) => {
        const cells = pairs.map(([r, c]) => ({ r, c }));
        const { kept, far } = splitFar(cells, limit);
        const block = keptBlock(cells.map((x) => ({ row: x.r, column: x.c, rows: 1, columns: 1 })), limit);
        expect(kept.map((x) => key(x.r, x.c)).sort()).toEqual(cells.filter((x) => x.r <= block.rows && x.c <= block.columns).map((x) => key(x.r, x.c)).sort());
        expect(far.length).toBe(cells.length - block.count);
      }),
      { numRuns: 300 },
    );
  });

  test("rectangles: the same block as splitFar on their cells; cutAreas covers exactly the kept and far cells", () => {
    fc.assert(
      fc.property(areasArb, fc.integer({ min: 1, max: 1500 }), (areas, limit) => {
        const cells = cellsOf(areas);
        const { kept, far } = splitFar(cells, limit);
        const block = keptBlock(areas, limit);
        expect(block.count).toBe(kept.length);
        const parts = cutAreas(areas, block);
        expect(cellsOf(parts.kept).map((x) => key(x.r, x.c)).sort()).toEqual(kept.map((x) => key(x.r, x.c)).sort());
        expect(cellsOf(parts.far).map((x) => key(x.r, x.c)).sort()).toEqual(far.map((x) => key(x.r, x.c)).sort());
        // The first far part starts at the first far cell in sheet order.
        if (far.length) expect([parts.far[0].row, parts.far[0].column]).toEqual([far[0].r, far[0].c]);
      }),
      { numRuns: 300 },
    );
  });

  test("200,000 cells over all 16,384 columns: splitFar's answer, at the cost of splitFar's sweep", () => {
    let seed = 7;
    // xorshift32: a fixed sequence, so a failure repeats.
    const next = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const taken = new Set<string>();
    const cells: { r: number; c: number }[] = [];
    while (cells.length < 200_000) {
      const r = next(1_048_576) + 1, c = next(16_384) + 1;
      if (taken.has(key(r, c))) continue;
      taken.add(key(r, c));
      cells.push({ r, c });
    }
    let t = Date.now();
    const block = keptBlock(cells.map((x) => ({ row: x.r, column: x.c, rows: 1, columns: 1 })));
    const ms = Date.now() - t;
    t = Date.now();
    const { kept } = splitFar(cells, MAX_GRID_CELLS);
    const splitMs = Date.now() - t;
    expect(block.count).toBe(kept.length);
    expect(kept.every((x) => x.r <= block.rows && x.c <= block.columns)).toBe(true);
    // Same order of cost as splitFar's sweep (columns × areas would be some 3 billion steps).
    expect(ms).toBeLessThan(5 * splitMs + 1_000);
  });

  test("a 40-row report with a value at XFD1048576 and a full far row: the report is kept whole", () => {
    const report = { row: 1, column: 1, rows: 40, columns: 10 };
    const stray = { row: 1_048_576, column: 16_384, rows: 1, columns: 1 };
    expect(keptBlock([report, stray])).toMatchObject({ columns: 10, count: 400 });
    const row = { row: 1_048_575, column: 1, rows: 1, columns: 16_384 };
    const block = keptBlock([report, row]);
    expect(block).toMatchObject({ columns: 10, count: 400 });
    const { kept, far } = cutAreas([report, row], block);
    expect(boundingArea(kept)).toEqual(report);
    expect(far).toEqual([{ row: 1_048_575, column: 11, rows: 1, columns: 16_374 }, { row: 1_048_575, column: 1, rows: 1, columns: 10 }].sort((a, b) => a.column - b.column));
    expect(boundingArea([])).toBeNull();
  });
});
