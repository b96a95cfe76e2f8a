import fc from "fast-check";
import {
  compareVi,
  formatInteger,
  formatNumber,
  formatPercent,
  nameKey,
  nfc,
  parseViNumber,
  readNumberText,
  roundHalfAway,
  sameName,
} from "../../src/core/vi";

describe("names", () => {
  it("normalises to NFC", () => {
    const nfd = "Phú Bình".normalize("NFD");
    expect(nfd).not.toBe("Phú Bình");
    expect(nfc(nfd)).toBe("Phú Bình");
  });

  it.each([
    ["Xã Tân Hòa", "Xã Tân Hoà"],
    ["Thủy", "Thuỷ"],
    ["Khỏe", "Khoẻ"],
    ["Hóa", "Hoá"],
    ["Thụy Điển", "Thuỵ Điển"],
    ["xã   TÂN hòa ", "Xã Tân Hoà"],
    ["Xã Tân Hòa".normalize("NFD"), "Xã Tân Hoà"],
    ["Xã Tân Hoà".normalize("NFD"), "xã tân hòa"],
    ["Đảng bộ Quân sự huyện", "đảng bộ quân sự huyện"],
    ["Trường\u00a0THPT Điềm Thụy", "Trường THPT Điềm Thuỵ"],
  ])("%j is the same name as %j", (a, b) => {
    expect(sameName(a, b)).toBe(true);
    expect(nameKey(a)).toBe(nameKey(b));
  });

  it.each([
    ["Hòa", "Hóa"],
    ["Hòa", "Hoa"],
    ["Tân Đức", "Tân Dức"],
    ["Xã Bảo Lý", "Xã Bảo Ly"],
    ["Thủy", "Thúy"],
    ["Xã Tân Hòa", "Xã Tân Hà"],
    ["Hương Sơn", "Huong Son"],
    ["Lương", "Luông"],
  ])("%j is not the same name as %j", (a, b) => {
    expect(sameName(a, b)).toBe(false);
  });

  it("is insensitive to NFD and case (property)", () => {
    const letters = fc.constantFrom(..."aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ ".split(""));
    fc.assert(
      fc.property(fc.array(letters, { maxLength: 20 }), (chars) => {
        const s = chars.join("");
        expect(nameKey(s.normalize("NFD").toUpperCase())).toBe(nameKey(s));
      }),
    );
  });

  it("sorts in Vietnamese order", () => {
    const names = ["Xã Đồng Liên", "Xã Dương Thành", "Xã Bảo Lý", "Xã Bàn Đạt", "Xã Ba Vì", "Xã 10", "Xã 2"];
    expect([...names].sort(compareVi)).toEqual(["Xã 2", "Xã 10", "Xã Ba Vì", "Xã Bàn Đạt", "Xã Bảo Lý", "Xã Dương Thành", "Xã Đồng Liên"]);
  });
});

describe("vi-VN numbers out", () => {
  it("formats integers with a thousands dot", () => {
    expect(formatInteger(7335)).toBe("7.335");
    expect(formatInteger(253)).toBe("253");
    expect(formatInteger(0)).toBe("0");
    expect(formatInteger(1234567)).toBe("1.234.567");
    expect(formatInteger(-1234)).toBe("-1.234");
    expect(formatInteger(1000)).toBe("1.000");
    expect(formatInteger(46.5)).toBe("47");
  });

  it("formats numbers with a decimal comma and no trailing zeros", () => {
    expect(formatNumber(46.5, 2)).toBe("46,5");
    expect(formatNumber(55.5, 1)).toBe("55,5");
    expect(formatNumber(7335)).toBe("7.335");
    expect(formatNumber(1234.5)).toBe("1.234,5");
    expect(formatNumber(0.18379, 3)).toBe("0,184");
    expect(formatNumber(2.0001, 2)).toBe("2");
    expect(formatNumber(-0.001, 2)).toBe("0");
    expect(formatNumber(1.005, 2)).toBe("1,01");
  });

  it("formats percentages with fixed decimals", () => {
    expect(formatPercent(31 / 253, 2)).toBe("12,25%");
    expect(formatPercent(0.122529, 2)).toBe("12,25%");
    expect(formatPercent(1, 2)).toBe("100,00%");
    expect(formatPercent(12.3456, 1)).toBe("1.234,6%");
    expect(formatPercent(0.5, 0)).toBe("50%");
  });

  it("rounds halves away from zero", () => {
    expect(roundHalfAway(2.5, 0)).toBe(3);
    expect(roundHalfAway(-2.5, 0)).toBe(-3);
    expect(roundHalfAway(0.125, 2)).toBe(0.13);
  });
});

