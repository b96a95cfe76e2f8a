/**
 * The sheets of the fake Excel host's book: Excel's rule for sheet names, lookup by name or id,
 * a new sheet, a default name, a copy, and a sheet's used rectangle.
 */
import { type Book, type Cell, type Sheet, MAX_COLS, defaultPageSetup } from "./fake-model";
import type { Rect } from "./fake-address";

const BAD_NAME = /[:\\/?*[\]]/;

export function sheetNameValid(name: unknown): name is string {
  return (
    typeof name === "string" &&
    name.trim().length > 0 &&
    name.length < 32 &&
    !BAD_NAME.test(name) &&
    !name.startsWith("'") &&
    !name.endsWith("'") &&
    name.toLowerCase() !== "history"
  );
}

export function findSheet(book: Book, nameOrId: string): Sheet | undefined {
  const lower = nameOrId.toLowerCase();
  return book.sheets.find((s) => s.id === nameOrId || s.name.toLowerCase() === lower);
}

export function newSheet(book: Book, name: string): Sheet {
  const id = `{00000000-0001-0000-${String(book.nextSheetNumber).padStart(4, "0")}-000000000000}`;
  book.nextSheetNumber++;
  return {
    id,
    name,
    visibility: "Visible",
    tabColor: "",
    cells: new Map(),
    columnWidths: new Map(),
    merges: [],
    frozenRows: 0,
    charts: [],
    rowHeights: new Map(),
    hiddenRows: new Set(),
    page: defaultPageSetup(),
  };
}

export function defaultSheetName(book: Book): string {
  for (let n = 1; ; n++) {
    const name = `Sheet${n}`;
    if (!findSheet(book, name)) return name;
  }
}

export function cloneSheet(s: Sheet): Sheet {
  const cells = new Map<number, Cell>();
  for (const [k, c] of s.cells) cells.set(k, { ...c, font: c.font ? { ...c.font } : undefined });
  return {
    ...s,
    cells,
    columnWidths: new Map(s.columnWidths),
    merges: [...s.merges],
    charts: s.charts.map((c) => ({ ...c, series: c.series.map((x) => ({ ...x })) })),
    rowHeights: new Map(s.rowHeights),
    hiddenRows: new Set(s.hiddenRows),
    page: { ...s.page, zoom: { ...s.page.zoom }, titleRows: s.page.titleRows && { ...s.page.titleRows }, printArea: s.page.printArea && { ...s.page.printArea } },
  };
}

/* ------------------------------------------------------------------ used range */

/** Bounding rectangle of cells with a value/formula (valuesOnly) or with anything; null if none. */
export function usedRect(s: Sheet, valuesOnly: boolean): Rect | null {
  let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
  for (const [k, c] of s.cells) {
    const hasValue = c.v !== null || c.f !== undefined;
    const hasFormat =
      c.nf !== undefined || c.font !== undefined || c.fill !== undefined || c.halign !== undefined || c.wrap !== undefined;
    if (!(hasValue || (!valuesOnly && hasFormat))) continue;
    const r = Math.floor(k / MAX_COLS), col = k % MAX_COLS;
    if (r < r0) r0 = r;
    if (r > r1) r1 = r;
    if (col < c0) c0 = col;
    if (col > c1) c1 = col;
  }
  if (r1 < 0) return null;
  return { r0, c0, nr: r1 - r0 + 1, nc: c1 - c0 + 1 };
}
