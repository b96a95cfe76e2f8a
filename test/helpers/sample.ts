/** The sample district (samples/phu-binh-2020.csv) as in-memory grids: DanhMuc + 48 filled PDV-01 sheets. */
import { readFileSync } from "fs";
import { join } from "path";
import { parseRosterCsv } from "../../src/core/csv";
import { DEFAULT_PARAMS, reportedValues, rosterSheetPlan, unitSheetPlan } from "../../src/core/blank";
import type { RosterRow, UnitValues } from "../../src/core/blank";
import { planToGrid } from "../../src/core/plan";
import type { SheetGrid } from "../../src/core/types";

export const SAMPLE_CSV = join(__dirname, "..", "..", "samples", "phu-binh-2020.csv");

export function sampleRoster(): RosterRow[] {
  return parseRosterCsv(readFileSync(SAMPLE_CSV, "utf8"));
}

/** The report values a sample unit filled in (counts and NGAY_LAP from the CSV). */
export function sampleValues(row: RosterRow): UnitValues {
  return reportedValues(row);
}

/** DanhMuc + one filled report sheet per unit, as grids. */
export function sampleGrids(rows: RosterRow[] = sampleRoster()): SheetGrid[] {
  return [
    planToGrid(rosterSheetPlan(DEFAULT_PARAMS, rows)),
    ...rows.map((r) => planToGrid(unitSheetPlan(DEFAULT_PARAMS, r, sampleValues(r)))),
  ];
}
