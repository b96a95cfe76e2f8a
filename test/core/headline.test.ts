/**
 * The tester's case (issue: wrong target when units are missing): the sample district with
 * TCCS07 not sent and TCCS05's KN_DAKETNAP typed as "ba". 46/48 units, 27 admitted, the included
 * units' allocations 232, the target given (CHITIEU_DB) 253. The target given stays the target
 * given wherever it is named so; the allocations are named as such; remaining = 253 − 27 = 226.
 */
import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate } from "../../src/core/consolidate";
import { reportDocument } from "../../src/core/report-doc";
import type { DocParagraph } from "../../src/core/report-doc";
import { exportUpPlan } from "../../src/core/export-up";
import { UPWARD_FIRST_LINE_ROW, UPWARD_LINES, upwardPlan } from "../../src/core/upward";
import { summaryPlan, totalRowNumber, summaryColumns } from "../../src/core/layout";
import { CLASS_LABELS } from "../../src/core/indicators";
import type { SheetGrid } from "../../src/core/types";
import { sampleGrids } from "../helpers/sample";

function missingCase(): SheetGrid[] {
  return sampleGrids()
    .filter((s) => s.name !== "TCCS07")
    .map((s) => {
      if (s.name !== "TCCS05") return s;
      const values = s.values.map((r) => [...r]);
      values[15][3] = "ba"; // D16: KN_DAKETNAP
      return { ...s, values };
    });
}

const summary = consolidate(analyzeWorkbook({ sheets: missingCase() }));
const board = { committee: "Đảng bộ huyện Phú Bình", body: "Ban Tổ chức Huyện ủy Phú Bình" };
const text = (ps: DocParagraph[]) => ps.map((x) => x.runs.map((r) => r.text).join("")).join("\n");

describe("the target given when units are missing", () => {
  it("is the tester's case: 46/48, 27 admitted, allocations 232, target given 253", () => {
    expect(summary.included).toHaveLength(46);
    expect(summary.totals.KN_DAKETNAP).toBe(27);
    expect(summary.totals.KN_CHITIEU).toBe(232);
    expect(summary.params.target).toBe(253);
  });

  it("the narrative names 232 as the included units' allocations, 253 as the target given, 226 remaining", () => {
    const n = summary.narrative;
    expect(n).not.toContain("chỉ tiêu được giao (232");
    expect(n).toContain("đạt 11,64% so với tổng chỉ tiêu của 46 tổ chức cơ sở đảng đã tổng hợp (232 đảng viên).");
    expect(n).toContain("So với chỉ tiêu được giao (253 đảng viên), đạt 10,67%.");
    expect(n).toContain("để hoàn thành chỉ tiêu được giao (253 đảng viên) còn phải kết nạp 226 đảng viên");
    expect(n).not.toContain("205");
  });

  it("the Word report says the same", () => {
    const body = text(reportDocument(summary, board).body);
    expect(body).not.toContain("chỉ tiêu được giao (232");
    expect(body).toContain("so với tổng chỉ tiêu của 46 tổ chức cơ sở đảng đã tổng hợp (232 đảng viên)");
    expect(body).toContain("So với chỉ tiêu được giao (253 đảng viên), đạt 10,67%.");
    expect(body).toContain("còn phải kết nạp 226 đảng viên");
  });

  it("the statistical form and GuiCapTren send CHITIEU_DB and the ratio over it", () => {
    const plan = upwardPlan(summary, board);
    const line = (label: string) => plan.rows[UPWARD_FIRST_LINE_ROW - 1 + UPWARD_LINES.findIndex((l) => l.label === label)][2]?.value;
    expect(line("Chỉ tiêu kết nạp năm được giao")).toBe(253);
    expect(line("Tỷ lệ đạt so với chỉ tiêu được giao (%)")).toBeCloseTo(27 / 253, 12);
    const up = exportUpPlan(summary, 44078);
    const item = (code: string) => up.rows.find((r) => r[2]?.value === code)?.[3];
    expect(item("KN_CHITIEU")?.value).toBe(253);
  });

  it("TongHop's total row keeps 232 but notes what it is and the target given", () => {
    const plan = summaryPlan(summary);
    const cols = summaryColumns(summary.hasPrev);
    const cell = plan.rows[totalRowNumber(summary) - 1][cols.findIndex((c) => c.key === "KN_CHITIEU")];
    expect(cell?.value).toBe(232);
    expect(cell?.note).toBe("Tổng chỉ tiêu của 46 tổ chức cơ sở đảng đã tổng hợp; chỉ tiêu cấp trên giao (CHITIEU_DB, sheet DanhMuc): 253");
  });
});

describe("units behind schedule in the narrative", () => {
  const full = consolidate(analyzeWorkbook({ sheets: sampleGrids() }));
  const names = (label: string) => full.rows.filter((r) => r.kind === "unit" && r.classification === label).map((r) => r.name);

  it("names both classes as XEPLOAI does, as the report's section does", () => {
    const very = names(CLASS_LABELS.veryBehind);
    const behind = names(CLASS_LABELS.behind);
    expect(very.length).toBeGreaterThan(10);
    expect(behind).toContain("Xã Hà Châu");
    const n = full.narrative;
    // "Rất chậm" units under "rất chậm", cut after 10 names; the "Chậm tiến độ" units all named.
    expect(n).toContain(`Các tổ chức cơ sở đảng rất chậm: ${very.slice(0, 10).join(", ")} và ${very.length - 10} tổ chức khác; `);
    expect(n).toMatch(new RegExp(`; chậm tiến độ: ${behind.join(", ")}\\.$`));
    const body = text(reportDocument(full, board).body);
    for (const name of behind) expect(body).toContain(name);
  });
});
