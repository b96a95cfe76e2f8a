/**
 * Printing in the add-in (issue 15 point 3): the Office.js adapter renders SheetPlan.print and
 * rowHeights (Worksheet.pageLayout, ExcelApi 1.9; Range.format.rowHeight and Range.rowHidden, 1.2)
 * in the same write batch, on a new sheet and on a rewritten one; and the strict fake models
 * pageLayout as the Excel API reference documents it.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { createFakeExcel } from "../../src/host/fake-excel";
import { createOfficePort } from "../../src/workbook/office";
import type { SheetPlan } from "../../src/core/types";
import { rejection } from "../helpers/rejection";
import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate } from "../../src/core/consolidate";
import { checkPlan, summaryPlan, SUMMARY_HEADER_ROW } from "../../src/core/layout";
import { sampleGrids } from "../helpers/sample";

/** A summary-like plan: title, header, codes row (not printed), 30 unit rows, a tall narrative row. */
function plan(units: number): SheetPlan {
  const rows: SheetPlan["rows"] = [[{ value: "TỔNG HỢP", bold: true }], [{ value: "Đơn vị" }, { value: "Đã kết nạp" }], [{ value: "TEN_DV" }, { value: "KN_DAKETNAP" }]];
  for (let i = 0; i < units; i++) rows.push([{ value: `Chi bộ ${i + 1}` }, { value: i }]);
  rows.push([{ value: "Tính đến hết tháng 8/2020, toàn Đảng bộ kết nạp được 31 đảng viên…", wrap: true }]);
  const narrative = rows.length;
  return {
    name: "TongHop",
    rows,
    columnWidths: [30, 12],
    merges: [`A${narrative}:B${narrative}`],
    print: {
      paper: "A4",
      orientation: "landscape",
      fitWidth: 1,
      fitHeight: 0,
      repeatRows: { from: 2, to: 2 },
      footer: "Trang &P/&N",
      area: `A1:B${narrative}`,
      omitRows: [3],
    },
    rowHeights: { [narrative]: 68 },
  };
}

const PAGE = {
  orientation: "Landscape",
  paperSize: "A4",
  zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
  titleRows: "2:2",
  centerFooter: "Trang &P/&N",
};

describe("the adapter renders the plan's page setup", () => {
  test("a new sheet: A4 landscape, one page wide, header repeated, footer, print area, codes row hidden, narrative row tall; still one sync", async () => {
    const g = createFakeExcel({ sheets: [{ name: "DanhMuc", values: [["x"]] }] });
    const port = createOfficePort(g.Excel);
    await port.listSheets();
    await port.writeSheet(plan(30));
    expect(port.lastSyncs).toBe(1);
    const t = g.host.dump("TongHop");
    expect(t.page).toEqual({ ...PAGE, printArea: "A1:B34" });
    expect(t.hiddenRows).toEqual([3]);
    expect(t.rowHeights).toEqual({ 34: 68 });
  });

  test("a rewrite of an existing sheet carries the new setup; rows hidden or raised by the old one are reset", async () => {
    const g = createFakeExcel({ sheets: [{ name: "DanhMuc", values: [["x"]] }] });
    const port = createOfficePort(g.Excel);
    await port.writeSheet(plan(30));
    await port.writeSheet(plan(10));
    const t = g.host.dump("TongHop");
    expect(t.page).toEqual({ ...PAGE, printArea: "A1:B14" });
    expect(t.hiddenRows).toEqual([3]);
    expect(t.rowHeights).toEqual({ 14: 68 });
    expect(g.host.sheetNames()).toEqual(["DanhMuc", "TongHop"]);
  });

  test("a plan without print settings leaves the page setup alone", async () => {
    const g = createFakeExcel({ sheets: [{ name: "DanhMuc", values: [["x"]] }] });
    const bare = { ...plan(3), print: undefined, rowHeights: undefined };
    await createOfficePort(g.Excel).writeSheet(bare);
    const t = g.host.dump("TongHop");
    expect(t.page).toEqual({ orientation: "Portrait", paperSize: "Letter", zoom: { scale: 100 }, titleRows: null, printArea: null, centerFooter: "" });
    expect(t.hiddenRows).toEqual([]);
  });
});

