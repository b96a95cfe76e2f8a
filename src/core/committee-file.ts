/**
 * One file sent by a committee to the level above (issue 14): the file its consolidation wrote
 * (its DanhMuc, TongHop and the report to the level above, and in workbook mode its units'
 * sheets), or a workbook holding only that report. The level above reads only the report; the
 * rest of the file tells whether the report is older than the committee's data (rule R02).
 */
import type { SheetGrid } from "./types";
import { SHEET_REPORT_UP } from "./template";
import { findRosterSheet } from "./roster";
import { reportSheets } from "./analyze";
import { STATE_FINGERPRINT } from "./state";
import { fingerprintInputs } from "./fingerprint";
import { hasCoverageRows } from "./rollup";
import { looksLikeReport } from "./report";

/**
 * The sheets of one file that count at the level above. When the file holds a committee's report
 * (a PDV-01 sheet with coverage rows: SHEET_REPORT_UP when there is one, since a committee over
 * committees also holds their reports as its units' sheets), only that report, with
 * `source.inputs` set to what the committee's data is now: the fingerprint of its DanhMuc and unit
 * reports when the file holds them (computed as the committee's own consolidation does, without
 * the file name), else the fingerprint its last TongHop was made from (`state`, the file's add-in
 * state, key STATE_FINGERPRINT), else unset. Otherwise null (a unit's own file: the caller keeps
 * its sheets as before).
 */
export function committeeSheets(grids: SheetGrid[], state?: Record<string, string>): SheetGrid[] | null {
  const withCoverage = grids.filter((g) => looksLikeReport(g) && hasCoverageRows(g));
  if (withCoverage.length === 0) return null;
  // A committee whose units are committees holds their reports too: its own is SHEET_REPORT_UP.
  const own = withCoverage.filter((g) => g.name.toLowerCase() === SHEET_REPORT_UP.toLowerCase());
  const reports = own.length > 0 ? own : withCoverage;
  // The committee's own inputs, as its workbook saw them (no file name, its export not among them).
  const bare = grids.filter((g) => !reports.includes(g) && g.name.toLowerCase() !== SHEET_REPORT_UP.toLowerCase()).map((g) => ({ ...g, source: undefined }));
  const roster = findRosterSheet(bare);
  const units = reportSheets(bare);
  const inputs = roster && units.length > 0 ? fingerprintInputs([roster, ...units]) : state?.[STATE_FINGERPRINT] || undefined;
  return reports.map((g) => (inputs === undefined ? g : { ...g, source: { ...g.source, inputs } }));
}
