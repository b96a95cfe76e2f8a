/**
 * Server-side state of the fake Excel host: the shapes of the book, its sheets, cells, formats,
 * charts and page setup, Excel's grid limits and defaults, and the key of a cell in a sheet's map.
 * Plain TypeScript: runs in Node (tests) and in a browser (preview page). No Office, no Node APIs.
 * Addresses: fake-address.ts; sheets of the book: fake-book.ts; writing and reading cell values:
 * fake-cells.ts; errors the server raises: fake-server-error.ts.
 */
import type { CellValue } from "../core/types";
import type { Rect } from "./fake-address";

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;
/** Excel's default column width as Range.format.columnWidth reports it (points). */
export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_FONT = "Calibri";

export type Prim = string | number | boolean;

export interface CellFont {
  bold?: boolean;
  italic?: boolean;
  name?: string;
  color?: string;
  size?: number;
}

export interface Cell {
  /** Stored value (cached result for a formula cell); null = empty. */
  v: Prim | null;
  /** True when `v` is an Excel error value such as "#REF!". */
  err?: boolean;
  /** Formula text with the leading "=". */
  f?: string;
  /** Number format; absent = "General". */
  nf?: string;
  /** The value was entered with a leading apostrophe (forced text). */
  quoted?: boolean;
  font?: CellFont;
  fill?: string;
  halign?: string;
  wrap?: boolean;
}

/** A reference held by a chart: it follows its sheet through renames, like Excel's SERIES formulas. */
export interface SheetRef {
  sheetId: string;
  a1: string;
}

export interface ChartSeriesRecord<R = SheetRef> {
  name: string | null;
  values: R | null;
  xValues: R | null;
}

export interface ChartRecord<R = SheetRef> {
  name: string;
  type: string;
  source: R;
  seriesBy: string;
  title: string | null;
  position: { start: string; end: string | null } | null;
  series: ChartSeriesRecord<R>[];
}

/**
 * A worksheet's page setup as Worksheet.pageLayout shows it (ExcelApi 1.9). Defaults are a new
 * sheet's in an en-US Excel: Letter, portrait, 100 % scale, no print titles, no footer.
 */
export interface PageSetup {
  orientation: "Portrait" | "Landscape";
  paperSize: string;
  /** Either a scale (10–400) or fit-to-pages counts (0 = as many as needed), never both. */
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  /** Rows repeated at the top of each printed page (zero-based, inclusive), or null. */
  titleRows: { r0: number; nr: number } | null;
  /** The print area (one rectangle here), or null for the used range. */
  printArea: Rect | null;
  /** HeaderFooterGroup.defaultForAllPages.centerFooter, with Excel's codes (&P, &N). */
  centerFooter: string;
}

export function defaultPageSetup(): PageSetup {
  return { orientation: "Portrait", paperSize: "Letter", zoom: { scale: 100 }, titleRows: null, printArea: null, centerFooter: "" };
}

export interface Sheet {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  tabColor: string;
  cells: Map<number, Cell>;
  columnWidths: Map<number, number>;
  merges: string[];
  frozenRows: number;
  charts: ChartRecord[];
  /** Row heights in points set through Range.format.rowHeight (zero-based row → points); others are standard. */
  rowHeights: Map<number, number>;
  /** Rows hidden through Range.rowHidden (zero-based). */
  hiddenRows: Set<number>;
  page: PageSetup;
  /** A macro sheet or a chart sheet: range calls on it fail with UnsupportedSheet. */
  kind?: "MacroSheet" | "ChartSheet";
}

export interface Book {
  sheets: Sheet[];
  /** Setting key → JSON text (settings are JSON round-tripped). */
  settings: Map<string, string>;
  activeSheetId: string | null;
  selection: { sheetId: string; address: string } | null;
  nextSheetNumber: number;
  calculationSuspended: boolean;
  screenUpdatingSuspended: boolean;
  /**
   * Formulas written while calculation was suspended, not yet calculated (their cells still hold
   * the value from before): calculated by Application.calculate, or at the start of a later round
   * trip (excel-api-facts §4 and §8).
   */
  pendingCalc: Map<Cell, () => CellValue>;
}

export const key = (row: number, col: number): number => row * MAX_COLS + col;
