/**
 * The TongHop plan computed by a real formula engine (HyperFormula, with the PDV.* functions
 * registered from src/functions): every formula cell must evaluate to the value the core wrote,
 * the district row included (PDV.TYLE = 31/253).
 */
import { HyperFormula, DetailedCellError } from "hyperformula";
import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate } from "../../src/core/consolidate";
import { summaryPlan, summaryColumns, totalRowNumber } from "../../src/core/layout";
import type { SheetGrid, SheetPlan } from "../../src/core/types";
import { sampleGrids, wardGrids } from "../helpers/sample";
import { findSheet, setItem } from "../helpers/grids";
import { registerPdv } from "../functions/pdvHyperFormula";

type Raw = (string | number | boolean | null)[][];

function gridCells(g: SheetGrid): Raw {
  return g.values.map((r, i) =>
    r.map((v, j) => {
      const f = g.formulas?.[i]?.[j];
      if (f) return f;
      if (v && typeof v === "object") return null;
      return v;
    }),
  );
}

function planCells(p: SheetPlan): Raw {
  return p.rows.map((r) => r.map((c) => (c?.formula ?? (c?.value === undefined ? null : c.value))));
}

function evaluate(sheets: SheetGrid[], plan: SheetPlan) {
  registerPdv();
  const book: Record<string, Raw> = {};
  for (const g of sheets) book[g.name] = gridCells(g);
  book[plan.name] = planCells(plan);
  const hf = HyperFormula.buildFromSheets(book, { licenseKey: "gpl-v3", smartRounding: false });
  const id = hf.getSheetId(plan.name)!;
  return (row: number, col: number) => hf.getCellValue({ sheet: id, row, col });
}

function checkEveryFormula(sheets: SheetGrid[], plan: SheetPlan): number {
  const value = evaluate(sheets, plan);
  let checked = 0;
  plan.rows.forEach((r, i) =>
    r.forEach((c, j) => {
      if (!c?.formula) return;
      const got = value(i, j);
      if (got instanceof DetailedCellError) throw new Error(`${c.formula} at row ${i + 1} col ${j + 1}: ${got.value} ${got.message}`);
      const want = c.value ?? "";
      if (typeof want === "number") expect({ at: [i + 1, j + 1, c.formula], v: got }).toEqual({ at: [i + 1, j + 1, c.formula], v: expect.closeTo(want, 12) });
      else expect({ at: [i + 1, j + 1, c.formula], v: got }).toEqual({ at: [i + 1, j + 1, c.formula], v: want });
      checked++;
    }),
  );
  return checked;
}

describe("TongHop in a real formula engine", () => {
  test("every formula of the sample's summary gives the value the core wrote; district row 12,25%", () => {
    const sheets = sampleGrids();
    const summary = consolidate(analyzeWorkbook({ sheets }));
    const plan = summaryPlan(summary, { links: true });
    const checked = checkEveryFormula(sheets, plan);
    expect(checked).toBeGreaterThan(48 * 5);
    const value = evaluate(sheets, plan);
    const cols = summaryColumns(false);
    const r = totalRowNumber(summary) - 1;
    expect(value(r, cols.findIndex((c) => c.key === "TYLE"))).toBe(31 / 253);
    expect(value(r, cols.findIndex((c) => c.key === "KN_DAKETNAP"))).toBe(31);
    expect(value(r, cols.findIndex((c) => c.key === "CONLAI"))).toBe(222);
  });

  test("a ward: 'Không giao' cells, the total over the 40 given, the row over the 44 allocated, ratios to members", () => {
    const sheets = wardGrids();
    const summary = consolidate(analyzeWorkbook({ sheets }));
    const plan = summaryPlan(summary, { links: true });
    expect(checkEveryFormula(sheets, plan)).toBeGreaterThan(20 * 5);
    const value = evaluate(sheets, plan);
    const cols = summaryColumns(false, summary.unitNoun, true);
    const tyle = cols.findIndex((c) => c.key === "TYLE");
    const r = totalRowNumber(summary) - 1;
    expect(value(r, tyle)).toBe(29 / 40);
    expect(value(r + 1, tyle)).toBe(29 / 44);
    expect(value(r, cols.findIndex((c) => c.key === "DAUNAM"))).toBe(29 / 745);
  });

  test("with a missing and a blocked unit the engine agrees too", () => {
    const sheets = sampleGrids().filter((g) => g.name !== "TCCS05");
    setItem(findSheet(sheets, "TCCS06"), "DV_TONG", "ba");
    const summary = consolidate(analyzeWorkbook({ sheets }));
    expect(summary.included).toHaveLength(46);
    expect(checkEveryFormula(sheets, summaryPlan(summary, { links: true }))).toBeGreaterThan(46 * 5);
  });
});
