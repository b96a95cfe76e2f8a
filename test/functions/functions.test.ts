import fc from "fast-check";
import { ymdToSerial } from "../../src/core/dates";
import { IndicatorError } from "../../src/core/indicators";
import { UNEXPECTED_MESSAGE, guard, sumCounts, toDate, toOptionalText } from "../../src/functions/coerce";
import { CANTHANG, CONLAI, DUBAO, NHANXET, TIENDO, TYLE, XEPLOAI } from "../../src/functions/functions";
import { FakeCustomFunctionError, installCustomFunctionsGlobal } from "./customFunctionsGlobal";

installCustomFunctionsGlobal();

const d = (y: number, m: number, day: number) => ymdToSerial(y, m, day)!;
const AUG31 = d(2020, 8, 31);
const cell = (x: unknown) => [[x]];
const REFERENCE_SENTENCE =
  "Tính đến hết tháng 8/2020, Đảng bộ huyện Phú Bình mới kết nạp được 31 đảng viên, đạt 12,25% so với chỉ tiêu được giao (253 đảng viên).";

/** The Excel error a call throws (fails the test if it returns or throws anything else). */
function excelErrorOf(f: () => unknown): FakeCustomFunctionError {
  let result: unknown;
  try {
    result = f();
  } catch (e) {
    if (e instanceof FakeCustomFunctionError) return e;
    throw new Error(`expected a CustomFunctions.Error, got ${String(e)}`);
  }
  throw new Error(`expected a CustomFunctions.Error, got the result ${JSON.stringify(result)}`);
}

