/**
 * Printing the sheets PDV writes (issue 15 point 3): A4 landscape, one page wide, header rows
 * repeated on every page, "Trang 1/3" in the footer, the narrative row tall enough for its text,
 * the row of machine codes left out. Data on the SheetPlan (`print`, `rowHeights`); the writers
 * render it.
 */
import type { PlanPrint, SheetPlan } from "./types";
import { columnLetters } from "./a1";

/** Centre footer of every printed sheet: "Trang 1/3". */
export const PAGE_FOOTER = "Trang &P/&N";
/** Height of one line of 11 pt text in a row (points), as Excel sizes a default row. */
export const LINE_HEIGHT_PT = 15;

/**
 * Points a row needs to show `text` wrapped across `widthChars` characters (the sum of the merged
 * columns' widths, Excel's width unit: about one digit of the default font): lines = ⌈length ×
 * 1.1 / width⌉ (the 10 % for proportional glyphs wider than a digit and for words not split),
 * plus half a line of margin. Explicit line breaks count as lines. At least one line.
 */
export function textRowHeight(text: string, widthChars: number): number {
  const width = Math.max(1, widthChars);
  const lines = text
    .split(/\r?\n/)
    .reduce((n, part) => n + Math.max(1, Math.ceil((part.length * 11) / (width * 10))), 0);
  return Math.ceil((lines + 0.5) * LINE_HEIGHT_PT);
}

/**
 * Lines a short label takes wrapped word by word in a column `widthChars` wide (Excel's width
 * unit), each character counted 1.15 wide (bold glyphs, wider than a digit); a word longer than
 * the column takes as many lines as it needs.
 */
export function wrappedLines(label: string, widthChars: number): number {
  const width = Math.max(1, widthChars);
  let lines = 0;
  for (const part of label.split(/\r?\n/)) {
    let used = -1;
    let n = 1;
    for (const word of part.split(/\s+/).filter(Boolean)) {
      const w = word.length * 1.15;
      if (used < 0) used = w;
      else if (used + 1 + w <= width) used += 1 + w;
      else {
        n++;
        used = w;
      }
      while (used > width) {
        n++;
        used -= width;
      }
    }
    lines += n;
  }
  return Math.max(1, lines);
}

/**
 * Points a header row needs for its wrapped labels (`labels[i]` in a column `widths[i]` wide):
 * the most lines any label takes, plus half a line. Labels of columns without a width are ignored.
 */
export function headerRowHeight(labels: string[], widths: number[]): number {
  const lines = Math.max(1, ...labels.map((l, i) => (widths[i] ? wrappedLines(l, widths[i]) : 1)));
  return Math.ceil((lines + 0.5) * LINE_HEIGHT_PT);
}

export interface PrintOptions {
  orientation?: PlanPrint["orientation"];
  /** Header rows repeated at the top of each page (inclusive), when the sheet has a header. */
  repeatRows?: { from: number; to: number };
  /** Rows left out of print (see PlanPrint.omitRows). */
  omitRows?: number[];
  /** Last printed row when something drawn (a chart) reaches below the last planned row. */
  lastRow?: number;
}

/**
 * The page setup of a planned sheet: A4 (landscape unless told), one page wide, as many pages
 * tall as needed, the footer "Trang &P/&N", the print area from A1 to the plan's last used
 * column and row (columns by `columnWidths` when longer than the rows).
 */
export function pagePrint(plan: Pick<SheetPlan, "rows" | "columnWidths">, options: PrintOptions = {}): PlanPrint {
  const lastRow = Math.max(1, plan.rows.length, options.lastRow ?? 0);
  const lastCol = Math.max(1, plan.columnWidths?.length ?? 0, ...plan.rows.map((r) => r.length));
  const print: PlanPrint = {
    paper: "A4",
    orientation: options.orientation ?? "landscape",
    fitWidth: 1,
    fitHeight: 0,
    footer: PAGE_FOOTER,
    area: `A1:${columnLetters(lastCol)}${lastRow}`,
  };
  if (options.repeatRows) print.repeatRows = { ...options.repeatRows };
  if (options.omitRows?.length) print.omitRows = [...options.omitRows];
  return print;
}
