/**
 * Plain data shared by every part of PDV: grids read from a workbook, findings, sheet plans.
 * Pure types, no Office, DOM or Node.
 */

/**
 * The error text a reader gives a formula cell whose file holds no result it can trust and that
 * cannot be computed for sure (written by scripts; see src/workbook/xlsx/sheet.ts). Rule V04 says
 * what to do instead of calling it an Excel error.
 */
export const NO_STORED_RESULT = "ô có công thức nhưng tệp không lưu kết quả; mở bằng Excel rồi lưu lại";

/** An Excel error value as read from a cell (#REF!, #DIV/0!, #VALUE!, #N/A, #NAME?, #NUM!, #NULL!). */
export interface CellError {
  error: string;
}

/**
 * One cell value as every adapter hands it to the core:
 * - `null` for a blank cell (Office.js "" becomes null),
 * - numbers (dates are Excel serial numbers, 1900 date system),
 * - strings (text exactly as typed), booleans,
 * - `{ error }` for an Excel error value.
 * Formula cells carry their calculated (cached) result here.
 */
export type CellValue = string | number | boolean | null | CellError;

/** Where a grid came from: a sheet of the open workbook, or a sheet of a unit's .xlsx file. */
export interface GridSource {
  /** File name (no folder) when the sheet was read from a separate .xlsx file. */
  file?: string;
  /**
   * A committee's report to the level above read from the committee's own workbook: the
   * fingerprint of the roster and unit reports found beside it in that file (rollup.ts compares
   * it with the fingerprint the report carries, rule R02). Absent when the file holds no reports.
   */
  inputs?: string;
}

/** The used part of one sheet, from A1, row-major: `values[r][c]` is the cell at row r+1, column c+1. */
export interface SheetGrid {
  name: string;
  values: CellValue[][];
  /** Formula text (with the leading "=", en-US) per cell, or null where the cell holds no formula. */
  formulas?: (string | null)[][];
  /** Font name per cell (needed to detect legacy Vietnamese encodings such as .VnTime / VNI-Times). */
  fonts?: (string | null)[][];
  /** "Visible" unless the sheet is hidden. */
  visibility?: "Visible" | "Hidden" | "VeryHidden";
  source?: GridSource;
  /**
   * Cells holding something but left out of `values` because they lie too far from the rest
   * (a key pressed at XFD1048576 would ask for billions of cells): A1 address and value, in
   * sheet order. Reported as a warning (rule S10), never silently dropped.
   */
  far?: FarCell[];
  /**
   * Far cells counted but not in `far` (the task pane reads at most 1,000 far values a sheet;
   * src/workbook/office-far.ts): rule S10 counts them with the others.
   */
  farNotRead?: number;
}

/** A non-blank cell left out of a grid as too far from its data (see `SheetGrid.far`). */
export interface FarCell {
  /** A1 address ("XFD1048576"). */
  cell: string;
  value: CellValue;
}

/** A file of a folder input that could not be read (not a workbook, damaged, too large…). */
export interface UnreadableFile {
  /** The file's name (path relative to the folder). */
  file: string;
  /** Why, in Vietnamese, naming the file and saying what to do. */
  reason: string;
  /** The file was read but holds no PDV-01 report (rule S09 then says "không dùng được", not "không đọc được"). */
  notReport?: boolean;
}

/** Everything the core needs from a workbook (or a folder of files): the grids of its sheets. */
export interface WorkbookInput {
  sheets: SheetGrid[];
  /** Files the unit sent that could not be read: each still counts as received (rule S09). */
  unreadable?: UnreadableFile[];
  /** Add-in state kept with the workbook, e.g. the fingerprint of the last consolidation (rule G01). */
  state?: Record<string, string>;
}

/** "error" keeps a unit out of the summary; "warning" does not; "info" only informs (e.g. C06). */
export type Severity = "error" | "warning" | "info";

