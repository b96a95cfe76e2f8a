import fc from "fast-check";
import {
  MAX_SERIAL,
  daysInMonth,
  daysInclusive,
  endOfYear,
  formatDate,
  formatMonthYear,
  isLastDayOfMonth,
  isLeapYear,
  lastDayOfMonth,
  monthPosition,
  parseDateText,
  readDateText,
  serialToYmd,
  startOfYear,
  yearOf,
  ymdToSerial,
} from "../../src/core/dates";

describe("Excel serials, 1900 date system", () => {
  it.each([
    [1, 1900, 1, 1],
    [31, 1900, 1, 31],
    [59, 1900, 2, 28],
    [60, 1900, 2, 29], // Excel's phantom day
    [61, 1900, 3, 1],
    [366, 1900, 12, 31],
    [367, 1901, 1, 1],
    [43831, 2020, 1, 1],
    [43890, 2020, 2, 29],
    [44074, 2020, 8, 31],
    [44058, 2020, 8, 15],
    [44196, 2020, 12, 31],
    [44079, 2020, 9, 5],
    [MAX_SERIAL, 9999, 12, 31],
  ])("serial %d is %d-%d-%d and back", (serial, y, m, d) => {
    expect(serialToYmd(serial)).toEqual({ y, m, d });
    expect(ymdToSerial(y, m, d)).toBe(serial);
  });

  it("drops the time of day", () => {
    expect(serialToYmd(44074.75)).toEqual({ y: 2020, m: 8, d: 31 });
  });

  it("rejects what is not a date", () => {
    expect(ymdToSerial(2020, 2, 30)).toBeNull();
    expect(ymdToSerial(2021, 2, 29)).toBeNull();
    expect(ymdToSerial(2020, 13, 1)).toBeNull();
    expect(ymdToSerial(1899, 12, 31)).toBeNull();
    expect(ymdToSerial(10000, 1, 1)).toBeNull();
    expect(() => serialToYmd(0)).toThrow(RangeError);
    expect(() => serialToYmd(MAX_SERIAL + 1)).toThrow(RangeError);
    expect(() => serialToYmd(Number.NaN)).toThrow(RangeError);
  });

  it("round-trips every serial (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_SERIAL }), (s) => {
        const { y, m, d } = serialToYmd(s);
        expect(ymdToSerial(y, m, d)).toBe(s);
      }),
    );
  });

  it("consecutive serials are consecutive days (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_SERIAL - 1 }), (s) => {
        const a = serialToYmd(s);
        const b = serialToYmd(s + 1);
        if (a.d < daysInMonth(a.y, a.m)) expect(b).toEqual({ y: a.y, m: a.m, d: a.d + 1 });
        else if (a.m < 12) expect(b).toEqual({ y: a.y, m: a.m + 1, d: 1 });
        else expect(b).toEqual({ y: a.y + 1, m: 1, d: 1 });
      }),
    );
  });
});

