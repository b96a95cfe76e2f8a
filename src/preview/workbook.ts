/**
 * Workbooks for the browser preview, as seeds of the fake Excel: the sample district (DanhMuc + 48
 * filled PDV-01 sheets, generated in the page from samples/phu-binh-2020.csv with the core's own
 * blank/csv functions), an empty workbook, or the grids of an .xlsx file the user opened.
 */
import sampleCsv from "../../samples/phu-binh-2020.csv";
import type { SeedSheet } from "../host/fake-excel";
import type { PlanCell, SheetGrid, SheetPlan } from "../core/types";
import { DEFAULT_PARAMS, reportedValues, rosterSheetPlan, unitSheetPlan } from "../core/blank";
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
}

/** The sample district: DanhMuc + one filled PDV-01 sheet per unit. */
export function sampleSeeds(options: SampleOptions = {}): SeedSheet[] {
  const rows = parseRosterCsv(SAMPLE_CSV_TEXT);
  const without = new Set(options.without ?? []);
  const seeds = [
    planToSeed(rosterSheetPlan(DEFAULT_PARAMS, rows)),
    ...rows.filter((r) => !without.has(r.code)).map((r) => planToSeed(unitSheetPlan(DEFAULT_PARAMS, r, reportedValues(r)))),
  ];
  if (options.broken) {
    const unit = rows.find((r) => r.code === options.broken);
    const seed = unit && seeds.find((s) => s.name === (unit.sheetName || unit.code));
    const cell = seed && itemCell(seed, "DV_TONG");
    if (seed && cell) seed.values![cell.row][cell.col] = "ba";
  }
  return seeds;
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
