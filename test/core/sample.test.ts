import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate } from "../../src/core/consolidate";
import { sampleGrids } from "../helpers/sample";

describe("the sample district (Phú Bình 2020)", () => {
  const analysis = analyzeWorkbook({ sheets: sampleGrids() });
  const summary = consolidate(analysis);

  test("validates with no errors and receives all 48 units", () => {
    expect(analysis.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(analysis.expected).toBe(48);
    expect(analysis.received).toBe(48);
    expect(analysis.missing).toEqual([]);
  });

  test("reproduces the published totals", () => {
    expect(summary.included).toHaveLength(48);
    expect(summary.totals.DV_TONG).toBe(7335);
    expect(summary.totals.QC_BOIDUONG).toBe(282);
    expect(summary.totals.HS_DENGHI).toBe(36);
    expect(summary.totals.KN_CHITIEU).toBe(253);
    expect(summary.totals.KN_DAKETNAP).toBe(31);
    expect(summary.ratio).toBe(31 / 253);
    expect(summary.narrative).toContain("31 đảng viên");
    expect(summary.narrative).toContain("12,25%");
  });
});
