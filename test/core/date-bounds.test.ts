/** Dates that cannot be right: a report dated years after its period (D04), DanhMuc's own dates out of order. */
import { analyzeWorkbook } from "../../src/core/analyze";
import { ymdToSerial } from "../../src/core/dates";
import { latestReportDate } from "../../src/core/rules/dates";
import { sampleGrids } from "../helpers/sample";
import { findSheet, setItem } from "../helpers/grids";

describe("D04: NGAY_LAP years after the period", () => {
  test("01/08/2030 with KY_DEN 31/08/2020 is an error naming the bound, not 'Nộp muộn'", () => {
    const sheets = sampleGrids();
    const cell = setItem(findSheet(sheets, "TCCS09"), "NGAY_LAP", ymdToSerial(2030, 8, 1));
    const a = analyzeWorkbook({ sheets });
    const f = a.findings.filter((x) => x.unit === "TCCS09");
    expect(f.map((x) => [x.rule, x.severity, x.cell])).toEqual([["D04", "error", cell]]);
    expect(f[0].message).toContain("01/08/2030");
    expect(f[0].message).toMatch(/sau \d\d\/\d\d\/2021 \(một năm sau hạn nộp \d\d\/\d\d\/2020\)/);
    expect(a.units.find((u) => u.code === "TCCS09")!.state).toBe("error");
  });

  test("the bound: the same day a year after HAN_NOP; a report late by less is D01 only", () => {
    expect(latestReportDate(ymdToSerial(2020, 9, 5)!)).toBe(ymdToSerial(2021, 9, 5));
    expect(latestReportDate(ymdToSerial(2020, 2, 29)!)).toBe(ymdToSerial(2021, 2, 28));
    const sheets = sampleGrids();
    setItem(findSheet(sheets, "TCCS09"), "NGAY_LAP", ymdToSerial(2021, 3, 1));
    const a = analyzeWorkbook({ sheets });
    expect(a.findings.filter((x) => x.unit === "TCCS09").map((x) => x.rule)).toEqual(["D01"]);
  });
});

describe("DanhMuc's own dates (S01 at the cell)", () => {
  /** Sets DanhMuc's parameter `code` (column A) to `value` in column C; returns the cell. */
  function setParam(sheets: ReturnType<typeof sampleGrids>, code: string, value: number): string {
    const dm = findSheet(sheets, "DanhMuc");
    const row = dm.values.findIndex((r) => r[0] === code);
    expect(row).toBeGreaterThanOrEqual(0);
    dm.values[row][2] = value;
    return `C${row + 1}`;
  }

  test("HAN_NOP before KY_DEN: one S01 at HAN_NOP, and no unit called late on that basis", () => {
    const sheets = sampleGrids();
    const cell = setParam(sheets, "HAN_NOP", ymdToSerial(2020, 8, 5)!);
    const a = analyzeWorkbook({ sheets });
    expect(a.findings.map((f) => [f.rule, f.sheet, f.cell, f.severity])).toEqual([["S01", "DanhMuc", cell, "error"]]);
    expect(a.findings[0].message).toContain("05/08/2020");
    expect(a.findings[0].message).toContain("31/08/2020");
    expect(a.units.every((u) => u.state === "submitted")).toBe(true);
  });

  test("NAM other than KY_DEN's year: S01 at NAM, saying the year to type", () => {
    const sheets = sampleGrids();
    const cell = setParam(sheets, "NAM", 2021);
    const a = analyzeWorkbook({ sheets });
    expect(a.findings.map((f) => [f.rule, f.sheet, f.cell])).toEqual([["S01", "DanhMuc", cell]]);
    expect(a.findings[0].message).toContain("thành 2020");
  });

  test("KY_TU after KY_DEN: S01 at KY_TU", () => {
    const sheets = sampleGrids();
    const cell = setParam(sheets, "KY_TU", ymdToSerial(2020, 9, 1)!);
    const a = analyzeWorkbook({ sheets });
    expect(a.findings.filter((f) => f.sheet === "DanhMuc").map((f) => [f.rule, f.cell])).toEqual([["S01", cell]]);
  });
});
