/**
 * Issue 14: the level above consolidates its committees' reports like any unit's. Three
 * committees made from the sample (one missing a unit), published figures of three committees
 * (one over its target: the ratio is the ratio of sums), a round trip one level higher, the
 * report's shape (PDV-01 v1, coverage rows, unit table) and the rules R01 and R02.
 */
import * as fc from "fast-check";
import { analyzeWorkbook } from "../../src/core/analyze";
import { STATE_FINGERPRINT } from "../../src/core/state";
import { consolidate } from "../../src/core/consolidate";
import { exportUpPlan, UNIT_TABLE_CODE } from "../../src/core/export-up";
import { committeeSheets } from "../../src/core/committee-file";
import { readReport } from "../../src/core/report";
import { planToGrid } from "../../src/core/plan";
import { reportedValues } from "../../src/core/blank";
import type { RosterRow } from "../../src/core/blank";
import { summaryPlan, totalRowNumber } from "../../src/core/layout";
import { COUNT_CODES, SHEET_REPORT_UP } from "../../src/core/template";
import type { DistrictParams } from "../../src/core/model";
import type { SheetGrid } from "../../src/core/types";
import { formatPercent } from "../../src/core/vi";
import { sampleRoster } from "../helpers/sample";
import { getCell, rowOfCode, setCell, setItem, findSheet } from "../helpers/grids";
import {
  EXPORT_DAY,
  PROVINCE,
  committeeGrids,
  consolidateCommittee,
  d,
  threeCommittees,
  upperGrids,
} from "../helpers/committees";

/** Sum of a sample column over the units kept. */
function sampleSum(code: string, omit: string[] = []): number {
  return sampleRoster()
    .filter((r) => !omit.includes(r.code))
    .reduce((s, r) => s + Number(reportedValues(r)[code as keyof ReturnType<typeof reportedValues>] ?? 0), 0);
}

function item(grid: SheetGrid, code: string) {
  return getCell(grid, `D${rowOfCode(grid, code)}`);
}

describe("a committee's report to the level above", () => {
  const [phuBinh, dongHy] = threeCommittees();

  test("is a PDV-01 v1 report of the committee as a whole, values only", () => {
    const plan = exportUpPlan(phuBinh.summary, EXPORT_DAY);
    expect(plan.name).toBe(SHEET_REPORT_UP);
    expect(plan.rows.flat().some((c) => c?.formula)).toBe(false);
    const g = phuBinh.report;
    expect(item(g, "MAU")).toBe("PDV-01 v1");
    expect(item(g, "MA_DV")).toBe("H01");
    expect(item(g, "TEN_DV")).toBe("Đảng bộ huyện Phú Bình");
    expect(item(g, "NGAY_LAP")).toBe(EXPORT_DAY);
    expect(item(g, "DV_TONG")).toBe(7335);
    expect(item(g, "QC_BOIDUONG")).toBe(282);
    expect(item(g, "HS_DENGHI")).toBe(36);
    expect(item(g, "KN_CHITIEU")).toBe(253);
    expect(item(g, "KN_DAKETNAP")).toBe(31);
    expect(item(g, "KN_TYLE")).toBeCloseTo(31 / 253, 15);
    // A breakdown no unit of the sample reported stays blank (the sample has no KN_TONGIAO column).
    expect(item(g, "KN_TONGIAO")).toBeNull();
    expect(item(g, "KN_NU")).toBe(sampleSum("KN_NU"));
    expect(item(g, "TH_DV_TONGHOP")).toBe(48);
    expect(item(g, "TH_DV_DANHMUC")).toBe(48);
    expect(item(g, "TH_DV_TENGOI")).toBe("tổ chức cơ sở đảng");
    expect(item(g, "TH_DAUVET")).toBe(phuBinh.summary.fingerprint);
    expect(() => rowOfCode(g, "TH_CS_TONGHOP")).toThrow();
    expect(g.values[rowOfCode(g, "MAU") - 2].slice(0, 5)).toEqual(["STT", "Nội dung", "Mã", "Số liệu", "Ghi chú"]);
  });

  test("reads back, without the add-in's rules failing, as a report with its coverage", () => {
    const { report, findings } = readReport(dongHy.report);
    expect(findings).toEqual([]);
    expect(report.code).toBe("H02");
    expect(report.counts.DV_TONG).toBe(7335 - 250);
    expect(report.counts.KN_DAKETNAP).toBe(31 - 3);
    expect(report.coverage).toMatchObject({ included: 47, listed: 48, noun: "tổ chức cơ sở đảng", leaves: null });
  });

  test("holds the unit table below, as values: every unit with its figures, the missing one empty", () => {
    const g = dongHy.report;
    const start = rowOfCode(g, UNIT_TABLE_CODE);
    expect(start).toBeGreaterThan(rowOfCode(g, "TH_DAUVET"));
    const codes = g.values.slice(start).map((r) => r[2]);
    expect(codes.filter((c) => typeof c === "string" && /^TCCS\d\d$/.test(c))).toHaveLength(48);
    const row = g.values.findIndex((r) => r[2] === "TCCS07") + 1;
    expect(getCell(g, `B${row}`)).toBe("Xã Hà Châu");
    expect(getCell(g, `D${row}`)).toBeNull();
    expect(getCell(g, `K${row}`)).toBe("Chưa nộp");
    const r8 = g.values.findIndex((r) => r[2] === "TCCS08") + 1;
    expect(getCell(g, `D${r8}`)).toBe(361);
    expect(getCell(g, `H${r8}`)).toBe(2);
  });

  test("leaves MA_DV blank when DanhMuc has no MA_DB, and says so in the note column", () => {
    const params: DistrictParams = { ...phuBinh.params, code: null };
    const c = consolidateCommittee(params, committeeGrids(params, sampleRoster()));
    expect(item(c.report, "MA_DV")).toBeNull();
    expect(getCell(c.report, `E${rowOfCode(c.report, "MA_DV")}`)).toMatch(/MA_DB/);
  });
});

