/**
 * What the fake Excel host shows tests and the preview of a sheet: everything stored on it as
 * plain grids from A1 (`dump`), and a canonical JSON of it for equality checks (`snapshotSheet`).
 */
import { type Book, type Cell, type ChartRecord, type PageSetup, type Prim, type Sheet, type SheetRef, DEFAULT_FONT, key } from "./fake-model";
import { addressSheetName, rectA1 } from "./fake-address";
import { usedRect } from "./fake-book";
import { readText } from "./fake-cells";

export interface SheetDump {
  name: string;
  id: string;
  position: number;
  visibility: string;
  tabColor: string;
  /** From A1 to the bottom-right of everything stored (values or formats). */
  values: (Prim | null)[][];
  formulas: (string | null)[][];
  numberFormats: string[][];
  text: string[][];
  bold: boolean[][];
  italic: boolean[][];
  fonts: string[][];
  fills: (string | null)[][];
  align: (string | null)[][];
  wrap: boolean[][];
  columnWidths: Record<string, number>;
  merges: string[];
  frozenRows: number;
  /** Charts with their references printed as sheet-qualified addresses ("TongHop!B4:B63"). */
  charts: ChartRecord<string>[];
  /** Row heights set on the sheet, by 1-based row number (points). */
  rowHeights: Record<number, number>;
  /** Hidden rows, 1-based, ascending. */
  hiddenRows: number[];
  /** Page setup; titleRows and printArea as A1 ("4:4", "A1:U70"). */
  page: { orientation: string; paperSize: string; zoom: PageSetup["zoom"]; titleRows: string | null; printArea: string | null; centerFooter: string };
}

/** Everything stored on a sheet, as plain grids from A1. */
export function dumpSheet(book: Book, sheet: Sheet): SheetDump {
  const used = usedRect(sheet, false);
  const rows = used ? used.r0 + used.nr : 0;
  const cols = used ? used.c0 + used.nc : 0;
  const grid = <T>(pick: (c: Cell | undefined) => T): T[][] =>
    Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => pick(sheet.cells.get(key(r, c)))));
  const widths: Record<string, number> = {};
  for (const [c, w] of [...sheet.columnWidths].sort((a, b) => a[0] - b[0])) widths[rectA1({ r0: 0, c0: c, nr: 1, nc: 1 }).replace(/\d+/, "")] = w;
  return {
    name: sheet.name,
    id: sheet.id,
    position: book.sheets.indexOf(sheet),
    visibility: sheet.visibility,
    tabColor: sheet.tabColor,
    values: grid((c) => (c === undefined ? null : c.v)),
    formulas: grid((c) => c?.f ?? null),
    numberFormats: grid((c) => c?.nf ?? "General"),
    text: grid((c) => readText(c)),
    bold: grid((c) => c?.font?.bold ?? false),
    italic: grid((c) => c?.font?.italic ?? false),
    fonts: grid((c) => c?.font?.name ?? DEFAULT_FONT),
    fills: grid((c) => c?.fill ?? null),
    align: grid((c) => c?.halign ?? null),
    wrap: grid((c) => c?.wrap ?? false),
    columnWidths: widths,
    merges: [...sheet.merges],
    frozenRows: sheet.frozenRows,
    charts: printCharts(book, sheet),
    ...printRows(sheet),
  };
}

function printRows(sheet: Sheet): Pick<SheetDump, "rowHeights" | "hiddenRows" | "page"> {
  const p = sheet.page;
  return {
    rowHeights: Object.fromEntries([...sheet.rowHeights].sort((a, b) => a[0] - b[0]).map(([r, h]) => [r + 1, h])),
    hiddenRows: [...sheet.hiddenRows].sort((a, b) => a - b).map((r) => r + 1),
    page: {
      orientation: p.orientation,
      paperSize: p.paperSize,
      zoom: { ...p.zoom },
      titleRows: p.titleRows ? `${p.titleRows.r0 + 1}:${p.titleRows.r0 + p.titleRows.nr}` : null,
      printArea: p.printArea ? rectA1(p.printArea) : null,
      centerFooter: p.centerFooter,
    },
  };
}

function printCharts(book: Book, sheet: Sheet): ChartRecord<string>[] {
  const ref = (r: SheetRef | null): string | null => {
    if (!r) return null;
    const s = book.sheets.find((x) => x.id === r.sheetId);
    return s ? `${addressSheetName(s.name)}!${r.a1}` : `#REF!`;
  };
  return sheet.charts.map((c) => ({
    ...c,
    source: ref(c.source) as string,
    series: c.series.map((x) => ({ name: x.name, values: ref(x.values), xValues: ref(x.xValues) })),
  }));
}

/** Canonical JSON of one sheet (everything stored), for equality checks. */
export function snapshotSheet(book: Book, sheet: Sheet): string {
  const cells = [...sheet.cells.entries()]
    .filter(([, c]) => Object.entries(c).some(([k, v]) => k !== "v" && v !== undefined) || c.v !== null)
    .sort((a, b) => a[0] - b[0]);
  return JSON.stringify({
    name: sheet.name,
    position: book.sheets.indexOf(sheet),
    visibility: sheet.visibility,
    tabColor: sheet.tabColor,
    cells,
    widths: [...sheet.columnWidths].sort((a, b) => a[0] - b[0]),
    merges: sheet.merges,
    frozenRows: sheet.frozenRows,
    charts: printCharts(book, sheet),
    ...printRows(sheet),
  });
}
