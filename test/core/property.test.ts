/**
 * Properties of analysis and consolidation over random districts (fast-check):
 * - a random consistent district validates with no error and its totals are the sums of its units;
 * - after a random mutation (text, negative, blank, error, fraction, duplicate row, …) the totals are
 *   still the sums over the included units, every excluded unit says why, and nothing throws;
 * - random junk grids never make the core throw (consolidate only its ConsolidationError).
 */
import fc from "fast-check";
import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate, ConsolidationError } from "../../src/core/consolidate";
import { checkPlan, summaryPlan } from "../../src/core/layout";
import { DEFAULT_PARAMS, rosterSheetPlan, unitSheetPlan } from "../../src/core/blank";
import type { RosterRow, UnitValues } from "../../src/core/blank";
import { planToGrid } from "../../src/core/plan";
import { COUNT_CODES, GROUP_ORDER, ITEMS } from "../../src/core/template";
import type { CountCode } from "../../src/core/template";
import type { CellValue, SheetGrid } from "../../src/core/types";
import type { Summary } from "../../src/core/model";

const RUNS = 100;

interface UnitSpec {
  target: number;
  members: number;
  trained: number;
  dossiers: number;
  admitted: number;
  parts: number[];
  group: number;
  day: number;
}

/** A unit whose numbers obey every consistency rule (C01–C07) by construction. */
const unitSpec: fc.Arbitrary<UnitSpec> = fc
  .record({
    target: fc.integer({ min: 0, max: 30 }),
    admitted: fc.integer({ min: 0, max: 20 }),
    extraDossiers: fc.integer({ min: 0, max: 10 }),
    extraTrained: fc.integer({ min: 0, max: 40 }),
    extraMembers: fc.integer({ min: 0, max: 900 }),
    partShares: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }),
    group: fc.integer({ min: 0, max: GROUP_ORDER.length - 1 }),
    day: fc.integer({ min: 0, max: 5 }),
  })
  .map((r) => {
    const dossiers = r.admitted + r.extraDossiers;
    return {
      target: r.target,
      admitted: r.admitted,
      dossiers,
      trained: dossiers + r.extraTrained,
      members: r.admitted + r.extraMembers,
      parts: r.partShares.map((s) => Math.floor(s * r.admitted)),
      group: r.group,
      day: r.day,
    };
  });

const districtSpec = fc.array(unitSpec, { minLength: 1, maxLength: 8 });

function build(units: UnitSpec[]): { sheets: SheetGrid[]; rows: RosterRow[] } {
  const rows: RosterRow[] = units.map((u, i) => ({
    code: `DV${String(i + 1).padStart(2, "0")}`,
    name: `Chi bộ số ${i + 1}`,
    type: "Chi bộ cơ sở",
    group: GROUP_ORDER[u.group],
    target: u.target,
  }));
  const params = { ...DEFAULT_PARAMS, target: units.reduce((s, u) => s + u.target, 0) };
  const sheets = [planToGrid(rosterSheetPlan(params, rows))];
  units.forEach((u, i) => {
    const v: UnitValues = {
      DV_TONG: u.members,
      QC_BOIDUONG: u.trained,
      HS_DENGHI: u.dossiers,
      KN_CHITIEU: u.target,
      KN_DAKETNAP: u.admitted,
      KN_NU: u.parts[0],
      KN_DTTS: u.parts[1],
      KN_TONGIAO: u.parts[2],
      KN_DOANVIEN: u.parts[3],
      KN_KETNAPLAI: u.parts[4],
      NGAY_LAP: DEFAULT_PARAMS.to + u.day, // between the cut-off and the deadline
    };
    sheets.push(planToGrid(unitSheetPlan(params, rows[i], v)));
  });
  return { sheets, rows };
}

/** Totals are sums over the included unit rows, per count code; excluded units say why. */
function assertSums(summary: Summary): void {
  const included = summary.rows.filter((r) => r.kind === "unit" && r.included);
  expect(included.map((r) => r.code)).toEqual(expect.arrayContaining(summary.included));
  expect(included).toHaveLength(summary.included.length);
  for (const code of COUNT_CODES) {
    const sum = included.reduce((s, r) => s + (r.values[code] ?? 0), 0);
    expect(summary.totals[code]).toBe(sum);
    expect(summary.total.values[code]).toBe(sum);
  }
  for (const r of summary.rows.filter((x) => x.kind === "unit" && !x.included)) {
    expect(r.reason?.trim()).toBeTruthy();
    // Not a zero: a left-out unit has no figures.
    for (const code of COUNT_CODES) expect(r.values[code]).toBeNull();
  }
  for (const x of summary.excluded) expect(x.reason.trim()).not.toBe("");
  expect(summary.included.length + summary.excluded.length).toBe(summary.expected);
}