describe("months and years", () => {
  it("knows leap years and month lengths", () => {
    expect(isLeapYear(2020)).toBe(true);
    expect(isLeapYear(2021)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(isLeapYear(2100)).toBe(false);
    expect(daysInMonth(2020, 2)).toBe(29);
    expect(daysInMonth(2021, 2)).toBe(28);
    expect(daysInMonth(2020, 8)).toBe(31);
    expect(daysInMonth(2020, 9)).toBe(30);
  });

  it("finds the last day of a month", () => {
    expect(lastDayOfMonth(44058)).toBe(44074);
    expect(formatDate(lastDayOfMonth(ymdToSerial(2020, 2, 3)!))).toBe("29/02/2020");
    expect(formatDate(lastDayOfMonth(ymdToSerial(2021, 2, 3)!))).toBe("28/02/2021");
    expect(isLastDayOfMonth(44074)).toBe(true);
    expect(isLastDayOfMonth(44058)).toBe(false);
    expect(isLastDayOfMonth(ymdToSerial(2020, 2, 29)!)).toBe(true);
    expect(isLastDayOfMonth(ymdToSerial(2020, 2, 28)!)).toBe(false);
    expect(isLastDayOfMonth(ymdToSerial(2020, 9, 30)!)).toBe(true);
  });

  it("gives the year's bounds and counts days inclusively", () => {
    expect(startOfYear(2020)).toBe(43831);
    expect(endOfYear(2020)).toBe(44196);
    expect(yearOf(44074)).toBe(2020);
    expect(daysInclusive(43831, 44074)).toBe(244);
    expect(daysInclusive(43831, 44196)).toBe(366);
    expect(daysInclusive(44074, 44074)).toBe(1);
  });

  it("places a day on a month scale", () => {
    expect(monthPosition(44196) - monthPosition(44074)).toBe(4);
    expect(monthPosition(44196) - monthPosition(44058)).toBeCloseTo(4 + 16 / 31, 12);
  });
});

describe("text dates", () => {
  it.each([
    ["31/08/2020", 44074],
    ["1/1/2020", 43831],
    ["01/1/2020", 43831],
    ["  15/08/2020 ", 44058],
    ["\u00a015/08/2020", 44058],
    ["29/02/2020", 43890],
    ["15-08-2020", 44058],
    ["15.08.2020", 44058],
    ["ngày 15/08/2020", 44058],
    ["Ngày 15-8-2020", 44058],
    ["2020-08-15", 44058],
    ["2020/8/15", 44058],
    ["2020-08-15T00:00:00", 44058],
    ["2020-08-15 13:45:10", 44058],
    ["2020-08-15T23:59:59.999+07:00", 44058],
    ["ngày 15 tháng 8 năm 2020", 44058],
    ["Ngày 15 tháng 08 năm 2020", 44058],
    ["15 tháng 8 năm 2020", 44058],
    ["ngày  15  tháng 8, năm 2020", 44058],
    ["ngày 15 tháng 8 năm 2020".normalize("NFD"), 44058],
    ["15/08/2020\u200b", 44058],
    ["\ufeff15/08/2020", 44058],
    ["１５/０８/２０２０", 44058],
  ])("parses %j", (text, serial) => {
    expect(parseDateText(text)).toBe(serial);
  });

  it.each(["31/02/2020", "29/02/2021", "32/01/2020", "00/01/2020", "15/13/2020", "15/08/20", "15/08-2020", "15/08/2020x", "", "08/15/2020", "2020-13-01", "2020-02-30", "15 tháng 8", "tháng 8 năm 2020", "Hà Nội, ngày 15 tháng 8 năm 2020", "15082020", "44058", "2020-08", "15/08/1899"])(
    "rejects %j",
    (text) => {
      expect(parseDateText(text)).toBeNull();
    },
  );

  it.each([
    ["31/02/2020", { kind: "impossible", y: 2020, m: 2, d: 31, form: "dmy" }],
    ["08/15/2020", { kind: "impossible", y: 2020, m: 15, d: 8, form: "dmy" }],
    ["2020-13-01", { kind: "impossible", y: 2020, m: 13, d: 1, form: "ymd" }],
    ["ngày 30 tháng 2 năm 2021", { kind: "impossible", y: 2021, m: 2, d: 30, form: "words" }],
    ["15/08/1899", { kind: "impossible", y: 1899, m: 8, d: 15, form: "dmy" }],
    ["15/08/20", { kind: "short-year" }],
    ["15-8-20", { kind: "short-year" }],
    ["15 tháng 8", { kind: "not-date" }],
    ["2020-08-15", { kind: "date", serial: 44058, form: "ymd" }],
    ["15.08.2020", { kind: "date", serial: 44058, form: "dmy" }],
    ["15 tháng 8 năm 2020", { kind: "date", serial: 44058, form: "words" }],
  ])("says what %j is", (text, reading) => {
    expect(readDateText(text)).toEqual(reading);
  });

  it("formats dd/mm/yyyy and m/yyyy", () => {
    expect(formatDate(44074)).toBe("31/08/2020");
    expect(formatDate(43831)).toBe("01/01/2020");
    expect(formatDate(60)).toBe("29/02/1900");
    expect(formatMonthYear(44074)).toBe("8/2020");
    expect(formatMonthYear(44196)).toBe("12/2020");
  });

  it("formats then parses back (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: MAX_SERIAL }), (s) => {
        expect(parseDateText(formatDate(s))).toBe(s);
      }),
    );
  });
});
