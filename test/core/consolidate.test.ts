import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate, ConsolidationError } from "../../src/core/consolidate";
import { summaryPlan, totalRowNumber, summaryColumns, SUMMARY_FIRST_DATA_ROW, checkPlan, exportPlan } from "../../src/core/layout";
import { planToGrid } from "../../src/core/plan";
import { columnLetters } from "../../src/core/a1";
import { sampleGrids } from "../helpers/sample";
import { findSheet, setItem } from "../helpers/grids";
import type { SheetGrid } from "../../src/core/types";

function run(sheets: SheetGrid[]) {
  return consolidate(analyzeWorkbook({ sheets }));
}

describe("consolidation", () => {
  test("groups by KHOI in the standard order, with subtotals that add up to the district", () => {
    const s = run(sampleGrids());
    const groups = s.rows.filter((r) => r.kind === "group");
    expect(groups.map((g) => g.group)).toEqual(["Xã, thị trấn", "Cơ quan", "Sự nghiệp", "Doanh nghiệp", "Lực lượng vũ trang"]);
    expect(groups.reduce((n, g) => n + (g.values.KN_DAKETNAP ?? 0), 0)).toBe(31);
    expect(groups.reduce((n, g) => n + (g.listed ?? 0), 0)).toBe(48);
    expect(s.rows[s.rows.length - 1]).toBe(s.total);
    // A group's ratio is its sums' ratio, not an average of ratios.
    const xa = groups[0];
    expect(xa.ratio).toBe(xa.values.KN_DAKETNAP! / xa.values.KN_CHITIEU!);
  });

  test("a missing unit is not a zero: empty cells, excluded with a reason, coverage 46/48", () => {
    const sheets = sampleGrids().filter((g) => g.name !== "TCCS01" && g.name !== "TCCS21");
    const s = run(sheets);
    expect(s.included).toHaveLength(46);
    expect(s.excluded.map((e) => e.unit).sort()).toEqual(["TCCS01", "TCCS21"]);
    expect(s.excluded.every((e) => e.reason.length > 0)).toBe(true);
    const row = s.rows.find((r) => r.code === "TCCS01")!;
    expect(row.values.DV_TONG).toBeNull();
    expect(row.values.KN_CHITIEU).toBeNull();
    expect(row.state).toBe("missing");
    expect(s.totals.KN_DAKETNAP).toBe(30);
    expect(s.totals.KN_CHITIEU).toBe(253 - 12 - 1);
    expect(s.ratio).toBe(30 / 240);
    const grid = planToGrid(summaryPlan(s));
    const nameCol = summaryColumns(false).findIndex((c) => c.key === "TEN_DV");
    expect(grid.values[totalRowNumber(s) - 1][nameCol]).toBe("TOÀN ĐẢNG BỘ (46/48 đơn vị)");
  });

  test("a unit with an error is excluded; the roster's target wins over the unit's", () => {
    const sheets = sampleGrids();
    setItem(findSheet(sheets, "TCCS02"), "DV_TONG", "ba");
    setItem(findSheet(sheets, "TCCS03"), "KN_CHITIEU", 20);
    const s = run(sheets);
    expect(s.excluded.map((e) => e.unit)).toEqual(["TCCS02"]);
    expect(s.excluded[0].reason).toContain("V02");
    expect(s.rows.find((r) => r.code === "TCCS03")!.values.KN_CHITIEU).toBe(9);
  });

  test("without a usable DanhMuc consolidation refuses with a Vietnamese reason", () => {
    const sheets = sampleGrids().filter((g) => g.name !== "DanhMuc");
    expect(() => run(sheets)).toThrow(ConsolidationError);
    expect(() => run(sheets)).toThrow(/DanhMuc/);
  });
});

