/**
 * Committees and the level above as in-memory grids (issue 14): committees made from the sample
 * district's units under other names and codes, each consolidated and exported as its report to
 * the level above, and the roster of the level above.
 */
import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate } from "../../src/core/consolidate";
import { exportUpPlan } from "../../src/core/export-up";
import { planToGrid } from "../../src/core/plan";
import { DEFAULT_PARAMS, rosterSheetPlan } from "../../src/core/blank";
import type { RosterRow } from "../../src/core/blank";
import type { DistrictParams, Summary } from "../../src/core/model";
import type { SheetGrid } from "../../src/core/types";
import { ymdToSerial } from "../../src/core/dates";
import { committeeGrids, sampleRoster } from "./sample";

export { committeeGrids };

export const d = (y: number, m: number, day: number): number => ymdToSerial(y, m, day)!;

/** The day the committees consolidate (after the cut-off 31/08/2020, before the province's deadline). */
export const EXPORT_DAY = d(2020, 9, 7);

export interface Committee {
  params: DistrictParams;
  grids: SheetGrid[];
  summary: Summary;
  /** Its report to the level above, as the level above reads it. */
  report: SheetGrid;
}

/** Consolidate a committee's workbook and export its report to the level above. */
export function consolidateCommittee(params: DistrictParams, grids: SheetGrid[], day = EXPORT_DAY): Committee {
  const summary = consolidate(analyzeWorkbook({ sheets: grids }));
  return { params, grids, summary, report: planToGrid(exportUpPlan(summary, day)) };
}

/** The sample district under another name and code (its units and figures unchanged). */
export function sampleCommittee(name: string, code: string, omit: string[] = []): Committee {
  const place = name.replace(/^Đảng bộ huyện /, "");
  const params: DistrictParams = { ...DEFAULT_PARAMS, name, code, board: `Ban Tổ chức Huyện ủy ${place}` };
  return consolidateCommittee(params, committeeGrids(params, sampleRoster(), omit));
}

/** Three committees from the sample: Phú Bình, Đồng Hỷ without TCCS07, Đại Từ. */
export function threeCommittees(): Committee[] {
  return [
    sampleCommittee("Đảng bộ huyện Phú Bình", "H01"),
    sampleCommittee("Đảng bộ huyện Đồng Hỷ", "H02", ["TCCS07"]),
    sampleCommittee("Đảng bộ huyện Đại Từ", "H03"),
  ];
}

/** The level above: its parameters (cut-off as the committees'), and its roster of committees. */
export const PROVINCE: DistrictParams = {
  name: "Đảng bộ tỉnh Thái Nguyên",
  year: 2020,
  from: d(2020, 1, 1),
  to: d(2020, 8, 31),
  deadline: d(2020, 9, 15),
  target: 759,
  board: "Ban Tổ chức Tỉnh ủy Thái Nguyên",
  code: "T19",
};

/** One roster line per committee: its MA_DB, DB_TEN and CHITIEU_DB; sheet named by the code. */
export function committeeRoster(committees: Committee[], type = "Đảng bộ trực thuộc"): RosterRow[] {
  return committees.map((c) => ({
    code: c.params.code!,
    name: c.params.name,
    type,
    group: "Đảng bộ huyện",
    target: c.params.target,
    sheetName: c.params.code!,
  }));
}

/** The upper workbook: its DanhMuc, and each committee's report as a sheet named by its code. */
export function upperGrids(params: DistrictParams, committees: Committee[], type?: string): SheetGrid[] {
  return [
    planToGrid(rosterSheetPlan(params, committeeRoster(committees, type))),
    ...committees.map((c) => ({ ...c.report, name: c.params.code! })),
  ];
}