export type RuleId =
  | "S01" | "S02" | "S03" | "S04" | "S05" | "S06" | "S07" | "S08" | "S09" | "S10"
  | "V01" | "V02" | "V03" | "V04"
  | "C01" | "C02" | "C03" | "C04" | "C05" | "C06" | "C07"
  | "D01" | "D02" | "D03" | "D04"
  | "G01"
  | "E01" // E01: legacy font encoding converted (issue 7)
  | "R01" | "R02"; // roll-up of committees' reports (issue 14)

/** One validation finding: what is wrong, where, and how to fix it (message in Vietnamese). */
export interface Finding {
  severity: Severity;
  rule: RuleId;
  /** Sheet name ("" when the finding is about the workbook as a whole). */
  sheet: string;
  /** A1 address of the offending cell ("" when no single cell is at fault). */
  cell: string;
  /** Unit code (MA_DV) the finding belongs to, or null for district-level findings. */
  unit: string | null;
  message: string;
  /** The unit's file when the report came from a separate .xlsx file. */
  file?: string;
}

/* ------------------------------------------------------------------ sheet plans */

/** One cell of a planned sheet. A formula cell also carries its computed result in `value`. */
export interface PlanCell {
  value?: string | number | boolean | null;
  /** en-US formula with the leading "=", e.g. "=SUM(E6:E25)", "=PDV.TYLE(I6,H6)", "='Tân Đức'!D9". */
  formula?: string;
  /** en-US number format code, e.g. "0.00%", "#,##0", "dd/mm/yyyy", "@". */
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  /** Fill colour "#RRGGBB". */
  fill?: string;
  /** Horizontal alignment. */
  align?: "left" | "center" | "right";
  wrap?: boolean;
  /** A note (cell comment), e.g. where an imported figure came from. */
  note?: string;
}

export interface PlanChart {
  type: "ColumnClustered" | "BarClustered";
  title: string;
  /** A1 range of the category labels, on the planned sheet. */
  categories: string;
  series: { name: string; values: string }[];
  /** Top-left cell of the chart. */
  anchor: string;
  /** Size in cells (columns, rows). */
  width: number;
  height: number;
}

/**
 * How a planned sheet prints (Excel's page setup), decided by the core; writers render it.
 * Dimensions are Excel's: rows 1-based, codes of headers and footers as Excel's ("&P" page, "&N" pages).
 */
export interface PlanPrint {
  paper: "A4";
  orientation: "portrait" | "landscape";
  /** Fit to this many pages wide; `fitHeight` 0 lets the height run over as many pages as needed. */
  fitWidth: number;
  fitHeight: number;
  /** Rows repeated at the top of every printed page, inclusive (Excel's "rows to repeat at top"). */
  repeatRows?: { from: number; to: number };
  /** Centre footer, e.g. "Trang &P/&N" (prints "Trang 1/3"). */
  footer?: string;
  /** The printed range, e.g. "A1:U70". */
  area?: string;
  /**
   * Rows left out of the printed pages (the row of machine codes). Excel and LibreOffice have no
   * per-row print switch and a print area is one rectangle, so a writer hides these rows (hidden
   * rows do not print); the rows stay in the file, still readable by their codes.
   */
  omitRows?: number[];
}

/** A whole sheet, decided once by the core and rendered as-is by every adapter. */
export interface SheetPlan {
  name: string;
  /** Dense rows from A1; `undefined`/missing cells are left blank. */
  rows: (PlanCell | undefined)[][];
  /** Column widths in characters, from column A. */
  columnWidths?: number[];
  /** Rows frozen at the top (header). */
  frozenRows?: number;
  /** Merged ranges, e.g. "A1:N1". */
  merges?: string[];
  chart?: PlanChart;
  /** Page setup for printing (A4, orientation, fit, repeated header, footer, print area). */
  print?: PlanPrint;
  /** Row heights in points by 1-based row number, where the default does not fit (the narrative row). */
  rowHeights?: Record<number, number>;
  /** Add-in state to store with the workbook when this plan is written (e.g. the G01 fingerprint). */
  state?: Record<string, string>;
  /** Bring the sheet to the front with A1 selected once written (in the same round trip). */
  activate?: boolean;
}