describe("numbers typed as text", () => {
  it.each([
    [" 12 ", 12, "plain"],
    ["0", 0, "plain"],
    ["12.5", 12.5, "plain"],
    ["1.234", 1234, "vi"],
    ["1.234.567", 1234567, "vi"],
    ["1.234,5", 1234.5, "vi"],
    ["12,5", 12.5, "vi"],
    ["-3", -3, "plain"],
    ["-1.234", -1234, "vi"],
    ["\u00a07.335\u00a0", 7335, "vi"],
    ["0.123", 0.123, "plain"],
    ["0,500", 0.5, "vi"],
    ["2,0", 2, "vi"],
    ["1 234", 1234, "spaced"],
    ["1\u00a0234\u00a0567", 1234567, "spaced"],
    ["7\u202f335,5", 7335.5, "spaced"],
    ["12\u200b", 12, "plain"],
    ["\ufeff1.234", 1234, "vi"],
    ["1\u00ad2", 12, "plain"],
    ["\u200c3\u200d\u2060", 3, "plain"],
    ["１２", 12, "plain"],
    ["１．２３４", 1234, "vi"],
    ["\u22123", -3, "plain"],
  ])("reads %j as %d (%s)", (text, value, notation) => {
    expect(parseViNumber(text)).toEqual({ value, notation });
  });

  it.each(["ba", "12 người", "", "   ", "\u200b", "1,234.5", "1.23.4", "12,", ",5", "1e3", "--1", "12%", "1 23", "12 3456", "1 234.5", "1.234 567", "0x10", "Infinity", "1,000", "12,500", "1,000,000", "1,0,0", "1²"])(
    "rejects %j",
    (text) => {
      expect(parseViNumber(text)).toBeNull();
    },
  );

  it.each([
    ["1,000", 1000, 1],
    ["12,500", 12500, 12.5],
    ["-1,000", -1000, -1],
    ["1\u200b,000", 1000, 1],
    ["１，０００", 1000, 1],
  ])("never guesses %j: it is ambiguous (%d in English, %d in Vietnamese)", (text, thousands, decimal) => {
    expect(readNumberText(text)).toEqual({ kind: "ambiguous", thousands, decimal });
  });

  it.each([
    ["1,000,000", 1000000],
    ["1,234.5", 1234.5],
    ["12,345,678", 12345678],
  ])("knows %j is English notation (%d), which callers refuse", (text, value) => {
    expect(readNumberText(text)).toEqual({ kind: "english", value });
  });

  it("says when invisible or full-width characters were dropped or mapped", () => {
    expect(readNumberText("12\u200b")).toEqual({ kind: "number", value: 12, notation: "plain", hidden: true, fullWidth: false });
    expect(readNumberText("１２")).toEqual({ kind: "number", value: 12, notation: "plain", hidden: false, fullWidth: true });
    expect(readNumberText(" 12 ")).toEqual({ kind: "number", value: 12, notation: "plain", hidden: false, fullWidth: false });
  });

  it("never reads a comma followed by three digits as a single number (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 }), (head, tail) => {
        const text = `${head},${String(tail).padStart(3, "0")}`;
        expect(parseViNumber(text)).toBeNull();
        expect(readNumberText(text).kind).toBe("ambiguous");
      }),
    );
  });

  it("reads back what formatNumber writes (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (int, cents) => {
        const x = int + Math.sign(int || 1) * cents / 100;
        const parsed = parseViNumber(formatNumber(x, 2));
        expect(parsed).not.toBeNull();
        expect(parsed!.value).toBeCloseTo(x, 6);
      }),
    );
  });
});