describe("the sample's TongHop and KiemTra through the adapter", () => {
  test("A4 landscape, one page wide, header repeated, footer, codes row hidden, header and narrative rows raised", async () => {
    const analysis = analyzeWorkbook({ sheets: sampleGrids() });
    const summary = summaryPlan(consolidate(analysis));
    const check = checkPlan(analysis);
    const g = createFakeExcel({ sheets: [{ name: "DanhMuc", values: [["x"]] }] });
    const port = createOfficePort(g.Excel);
    await port.writeSheet(summary);
    await port.writeSheet(check);
    const t = g.host.dump(summary.name);
    expect(t.page).toMatchObject({ orientation: "Landscape", paperSize: "A4", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 } });
    expect(t.page.titleRows).toBe(`${SUMMARY_HEADER_ROW}:${SUMMARY_HEADER_ROW}`);
    expect(t.page.printArea).toBe(summary.print!.area);
    expect(t.hiddenRows).toEqual([SUMMARY_HEADER_ROW + 1]);
    expect(t.rowHeights).toEqual(summary.rowHeights);
    expect(t.charts).toHaveLength(1);
    const k = g.host.dump(check.name);
    expect(k.page).toMatchObject({ orientation: "Landscape", paperSize: "A4", titleRows: "4:4", centerFooter: "Trang &P/&N" });
  });
});

describe("the strict fake's pageLayout", () => {
  const one = () => createFakeExcel({ sheets: [{ name: "S", values: [[1]] }] });

  test("zoom is set as a whole object; changing a field of the read object does nothing (it is frozen here)", async () => {
    const { Excel, host } = one();
    await Excel.run(async (ctx) => {
      const pl = ctx.workbook.worksheets.getItem("S").pageLayout;
      pl.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      expect(() => {
        (pl.zoom as { scale?: number }).scale = 50;
      }).toThrow(TypeError);
      await ctx.sync();
    });
    expect(host.dump("S").page.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
  });

  test.each([
    ["a scale out of 10–400", (pl: any) => (pl.zoom = { scale: 5 })],
    ["a scale with fit-to-pages", (pl: any) => (pl.zoom = { scale: 100, horizontalFitToPages: 1 })],
    ["a fractional page count", (pl: any) => (pl.zoom = { horizontalFitToPages: 1.5 })],
    ["an unknown paper", (pl: any) => (pl.paperSize = "A4Landscape")],
    ["an unknown orientation", (pl: any) => (pl.orientation = "landscape")],
    ["title rows that are not whole rows", (pl: any) => pl.setPrintTitleRows("A4:U4")],
    ["a footer over 255 characters", (pl: any) => (pl.headersFooters.defaultForAllPages.centerFooter = "x".repeat(256))],
  ])("%s → InvalidArgument at sync, nothing applied", async (_what, act) => {
    const { Excel, host } = one();
    const e = await rejection(
      Excel.run(async (ctx) => {
        act(ctx.workbook.worksheets.getItem("S").pageLayout);
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidArgument");
    expect(host.dump("S").page.paperSize).toBe("Letter");
  });

  test("pageLayout needs ExcelApi 1.9; rowHeight and rowHidden 1.2", async () => {
    const { Excel } = createFakeExcel({ sheets: [{ name: "S" }], apiVersion: "1.8" });
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      expect(() => ws.pageLayout).toThrow(expect.objectContaining({ code: "ApiNotFound" }));
      ws.getRange("2:2").rowHidden = true;
      ws.getRange("A3").format.rowHeight = 40;
      await ctx.sync();
    });
  });

  test("reads: orientation, paper, zoom, footer; rowHeight and rowHidden per row, null when rows differ", async () => {
    const { Excel } = one();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      ws.pageLayout.set({ orientation: "Landscape", paperSize: "A4" });
      ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = "Trang &P/&N";
      ws.getRange("A3").format.rowHeight = 40;
      ws.getRange("2:2").rowHidden = true;
      await ctx.sync();
      const pl = ctx.workbook.worksheets.getItem("S").pageLayout;
      pl.load("orientation,paperSize,zoom");
      const footer = pl.headersFooters.defaultForAllPages;
      footer.load("centerFooter");
      const r3 = ws.getRange("A3");
      r3.format.load("rowHeight");
      const r23 = ws.getRange("A2:A3");
      r23.load("rowHidden");
      r23.format.load("rowHeight");
      await ctx.sync();
      expect([pl.orientation, pl.paperSize, pl.zoom, footer.centerFooter]).toEqual(["Landscape", "A4", { scale: 100 }, "Trang &P/&N"]);
      expect(r3.format.rowHeight).toBe(40);
      expect(r23.format.rowHeight).toBeNull();
      expect(r23.rowHidden).toBeNull();
    });
  });
});