describe("three committees from the sample, one missing a unit, rolled up", () => {
  const committees = threeCommittees();
  const analysis = analyzeWorkbook({ sheets: upperGrids(PROVINCE, committees) });
  const summary = consolidate(analysis);

  test("the totals are the sums of what each committee included", () => {
    for (const code of ["DV_TONG", "QC_BOIDUONG", "HS_DENGHI", "KN_DAKETNAP", "KN_NU"]) {
      expect(summary.totals[code as keyof typeof summary.totals]).toBe(3 * sampleSum(code) - (sampleSum(code) - sampleSum(code, ["TCCS07"])));
    }
    expect(summary.totals.DV_TONG).toBe(3 * 7335 - 250);
    expect(summary.totals.KN_DAKETNAP).toBe(90);
    expect(summary.included).toEqual(["H01", "H02", "H03"]);
    expect(summary.headlineBasis).toBe("given");
    expect(summary.ratio).toBe(90 / 759);
  });

  test("the partial committee is included with a warning naming its coverage 47/48", () => {
    const r01 = analysis.findings.filter((f) => f.rule === "R01");
    expect(r01).toHaveLength(1);
    expect(r01[0]).toMatchObject({ severity: "warning", unit: "H02", sheet: "H02" });
    expect(r01[0].message).toContain("Đảng bộ huyện Đồng Hỷ mới tổng hợp 47/48 tổ chức cơ sở đảng");
    expect(analysis.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(summary.partial).toEqual([{ code: "H02", name: "Đảng bộ huyện Đồng Hỷ", included: 47, listed: 48, noun: "tổ chức cơ sở đảng" }]);
  });

  test("the total row and the narrative state both coverages, and speak of committees", () => {
    expect(summary.unitNoun).toBe("đảng bộ trực thuộc");
    expect(summary.leaves).toEqual({ covered: 143, listed: 144, noun: "tổ chức cơ sở đảng" });
    expect(summary.narrative).toContain("Đã tổng hợp 3/3 đảng bộ trực thuộc; 143/144 tổ chức cơ sở đảng.");
    expect(summary.narrative).toContain("Đảng bộ huyện Đồng Hỷ mới tổng hợp 47/48 tổ chức cơ sở đảng.");
    expect(summary.narrative).toContain("Đảng bộ tỉnh Thái Nguyên mới kết nạp được 90 đảng viên, đạt 11,86% so với chỉ tiêu được giao (759 đảng viên)");
    expect(summary.narrative).not.toContain("Toàn đảng bộ có");
    const plan = summaryPlan(summary);
    const total = plan.rows[totalRowNumber(summary) - 1];
    expect(total[2]?.value).toBe("TOÀN ĐẢNG BỘ (3/3 đảng bộ trực thuộc; 143/144 tổ chức cơ sở đảng)");
  });

  test("round trip: the province's own report rolls up one level higher with the same totals", () => {
    const province = consolidateCommittee(PROVINCE, upperGrids(PROVINCE, committees), d(2020, 9, 12));
    expect(item(province.report, "TH_DV_TONGHOP")).toBe(3);
    expect(item(province.report, "TH_CS_TONGHOP")).toBe(143);
    expect(item(province.report, "TH_CS_DANHMUC")).toBe(144);
    const top: DistrictParams = { ...PROVINCE, name: "Toàn quốc (thử)", code: null, board: null, target: 759, deadline: d(2020, 9, 20) };
    const higher = analyzeWorkbook({ sheets: upperGrids(top, [province], "Đảng bộ tỉnh") });
    const s = consolidate(higher);
    for (const code of COUNT_CODES) {
      if (code === "KN_CHITIEU") continue;
      expect(s.totals[code]).toBe(summary.totals[code]);
    }
    expect(s.ratio).toBe(summary.ratio);
    expect(s.leaves).toEqual({ covered: 143, listed: 144, noun: "tổ chức cơ sở đảng" });
    expect(s.narrative).toContain("Đã tổng hợp 1/1 đảng bộ tỉnh; 143/144 tổ chức cơ sở đảng.");
    // The province included all its committees: its own report is not partial at the level above.
    expect(higher.findings.filter((f) => f.rule === "R01")).toEqual([]);
  });
});

/**
 * Published committee figures (domain-2025.md), brought to one cut-off for the test: Phú Bình 31
 * of 253 (12,25 %), Nhơn Trạch 127 of 120 (105,83 %, over its target), Hàm Thuận Bắc 48 of 204
 * (23,53 %). Members, trained and dossiers of the last two are made up (not published).
 */
describe("published committee figures: the province's ratio is the ratio of sums", () => {
  const cut = d(2020, 12, 31);
  const make = (name: string, code: string, target: number, admitted: number, members: number) => {
    const params: DistrictParams = { name, year: 2020, from: d(2020, 1, 1), to: cut, deadline: d(2021, 1, 10), target, board: null, code };
    // Two units share the committee's figures (the first carries the odd remainders).
    const half = (n: number) => Math.floor(n / 2);
    const rows: RosterRow[] = [1, 2].map((i) => ({
      code: `${code}-${i}`,
      name: `Đơn vị ${i}`,
      type: "Đảng bộ cơ sở",
      group: "Xã, thị trấn",
      target: i === 1 ? target - half(target) : half(target),
      values: {
        DV_TONG: String(i === 1 ? members - half(members) : half(members)),
        QC_BOIDUONG: String(i === 1 ? admitted - half(admitted) + 5 : half(admitted) + 5),
        HS_DENGHI: String(i === 1 ? admitted - half(admitted) : half(admitted)),
        KN_DAKETNAP: String(i === 1 ? admitted - half(admitted) : half(admitted)),
        NGAY_LAP: "05/01/2021",
      },
    }));
    return consolidateCommittee(params, committeeGrids(params, rows), d(2021, 1, 6));
  };
  const committees = [
    make("Đảng bộ huyện Phú Bình", "PB", 253, 31, 7335),
    make("Đảng bộ huyện Nhơn Trạch", "NT", 120, 127, 4459),
    make("Đảng bộ huyện Hàm Thuận Bắc", "HTB", 204, 48, 5000),
  ];
  const province: DistrictParams = { ...PROVINCE, to: cut, deadline: d(2021, 1, 15), target: 577 };
  const summary = consolidate(analyzeWorkbook({ sheets: upperGrids(province, committees) }));

  test("each committee's ratio is its published one", () => {
    expect(committees.map((c) => formatPercent(c.summary.ratio!, 2))).toEqual(["12,25%", "105,83%", "23,53%"]);
  });

  test("206 of 577 = 35,70 %, not the mean of the committees' ratios (47,21 %)", () => {
    expect(summary.totals.KN_DAKETNAP).toBe(206);
    expect(summary.ratio).toBe(206 / 577);
    const mean = committees.reduce((s, c) => s + c.summary.ratio!, 0) / 3;
    expect(formatPercent(mean, 2)).toBe("47,21%");
    expect(formatPercent(summary.ratio!, 2)).toBe("35,70%");
    const nt = summary.rows.find((r) => r.code === "NT")!;
    expect(nt.ratio).toBe(127 / 120);
    expect(summary.narrative).toContain("đạt 35,70% so với chỉ tiêu được giao (577 đảng viên)");
    expect(summary.leaves).toEqual({ covered: 6, listed: 6, noun: "tổ chức cơ sở đảng" });
  });
});

describe("a committee's file at the level above", () => {
  const [phuBinh] = threeCommittees();
  /** The committee's workbook as its consolidation saved it: its sheets, then the report (as read from a file). */
  const fileOf = (grids: SheetGrid[], report: SheetGrid): SheetGrid[] =>
    [...grids, report].map((g) => ({ ...g, source: { file: "phu-binh.xlsx" } }));

  test("counts by its report only; a report made from the same data is not flagged", () => {
    const sheets = committeeSheets(fileOf(phuBinh.grids, phuBinh.report))!;
    expect(sheets.map((s) => s.name)).toEqual([SHEET_REPORT_UP]);
    expect(readReport(sheets[0]).report.coverage?.inputs).toBe(phuBinh.summary.fingerprint);
    const a = analyzeWorkbook({ sheets: [upperGrids(PROVINCE, [phuBinh])[0], ...sheets] });
    expect(a.findings.filter((f) => f.rule === "R02" || f.severity === "error")).toEqual([]);
    expect(a.units[0].state).toBe("submitted");
  });

  test("a report older than the data beside it is flagged (R02), naming the file", () => {
    const changed = phuBinh.grids.map((g) => ({ ...g, values: g.values.map((r) => [...r]) }));
    setItem(findSheet(changed, "TCCS01"), "KN_DAKETNAP", 2);
    const sheets = committeeSheets(fileOf(changed, phuBinh.report))!;
    const a = analyzeWorkbook({ sheets: [upperGrids(PROVINCE, [phuBinh])[0], ...sheets] });
    const r02 = a.findings.filter((f) => f.rule === "R02");
    expect(r02).toHaveLength(1);
    expect(r02[0]).toMatchObject({ severity: "warning", unit: "H01", file: "phu-binh.xlsx" });
    expect(r02[0].message).toContain("Đảng bộ huyện Phú Bình");
  });

  test("without its units' sheets, the report is compared with the fingerprint of the file's last TongHop", () => {
    const file = fileOf(phuBinh.grids.slice(0, 1), phuBinh.report); // DanhMuc and the report, as a folder-mode output
    const upper = upperGrids(PROVINCE, [phuBinh])[0];
    const same = committeeSheets(file, { [STATE_FINGERPRINT]: phuBinh.summary.fingerprint })!;
    expect(analyzeWorkbook({ sheets: [upper, ...same] }).findings.filter((f) => f.rule === "R02")).toEqual([]);
    const later = committeeSheets(file, { [STATE_FINGERPRINT]: "0123456789abcdef" })!;
    expect(analyzeWorkbook({ sheets: [upper, ...later] }).findings.filter((f) => f.rule === "R02").map((f) => f.unit)).toEqual(["H01"]);
    // No state and no units' sheets: nothing to compare with, nothing said.
    expect(analyzeWorkbook({ sheets: [upper, ...committeeSheets(file)!] }).findings.filter((f) => f.rule === "R02")).toEqual([]);
  });

  test("a province's workbook (its units are committees' reports) counts by its own report only, and is not flagged", () => {
    const committees = threeCommittees();
    const provinceGrids = upperGrids(PROVINCE, committees);
    const province = consolidateCommittee(PROVINCE, provinceGrids, d(2020, 9, 12));
    const sheets = committeeSheets([...provinceGrids, province.report].map((g) => ({ ...g, source: { file: "tinh.xlsx" } })))!;
    expect(sheets.map((s) => [s.name, readReport(s).report.code])).toEqual([[SHEET_REPORT_UP, "T19"]]);
    expect(readReport(sheets[0]).report.coverage?.inputs).toBe(province.summary.fingerprint);
  });

  test("a unit's own file is not a committee's", () => {
    expect(committeeSheets(phuBinh.grids.slice(1, 2))).toBeNull();
  });

  test("coverage rows typed over are refused with the cell, never half-read", () => {
    const g: SheetGrid = { ...phuBinh.report, values: phuBinh.report.values.map((r) => [...r]) };
    setCell(g, `D${rowOfCode(g, "TH_DV_TONGHOP")}`, 49);
    const { report, findings } = readReport(g);
    expect(report.coverage).toBeUndefined();
    expect(findings.map((f) => [f.rule, f.cell])).toEqual([["V02", `D${rowOfCode(g, "TH_DV_TONGHOP")}`]]);
  });
});

describe("a committee that sent nothing, and random committees", () => {
  test("a missing committee is empty, never zero; the headline is over the allocations of those included", () => {
    const committees = threeCommittees();
    const sheets = upperGrids(PROVINCE, committees).filter((g) => g.name !== "H03");
    const analysis = analyzeWorkbook({ sheets });
    const s = consolidate(analysis);
    expect(analysis.missing).toEqual(["H03"]);
    expect(s.totals.KN_DAKETNAP).toBe(31 + 28);
    expect(s.headlineBasis).toBe("allocated");
    expect(s.ratio).toBe(59 / 506);
    expect(s.leaves).toEqual({ covered: 95, listed: 96, noun: "tổ chức cơ sở đảng" });
    expect(s.narrative).toContain("Đã tổng hợp 2/3 đảng bộ trực thuộc; 95/96 tổ chức cơ sở đảng; chưa tổng hợp được: Đảng bộ huyện Đại Từ.");
    expect(s.rows.find((r) => r.code === "H03")!.values.KN_DAKETNAP).toBeNull();
  });

  test("property: the level above's totals and grassroots coverage are the sums over its committees", () => {
    const all = sampleRoster();
    fc.assert(
      fc.property(
        fc.array(fc.record({ size: fc.integer({ min: 1, max: 12 }), omit: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 4 }),
        (specs) => {
          const committees = specs.map((spec, i) => {
            const rows = all.slice(i, i + spec.size);
            const omit = rows.slice(0, Math.min(spec.omit, rows.length - 1)).map((r) => r.code);
            const params: DistrictParams = { ...PROVINCE, name: `Đảng bộ thử ${i + 1}`, code: `C${i + 1}`, target: 10 + i };
            return consolidateCommittee(params, committeeGrids(params, rows, omit));
          });
          const upper: DistrictParams = { ...PROVINCE, target: committees.reduce((t, c) => t + c.params.target, 0) };
          const s = consolidate(analyzeWorkbook({ sheets: upperGrids(upper, committees) }));
          expect(s.included).toHaveLength(committees.length);
          for (const code of COUNT_CODES) {
            if (code === "KN_CHITIEU") continue;
            expect(s.totals[code]).toBe(committees.reduce((t, c) => t + c.summary.totals[code], 0));
          }
          expect(s.totals.KN_CHITIEU).toBe(upper.target);
          expect(s.leaves!.covered).toBe(committees.reduce((t, c) => t + c.summary.included.length, 0));
          expect(s.leaves!.listed).toBe(committees.reduce((t, c) => t + c.summary.expected, 0));
          expect(s.partial.map((p) => p.code)).toEqual(committees.filter((c) => c.summary.excluded.length > 0).map((c) => c.params.code));
          expect(s.ratio).toBe(s.totals.KN_DAKETNAP / upper.target);
        },
      ),
      { numRuns: 25, seed: 20200831 },
    );
  });
});
