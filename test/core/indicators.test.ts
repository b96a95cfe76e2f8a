import fc from "fast-check";
import { ymdToSerial } from "../../src/core/dates";
import {
  CLASS_ORDER,
  IndicatorError,
  LABEL_BEHIND,
  LABEL_DONE,
  LABEL_ON_TRACK,
  LABEL_VERY_BEHIND,
  classify,
  classifyKey,
  elapsedShare,
  forecast,
  monthsRemaining,
  onSchedule,
  perMonthNeeded,
  progress,
  ratio,
  remaining,
  resolvePeriod,
} from "../../src/core/indicators";

const d = (y: number, m: number, day: number) => ymdToSerial(y, m, day)!;
const AUG31 = d(2020, 8, 31);
const AUG15 = d(2020, 8, 15);
const JAN1 = d(2020, 1, 1);
const DEC31 = d(2020, 12, 31);

function errorOf(f: () => unknown): IndicatorError {
  try {
    f();
  } catch (e) {
    if (e instanceof IndicatorError) return e;
    throw new Error(`expected an IndicatorError, got ${String(e)}`);
  }
  throw new Error("expected an IndicatorError, nothing was thrown");
}

function expectKind(f: () => unknown, kind: IndicatorError["kind"]): IndicatorError {
  const e = errorOf(f);
  expect(e.kind).toBe(kind);
  expect(e.message).toMatch(/[àáảãạăâđêôơưèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i);
  return e;
}

describe("the reference case: 31 admitted of 253, as of 31/08/2020, calendar year 2020", () => {
  it("TYLE = 31/253", () => {
    expect(ratio(31, 253)).toBe(31 / 253);
    expect(ratio(31, 253)).toBeCloseTo(0.122529, 5);
  });
  it("CONLAI = 222", () => expect(remaining(31, 253)).toBe(222));
  it("the elapsed share is 244/366", () => expect(elapsedShare(AUG31)).toBeCloseTo(244 / 366, 15));
  it("TIENDO = 0.18379…", () => {
    expect(progress(31, 253, AUG31)).toBeCloseTo((31 / 253) / (244 / 366), 12);
    expect(progress(31, 253, AUG31)).toBeCloseTo(0.18379, 5);
  });
  it("DUBAO = 46.5", () => expect(forecast(31, AUG31)).toBe(46.5));
  it("CANTHANG = 222 / 4 = 55.5", () => {
    expect(monthsRemaining(AUG31)).toBe(4);
    expect(perMonthNeeded(31, 253, AUG31)).toBe(55.5);
  });
  it("XEPLOAI = Rất chậm", () => {
    expect(classify(31, 253, AUG31)).toBe("Rất chậm");
    expect(classify(31, 253, AUG31)).toBe(LABEL_VERY_BEHIND);
    expect(onSchedule(31, 253, AUG31)).toBe(false);
  });
  it("explicit default period gives the same results", () => {
    expect(progress(31, 253, AUG31, JAN1, DEC31)).toBe(progress(31, 253, AUG31));
    expect(forecast(31, AUG31, null, null)).toBe(46.5);
    expect(perMonthNeeded(31, 253, AUG31, DEC31)).toBe(55.5);
  });
});

describe("periods", () => {
  it("counts days inclusively, with 29/02 in a leap year", () => {
    expect(elapsedShare(d(2020, 2, 29))).toBeCloseTo(60 / 366, 15);
    expect(elapsedShare(d(2021, 2, 28))).toBeCloseTo(59 / 365, 15);
    expect(elapsedShare(JAN1)).toBeCloseTo(1 / 366, 15);
    expect(elapsedShare(DEC31)).toBe(1);
  });

  it("defaults to asOf's year", () => {
    expect(resolvePeriod(AUG31)).toEqual({ asOf: AUG31, start: JAN1, end: DEC31 });
    expect(resolvePeriod(AUG31 + 0.5)).toEqual({ asOf: AUG31, start: JAN1, end: DEC31 });
  });

  it("accepts a custom period (a school year)", () => {
    const start = d(2020, 6, 1);
    const end = d(2021, 5, 31);
    // 01/06/2020–31/08/2020 is 92 days of 365
    expect(elapsedShare(AUG31, start, end)).toBeCloseTo(92 / 365, 15);
    expect(forecast(10, AUG31, start, end)).toBeCloseTo((10 * 365) / 92, 12);
    expect(monthsRemaining(AUG31, end)).toBe(9);
  });

  it("rejects a date outside the period, or start after end (#NUM!)", () => {
    expectKind(() => progress(31, 253, d(2021, 1, 1), JAN1, DEC31), "num");
    expectKind(() => progress(31, 253, d(2019, 12, 31), JAN1, DEC31), "num");
    expectKind(() => forecast(31, AUG31, d(2020, 9, 1)), "num");
    expectKind(() => forecast(31, AUG31, null, d(2020, 8, 30)), "num");
    expectKind(() => classify(31, 253, AUG31, DEC31, JAN1), "num");
    expectKind(() => monthsRemaining(AUG31, d(2020, 8, 30)), "num");
    expectKind(() => perMonthNeeded(31, 253, AUG31, d(2020, 6, 30)), "num");
    const e = expectKind(() => progress(31, 253, d(2021, 1, 1), JAN1, DEC31), "num");
    expect(e.message).toContain("01/01/2021");
    expect(e.message).toContain("01/01/2020 – 31/12/2020");
  });

  it("rejects serials that are not dates (#NUM!) and non-numbers (#VALUE!)", () => {
    expectKind(() => forecast(31, 0), "num");
    expectKind(() => forecast(31, -5), "num");
    expectKind(() => forecast(31, 3e6), "num");
    expectKind(() => forecast(31, Number.NaN), "value");
    expectKind(() => forecast(31, AUG31, Number.POSITIVE_INFINITY), "value");
  });
});

describe("remaining months (CANTHANG)", () => {
  it("is whole after a month's last day", () => {
    expect(monthsRemaining(d(2020, 9, 30))).toBe(3);
    expect(monthsRemaining(d(2020, 1, 31))).toBe(11);
    expect(monthsRemaining(d(2020, 2, 29))).toBe(10);
    expect(monthsRemaining(d(2021, 2, 28))).toBe(10);
  });

  it("adds the unelapsed part of asOf's month mid-month", () => {
    expect(monthsRemaining(AUG15)).toBeCloseTo(4 + 16 / 31, 12);
    expect(monthsRemaining(d(2020, 2, 28))).toBeCloseTo(10 + 1 / 29, 12);
    expect(perMonthNeeded(31, 253, AUG15)).toBeCloseTo(222 / (4 + 16 / 31), 12);
    expect(monthsRemaining(JAN1)).toBeCloseTo(11 + 30 / 31, 12);
  });

  it("is 0 on the period's last day: 0 when nothing remains, else #DIV/0!", () => {
    expect(monthsRemaining(DEC31)).toBe(0);
    expect(perMonthNeeded(253, 253, DEC31)).toBe(0);
    expect(perMonthNeeded(300, 253, DEC31)).toBe(0);
    expectKind(() => perMonthNeeded(31, 253, DEC31), "div0");
  });

  it("is 0 when the target is reached or is 0 (nothing to divide)", () => {
    expect(perMonthNeeded(253, 253, AUG31)).toBe(0);
    expect(perMonthNeeded(5, 0, AUG31)).toBe(0);
  });
});

describe("errors of counts", () => {
  it("target 0 → #DIV/0! where the target divides", () => {
    expectKind(() => ratio(31, 0), "div0");
    expectKind(() => ratio(0, 0), "div0");
    expectKind(() => progress(31, 0, AUG31), "div0");
    expectKind(() => classify(31, 0, AUG31), "div0");
  });

  it("CONLAI with target 0 is 0", () => {
    expect(remaining(0, 0)).toBe(0);
    expect(remaining(3, 0)).toBe(0);
  });

  it("negative counts → #NUM!", () => {
    expectKind(() => ratio(-1, 253), "num");
    expectKind(() => ratio(31, -253), "num");
    expectKind(() => remaining(-1, 253), "num");
    expectKind(() => remaining(31, -1), "num");
    expectKind(() => forecast(-1, AUG31), "num");
    expectKind(() => perMonthNeeded(31, -1, AUG31), "num");
    expectKind(() => classify(-1, 253, AUG31), "num");
  });

  it("non-finite counts → #VALUE!", () => {
    expectKind(() => ratio(Number.NaN, 253), "value");
    expectKind(() => ratio(31, Number.POSITIVE_INFINITY), "value");
    expectKind(() => remaining(Number.NEGATIVE_INFINITY, 3), "value");
    expectKind(() => ratio("31" as unknown as number, 253), "value");
  });

  it("IndicatorError is an Error", () => {
    const e = errorOf(() => ratio(1, 0));
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("IndicatorError");
  });
});

describe("XEPLOAI thresholds", () => {
  // 2020: 244 of 366 days elapsed by 31/08; on schedule means admitted/target ≥ 244/366 = 2/3.
  it.each([
    [253, 253, LABEL_DONE],
    [300, 253, LABEL_DONE],
    [2, 3, LABEL_ON_TRACK], // exactly on schedule
    [200, 253, LABEL_ON_TRACK],
    [1, 3, LABEL_BEHIND], // progress exactly 0.5
    [100, 253, LABEL_BEHIND],
    [84, 253, LABEL_VERY_BEHIND],
    [0, 253, LABEL_VERY_BEHIND],
  ])("%d of %d by 31/08/2020 → %s", (a, t, label) => {
    expect(classify(a, t, AUG31)).toBe(label);
  });

  it("follows TIENDO", () => {
    expect(progress(2, 3, AUG31)).toBeCloseTo(1, 12);
    expect(progress(1, 3, AUG31)).toBeCloseTo(0.5, 12);
    expect(onSchedule(2, 3, AUG31)).toBe(true);
    expect(onSchedule(253, 253, AUG31)).toBe(true);
  });

  it("uses the period: on 31/12 anything short of the target is behind", () => {
    expect(classify(252, 253, DEC31)).toBe(LABEL_BEHIND);
    expect(classify(126, 253, DEC31)).toBe(LABEL_VERY_BEHIND);
    expect(classify(1, 253, JAN1)).toBe(LABEL_ON_TRACK);
  });
});

describe("properties", () => {
  const count = fc.integer({ min: 0, max: 100000 });
  const positive = fc.integer({ min: 1, max: 100000 });
  const dayOf2020 = fc.integer({ min: JAN1, max: DEC31 });

  it("TYLE(a; t) · t = a", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.double({ min: 1e-6, max: 1e9, noNaN: true }), (a, t) => {
        const r = ratio(a, t);
        expect(Math.abs(r * t - a)).toBeLessThanOrEqual(1e-9 * Math.max(1, a));
      }),
    );
  });

  it("CONLAI ≥ 0 and CONLAI + a ≥ t", () => {
    fc.assert(
      fc.property(count, count, (a, t) => {
        const r = remaining(a, t);
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r + a).toBeGreaterThanOrEqual(t);
      }),
    );
  });

  it("XEPLOAI is monotone in da_ket_nap", () => {
    fc.assert(
      fc.property(count, count, positive, dayOf2020, (a, b, t, asOf) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const rank = (x: number) => CLASS_ORDER.indexOf(classifyKey(x, t, asOf));
        expect(rank(hi)).toBeLessThanOrEqual(rank(lo));
      }),
    );
  });

  it("XEPLOAI agrees with TIENDO away from the thresholds", () => {
    fc.assert(
      fc.property(count, positive, dayOf2020, (a, t, asOf) => {
        const p = progress(a, t, asOf);
        const key = classifyKey(a, t, asOf);
        if (a >= t) expect(key).toBe("done");
        else if (p > 1 + 1e-9) expect(key).toBe("onTrack");
        else if (p < 1 - 1e-9 && p > 0.5 + 1e-9) expect(key).toBe("behind");
        else if (p < 0.5 - 1e-9) expect(key).toBe("veryBehind");
      }),
    );
  });

  it("DUBAO / t = TIENDO, and DUBAO at the period's end is the count", () => {
    fc.assert(
      fc.property(count, positive, dayOf2020, (a, t, asOf) => {
        expect(forecast(a, asOf) / t).toBeCloseTo(progress(a, t, asOf), 9);
        expect(forecast(a, DEC31)).toBe(a);
      }),
    );
  });

  it("CANTHANG · months = CONLAI", () => {
    fc.assert(
      fc.property(count, count, fc.integer({ min: JAN1, max: DEC31 - 1 }), (a, t, asOf) => {
        expect(perMonthNeeded(a, t, asOf) * monthsRemaining(asOf)).toBeCloseTo(remaining(a, t), 6);
      }),
    );
  });

  it("months remaining fall as the date moves on", () => {
    fc.assert(
      fc.property(dayOf2020, dayOf2020, (x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        expect(monthsRemaining(hi)).toBeLessThanOrEqual(monthsRemaining(lo));
        expect(monthsRemaining(lo)).toBeLessThan(12);
      }),
    );
  });
});
