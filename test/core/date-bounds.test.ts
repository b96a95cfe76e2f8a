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
