/**
 * Issue 13: every level of the Party since 1 July 2025. The reference cases of
 * ../shared/notes/domain-2025.md (Nhơn Trạch 2021, Hàm Thuận Bắc 2018), a ward committee whose
 * texts never name a district, targets "không giao", and no sentence with a fractional person.
 */
import * as fc from "fast-check";
import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate, groupOrder } from "../../src/core/consolidate";
import { NO_TARGET, checkPlan, summaryPlan, totalRowNumber, summaryColumns } from "../../src/core/layout";
import { rosterSheetPlan, unitSheetPlan } from "../../src/core/blank";
import type { RosterRow } from "../../src/core/blank";
import type { DistrictParams } from "../../src/core/model";
import type { PlanCell, SheetPlan } from "../../src/core/types";
import { ymdToSerial } from "../../src/core/dates";
import { classify, elapsedDays, ratio } from "../../src/core/indicators";
import { paragraph, sentence } from "../../src/core/narrative";
import { unitNoun, dossierLabel, NEUTRAL_UNIT_NOUN } from "../../src/core/level";
import { formatPercent } from "../../src/core/vi";
import { findSheet, rowOfCode, setCell, setItem } from "../helpers/grids";
import { workbookReport } from "../../src/core/report-doc";
import { upwardPlan } from "../../src/core/upward";
import { boardOf } from "../../src/core/board";
import { WARD_PARAMS, committeeGrids, sampleGrids, wardRoster } from "../helpers/sample";

const d = (y: number, m: number, day: number) => ymdToSerial(y, m, day)!;

const grids = committeeGrids;

/** Every text of a plan (values and notes), for scans. */
function planTexts(plan: SheetPlan): string[] {
  const out: string[] = [plan.name];
  for (const row of plan.rows) {
    for (const c of row as (PlanCell | undefined)[]) {
      if (c && typeof c.value === "string") out.push(c.value);
      if (c?.note) out.push(c.note);
    }
  }
  if (plan.chart) out.push(plan.chart.title, ...plan.chart.series.map((s) => s.name));
  return out;
}

/* ------------------------------------------------------------------ Nhơn Trạch 2021 */

/**
 * Nhơn Trạch (Đồng Nai), 2021, as published: 60 units, 4.459 members, 127 admitted, 120 given by
 * the province, the district's own plan 157, 15 units without a target. Per-unit figures are made
 * up to add to those totals.
 */
const NHON_TRACH: DistrictParams = {
  name: "Đảng bộ huyện Nhơn Trạch",
  year: 2021,
  from: d(2021, 1, 1),
  to: d(2021, 12, 31),
  deadline: d(2022, 1, 10),
  target: 120,
  board: "Ban Tổ chức Huyện ủy Nhơn Trạch",
  code: null,
};

function nhonTrachRoster(): RosterRow[] {
  const groups = ["Xã, thị trấn", "Cơ quan", "Sự nghiệp", "Doanh nghiệp", "Lực lượng vũ trang"];
  return Array.from({ length: 60 }, (_, i) => {
    const n = i + 1;
    // 45 units share the plan of 157 (22 × 4 + 23 × 3); the last 15 have none.
    const target = n <= 22 ? 4 : n <= 45 ? 3 : null;
    // 45 × 2 + 22 × 1 + 15 × 1 = 127 admitted.
    const admitted = n <= 22 ? 3 : n <= 45 ? 2 : 1;
    const members = n === 60 ? 93 : 74; // 59 × 74 + 93 = 4.459
    const code = `NT${String(n).padStart(2, "0")}`;
    return {
      code,
      name: `Tổ chức cơ sở đảng số ${n}`,
      type: n % 3 === 0 ? "Chi bộ cơ sở" : "Đảng bộ cơ sở",
      group: groups[i % groups.length],
      target,
      values: {
        DV_TONG: String(members),
        QC_BOIDUONG: "5",
        HS_DENGHI: "4",
        KN_CHITIEU: target === null ? "" : String(target),
        KN_DAKETNAP: String(admitted),
        NGAY_LAP: "05/01/2022",
      },
    };
  });
}

