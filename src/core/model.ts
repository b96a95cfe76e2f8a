/**
 * The domain model the core builds from grids: the district parameters and roster, the units'
 * reports (each value with the cell it came from), their status, and the district summary.
 */
import type { Finding } from "./types";
import type { CountCode, ItemCode } from "./template";

/** Where a value came from. `file` is set when the report was a separate .xlsx file. */
export interface Place {
  sheet: string;
  cell: string;
  file?: string;
}

/**
 * DanhMuc parameters of the consolidating committee (any level: a province, a commune or ward
 * committee, or a former district). Dates are Excel serial numbers (1900 date system).
 */
export interface DistrictParams {
  /** DB_TEN, e.g. "Đảng bộ huyện Phú Bình", "Đảng bộ phường Phan Đình Phùng". */
  name: string;
  year: number;
  from: number;
  to: number;
  deadline: number;
  /** CHITIEU_DB: the target given to the committee by the level above (people). */
  target: number;
  /**
   * CO_QUAN: the body that receives and consolidates the reports ("Ban Tổ chức Tỉnh ủy Ninh
   * Thuận", "Ban Xây dựng Đảng Đảng ủy phường …"); null/absent in workbooks made before it existed,
   * where texts use a neutral wording (level.ts).
   */
  board?: string | null;
  /** MA_DB: the committee's own code in the roster of the level above (its MA_DV there); null/absent when not set. */
  code?: string | null;
}

export interface RosterUnit {
  code: string;
  name: string;
  type: string;
  group: string;
  /**
   * The unit's annual target as allocated by the committee (wins over the unit's own, rule C04);
   * null when the roster cell is blank: "không giao", no target (not a zero).
   */
  target: number | null;
  /** The sheet that holds its report in a single workbook (TEN_SHEET, or the code when blank). */
  sheetName: string;
  /** Admitted in the same period of the previous year (KN_CUNGKY), when the roster has it. */
  prevAdmitted: number | null;
  /** Members at the start of the period (DV_DAUNAM), when the roster has it. */
  membersAtStart: number | null;
  /** The roster row's MA_DV cell. */
  place: Place;
}

export interface Roster {
  params: DistrictParams;
  units: RosterUnit[];
  /** The roster has a KN_CUNGKY column. */
  hasPrev: boolean;
  /** The roster has a DV_DAUNAM column. */
  hasStart?: boolean;
}

/** How many units a committee's report covers, and how it names them (rows TH_*, rollup.ts). */
export interface CoverageCount {
  included: number;
  listed: number;
  /** "tổ chức cơ sở đảng", "chi bộ trực thuộc"… as the committee's summary named them. */
  noun: string;
}

/**
 * The coverage rows of a committee's report to the level above (issue 14): its own units, and
 * the grassroots beneath when its units were committees themselves.
 */
export interface Coverage extends CoverageCount {
  /** The grassroots coverage (TH_CS_*), or null when the committee's units are themselves grassroots. */
  leaves: CoverageCount | null;
  /** TH_DAUVET: fingerprint of the inputs the report was made from, or null when absent. */
  fingerprint: string | null;
  /** Fingerprint of the committee's inputs found beside the report in its file (GridSource.inputs). */
  inputs?: string;
}

/** A PDV-01 report as read: every value with the cell it came from. */
export interface UnitReport {
  sheet: string;
  file?: string;
  /** MA_DV as written on the report (trimmed), or null when blank/missing. */
  code: string | null;
  name: string | null;
  /** NGAY_LAP as an Excel serial, or null when blank or not a date. */
  date: number | null;
  /** Counts taken from the report: a number, or null when blank ("not reported") or unusable. */
  counts: Partial<Record<CountCode, number | null>>;
  /** What a count cell holds when it is not blank but unusable (counts null): "ba", "#VALUE!". */
  unusable?: Partial<Record<CountCode, string>>;
  /** KN_TYLE as found on the sheet (null when blank; NaN when text). */
  ratio: number | null;
  /** KN_TYLE's cell as found, for C05's message: the text typed there, and whether it holds a formula (undefined: not known). */
  ratioCell?: { text?: string; formula?: boolean };
  /** A1 address of each item's value cell (column D of its code row). */
  cells: Partial<Record<ItemCode, string>>;
  /** Set when the report is a committee's report to the level above (it has coverage rows). */
  coverage?: Coverage;
}

