/** The sample district (samples/phu-binh-2020.csv) as in-memory grids: DanhMuc + 48 filled PDV-01 sheets. */
import { readFileSync } from "fs";
import { join } from "path";
import { parseRosterCsv } from "../../src/core/csv";
import { DEFAULT_PARAMS, reportedValues, rosterSheetPlan, unitSheetPlan } from "../../src/core/blank";
import type { RosterRow, UnitValues } from "../../src/core/blank";
import { planToGrid } from "../../src/core/plan";
import type { SheetGrid } from "../../src/core/types";
import type { DistrictParams } from "../../src/core/model";
import { ymdToSerial } from "../../src/core/dates";

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

/** The ward sample of issue 13 (samples/phuong-phan-dinh-phung-2026.csv, illustrative figures). */
export const WARD_CSV = join(__dirname, "..", "..", "samples", "phuong-phan-dinh-phung-2026.csv");

/** The parameters `npm run samples` gives the ward sample (package.json's "samples" script). */
export const WARD_PARAMS: DistrictParams = {
  name: "Đảng bộ phường Phan Đình Phùng",
  year: 2026,
  from: ymdToSerial(2026, 1, 1)!,
  to: ymdToSerial(2026, 9, 30)!,
  deadline: ymdToSerial(2026, 10, 5)!,
  target: 40,
  board: "Ban Xây dựng Đảng Đảng ủy phường Phan Đình Phùng",
  code: "DBP07",
};

export function wardRoster(): RosterRow[] {
  return parseRosterCsv(readFileSync(WARD_CSV, "utf8"));
}

/** Any committee's DanhMuc + one filled report per unit, as grids (`omit`: codes of units not received). */
export function committeeGrids(params: DistrictParams, rows: RosterRow[], omit: string[] = []): SheetGrid[] {
  return [
    planToGrid(rosterSheetPlan(params, rows)),
    ...rows.filter((r) => !omit.includes(r.code)).map((r) => planToGrid(unitSheetPlan(params, r, sampleValues(r)))),
  ];
}

/** The ward's DanhMuc + one filled report per party cell, as grids. */
export function wardGrids(rows: RosterRow[] = wardRoster(), omit: string[] = []): SheetGrid[] {
  return committeeGrids(WARD_PARAMS, rows, omit);
}
