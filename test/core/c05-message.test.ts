/** C05's message shows what the KN_TYLE cell holds, says it was typed over, and asks for the formula back. */
import { analyzeWorkbook } from "../../src/core/analyze";
import { sampleGrids } from "../helpers/sample";
import { findSheet, rowOfCode, setItem } from "../helpers/grids";

function c05(value: number | string, formula?: string) {
  const sheets = sampleGrids();
  const g = findSheet(sheets, "TCCS01"); // 1 admitted of 12: 8,33…%
  setItem(g, "KN_TYLE", value);
  // Typed over: the cell holds no formula any more (unless the case gives one).
  const row = rowOfCode(g, "KN_TYLE") - 1;
  g.formulas ??= g.values.map((r) => r.map(() => null));
  g.formulas[row][3] = formula ?? null;
  const f = analyzeWorkbook({ sheets }).findings;
  expect(f.map((x) => x.rule)).toEqual(["C05"]);
  return f[0].message;
}

describe("C05 message", () => {
  test("the number 0,0833 typed over: shows 8,33% and the number, says typed over, gives enough decimals", () => {
    const m = c05(0.0833);
    expect(m).toContain("8,33% (số 0,0833)");
    expect(m).toContain("gõ đè");
    expect(m).toContain("1/12 = 8,333%");
    expect(m).toContain("Khôi phục công thức");
    expect(m).not.toContain("phải bằng 8,33%");
  });

  test("the text \"8,33%\" typed over: quoted as found", () => {
    const m = c05("8,33%");
    expect(m).toContain('chữ "8,33%" (chữ, không phải số) gõ đè');
    expect(m).toContain("Khôi phục công thức");
  });

  test("a cell that holds a formula with a wrong result is not called typed over", () => {
    const m = c05(0.5, "=D20/D10");
    expect(m).not.toContain("gõ đè");
    expect(m).toContain("không khớp công thức");
    expect(m).toContain("50,00%");
  });
});
