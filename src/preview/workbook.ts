/**
 * Workbooks for the browser preview, as seeds of the fake Excel: the sample district (DanhMuc + 48
 * filled PDV-01 sheets, generated in the page from samples/phu-binh-2020.csv with the core's own
 * blank/csv functions), an empty workbook, or the grids of an .xlsx file the user opened.
 */
import sampleCsv from "../../samples/phu-binh-2020.csv";
import type { SeedSheet } from "../host/fake-excel";
import type { PlanCell, SheetGrid, SheetPlan } from "../core/types";
import { DEFAULT_PARAMS, reportedValues, rosterSheetPlan, unitSheetPlan } from "../core/blank";
import type { RosterRow } from "../core/blank";
import { parseRosterCsv } from "../core/csv";
import { UNIT_CODE_COLUMN, UNIT_VALUE_COLUMN } from "../core/template";
import { a1 } from "../core/a1";

export const SAMPLE_CSV_TEXT: string = sampleCsv;

/** A SheetPlan as a seed: values (formula cells carry the core's computed value), formulas, formats. */
export function planToSeed(plan: SheetPlan): SeedSheet {
  const width = Math.max(0, ...plan.rows.map((r) => r.length));
  const pick = <T>(f: (c: PlanCell | undefined) => T) => plan.rows.map((r) => Array.from({ length: width }, (_, c) => f(r[c])));
  return {
    name: plan.name,
    values: pick((c) => (c?.value === undefined || c.value === "" ? null : c.value)),
    formulas: pick((c) => c?.formula ?? null),
    numberFormats: pick((c) => c?.numberFormat ?? null),
    bold: pick((c) => c?.bold ?? null),
  };
}

/** Grids read from a file (the .xlsx reader's output) as seeds. */
export function gridToSeed(grid: SheetGrid): SeedSheet {
  return { name: grid.name, values: grid.values, formulas: grid.formulas };
}

export interface SampleOptions {
  /** Leave out the sheets of these unit codes (as if they had not sent their report yet). */
  without?: string[];
  /** Type "ba" (text) into DV_TONG of this unit code: a V02 error the check must find. */
  broken?: string;
  /** A province-sized roster of this many units instead of the sample's 48 (see provinceRows). */
  units?: number;
  /** false: DanhMuc only, no unit sheet (every report still to import). */
  reports?: boolean;
}

/**
 * A province-sized roster of `count` units made from the sample's 48 (to try the pane on hundreds
 * of units): unit i (0-based) copies sample line i mod 48, coded "DV001"…, named as the sample
 * line, with " 2", " 3"… after the first 48 ("Xã Hà Châu 2"). Each unit reports its sample
 * figures, except that every 50th unit (i mod 50 = 7) has not reported, every 45th
 * (i mod 45 = 11) typed "ba" into DV_TONG (an error) and every 30th (i mod 30 = 4) dated its
 * report 15/09/2020, after the deadline (late).
 */
export function provinceRows(count: number): { rows: RosterRow[]; missing: Set<string>; broken: Set<string>; late: Set<string> } {
  const sample = parseRosterCsv(SAMPLE_CSV_TEXT);
  const rows: RosterRow[] = [];
  const missing = new Set<string>();
  const broken = new Set<string>();
  const late = new Set<string>();
  for (let i = 0; i < count; i++) {
    const base = sample[i % sample.length];
    const round = Math.floor(i / sample.length);
    const code = `DV${String(i + 1).padStart(3, "0")}`;
    const values = { ...base.values };
    if (i % 30 === 4) {
      values.NGAY_LAP = "15/09/2020";
      late.add(code);
    }
    rows.push({ ...base, code, sheetName: undefined, name: round === 0 ? base.name : `${base.name} ${round + 1}`, values });
    if (i % 50 === 7) missing.add(code);
    else if (i % 45 === 11) broken.add(code);
  }
  return { rows, missing, broken, late };
}

/** The sample district: DanhMuc + one filled PDV-01 sheet per unit (or a province-sized one, `units`). */
export function sampleSeeds(options: SampleOptions = {}): SeedSheet[] {
  const province = options.units ? provinceRows(options.units) : null;
  const rows = province ? province.rows : parseRosterCsv(SAMPLE_CSV_TEXT);
  const params = province ? { ...DEFAULT_PARAMS, target: rows.reduce((t, r) => t + (r.target ?? 0), 0) } : DEFAULT_PARAMS;
  const without = new Set([...(options.without ?? []), ...(province?.missing ?? [])]);
  const seeds = [
    planToSeed(rosterSheetPlan(params, rows)),
    ...(options.reports === false ? [] : rows)
      .filter((r) => !without.has(r.code))
      .map((r) => planToSeed(unitSheetPlan(params, r, reportedValues(r)))),
  ];
  for (const code of province?.broken ?? []) breakUnit(rows, seeds, code);
  if (options.broken) breakUnit(rows, seeds, options.broken);
  return seeds;
}

/** Type "ba" into DV_TONG of a unit's sheet, when it has one. */
function breakUnit(rows: RosterRow[], seeds: SeedSheet[], code: string): void {
  const unit = rows.find((r) => r.code === code);
  const seed = unit && seeds.find((s) => s.name === (unit.sheetName || unit.code));
  const cell = seed && itemCell(seed, "DV_TONG");
  if (seed && cell) seed.values![cell.row][cell.col] = "ba";
}

/** Where a PDV-01 sheet keeps an item's value: the row whose code column holds `code`, value column. */
export function itemCell(seed: SeedSheet, code: string): { row: number; col: number; address: string } | null {
  const values = seed.values ?? [];
  for (let r = 0; r < values.length; r++) {
    if (values[r]?.[UNIT_CODE_COLUMN - 1] === code) {
      return { row: r, col: UNIT_VALUE_COLUMN - 1, address: a1(r + 1, UNIT_VALUE_COLUMN) };
    }
  }
  return null;
}

/** An empty workbook, as Excel makes one: a single blank sheet. */
export function emptySeeds(): SeedSheet[] {
  return [{ name: "Sheet1" }];
}

/** The sample roster's unit codes and sheet names, in roster order. */
export function sampleUnits(): { code: string; sheet: string; name: string }[] {
  return parseRosterCsv(SAMPLE_CSV_TEXT).map((r) => ({ code: r.code, sheet: r.sheetName || r.code, name: r.name }));
}