function expectExcelError(f: () => unknown, code: string): FakeCustomFunctionError {
  const e = excelErrorOf(f);
  expect(e.code).toBe(code);
  expect(e.message).toMatch(/[àáảãạăâđêôơưèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i);
  return e;
}

describe("argument coercion", () => {
  const label = "da_ket_nap";

  it("sums single values and ranges; blanks count 0", () => {
    expect(sumCounts([[31]], label)).toBe(31);
    expect(sumCounts(31, label)).toBe(31);
    expect(sumCounts([[1], [2], [null], [""], ["  "], [4]], label)).toBe(7);
    expect(sumCounts([[1, 2, 3], [4, null, 6]], label)).toBe(16);
    expect(sumCounts([[null]], label)).toBe(0);
    expect(sumCounts(null, label)).toBe(0);
  });

  it("reads numbers typed as text, Vietnamese notation included", () => {
    expect(sumCounts([[" 12 "], ["1.234"], ["2,5"]], label)).toBe(1248.5);
  });

  it("rejects text that is not a number, and booleans (#VALUE!)", () => {
    for (const bad of ["ba", "12 người", true, { error: "#REF!" }]) {
      let err: unknown;
      try {
        sumCounts([[1], [bad]], label);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(IndicatorError);
      expect((err as IndicatorError).kind).toBe("value");
      expect((err as IndicatorError).message).toContain(label);
    }
  });

  it("passes negative numbers on for the indicator to refuse", () => {
    expect(sumCounts([[-3], [1]], label)).toBe(-2);
  });

  it("reads dates as serials or dd/mm/yyyy text", () => {
    expect(toDate(AUG31, "ngay_chot", false)).toBe(AUG31);
    expect(toDate("31/08/2020", "ngay_chot", false)).toBe(AUG31);
    expect(toDate([["31/08/2020"]], "ngay_chot", false)).toBe(AUG31);
    expect(toDate(" 29/02/2020 ", "ngay_chot", false)).toBe(d(2020, 2, 29));
    expect(toDate(null, "ngay_dau", true)).toBeNull();
    expect(toDate(undefined, "ngay_dau", true)).toBeNull();
    expect(toDate("", "ngay_dau", true)).toBeNull();
    expect(() => toDate(null, "ngay_chot", false)).toThrow(IndicatorError);
    expect(() => toDate("31/02/2020", "ngay_chot", false)).toThrow(/ngay_chot/);
    expect(() => toDate("hôm nay", "ngay_chot", false)).toThrow(IndicatorError);
    expect(() => toDate([[1, 2]], "ngay_chot", false)).toThrow(IndicatorError);
    expect(() => toDate(true, "ngay_chot", false)).toThrow(IndicatorError);
  });

  it("reads an optional text", () => {
    expect(toOptionalText(null, "ten")).toBeUndefined();
    expect(toOptionalText("", "ten")).toBeUndefined();
    expect(toOptionalText(" Đảng bộ ", "ten")).toBe("Đảng bộ");
    expect(toOptionalText(12, "ten")).toBe("12");
  });

  it("guard maps IndicatorError by kind and hides other exceptions", () => {
    const make = (kind: string, message: string) => ({ kind, message });
    expect(() =>
      guard(() => {
        throw new IndicatorError("div0", "chia cho 0");
      }, make),
    ).toThrow(expect.objectContaining({ kind: "div0", message: "chia cho 0" }) as unknown as Error);
    let thrown: unknown;
    try {
      guard(() => {
        throw new TypeError("boom");
      }, make);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toEqual({ kind: "value", message: UNEXPECTED_MESSAGE });
    expect(guard(() => 42, make)).toBe(42);
    expect(() => guard(() => Number.POSITIVE_INFINITY, make)).toThrow();
  });
});

/**
 * What a blank cell becomes when Excel hands it to a scalar `any` parameter: 0 on Excel desktop,
 * null on Excel on the web (shared/notes/excel-api-facts.md §8). Both must give the same results.
 */
describe.each([
  ["Excel desktop", 0],
  ["Excel on the web", null],
] as const)("blank cells as %s sends them", (_host, blank) => {
  it("a blank date is the period's default, a blank required date is #VALUE!", () => {
    expect(toDate(blank, "ngay_dau", true)).toBeNull();
    expect(toDate([[blank]], "ngay_cuoi", true)).toBeNull();
    expect(() => toDate(blank, "ngay_chot", false)).toThrow(/chưa có ngày/);
    expectExcelError(() => TIENDO(cell(31), cell(253), blank as unknown as number), "#VALUE!");
  });

  it("TIENDO, DUBAO, CANTHANG and XEPLOAI with blank optional dates equal the call without them", () => {
    expect(TIENDO(cell(31), cell(253), AUG31, blank, blank)).toBeCloseTo(0.18379, 5);
    expect(TIENDO(cell(31), cell(253), AUG31, blank, blank)).toBe(TIENDO(cell(31), cell(253), AUG31));
    expect(DUBAO(cell(31), AUG31, blank, blank)).toBe(46.5);
    expect(CANTHANG(cell(31), cell(253), AUG31, blank)).toBe(55.5);
    expect(XEPLOAI(cell(31), cell(253), AUG31, blank, blank)).toBe("Rất chậm");
  });

  it("NHANXET with a blank name does not name anyone (never \"0 mới kết nạp\")", () => {
    const s = NHANXET(cell(31), cell(253), AUG31, blank);
    expect(s).toBe(REFERENCE_SENTENCE.replace("Đảng bộ huyện Phú Bình ", ""));
    expect(s).not.toMatch(/\b0 mới/);
    expect(toOptionalText(blank, "ten")).toBeUndefined();
  });

  it("blank cells inside a count range count 0", () => {
    expect(TYLE([[1], [blank], [30]], [[253], [blank]])).toBe(31 / 253);
  });
});

describe("PDV functions, reference case", () => {
  it("compute the published figures", () => {
    expect(TYLE(cell(31), cell(253))).toBe(31 / 253);
    expect(CONLAI(cell(31), cell(253))).toBe(222);
    expect(TIENDO(cell(31), cell(253), AUG31, null, null)).toBeCloseTo(0.18379, 5);
    expect(DUBAO(cell(31), AUG31, null, null)).toBe(46.5);
    expect(CANTHANG(cell(31), cell(253), AUG31, null)).toBe(55.5);
    expect(XEPLOAI(cell(31), cell(253), AUG31, null, null)).toBe("Rất chậm");
    expect(NHANXET(cell(31), cell(253), AUG31, "Đảng bộ huyện Phú Bình")).toBe(REFERENCE_SENTENCE);
  });

  it("accept dates as text and omitted optionals as null or undefined", () => {
    expect(TIENDO(cell(31), cell(253), "31/08/2020", "01/01/2020", "31/12/2020")).toBe(
      TIENDO(cell(31), cell(253), AUG31, null, null),
    );
    expect(DUBAO(cell(31), "31/08/2020")).toBe(46.5);
    expect(NHANXET(cell(31), cell(253), "31/08/2020", null as unknown as string)).toBe(
      REFERENCE_SENTENCE.replace("Đảng bộ huyện Phú Bình ", ""),
    );
  });

  it("sum ranges first: the ratio of sums, not an average of ratios", () => {
    const admitted = [[1], [30], [null]];
    const target = [[2], [251], [""]];
    expect(TYLE(admitted, target)).toBe(31 / 253);
    expect(TYLE(admitted, target)).not.toBeCloseTo((1 / 2 + 30 / 251) / 2, 3);
    expect(CONLAI(admitted, target)).toBe(222);
    expect(NHANXET(admitted, target, AUG31, "Đảng bộ huyện Phú Bình")).toBe(REFERENCE_SENTENCE);
  });

  it("say mid-month dates in full", () => {
    expect(NHANXET(cell(31), cell(253), "15/08/2020")).toMatch(/^Tính đến ngày 15\/08\/2020, mới kết nạp được 31/);
  });

  it("write as reports do (issue 13): 'vượt x%' over the target, 'Năm 2021' for a whole year, whole people", () => {
    expect(NHANXET(cell(127), cell(120), "31/12/2021", "Đảng bộ huyện Nhơn Trạch")).toBe(
      "Năm 2021, Đảng bộ huyện Nhơn Trạch đã kết nạp được 127 đảng viên, vượt 5,83% so với chỉ tiêu được giao (120 đảng viên).",
    );
    expectExcelError(() => NHANXET(cell(46.5), cell(253), AUG31), "#NUM!");
  });
});

describe("PDV functions, Excel errors", () => {
  it("target 0 → #DIV/0!", () => {
    expectExcelError(() => TYLE(cell(31), cell(0)), "#DIV/0!");
    expectExcelError(() => TYLE(cell(31), [[null], [""]]), "#DIV/0!");
    expectExcelError(() => TIENDO(cell(31), cell(0), AUG31), "#DIV/0!");
    expectExcelError(() => XEPLOAI(cell(31), cell(0), AUG31), "#DIV/0!");
    expectExcelError(() => NHANXET(cell(31), cell(0), AUG31), "#DIV/0!");
    expect(CONLAI(cell(31), cell(0))).toBe(0);
  });

  it("negative counts and dates outside the period → #NUM!", () => {
    expectExcelError(() => TYLE(cell(-1), cell(253)), "#NUM!");
    expectExcelError(() => CONLAI(cell(31), cell(-253)), "#NUM!");
    expectExcelError(() => TIENDO(cell(31), cell(253), "05/01/2021", "01/01/2020", "31/12/2020"), "#NUM!");
    expectExcelError(() => DUBAO(cell(31), AUG31, "01/09/2020"), "#NUM!");
    expectExcelError(() => XEPLOAI(cell(31), cell(253), AUG31, "31/12/2020", "01/01/2020"), "#NUM!");
    expectExcelError(() => CANTHANG(cell(31), cell(253), AUG31, "30/06/2020"), "#NUM!");
    expectExcelError(() => DUBAO(cell(31), -1), "#NUM!");
  });

  it("text that is not a number or a date → #VALUE!", () => {
    const e = expectExcelError(() => TYLE([[1], ["ba"]], cell(253)), "#VALUE!");
    expect(e.message).toContain("\"ba\" không phải là số");
    expectExcelError(() => CONLAI(cell("12 người"), cell(253)), "#VALUE!");
    expectExcelError(() => TIENDO(cell(31), cell(253), "31/02/2020"), "#VALUE!");
    expectExcelError(() => DUBAO(cell(31), "hôm nay"), "#VALUE!");
    expectExcelError(() => XEPLOAI(cell(31), cell(253), null as unknown as number), "#VALUE!");
    expectExcelError(() => NHANXET(cell(true), cell(253), AUG31), "#VALUE!");
  });

  it("no remaining month with members still to admit → #DIV/0!", () => {
    expectExcelError(() => CANTHANG(cell(31), cell(253), "31/12/2020"), "#DIV/0!");
    expect(CANTHANG(cell(253), cell(253), "31/12/2020")).toBe(0);
  });

  it("never lets anything but a CustomFunctions.Error escape (property)", () => {
    const anyCell = fc.oneof(
      fc.constant(null),
      fc.constant(""),
      fc.double(),
      fc.integer({ min: -10, max: 1000 }),
      fc.string(),
      fc.boolean(),
      fc.constantFrom("1.234", "12,5", "31/08/2020", "31/02/2020"),
    );
    const range = fc.array(fc.array(anyCell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(range, range, anyCell, anyCell, anyCell, (a, t, asOf, start, end) => {
        const calls: (() => unknown)[] = [
          () => TYLE(a, t),
          () => CONLAI(a, t),
          () => TIENDO(a, t, asOf as number, start as number, end as number),
          () => DUBAO(a, asOf as number, start as number, end as number),
          () => CANTHANG(a, t, asOf as number, end as number),
          () => XEPLOAI(a, t, asOf as number, start as number, end as number),
          () => NHANXET(a, t, asOf as number, start as string),
        ];
        for (const call of calls) {
          try {
            const r = call();
            if (typeof r === "number") expect(Number.isFinite(r)).toBe(true);
            else expect(typeof r).toBe("string");
          } catch (e) {
            expect(e).toBeInstanceOf(FakeCustomFunctionError);
            expect(["#DIV/0!", "#NUM!", "#VALUE!"]).toContain((e as FakeCustomFunctionError).code);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("PDV functions, properties", () => {
  it("TYLE(a; t) · t = a", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (a, t) => {
        expect(TYLE(cell(a), cell(t)) * t).toBeCloseTo(a, 6);
      }),
    );
  });

  it("CONLAI ≥ 0", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 1 }), fc.array(fc.nat(1000), { minLength: 1 }), (a, t) => {
        expect(CONLAI(a.map((x) => [x]), t.map((x) => [x]))).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("XEPLOAI is monotone in da_ket_nap", () => {
    const rank = ["Đã hoàn thành", "Đúng tiến độ", "Chậm tiến độ", "Rất chậm"];
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 366 }), (x, y, t, day) => {
        const asOf = d(2020, 1, 1) + day - 1;
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const r = (a: number) => rank.indexOf(XEPLOAI(cell(a), cell(t), asOf, null, null));
        expect(r(hi)).toBeLessThanOrEqual(r(lo));
        expect(r(lo)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