describe("consolidation properties", () => {
  test("a random consistent district has no error and totals equal the sums of its reports", () => {
    fc.assert(
      fc.property(districtSpec, (units) => {
        const { sheets } = build(units);
        const a = analyzeWorkbook({ sheets });
        expect(a.findings.filter((f) => f.severity === "error")).toEqual([]);
        const s = consolidate(a);
        expect(s.included).toHaveLength(units.length);
        assertSums(s);
        expect(s.totals.KN_DAKETNAP).toBe(units.reduce((x, u) => x + u.admitted, 0));
        expect(s.totals.KN_CHITIEU).toBe(units.reduce((x, u) => x + u.target, 0));
        expect(s.totals.DV_TONG).toBe(units.reduce((x, u) => x + u.members, 0));
        expect(s.totals.KN_NU).toBe(units.reduce((x, u) => x + u.parts[0], 0));
        const target = s.totals.KN_CHITIEU;
        expect(s.ratio).toBe(target === 0 ? null : s.totals.KN_DAKETNAP / target);
      }),
      { numRuns: RUNS },
    );
  }, 30_000);

  const junk: fc.Arbitrary<CellValue> = fc.oneof(
    fc.constant("ba"),
    fc.constant("12 người"),
    fc.constant("1.234"),
    fc.constant(" 7 "),
    fc.integer({ min: -50, max: -1 }),
    fc.double({ min: 0.1, max: 99.9, noNaN: true }).filter((x) => !Number.isInteger(x)),
    fc.constant(null),
    fc.constant("   "),
    fc.constantFrom<CellValue>({ error: "#REF!" }, { error: "#DIV/0!" }, { error: "#VALUE!" }, { error: "#N/A" }),
    fc.boolean(),
    fc.integer({ min: 0, max: 1_000_000 }),
    fc.string({ maxLength: 20 }),
    fc.constant("=cmd|' /C calc'!A0"),
  );

  type Mutation =
    | { kind: "cell"; unit: number; item: number; value: CellValue }
    | { kind: "duplicate"; unit: number; item: number }
    | { kind: "drop"; unit: number; item: number }
    | { kind: "swap"; unit: number; other: number };

  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant("cell" as const), unit: fc.nat(), item: fc.nat(), value: junk }),
    fc.record({ kind: fc.constant("duplicate" as const), unit: fc.nat(), item: fc.nat() }),
    fc.record({ kind: fc.constant("drop" as const), unit: fc.nat(), item: fc.nat() }),
    fc.record({ kind: fc.constant("swap" as const), unit: fc.nat(), other: fc.nat() }),
  );

  function apply(sheets: SheetGrid[], m: Mutation): void {
    const units = sheets.slice(1);
    const g = units[m.unit % units.length];
    const rowOf = (code: string) => g.values.findIndex((r) => r[2] === code);
    if (m.kind === "swap") {
      // The unit writes another unit's code on its sheet.
      const other = units[m.other % units.length];
      const mine = rowOf("MA_DV");
      const theirs = other.values.findIndex((r) => r[2] === "MA_DV");
      if (mine >= 0 && theirs >= 0) g.values[mine][3] = other.values[theirs][3];
      return;
    }
    const item = ITEMS[m.item % ITEMS.length];
    const i = rowOf(item.code);
    if (i < 0) return; // an earlier mutation dropped that row
    if (m.kind === "cell") g.values[i][3] = m.value;
    else if (m.kind === "duplicate") g.values.push([...g.values[i]]);
    else g.values.splice(i, 1);
  }

  test("after random mutations, totals are the sums over included units and excluded units say why", () => {
    fc.assert(
      fc.property(districtSpec, fc.array(mutation, { minLength: 1, maxLength: 4 }), (units, muts) => {
        const { sheets } = build(units);
        for (const m of muts) apply(sheets, m);
        const a = analyzeWorkbook({ sheets });
        const s = consolidate(a);
        assertSums(s);
        // An included unit's figures are its report's (KN_CHITIEU: the roster's target).
        for (const r of s.rows.filter((x) => x.kind === "unit" && x.included)) {
          const status = a.units.find((u) => u.code === r.code)!;
          expect(status.errors).toBe(0);
          for (const code of COUNT_CODES) {
            if (code === "KN_CHITIEU") continue;
            const v = status.report!.counts[code as CountCode];
            expect(r.values[code]).toBe(typeof v === "number" ? v : null);
          }
        }
        summaryPlan(s, { links: true });
        checkPlan(a);
      }),
      { numRuns: RUNS },
    );
  }, 60_000);

  test("junk grids never make the core throw (consolidate: only ConsolidationError)", () => {
    const cell: fc.Arbitrary<CellValue> = fc.oneof(
      junk,
      fc.constantFrom("MA_DV", "TEN_DV", "LOAI_HINH", "KHOI", "KN_CHITIEU", "TEN_SHEET", "MAU", "DV_TONG", "KN_DAKETNAP", "NGAY_LAP", "KN_TYLE", "DB_TEN", "NAM", "KY_TU", "KY_DEN", "HAN_NOP", "CHITIEU_DB", "PDV-01 v1"),
    );
    const grid = fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 25 });
    const names = fc.constantFrom("DanhMuc", "danhmuc", "TCCS01", "TongHop", "KiemTra", "Sheet1", "Tân Đức's");
    fc.assert(
      fc.property(fc.array(fc.record({ name: names, values: grid }), { maxLength: 4 }), (sheets) => {
        const a = analyzeWorkbook({ sheets });
        checkPlan(a);
        try {
          const s = consolidate(a);
          assertSums(s);
          summaryPlan(s, { links: true });
        } catch (err) {
          expect(err).toBeInstanceOf(ConsolidationError);
          expect(a.roster).toBeNull();
        }
      }),
      { numRuns: RUNS },
    );
  }, 60_000);
});
