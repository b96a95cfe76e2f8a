/**
 * The fake Excel host reproduces the behaviours of shared/notes/excel-api-facts.md §8 (found in a
 * later review): cell-edit mode, null reads past the cell limit, #REF! after deleting a sheet,
 * suspended calculation, macro and chart sheets; and the calls the adapter uses to keep a sheet
 * object (clear, copyFrom, chart getItem/delete).
 */
import { createFakeExcel } from "../../src/host/fake-excel";
import { rejection } from "../helpers/rejection";
import type { CellValue } from "../../src/core/types";


describe("cell-edit mode", () => {
  test("a batch fails at once while the user edits a cell, and nothing of it is applied", async () => {
    const { Excel, host } = createFakeExcel({ sheets: [{ name: "S", values: [[1]] }] });
    host.beginCellEdit();
    const e = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A1").values = [[2]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidOperationInCellEditMode");
    expect(host.dump("S").values).toEqual([[1]]);
    host.endCellEdit();
  });

  test("a batch run with delayForCellEdit waits until the edit ends, then runs", async () => {
    const { Excel, host } = createFakeExcel({ sheets: [{ name: "S", values: [[1]] }] });
    host.beginCellEdit();
    let done = false;
    const run = Excel.run({ delayForCellEdit: true }, async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1").values = [[2]];
      await ctx.sync();
      done = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    expect(host.waitingForCellEdit).toBe(1);
    host.endCellEdit();
    await run;
    expect(done).toBe(true);
    expect(host.dump("S").values).toEqual([[2]]);
  });
});

describe("reads past the cell limit", () => {
  const seed = { name: "Big", values: [[1, null, null], [null, null, 2]] as CellValue[][] };

  test("fail with RangeExceedsLimit, or answer null when the host does that", async () => {
    const strict = createFakeExcel({ sheets: [seed], readCellLimit: 5 });
    const e = await rejection(
      strict.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Big").getUsedRange().load("values");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("RangeExceedsLimit");

    const lax = createFakeExcel({ sheets: [seed], readCellLimit: 5, overLimitRead: "null" });
    const values = await lax.Excel.run(async (ctx) => {
      const used = ctx.workbook.worksheets.getItem("Big").getUsedRange();
      used.load("values,valueTypes,rowCount");
      await ctx.sync();
      return { values: used.values, types: used.valueTypes, rows: used.rowCount };
    });
    expect(values).toEqual({ values: null, types: null, rows: 2 });
  });
});

describe("references to a sheet", () => {
  const seeds = () => [
    { name: "TongHop", values: [[10, 20]] as CellValue[][] },
    {
      name: "Ghi chú",
      values: [[10, 20, "x"]] as CellValue[][],
      formulas: [["=TongHop!A1", "='TongHop'!B1*2", '=HYPERLINK("#TongHop!A1","đi")']],
    },
    { name: "Khác", values: [[1]] as CellValue[][] },
  ];

  test("deleting a sheet turns the formulas that point at it into #REF!, and a new sheet of that name does not mend them", async () => {
    const { Excel, host } = createFakeExcel({ sheets: seeds() });
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("TongHop").delete();
      ctx.workbook.worksheets.add("TongHop");
      await ctx.sync();
    });
    const d = host.dump("Ghi chú");
    expect(d.formulas[0]).toEqual(["=#REF!A1", "=#REF!B1*2", '=HYPERLINK("#TongHop!A1","đi")']);
    expect(d.values[0].slice(0, 2)).toEqual(["#REF!", "#REF!"]);
  });

  test("renaming a sheet rewrites the formulas that point at it", async () => {
    const { Excel, host } = createFakeExcel({ sheets: seeds() });
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("TongHop").name = "Tổng hợp";
      await ctx.sync();
    });
    expect(host.dump("Ghi chú").formulas[0].slice(0, 2)).toEqual(["='Tổng hợp'!A1", "='Tổng hợp'!B1*2"]);
  });

  test("clear() and copyFrom() keep the sheet object: the links keep working", async () => {
    const { Excel, host } = createFakeExcel({
      sheets: [...seeds(), { name: "Mới", values: [[30, 40]], bold: [[true, false]] }],
    });
    await Excel.run(async (ctx) => {
      const old = ctx.workbook.worksheets.getItem("TongHop");
      old.getRange().clear();
      old.getRange("A1:B1").copyFrom(ctx.workbook.worksheets.getItem("Mới").getRange("A1:B1"));
      await ctx.sync();
    });
    expect(host.dump("TongHop").values).toEqual([[30, 40]]);
    expect(host.dump("TongHop").bold).toEqual([[true, false]]);
    expect(host.dump("Ghi chú").formulas[0][0]).toBe("=TongHop!A1");
  });
});

describe("suspended calculation", () => {
  const evaluate = (f: string): CellValue => (f === "=1+1" ? 2 : { error: "#NAME?" });

  test("formulas written under suspendApiCalculationUntilNextSync show old values until calculate() or a later sync", async () => {
    const { Excel, host } = createFakeExcel({ sheets: [{ name: "S" }], evaluate });
    await Excel.run(async (ctx) => {
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      ctx.workbook.worksheets.getItem("S").getRange("A1").formulas = [["=1+1"]];
      await ctx.sync();
    });
    expect(host.dump("S").values).toEqual([[null]]);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("B1").values = [[5]];
      await ctx.sync();
    });
    expect(host.dump("S").values).toEqual([[2, 5]]);

    await Excel.run(async (ctx) => {
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      ctx.workbook.worksheets.getItem("S").getRange("C1").formulas = [["=1+1"]];
      ctx.workbook.application.calculate("Recalculate");
      await ctx.sync();
    });
    expect(host.dump("S").values).toEqual([[2, 5, 2]]);
  });
});

describe("macro and chart sheets", () => {
  test("are listed, but a range call on one fails with UnsupportedSheet", async () => {
    const { Excel } = createFakeExcel({ sheets: [{ name: "S", values: [[1]] }, { name: "Macro1", kind: "MacroSheet" }] });
    const names = await Excel.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load("items/name");
      await ctx.sync();
      return sheets.items.map((s) => s.name);
    });
    expect(names).toEqual(["S", "Macro1"]);
    const e = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Macro1").getUsedRange().load("values");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("UnsupportedSheet");
  });
});

describe("charts by name", () => {
  test("getItem finds a chart by its name, delete removes it", async () => {
    const { Excel, host } = createFakeExcel({ sheets: [{ name: "S", values: [[1], [2]] }] });
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      ws.charts.add("ColumnClustered", ws.getRange("A1:A2")).name = "PDV";
      await ctx.sync();
    });
    expect(host.dump("S").charts.map((c) => c.name)).toEqual(["PDV"]);
    const e = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").charts.getItem("Khác").delete();
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ItemNotFound");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").charts.getItem("PDV").delete();
      await ctx.sync();
    });
    expect(host.dump("S").charts).toEqual([]);
  });
});
