/**
 * One sheet turned into what the analysis needs from it, so that the grid itself can go: a folder
 * of thousands of unit files is read one file at a time (src/cli/input.ts) and only these small
 * records are kept until analyze.ts `analyzePrepared` matches them to the roster (issue 11: the
 * grids of 4,800 units, values and fonts, took 470 MB).
 */
import type { Finding, SheetGrid } from "./types";
import type { UnitReport } from "./model";
import { GENERATED_SHEETS, SHEET_REPORT_UP, SHEET_ROSTER } from "./template";
import { looksLikeReport, readReport } from "./report";
import { isBackupSheet } from "./replace";
import { fingerprintCodes } from "./fingerprint";

/**
 * What the analysis keeps of one sheet of the input.
 * - `name`, `file`, `visibility`: where findings point and whether that sheet is hidden (a finding
 *   on a hidden sheet says so);
 * - `reading`: for a unit report (isReportSheet), its reading (report.ts `readReport`: the report
 *   and the findings of its own cells); null for any other sheet;
 * - `print`: for a unit report, its share of the G01 fingerprint as UTF-16 code units (fingerprint.ts
 *   `fingerprintCodes`: 2 bytes a code unit, as the text would take, without a string per cell).
 * Plain data (structured-cloneable: read-pool.ts sends it between threads), no reference to the grid.
 */
export interface PreparedSheet {
  name: string;
  file?: string;
  visibility?: SheetGrid["visibility"];
  reading: { report: UnitReport; findings: Finding[] } | null;
  print?: Uint16Array;
}

const generated = new Set(GENERATED_SHEETS.map((s) => s.toLowerCase()));

/**
 * Whether a sheet is a unit report: a PDV-01 sheet, except DanhMuc and the add-in's own sheets. A
 * committee's report to the level above (SHEET_REPORT_UP) read from another file is that
 * committee's report (issue 14); in the workbook itself it is the add-in's own output. A backup
 * kept by a replacement ("TCCS07 (cũ)", replace.ts) is never a report, hidden or not.
 */
export function isReportSheet(s: SheetGrid): boolean {
  const name = s.name.toLowerCase();
  const own = generated.has(name) && !(name === SHEET_REPORT_UP.toLowerCase() && s.source?.file);
  return name !== SHEET_ROSTER.toLowerCase() && !own && !isBackupSheet(s.name) && looksLikeReport(s);
}

/** The sheets that are unit reports (isReportSheet), in order. */
export function reportSheets(sheets: SheetGrid[]): SheetGrid[] {
  return sheets.filter(isReportSheet);
}

/** What the analysis needs of `grid` (see PreparedSheet); pure, throws nothing a readable grid causes. */
export function prepareSheet(grid: SheetGrid): PreparedSheet {
  const p: PreparedSheet = { name: grid.name, reading: null };
  if (grid.source?.file !== undefined) p.file = grid.source.file;
  if (grid.visibility !== undefined) p.visibility = grid.visibility;
  if (isReportSheet(grid)) {
    p.reading = readReport(grid);
    p.print = fingerprintCodes(grid);
  }
  return p;
}
