/**
 * The subset of the Excel JavaScript API the Office.js adapter uses (office.ts), typed so that both
 * the real `Excel` namespace (office-js typings) and the strict fake (src/host) fit it.
 */
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
  /** Points (ExcelApi 1.2). */
  rowHeight: number;
  /** Only `true` does something: the rows go back to the standard height (ExcelApi 1.7). */
  useStandardHeight: boolean;
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
/** RangeAreas (ExcelApi 1.9), as Range.getSpecialCells returns it. */
export interface XRangeAreas {
  /** Sheet-qualified A1 areas joined by ", " ("Sheet1!A1:B4, Sheet1!D1:D4"; whole columns "H:H"). */
  readonly address: string;
  readonly areaCount: number;
  /** Cells in all areas. */
  readonly cellCount: number;
  readonly isNullObject: boolean;
  load(propertyNames: string): unknown;
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
  /** Hides or shows the range's whole rows (ExcelApi 1.2). */
  rowHidden: boolean;
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
  /** The range's constants or formulas (ExcelApi 1.9); a null object when there is none. */
  getSpecialCellsOrNullObject(cellType: "Constants" | "Formulas"): XRangeAreas;
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
/** Worksheet.pageLayout (ExcelApi 1.9): `zoom` must be assigned as a whole object. */
export interface XPageLayout {
  /** "Portrait" | "Landscape". */
  orientation: string;
  /** Excel.PaperType, e.g. "A4". */
  paperSize: string;
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  readonly headersFooters: { readonly defaultForAllPages: { centerFooter: string } };
  setPrintTitleRows(rows: string): void;
  setPrintArea(area: string): void;
}
export interface XWorksheet {
  name: string;
  position: number;
  visibility: string;
  readonly freezePanes: { freezeRows(count?: number): void; unfreeze(): void };
  /** ExcelApi 1.9. */
  readonly pageLayout: XPageLayout;
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