describe("Nhơn Trạch 2021: over the target given, allocations, units without a target", () => {
  const analysis = analyzeWorkbook({ sheets: grids(NHON_TRACH, nhonTrachRoster()) });
  const summary = consolidate(analysis);

  test("a blank roster target is no error: every unit is included", () => {
    expect(analysis.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(summary.included).toHaveLength(60);
    expect(summary.totals.DV_TONG).toBe(4459);
    expect(summary.totals.KN_DAKETNAP).toBe(127);
    expect(summary.totals.KN_CHITIEU).toBe(157);
    expect(summary.noTarget).toBe(15);
  });

  test("C06 is information when the allocations exceed the target given", () => {
    const c06 = analysis.findings.filter((f) => f.rule === "C06");
    expect(c06).toHaveLength(1);
    expect(c06[0].severity).toBe("info");
    expect(c06[0].message).toContain("157");
    expect(c06[0].message).toContain("120");
    expect(c06[0].message).toContain("15 đơn vị không được giao chỉ tiêu");
  });

  test("the headline is over the target given: 105,83%, 'vượt 5,83%'", () => {
    expect(summary.headlineBasis).toBe("given");
    expect(summary.headlineTarget).toBe(120);
    expect(summary.ratio).toBe(127 / 120);
    expect(formatPercent(summary.ratio!)).toBe("105,83%");
    expect(summary.narrative.startsWith(
      "Năm 2021, Đảng bộ huyện Nhơn Trạch đã kết nạp được 127 đảng viên, vượt 5,83% so với chỉ tiêu được giao (120 đảng viên).",
    )).toBe(true);
    expect(summary.narrative).toContain("Đã hoàn thành chỉ tiêu kết nạp được giao, vượt 7 đảng viên.");
  });

  test("the ratio over the allocations, 80,89% of 157, is shown too", () => {
    expect(summary.allocatedRatio).toBe(127 / 157);
    expect(formatPercent(summary.allocatedRatio!)).toBe("80,89%");
    expect(summary.narrative).toContain(
      "So với tổng chỉ tiêu đã phân bổ cho các tổ chức cơ sở đảng (157 đảng viên), đạt 80,89%; 15 tổ chức cơ sở đảng không được giao chỉ tiêu.",
    );
  });

  test("TongHop: 'Không giao' units, the total over 120, a row over the 157 allocated", () => {
    const plan = summaryPlan(summary);
    const cols = summaryColumns(false, summary.unitNoun);
    const col = (key: string) => cols.findIndex((c) => c.key === key);
    const unitRows = plan.rows.filter((r) => typeof r[col("MA_DV")]?.value === "string" && String(r[col("MA_DV")]!.value).startsWith("NT"));
    const none = unitRows.filter((r) => r[col("TYLE")]?.value === NO_TARGET);
    expect(none.map((r) => String(r[col("MA_DV")]!.value)).sort()).toEqual(Array.from({ length: 15 }, (_, i) => `NT${46 + i}`));
    // Their admitted count, their target is empty (not a zero), no pace.
    for (const r of none) {
      expect(r[col("KN_DAKETNAP")]!.value).toBe(1);
      expect(r[col("KN_CHITIEU")]!.value ?? null).toBeNull();
      expect(r[col("XEPLOAI")]!.value ?? null).toBeNull();
    }
    const totalIdx = totalRowNumber(summary) - 1;
    const total = plan.rows[totalIdx];
    expect(total[col("TEN_DV")]!.value).toBe("TOÀN ĐẢNG BỘ (60/60 đơn vị)");
    expect(total[col("KN_CHITIEU")]!.value).toBe(120);
    expect(total[col("TYLE")]!.value).toBe(127 / 120);
    const allocated = plan.rows[totalIdx + 1];
    expect(allocated[col("KN_CHITIEU")]!.value).toBe(157);
    expect(allocated[col("TYLE")]!.value).toBe(127 / 157);
    expect(allocated[col("TYLE")]!.formula).toMatch(/^=IF\(H\d+=0,"",PDV\.TYLE\(I\d+,H\d+\)\)$/);
    expect(String(allocated[col("TEN_DV")]!.value)).toContain("15 tổ chức cơ sở đảng không giao chỉ tiêu");
  });

  test("with a unit missing, the headline falls back to the allocations of the units included", () => {
    const s = consolidate(analyzeWorkbook({ sheets: grids(NHON_TRACH, nhonTrachRoster(), ["NT01"]) }));
    expect(s.headlineBasis).toBe("allocated");
    expect(s.headlineTarget).toBe(153);
    expect(s.ratio).toBe(124 / 153);
  });
});

/* ------------------------------------------------------------------ Hàm Thuận Bắc 2018 */

describe("Hàm Thuận Bắc, to 10/07/2018: a cut date inside a month, a 365-day year", () => {
  const asOf = d(2018, 7, 10);

  test("48 of 204 = 23,53%", () => {
    expect(formatPercent(ratio(48, 204))).toBe("23,53%");
    expect(sentence(48, 204, asOf, "Đảng bộ huyện Hàm Thuận Bắc")).toBe(
      "Tính đến ngày 10/07/2018, Đảng bộ huyện Hàm Thuận Bắc mới kết nạp được 48 đảng viên, đạt 23,53% so với chỉ tiêu được giao (204 đảng viên).",
    );
  });

  test("the pace is measured over 191 of 365 days", () => {
    expect(elapsedDays(asOf)).toEqual({ elapsed: 191, total: 365 });
    // 0,2353 / (191/365) = 0,4496 < 0,5
    expect(classify(48, 204, asOf)).toBe("Rất chậm");
  });
});

/* ------------------------------------------------------------------ a ward committee */

const WARD = WARD_PARAMS;

describe("a ward committee (the second sample)", () => {
  const rows = wardRoster();
  const sheets = grids(WARD, rows);
  const analysis = analyzeWorkbook({ sheets });
  const summary = consolidate(analysis);

  test("about 20 party cells, CO_QUAN and MA_DB read back from DanhMuc", () => {
    expect(rows).toHaveLength(20);
    expect(analysis.roster!.params.board).toBe(WARD.board);
    expect(analysis.roster!.params.code).toBe("DBP07");
    expect(summary.params.board).toBe(WARD.board);
    expect(summary.params.code).toBe("DBP07");
    expect(analysis.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  test("a few cells without a target, one over its target; groups in the roster's order", () => {
    const units = summary.rows.filter((r) => r.kind === "unit");
    expect(units.filter((r) => r.noTarget).map((r) => r.code)).toEqual(["CB06", "CB17", "CB18"]);
    expect(units.filter((r) => r.ratio !== null && r.ratio > 1).map((r) => r.code)).toEqual(["CB03"]);
    expect(summary.rows.filter((r) => r.kind === "group").map((r) => r.group)).toEqual([
      "Khu phố",
      "Cơ quan, đơn vị sự nghiệp",
      "Công an",
      "Quân sự",
      "Doanh nghiệp",
    ]);
    expect(summary.unitNoun).toBe("chi bộ trực thuộc");
  });

  test("the ratio to members at the start of the period appears when the roster has DV_DAUNAM", () => {
    expect(summary.membersAtStart).toBe(745);
    expect(summary.memberRatio).toBe(29 / 745);
    expect(summary.narrative).toContain("Số kết nạp bằng 3,89% số đảng viên đầu kỳ (745 đảng viên).");
    const cols = summaryColumns(false, summary.unitNoun, true);
    const at = cols.findIndex((c) => c.key === "DAUNAM");
    expect(at).toBeGreaterThan(0);
    const plan = summaryPlan(summary);
    const total = plan.rows[totalRowNumber(summary) - 1][at]!;
    expect(total.value).toBe(29 / 745);
    expect(total.formula).toMatch(/^=IF\(745=0,"",I\d+\/745\)$/);
    // Without DV_DAUNAM (Phú Bình) there is no such column.
    expect(summaryPlan(consolidate(analyzeWorkbook({ sheets: sampleGrids() }))).rows[4].some((c) => c?.value === "Tỷ lệ so với đảng viên đầu kỳ")).toBe(false);
  });

  test("a unit's own target where the roster gives none is said (C04), and not used", () => {
    const sheets2 = grids(WARD, rows);
    setItem(findSheet(sheets2, "CB06"), "KN_CHITIEU", 2);
    const a = analyzeWorkbook({ sheets: sheets2 });
    const c04 = a.findings.filter((f) => f.rule === "C04");
    expect(c04).toHaveLength(1);
    expect(c04[0]).toMatchObject({ severity: "warning", unit: "CB06" });
    expect(c04[0].message).toContain("không giao chỉ tiêu");
    const row = consolidate(a).rows.find((r) => r.code === "CB06")!;
    expect(row.values.KN_CHITIEU).toBeNull();
    expect(row.noTarget).toBe(true);
  });

  test("C02 and C03 stay warnings and give the legitimate reasons", () => {
    const c02 = analysis.findings.find((f) => f.rule === "C02")!;
    const c03 = analysis.findings.find((f) => f.rule === "C03")!;
    expect(c02).toMatchObject({ severity: "warning", unit: "CB18" });
    expect(c02.message).toContain("hồ sơ gửi từ kỳ trước");
    expect(c03).toMatchObject({ severity: "warning", unit: "CB13" });
    expect(c03.message).toContain("có giá trị 5 năm");
  });

  test("no text names a district or 'huyện' that is not the workbook's own", () => {
    // Many findings and both narrative branches: two units missing, one broken, one late.
    const broken = grids(WARD, rows, ["CB04", "CB11"]);
    setItem(findSheet(broken, "CB02"), "DV_TONG", "ba");
    setItem(findSheet(broken, "CB05"), "NGAY_LAP", d(2026, 10, 20));
    setItem(findSheet(broken, "CB07"), "KN_CHITIEU", 9);
    setItem(findSheet(broken, "CB08"), "KN_TYLE", 0.9, false);
    const dm = findSheet(broken, "DanhMuc");
    setCell(dm, `C${rowOfCode(dm, "CHITIEU_DB", 1)}`, 60);
    const a2 = analyzeWorkbook({ sheets: broken });
    const s2 = consolidate(a2);
    expect(a2.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(["S03", "V02", "D01", "C04", "C05", "C06", "C02", "C03"]));
    const texts = [
      summary.narrative,
      s2.narrative,
      ...analysis.findings.map((f) => f.message),
      ...a2.findings.map((f) => f.message),
      ...s2.excluded.map((e) => e.reason),
      ...planTexts(summaryPlan(summary)),
      ...planTexts(summaryPlan(s2)),
      ...planTexts(checkPlan(a2)),
      ...planTexts(rosterSheetPlan(WARD, rows)),
      ...rows.flatMap((r) => planTexts(unitSheetPlan(WARD, r))),
    ];
    expect(texts.length).toBeGreaterThan(500);
    const offending = texts.filter((t) => /huyện|quận|thị xã|district/i.test(t));
    expect(offending).toEqual([]);
    // The receiving body is the workbook's own.
    expect(summary.narrative).toContain("hồ sơ đề nghị kết nạp đã gửi Ban Xây dựng Đảng Đảng ủy phường Phan Đình Phùng.");
    expect(planTexts(unitSheetPlan(WARD, rows[0]))).toContain("Hồ sơ đề nghị kết nạp đã gửi Ban Xây dựng Đảng Đảng ủy phường Phan Đình Phùng");
  });

  test("the Board's report and the form for the level above use the same headline, body and nouns", () => {
    const doc = workbookReport({ sheets });
    const paragraphs = [...doc.heading.left, ...doc.body, ...doc.appendix.notes, ...doc.appendix.title];
    const body = paragraphs.map((p) => p.runs.map((r) => r.text).join("")).join("\n");
    expect(body).toContain("đạt 72,50% so với chỉ tiêu được giao (40 đảng viên).");
    expect(body).toContain("So với tổng chỉ tiêu đã phân bổ cho các chi bộ trực thuộc (44 đảng viên), đạt 65,91%");
    expect(body).toContain("hồ sơ đề nghị kết nạp đã gửi Ban Xây dựng Đảng Đảng ủy phường Phan Đình Phùng.");
    expect(body).toContain("BAN XÂY DỰNG ĐẢNG ĐẢNG ỦY PHƯỜNG PHAN ĐÌNH PHÙNG");
    expect(body).not.toMatch(/huyện/i);
    expect(body).not.toMatch(FRACTIONAL_PEOPLE);
    const form = upwardPlan(summary, boardOf(summary.params, undefined));
    const line = form.rows.find((r) => r.some((c) => c?.value === "Chỉ tiêu kết nạp năm được giao"))!;
    expect(line.some((c) => c?.value === 40)).toBe(true);
    expect(planTexts(form).filter((t) => /huyện/i.test(t))).toEqual([]);
  });

  test("an old workbook without CO_QUAN stays valid and reads neutrally", () => {
    const old = { ...WARD, board: null, code: null };
    const sheetsOld = grids(old, rows);
    const dm = findSheet(sheetsOld, "DanhMuc");
    // Drop the two optional parameter rows, as a PDV-01 v1 workbook made before them.
    dm.values = dm.values.filter((r) => r[0] !== "CO_QUAN" && r[0] !== "MA_DB");
    const a = analyzeWorkbook({ sheets: sheetsOld });
    expect(a.findings.filter((f) => f.rule === "S01")).toEqual([]);
    expect(a.roster!.params.board).toBeNull();
    expect(a.roster!.params.code).toBeNull();
    const s = consolidate(a);
    expect(s.included).toHaveLength(20);
    expect(s.narrative).toContain("hồ sơ đề nghị kết nạp đã gửi cấp ủy cấp trên.");
    expect(dossierLabel({ board: null })).toBe("Hồ sơ đề nghị kết nạp đã gửi cấp ủy cấp trên");
  });
});

/* ------------------------------------------------------------------ the unit noun */

describe("units are named from the roster's LOAI_HINH", () => {
  test.each([
    [["Đảng bộ cơ sở", "Chi bộ cơ sở"], "tổ chức cơ sở đảng"],
    [["Chi bộ trực thuộc", "chi bộ  trực thuộc"], "chi bộ trực thuộc"],
    [["Chi bộ trực thuộc", "Đảng bộ bộ phận"], NEUTRAL_UNIT_NOUN],
    [["Đảng bộ cấp trên cơ sở", "Đảng bộ cơ sở"], NEUTRAL_UNIT_NOUN],
    [[], NEUTRAL_UNIT_NOUN],
  ])("%j → %s", (types, noun) => {
    expect(unitNoun(types)).toBe(noun);
  });

  test("groups: the known order when every group is known, else the roster's", () => {
    expect(groupOrder(["Cơ quan", "Xã, thị trấn"])).toEqual(["Xã, thị trấn", "Cơ quan"]);
    expect(groupOrder(["Quân đội", "Công an", "Xã, thị trấn"])).toEqual(["Quân đội", "Công an", "Xã, thị trấn"]);
  });
});

/* ------------------------------------------------------------------ whole people */

/** A number with a decimal comma right before a word for people or their papers. */
const FRACTIONAL_PEOPLE = /\d+,\d+\s+(đảng viên|quần chúng|hồ sơ|tổ chức|chi bộ|đảng bộ|người)/;

describe("no sentence holds a fractional number of people", () => {
  test("the Phú Bình paragraph: DUBAO 46,5 → khoảng 46, CANTHANG 55,5 → 56", () => {
    const text = consolidate(analyzeWorkbook({ sheets: sampleGrids() })).narrative;
    expect(text).toContain("ước kết nạp được khoảng 46 đảng viên");
    expect(text).toContain("bình quân mỗi tháng cần kết nạp 56 đảng viên");
    expect(text).not.toMatch(FRACTIONAL_PEOPLE);
  });

  test("any period, cut date and figures", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2040 }),
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.option(fc.integer({ min: 0, max: 500 })),
        fc.option(fc.integer({ min: 1, max: 50000 })),
        (year, dayIndex, admitted, target, covered, prev, start) => {
          const from = d(year, 1, 1);
          const to = d(year, 12, 31);
          const asOf = Math.min(from + dayIndex, to);
          const text = paragraph({
            name: "Đảng bộ xã Thử",
            asOf,
            start: from,
            end: to,
            admitted,
            target,
            allocated: target + (prev ?? 0),
            noTarget: prev === null ? 0 : 2,
            covered,
            expected: covered + (admitted % 3),
            members: admitted + 1000,
            trained: admitted + 7,
            dossiers: admitted + 3,
            prevAdmitted: prev,
            membersAtStart: start,
          });
          expect(text).not.toMatch(FRACTIONAL_PEOPLE);
          if (target > 0) expect(text).not.toMatch(/(ước kết nạp được khoảng|mỗi tháng cần kết nạp) \d+,/);
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });

  test("NHANXET refuses a fractional number of people instead of printing it", () => {
    expect(() => sentence(46.5, 253, d(2020, 8, 31))).toThrow(/số nguyên/);
    expect(() => sentence(31, 252.5, d(2020, 8, 31))).toThrow(/số nguyên/);
  });
});

/* ------------------------------------------------------------------ rounding */

describe("percentages are rounded half up in decimal", () => {
  test.each([
    [31 / 253, 2, "12,25%"],
    [0.4825, 1, "48,3%"],
    [0.01005, 2, "1,01%"],
    [0.02675, 2, "2,68%"],
    [0.0000499999, 2, "0,00%"],
    [0.125, 0, "13%"],
    [127 / 157, 2, "80,89%"],
  ])("%d with %d decimals → %s", (fraction, decimals, text) => {
    expect(formatPercent(fraction, decimals)).toBe(text);
  });
});
