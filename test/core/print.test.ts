/** Print settings as data on the plans of TongHop, KiemTra and DanhMuc (issue 15 point 3). */
import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate } from "../../src/core/consolidate";
import { checkPlan, summaryPlan, SUMMARY_HEADER_ROW } from "../../src/core/layout";
import { rosterSheetPlan, DEFAULT_PARAMS } from "../../src/core/blank";
import { PAGE_FOOTER, headerRowHeight, pagePrint, textRowHeight, wrappedLines } from "../../src/core/print";
import { parseRange } from "../../src/core/a1";
import { sampleGrids, sampleRoster } from "../helpers/sample";

const analysis = analyzeWorkbook({ sheets: sampleGrids() });
const summary = consolidate(analysis);

describe("print settings", () => {
  it("TongHop: A4 landscape, one page wide, header repeated, footer, codes row left out, chart inside the area", () => {
    const plan = summaryPlan(summary);
    const p = plan.print!;
    expect(p).toMatchObject({ paper: "A4", orientation: "landscape", fitWidth: 1, fitHeight: 0, footer: "Trang &P/&N" });
    expect(p.repeatRows).toEqual({ from: SUMMARY_HEADER_ROW, to: SUMMARY_HEADER_ROW });
    expect(plan.rows[SUMMARY_HEADER_ROW - 1][0]?.value).toBe("STT");
    // The omitted row is the row of machine codes.
    expect(p.omitRows).toEqual([SUMMARY_HEADER_ROW + 1]);
    expect(plan.rows[SUMMARY_HEADER_ROW][1]?.value).toBe("MA_DV");
    const area = parseRange(p.area!);
    expect(area.right).toBe(plan.columnWidths!.length);
    const anchorRow = Number(/\d+/.exec(plan.chart!.anchor)![0]);
    expect(area.bottom).toBeGreaterThanOrEqual(anchorRow + plan.chart!.height - 1);
    expect(area.bottom).toBeGreaterThanOrEqual(plan.rows.length);
  });

  it("TongHop: the narrative row is tall enough for its wrapped text", () => {
    const plan = summaryPlan(summary);
    const row = plan.rows.findIndex((r) => r[0]?.value === summary.narrative) + 1;
    expect(row).toBeGreaterThan(0);
    const width = plan.columnWidths!.reduce((a, b) => a + b, 0);
    const lines = Math.ceil(summary.narrative.length / width);
    expect(plan.rowHeights![row]).toBeGreaterThanOrEqual(lines * 15);
    expect(plan.rowHeights![row]).toBe(textRowHeight(summary.narrative, width));
  });

  it("KiemTra and DanhMuc print the same way, DanhMuc without its codes row", () => {
    const check = checkPlan(analysis).print!;
    expect(check).toMatchObject({ orientation: "landscape", fitWidth: 1, footer: PAGE_FOOTER, repeatRows: { from: 4, to: 4 } });
    const roster = rosterSheetPlan(DEFAULT_PARAMS, sampleRoster());
    const p = roster.print!;
    expect(p).toMatchObject({ orientation: "landscape", fitWidth: 1, footer: PAGE_FOOTER });
    expect(roster.rows[p.repeatRows!.from - 1][0]?.value).toBe("Mã đơn vị");
    expect(roster.rows[p.omitRows![0] - 1][0]?.value).toBe("MA_DV");
  });

  it("TongHop and DanhMuc: the header row is tall enough for its wrapped labels", () => {
    const plan = summaryPlan(summary);
    const labels = plan.rows[SUMMARY_HEADER_ROW - 1].map((c) => String(c?.value ?? ""));
    // "Đảng viên được công nhận chính thức" in 11 characters: Đảng viên / được công / nhận chính / thức.
    expect(labels).toContain("Đảng viên được công nhận chính thức");
    expect(plan.rowHeights![SUMMARY_HEADER_ROW]).toBeGreaterThanOrEqual(4 * 15);
    const roster = rosterSheetPlan(DEFAULT_PARAMS, sampleRoster());
    const header = roster.print!.repeatRows!.from;
    expect(roster.rowHeights![header]).toBe(headerRowHeight(roster.rows[header - 1].map((c) => String(c?.value ?? "")), roster.columnWidths!));
  });

  it("wraps labels word by word", () => {
    // 1.15 per character: "nhận chính" (11.5) no longer fits in 11, so five lines, on the safe side.
    expect(wrappedLines("Đảng viên được công nhận chính thức", 11)).toBe(5);
    expect(wrappedLines("Đảng viên được công nhận chính thức", 12)).toBe(4);
    expect(wrappedLines("STT", 5)).toBe(1);
    expect(wrappedLines("Tên tổ chức cơ sở đảng", 40)).toBe(1);
    expect(wrappedLines("x".repeat(30), 10)).toBe(4);
    expect(wrappedLines("a\nb", 10)).toBe(2);
    expect(headerRowHeight(["STT", "Trong đó: nữ"], [5, 9])).toBe(Math.ceil(2.5 * 15));
  });

  it("sizes rows from text length and line breaks", () => {
    expect(textRowHeight("", 10)).toBe(23);
    expect(textRowHeight("x".repeat(100), 10)).toBe(Math.ceil(11.5 * 15));
    expect(textRowHeight("a\nb\nc", 50)).toBe(Math.ceil(3.5 * 15));
    expect(pagePrint({ rows: [[{ value: 1 }, { value: 2 }]], columnWidths: [5, 5, 5] }).area).toBe("A1:C1");
  });
});
