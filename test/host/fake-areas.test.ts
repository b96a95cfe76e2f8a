/**
 * Range.getSpecialCells / getSpecialCellsOrNullObject and RangeAreas in the strict fake: which
 * cells are constants or formulas, the areas Excel reports (asserted as the set of cells covered,
 * not a particular split), ItemNotFound or a null object when there is none, PropertyNotLoaded,
 * the requirement set.
 */
import { createFakeExcel, type FakeGlobals } from "../../src/host/fake-excel";
import { parseAddress } from "../../src/host/fake-address";
import type { CellValue } from "../../src/core/types";
import { rejection } from "../helpers/rejection";

const V = null;
/** 3 × 4 with constants, a formula showing "", a formula, an error typed in, one formatted blank. */
const values: CellValue[][] = [
  [1, "a", V, { error: "#N/A" }],
  [2, "b", V, V],
  [V, 7, 8, V],
];
const formulas: (string | null)[][] = [
  [null, null, '=""', null],
  [null, null, "=A1+A2", null],
  [null, null, null, null],
];
const numberFormats: (string | null)[][] = [[null, null, null, null], [null, null, null, "0.00"], [null, null, null, null]];

function book(options: Parameters<typeof createFakeExcel>[0] = {}): FakeGlobals {
  const g = createFakeExcel({ sheets: [{ name: "Tân Đức, 2", values, formulas, numberFormats }, { name: "Trống" }], ...options });
  g.host.setCell("Tân Đức, 2", "XFD1048576", "x");
  g.host.setCell("Tân Đức, 2", "XFD1048575", 5);
  return g;
}

/** The cells an address covers ("'Tân Đức, 2'!A1:B2, 'Tân Đức, 2'!D1"), as "r,c" keys (0-based). */
function covered(address: string): string[] {
  const out: string[] = [];
  for (const part of address.split(/, (?=')/)) {
    const rect = parseAddress(part.slice(part.lastIndexOf("!") + 1))!;
    for (let i = 0; i < rect.nr; i++) for (let j = 0; j < rect.nc; j++) out.push(`${rect.r0 + i},${rect.c0 + j}`);
  }
  return out.sort();
}

async function special(g: FakeGlobals, type: "Constants" | "Formulas", sheet = "Tân Đức, 2") {
  return g.Excel.run(async (ctx) => {
    const areas = ctx.workbook.worksheets.getItem(sheet).getUsedRange(true).getSpecialCellsOrNullObject(type);
    areas.load("address,areaCount,cellCount");
    await ctx.sync();
    return areas.isNullObject ? null : { address: areas.address, areaCount: areas.areaCount, cellCount: areas.cellCount };
  });
}

describe("getSpecialCells", () => {
  test("constants: values typed in (an error too), blank and formatted-only cells excluded, formulas excluded", async () => {
    const c = (await special(book(), "Constants"))!;
    expect(covered(c.address)).toEqual(["0,0", "0,1", "0,3", "1,0", "1,1", "1048574,16383", "1048575,16383", "2,1", "2,2"].sort());
    expect(c.cellCount).toBe(9);
    expect(c.address.startsWith("'Tân Đức, 2'!")).toBe(true);
    expect(c.address.split(", '").length).toBe(c.areaCount);
    // Rectangles as Excel merges them: A1:B2 is one area, XFD1048575:XFD1048576 one.
    expect(c.address).toContain("'Tân Đức, 2'!A1:B2");
    expect(c.address).toContain("'Tân Đức, 2'!XFD1048575:XFD1048576");
  });

  test('formulas: every formula cell, one showing "" included', async () => {
    const f = (await special(book(), "Formulas"))!;
    expect(covered(f.address)).toEqual(["0,2", "1,2"]);
    expect(f).toMatchObject({ areaCount: 1, cellCount: 2 });
  });

  test("none: a null object from getSpecialCellsOrNullObject, ItemNotFound at sync from getSpecialCells", async () => {
    const g = createFakeExcel({ sheets: [{ name: "S", values: [[1, 2]] }] });
    expect(await special(g, "Formulas", "S")).toBeNull();
    const e = await rejection(
      g.Excel.run(async (ctx) => {
        const areas = ctx.workbook.worksheets.getItem("S").getRange("A1:B1").getSpecialCells("Formulas");
        areas.load("address");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ItemNotFound");
  });

  test("only the range's own cells; a property not loaded throws PropertyNotLoaded", async () => {
    const g = book();
    await g.Excel.run(async (ctx) => {
      const areas = ctx.workbook.worksheets.getItem("Tân Đức, 2").getRange("B2:C3").getSpecialCells("Constants");
      areas.load("cellCount");
      await ctx.sync();
      expect(areas.cellCount).toBe(3);
      expect(() => areas.address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  test("over the host's operationCellLimit (Excel on the web: 33,554,000): OperationCellsExceedLimit at sync", async () => {
    const g = book({ operationCellLimit: 33_554_000 });
    const e = await rejection(special(g, "Constants"));
    expect(e.code).toBe("OperationCellsExceedLimit");
    expect((await special(g, "Constants", "Trống"))).toBeNull();
  });

  test("needs ExcelApi 1.9", async () => {
    const g = book({ apiVersion: "1.8" });
    const e = await rejection(g.Excel.run(async (ctx) => void ctx.workbook.worksheets.getItem("Trống").getRange("A1:B2").getSpecialCells("Constants")));
    expect(e.code).toBe("ApiNotFound");
  });
});
