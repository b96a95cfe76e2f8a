/**
 * The preview's formula evaluator (src/preview/formulas.ts) over a fake workbook: the formulas PDV
 * writes (unit form KN_TYLE, TongHop links, SUM, subtotals, PDV.* through registered functions).
 */
import { createFakeExcel } from "../../src/host/fake-excel";
import { findSheet } from "../../src/host/fake-book";
import { Evaluator, recalculate } from "../../src/preview/formulas";
import type { CustomFunction, EvalEnv } from "../../src/preview/formulas";

class FnError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

function setup() {
  const { host } = createFakeExcel({
    sheets: [
      { name: "Tân Đức", values: [[null, null, null, 12], [null, null, null, 3], ["x", "ba", null, null]] },
      { name: "TCCS01", values: [[10, 20, 30]], formulas: [[null, null, null, "=SUM(A1:C1)"]] },
    ],
  });
  const functions = new Map<string, CustomFunction>([
    ["TYLE", (a, t) => {
      const sum = (v: unknown): number => (Array.isArray(v) ? v.flat(2).reduce((s: number, x) => s + (Number(x) || 0), 0) : Number(v));
      if (sum(t) === 0) throw new FnError("#DIV/0!");
      return sum(a) / sum(t);
    }],
  ]);
  const env: EvalEnv = { book: host.book, functions, errorCode: (e) => (e instanceof FnError ? e.code : null) };
  const on = (name: string) => findSheet(host.book, name)!;
  return { host, env, ev: new Evaluator(env), on };
}

test("references, quoted sheet names with diacritics, arithmetic, IF and the empty string", () => {
  const { ev, on } = setup();
  expect(ev.formula("='Tân Đức'!D1", on("TCCS01"))).toBe(12);
  expect(ev.formula('=IF(D1=0,"",D2/D1)', on("Tân Đức"))).toBe(0.25);
  expect(ev.formula('=IF(D3=0,"",D2/D3)', on("Tân Đức"))).toBe("");
  expect(ev.formula("=TCCS01!A1+TCCS01!B1*2-1", on("Tân Đức"))).toBe(49);
  expect(ev.formula("=D1", on("TCCS01"))).toBe(60); // a formula cell is evaluated, not read stale
  expect(ev.formula("=DATE(2020,8,31)", on("TCCS01"))).toBe(44074);
});

test("errors follow Excel: text in arithmetic, division by zero, unknown names and sheets", () => {
  const { ev, on } = setup();
  expect(ev.formula("=B3+1", on("Tân Đức"))).toEqual({ error: "#VALUE!" });
  expect(ev.formula("=D1/D3", on("Tân Đức"))).toEqual({ error: "#DIV/0!" });
  expect(ev.formula("=NOPE(1)", on("Tân Đức"))).toEqual({ error: "#NAME?" });
  expect(ev.formula("='Không có'!A1", on("Tân Đức"))).toEqual({ error: "#REF!" });
  expect(ev.formula("=((", on("Tân Đức"))).toEqual({ error: "#NAME?" });
});

test("PDV.* calls the registered custom function with references as matrices; its thrown error becomes the cell's", () => {
  const { ev, on } = setup();
  expect(ev.formula("=PDV.TYLE(D2,D1)", on("Tân Đức"))).toBe(0.25);
  expect(ev.formula("=PDV.TYLE(TCCS01!A1:C1,60)", on("Tân Đức"))).toBe(1);
  expect(ev.formula("=PDV.TYLE(D2,D3)", on("Tân Đức"))).toEqual({ error: "#DIV/0!" });
  expect(ev.formula("=PDV.CONLAI(D2,D1)", on("Tân Đức"))).toEqual({ error: "#NAME?" });
});

test("recalculate refreshes every formula cell after its sources change", () => {
  const { host, env } = setup();
  host.setCell("TCCS01", "A1", 100);
  recalculate(env);
  expect(host.dump("TCCS01").values[0][3]).toBe(150);
  host.setCell("TCCS01", "E1", "=A1/0");
  recalculate(env);
  expect(host.dump("TCCS01").values[0][4]).toBe("#DIV/0!");
});

test("blank cells reach a custom function as 0 (Excel desktop) or null (Excel on the web)", () => {
  const { env, on } = setup();
  const seen: unknown[] = [];
  env.functions.set("SEE", (a) => {
    seen.push(a);
    return 1;
  });
  new Evaluator({ ...env, blankCells: 0 }).formula("=PDV.SEE(C1:D1)", on("Tân Đức"));
  new Evaluator({ ...env, blankCells: null }).formula("=PDV.SEE(C1:D1)", on("Tân Đức"));
  expect(seen).toEqual([[[0, 12]], [[null, 12]]]);
});
