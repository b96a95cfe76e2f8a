/**
 * Benchmark data: a synthetic district of N units with random but valid reports, from a fixed seed.
 * Pure (no Node, no DOM): also bundled into the browser page of the task-pane benchmark.
 *
 * Every report passes validation (no error, no warning that excludes it), so a consolidation of N
 * units includes all N: the benchmark checks that, so a fast run that silently dropped units would
 * be caught.
 */
import { DEFAULT_PARAMS, rosterSheetPlan, unitSheetPlan } from "../src/core/blank";
import type { RosterRow, UnitValues } from "../src/core/blank";
import type { DistrictParams } from "../src/core/model";
import { planToGrid } from "../src/core/plan";
import type { SheetPlan } from "../src/core/types";

export const SEED = 20200831;

/** mulberry32: a small, fast, deterministic PRNG; returns floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [lo, hi]. */
export function intIn(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

const GROUPS = ["Xã, thị trấn", "Cơ quan", "Sự nghiệp", "Doanh nghiệp", "Lực lượng vũ trang"];
const TYPES = ["Đảng bộ cơ sở", "Chi bộ cơ sở"];
const NAMES = ["Xã Tân Đức", "Trường THCS Hòa Bình", "Công ty Cổ phần Gạch Tuynel", "Trạm Y tế Lương Phú", "Ban Chỉ huy Quân sự", "Chi bộ Điện lực"];

export interface District {
  params: DistrictParams;
  rows: RosterRow[];
  values: UnitValues[];
}

/** N units: codes DV0001…, Vietnamese names, five groups, counts consistent with every rule. */
export function district(n: number, seed = SEED): District {
  const r = rng(seed);
  const rows: RosterRow[] = [];
  const values: UnitValues[] = [];
  for (let i = 0; i < n; i++) {
    const code = `DV${String(i + 1).padStart(4, "0")}`;
    const target = intIn(r, 1, 20);
    const total = intIn(r, 20, 400);
    const trained = intIn(r, 0, 30);
    const dossiers = intIn(r, 0, trained);
    const admitted = intIn(r, 0, Math.min(dossiers, total));
    const below = () => intIn(r, 0, admitted);
    rows.push({
      code,
      name: `${NAMES[i % NAMES.length]} ${i + 1}`,
      type: TYPES[intIn(r, 0, TYPES.length - 1)],
      group: GROUPS[intIn(r, 0, GROUPS.length - 1)],
      target,
    });
    values.push({
      DV_TONG: total,
      QC_NGUON: intIn(r, 0, 40),
      QC_BOIDUONG: trained,
      HS_DENGHI: dossiers,
      KN_CHITIEU: target,
      KN_DAKETNAP: admitted,
      KN_NU: below(),
      KN_DTTS: below(),
      KN_TONGIAO: below(),
      KN_DOANVIEN: below(),
      KN_KETNAPLAI: 0,
      DV_CHINHTHUC: intIn(r, 0, 12),
      // Between the day after the figures' date and the deadline: neither D01 nor D02.
      NGAY_LAP: DEFAULT_PARAMS.to + intIn(r, 1, DEFAULT_PARAMS.deadline - DEFAULT_PARAMS.to),
      NGUOI_LAP: "Nguyễn Văn Bình",
    });
  }
  const params: DistrictParams = { ...DEFAULT_PARAMS, target: rows.reduce((s, u) => s + (u.target ?? 0), 0) };
  return { params, rows, values };
}

export function rosterPlan(d: District): SheetPlan {
  return rosterSheetPlan(d.params, d.rows);
}

export function unitPlan(d: District, i: number): SheetPlan {
  return unitSheetPlan(d.params, d.rows[i], d.values[i]);
}

/** Seed sheets of the fake Excel host: DanhMuc then one PDV-01 sheet per unit (values and formulas). */
export function fakeSeeds(d: District): { name: string; values: (string | number | boolean | null)[][]; formulas: (string | null)[][] }[] {
  const plans = [rosterPlan(d), ...d.rows.map((_, i) => unitPlan(d, i))];
  return plans.map((p) => {
    const g = planToGrid(p);
    return { name: g.name, values: g.values as (string | number | boolean | null)[][], formulas: g.formulas ?? [] };
  });
}
