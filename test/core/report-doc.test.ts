/** The Board's report as data: heading from DB_TEN and CO_QUAN, period phrase, paragraphs, appendix = TongHop's numbers. */
import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate } from "../../src/core/consolidate";
import { appendixTable, periodPhrase, placeDateLine, reportDocument, workbookReport } from "../../src/core/report-doc";
import { ConsolidationError } from "../../src/core/consolidate";
import type { DocParagraph } from "../../src/core/report-doc";
import { ymdToSerial } from "../../src/core/dates";
import { committeeGrids, sampleGrids, sampleRoster } from "../helpers/sample";
import { DEFAULT_PARAMS } from "../../src/core/blank";

const text = (ps: DocParagraph[]) => ps.map((p) => p.runs.map((r) => r.text).join("")).join("\n");
const summary = consolidate(analyzeWorkbook({ sheets: sampleGrids() }));

describe("reportDocument", () => {
  it("names the period as the press does", () => {
    expect(periodPhrase(ymdToSerial(2020, 1, 1)!, ymdToSerial(2020, 8, 31)!)).toBe("8 tháng đầu năm 2020");
    expect(periodPhrase(ymdToSerial(2021, 1, 1)!, ymdToSerial(2021, 12, 31)!)).toBe("năm 2021");
    expect(periodPhrase(ymdToSerial(2018, 1, 1)!, ymdToSerial(2018, 7, 10)!)).toBe("từ ngày 01/01/2018 đến ngày 10/07/2018");
    expect(placeDateLine(2020, {})).toBe("…………, ngày … tháng … năm 2020");
    expect(placeDateLine(2020, { place: "Phú Bình", date: ymdToSerial(2020, 9, 5) })).toBe("Phú Bình, ngày 05 tháng 9 năm 2020");
  });

  it("puts the committee and the receiving body in the heading, a Ban's head signs", () => {
    const doc = reportDocument(summary, { committee: "Đảng bộ huyện Phú Bình", body: "Ban Tổ chức Huyện ủy Phú Bình" });
    expect(text(doc.heading.left)).toBe("ĐẢNG BỘ HUYỆN PHÚ BÌNH\nBAN TỔ CHỨC HUYỆN ỦY PHÚ BÌNH\n*\nSố:        -BC");
    expect(text(doc.signature.right)).toContain("TRƯỞNG BAN");
    const body = text(doc.body);
    expect(body).toContain("kết nạp được 31 đảng viên, đạt 12,25%");
    expect(body).toContain("7.335 đảng viên");
    expect(body).toContain("Xã Đào Xá (1/12)");
    expect(body).toContain("Tất cả 48 đơn vị");
  });

  it("uses no level words of its own: a ward's report reads only its data", () => {
    const ward = { ...summary, params: { ...summary.params, name: "Đảng bộ phường Hòa Bình" } };
    const doc = reportDocument(ward, { committee: "Đảng bộ phường Hòa Bình", body: null });
    const own = [text(doc.heading.left), text(doc.heading.right), text(doc.title), text(doc.signature.left), text(doc.signature.right), text(doc.appendix.title)].join("\n");
    expect(own).not.toMatch(/huyện/i);
    expect(own).toContain("ĐẢNG BỘ PHƯỜNG HÒA BÌNH");
  });

  it("lists the units not included with why", () => {
    const sheets = sampleGrids().filter((s) => s.name !== "TCCS09");
    const s = consolidate(analyzeWorkbook({ sheets }));
    const doc = reportDocument(s, { committee: s.params.name, body: null });
    expect(text(doc.body)).toMatch(/Có 1\/48 đơn vị chưa được tổng hợp — chưa gửi báo cáo: Xã Lương Phú\./);
  });

  it("runs over a workbook in one call (the pane's button); refuses one without DanhMuc", () => {
    const doc = workbookReport({ sheets: sampleGrids() });
    expect(text(doc.heading.left)).toContain("ĐẢNG BỘ HUYỆN PHÚ BÌNH");
    expect(() => workbookReport({ sheets: sampleGrids().filter((s) => s.name !== "DanhMuc") })).toThrow(ConsolidationError);
  });

  it("writes a report without percentages when no target was given (total target 0)", () => {
    const rows = sampleRoster().map((r) => ({ ...r, target: 0, values: { ...r.values, KN_CHITIEU: "0" } }));
    // No target given by the level above either (CHITIEU_DB 0): since issue 13 the headline is over it.
    const s = consolidate(analyzeWorkbook({ sheets: committeeGrids({ ...DEFAULT_PARAMS, target: 0 }, rows) }));
    expect(s.totals.KN_CHITIEU).toBe(0);
    expect(s.headlineTarget).toBe(0);
    const doc = reportDocument(s, { committee: s.params.name, body: null });
    const body = text(doc.body);
    expect(body).toContain("31 đảng viên");
    expect(body).not.toContain("Tiến độ và dự báo");
    expect(body).not.toMatch(/NaN|Infinity/);
  });

  it("has the appendix with TongHop's figures, row for row", () => {
    const t = appendixTable(summary);
    expect(t.rows).toHaveLength(summary.rows.length);
    const total = t.rows[t.rows.length - 1];
    expect(total.cells.slice(1, 8)).toEqual(["TOÀN ĐẢNG BỘ (48/48 đơn vị)", "7.335", "282", "36", "253", "31", "12,25%"]);
    expect(total.bold).toBe(true);
  });
});