/** Unit status shown in the task pane and the summary's "Trạng thái" column. */
export type UnitState = "submitted" | "missing" | "error" | "late";

export const UNIT_STATE_LABELS: Record<UnitState, string> = {
  submitted: "Đã nộp",
  missing: "Chưa nộp",
  error: "Có lỗi",
  late: "Nộp muộn",
};

export interface UnitStatus {
  code: string;
  name: string;
  group: string;
  state: UnitState;
  /** The report matched to this roster unit, when one was received. */
  report?: UnitReport;
  errors: number;
  warnings: number;
}

/** The result of reading and validating a whole workbook (or folder of files). */
export interface Analysis {
  roster: Roster | null;
  /** Every PDV-01 report found, matched or not. */
  reports: UnitReport[];
  findings: Finding[];
  /** One per roster unit, in roster order. */
  units: UnitStatus[];
  expected: number;
  received: number;
  /** Codes of roster units with no report. */
  missing: string[];
  /** Fingerprint of DanhMuc and the report sheets (rule G01). */
  fingerprint: string;
}

export type RowKind = "unit" | "group" | "total";

export interface SummaryRow {
  kind: RowKind;
  /** Running number of unit rows (1…n). */
  stt?: number;
  code?: string;
  name: string;
  group: string;
  state?: UnitState;
  /** Unit rows: included in the sums (received, no blocking error). */
  included?: boolean;
  /** Why a unit is not included (Vietnamese). */
  reason?: string;
  /** Every PDV-01 count; null where missing or not reported. KN_CHITIEU is the roster's target. */
  values: Record<CountCode, number | null>;
  /** KN_CUNGKY (unit rows) or its sum over included units (group/total rows). */
  prevAdmitted: number | null;
  /** DV_DAUNAM (included unit rows) or its sum over included units (group/total rows); null when not in the roster. */
  membersAtStart?: number | null;
  /**
   * KN_DAKETNAP / KN_CHITIEU, from sums for group and total rows; null when the target is 0 or
   * missing. The total row, when every unit is included, is over the target given (CHITIEU_DB).
   */
  ratio: number | null;
  /** Unit rows: the roster gives the unit no target ("Không giao"). */
  noTarget?: boolean;
  remaining: number | null;
  /** XEPLOAI label, or null when it cannot be computed. */
  classification: string | null;
  /** Unit rows: the source cell of each figure taken from the report. */
  sources: Partial<Record<CountCode, Place>>;
  /** Group/total rows: units included over units listed, e.g. 46 of 48. */
  covered?: number;
  listed?: number;
}

export interface Summary {
  params: DistrictParams;
  /** Display order: each group's unit rows then its subtotal row; the district total last. */
  rows: SummaryRow[];
  total: SummaryRow;
  expected: number;
  included: string[];
  excluded: { unit: string; reason: string }[];
  /** Sums over included units of every count code (KN_CHITIEU: the roster's allocations). */
  totals: Record<CountCode, number>;
  /**
   * The headline ratio (total row, narrative), a fraction: admitted over the target given
   * (CHITIEU_DB) when every unit is included, else over the allocations of the units included;
   * null when that target is 0.
   */
  ratio: number | null;
  /** The denominator of `ratio` (people) and which one it is. */
  headlineTarget: number;
  headlineBasis: "given" | "allocated";
  /** Admitted over the sum of the allocations (totals.KN_CHITIEU); null when that sum is 0. */
  allocatedRatio: number | null;
  /** Units included whose roster target is blank ("Không giao"). */
  noTarget: number;
  /** DV_DAUNAM summed over included units when the roster has it, and admitted over it. */
  membersAtStart: number | null;
  memberRatio: number | null;
  /** How texts name the units ("tổ chức cơ sở đảng", "chi bộ trực thuộc"…), from the roster's LOAI_HINH (level.ts). */
  unitNoun: string;
  /**
   * When some included units are committees (their reports carry coverage rows, rollup.ts): the
   * grassroots beneath the included units, summed (a plain unit counts as 1/1); else null.
   */
  leaves: { covered: number; listed: number; noun: string } | null;
  /** Included committees whose own summary covers fewer than all their units. */
  partial: { code: string; name: string; included: number; listed: number; noun: string }[];
  narrative: string;
  hasPrev: boolean;
  /** Fingerprint of the inputs (rule G01: the summary is stale when the sources change). */
  fingerprint: string;
}
