/** TongHop's chart as data: by group for a large roster, by unit (the included ones) when there are few. */
import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate } from "../../src/core/consolidate";
import { CHART_BY_UNIT_MAX, summaryPlan } from "../../src/core/layout";
import { parseRange } from "../../src/core/a1";
import type { SheetPlan } from "../../src/core/types";
import { sampleGrids, sampleRoster } from "../helpers/sample";

/** Categories and both series of the plan's chart, read from the plan's own cells. */
function chartData(plan: SheetPlan): { labels: unknown[]; target: unknown[]; admitted: unknown[] } {
  const col = (ref: string) => {
    const r = parseRange(ref);
    return Array.from({ length: r.bottom - r.top + 1 }, (_, i) => plan.rows[r.top - 1 + i][r.left - 1]?.value);
  };
  const c = plan.chart!;
  return { labels: col(c.categories), target: col(c.series[0].values), admitted: col(c.series[1].values) };
}

describe("TongHop's chart", () => {
  it("shows each group of the sample district (48 units)", () => {
    const plan = summaryPlan(consolidate(analyzeWorkbook({ sheets: sampleGrids() })));
    const d = chartData(plan);
    expect(plan.chart!.title).toBe("Kết nạp đảng viên so với chỉ tiêu, theo khối");
    expect(d.labels).toEqual(["Xã, thị trấn", "Cơ quan", "Sự nghiệp", "Doanh nghiệp", "Lực lượng vũ trang"]);
    expect((d.admitted as number[]).reduce((a, b) => a + b, 0)).toBe(31);
    expect((d.target as number[]).reduce((a, b) => a + b, 0)).toBe(253);
  });

  it(`shows each included unit when there are at most ${CHART_BY_UNIT_MAX}`, () => {
    const rows = sampleRoster().slice(0, 8);
    const sheets = sampleGrids(rows).filter((s) => s.name !== rows[2].sheetName && s.name !== rows[2].code);
    const summary = consolidate(analyzeWorkbook({ sheets }));
    const plan = summaryPlan(summary);
    const d = chartData(plan);
    expect(plan.chart!.title).toBe("Kết nạp đảng viên so với chỉ tiêu, theo đơn vị");
    expect(d.labels).toEqual(rows.filter((_, i) => i !== 2).map((r) => r.name));
    const included = summary.rows.filter((r) => r.kind === "unit" && r.included);
    expect(d.admitted).toEqual(included.map((r) => r.values.KN_DAKETNAP));
    // Each value links to the unit's own row of TongHop.
    const first = plan.rows[parseRange(plan.chart!.series[1].values).top - 1].find((c) => c?.formula);
    expect(first?.formula).toMatch(/^=[A-Z]+7$/);
  });
});
