/**
 * The strict fake models how Excel arranges sheets (position, visibility, delete), as the port's
 * renameSheet/moveSheets/setSheetsVisibility/deleteSheets use them (excel-api-facts §2).
 */
import { createFakeExcel } from "../../src/host/fake-excel";
import { rejection } from "../helpers/rejection";

const book = () =>
  createFakeExcel({ sheets: [{ name: "A", values: [[1]] }, { name: "B", values: [[2]] }, { name: "C", values: [[3]] }] });

describe("fake Excel: arranging sheets", () => {
  test("position: the sheet is taken out and put at that index; read back; out of range → InvalidArgument", async () => {
    const { Excel, host } = book();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("C").position = 0;
      ctx.workbook.worksheets.getItem("A").position = 2;
      const b = ctx.workbook.worksheets.getItem("B").load("position");
      await ctx.sync();
      expect(b.position).toBe(1);
    });
    expect(host.sheetNames()).toEqual(["C", "B", "A"]);
    const e = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("A").position = 3;
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidArgument");
  });

  test("hiding the last visible sheet → InvalidOperation, and commands before it in the batch stay applied", async () => {
    const { Excel, host } = book();
    const e = await rejection(
      Excel.run(async (ctx) => {
        for (const n of ["A", "B", "C"]) ctx.workbook.worksheets.getItem(n).visibility = "Hidden";
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidOperation");
    expect(["A", "B", "C"].map((n) => host.dump(n).visibility)).toEqual(["Hidden", "Hidden", "Visible"]);
  });

  test("hiding the active sheet makes the next visible one active (Excel never shows a hidden sheet)", async () => {
    const { Excel, host } = book();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("B").activate();
      ctx.workbook.worksheets.getItem("B").getRange("A1").select();
      await ctx.sync();
      ctx.workbook.worksheets.getItem("B").visibility = "Hidden";
      await ctx.sync();
    });
    expect(host.activeSheet).toBe("C");
    expect(host.selection?.sheet).not.toBe("B");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("C").visibility = "Hidden";
      await ctx.sync();
    });
    expect(host.activeSheet).toBe("A"); // none after it: the one before
  });

  test("a hidden sheet can be deleted; a VeryHidden one cannot; the last visible one cannot", async () => {
    const { Excel, host } = book();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("B").visibility = "Hidden";
      await ctx.sync();
      ctx.workbook.worksheets.getItem("B").delete();
      await ctx.sync();
    });
    expect(host.sheetNames()).toEqual(["A", "C"]);
    const e = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("A").visibility = "Hidden";
        ctx.workbook.worksheets.getItem("C").delete();
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidOperation");
    expect(host.sheetNames()).toEqual(["A", "C"]);
  });
});