describe("the TongHop plan", () => {
  const s = run(sampleGrids());
  const plan = summaryPlan(s, { links: true });
  const cols = summaryColumns(false);
  const col = (key: string) => cols.findIndex((c) => c.key === key);
  const total = plan.rows[totalRowNumber(s) - 1];

  test("title and cut-off date", () => {
    expect(plan.rows[0][0]!.value).toBe("BÁO CÁO KẾT QUẢ PHÁT TRIỂN ĐẢNG VIÊN");
    expect(plan.rows[1][0]!.value).toBe("Đảng bộ huyện Phú Bình");
    expect(plan.rows[2][0]!.value).toBe("Số liệu tính đến ngày 31/08/2020");
  });

  test("the district row: sums, PDV.TYLE over summed cells, 31/253", () => {
    const r = totalRowNumber(s);
    expect(total[col("KN_DAKETNAP")]!.value).toBe(31);
    expect(total[col("KN_CHITIEU")]!.value).toBe(253);
    expect(total[col("DV_TONG")]!.value).toBe(7335);
    const I = columnLetters(col("KN_CHITIEU") + 1);
    const J = columnLetters(col("KN_DAKETNAP") + 1);
    expect(total[col("TYLE")]!.formula).toBe(`=IF(${I}${r}=0,"",PDV.TYLE(${J}${r},${I}${r}))`);
    expect(total[col("TYLE")]!.value).toBe(31 / 253);
    expect(total[col("TYLE")]!.numberFormat).toBe("0.00%");
    expect(total[col("CONLAI")]!.value).toBe(222);
    expect(total[col("XEPLOAI")]!.value).toBe("Rất chậm");
    expect(total[col("XEPLOAI")]!.formula).toContain("DATE(2020,8,31)");
  });

  test("each unit figure links to its source cell, quoted", () => {
    const first = plan.rows[SUMMARY_FIRST_DATA_ROW - 1];
    expect(first[col("MA_DV")]!.value).toBe("TCCS01");
    expect(first[col("DV_TONG")]!.formula).toBe("='TCCS01'!D11");
    expect(first[col("DV_TONG")]!.value).toBe(338);
    // The target comes from the roster, not a link to the unit's own figure.
    expect(first[col("KN_CHITIEU")]!.formula).toBeUndefined();
  });

  test("imported files are traced by a note naming the file and cell", () => {
    const sheets = sampleGrids().map((g) => (g.name === "TCCS12" ? { ...g, name: "Sheet1", source: { file: "TCCS12.xlsx" } } : g));
    const s2 = run(sheets);
    const p2 = summaryPlan(s2, { links: true });
    const row = p2.rows.find((r) => r[col("MA_DV")]?.value === "TCCS12")!;
    expect(row[col("DV_TONG")]!.formula).toBeUndefined();
    expect(row[col("DV_TONG")]!.note).toBe("Nguồn: tệp TCCS12.xlsx, sheet 'Sheet1', ô D11");
  });

  test("a unit whose target is 0 shows an empty ratio, not an error", () => {
    const row = plan.rows.find((r) => r[col("MA_DV")]?.value === "TCCS29")!;
    expect(row[col("TYLE")]!.value).toBe("");
    expect(row[col("TYLE")]!.formula).toMatch(/^=IF\(.*=0,"",PDV\.TYLE/);
  });

  test("regenerating with the same inputs gives the same plan", () => {
    expect(summaryPlan(run(sampleGrids()), { links: true })).toEqual(plan);
  });

  test("the export copy has no formulas and no links", () => {
    const e = exportPlan(plan, "TongHop_GuiTinh");
    expect(e.rows.flat().some((c) => c && c.formula)).toBe(false);
    expect(e.rows[totalRowNumber(s) - 1][col("TYLE")]!.value).toBe(31 / 253);
    expect(e.state).toBeUndefined();
  });

  test("the so-với-cùng-kỳ column appears only when the roster has KN_CUNGKY", () => {
    expect(cols.some((c) => c.key === "CUNGKY")).toBe(false);
    expect(summaryColumns(true).some((c) => c.key === "CUNGKY")).toBe(true);
  });

  test("KiemTra lists findings errors first", () => {
    const sheets = sampleGrids();
    setItem(findSheet(sheets, "TCCS02"), "NGAY_LAP", 44100);
    setItem(findSheet(sheets, "TCCS03"), "DV_TONG", "ba");
    const k = checkPlan(analyzeWorkbook({ sheets }));
    expect(k.rows[4][1]!.value).toBe("Lỗi");
    expect(k.rows[5][1]!.value).toBe("Cảnh báo");
  });
});
