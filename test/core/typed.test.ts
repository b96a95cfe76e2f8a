import fc from "fast-check";
import { cleanTyped, hiddenCharacters, looksEmpty, quoteTyped, trimTyped, withoutFormatChars } from "../../src/core/typed";
import { isBlank, readCount, readDate, readText } from "../../src/core/cells";

describe("characters a person cannot see", () => {
  it.each([
    ["12\u200b", ["khoảng trắng độ rộng 0 – U+200B"]],
    ["\ufeffTCCS05", ["dấu BOM – U+FEFF"]],
    ["2\u00ad48", ["gạch nối mềm – U+00AD"]],
    ["\u200c1\u200d\u2060\u200c", ["ký tự ngăn nối độ rộng 0 – U+200C", "ký tự nối độ rộng 0 – U+200D", "ký tự nối từ – U+2060"]],
    ["1\u00a0234\u202f5", ["khoảng trắng không ngắt dòng – U+00A0", "khoảng trắng hẹp không ngắt dòng – U+202F"]],
    ["x\u200ey", ["dấu hướng trái sang phải – U+200E"]],
    ["x\u2063y", ["ký tự định dạng ẩn – U+2063"]],
    [" 12 người ", []],
    ["Xã Tân Hòa", []],
  ])("names those in %j", (text, names) => {
    expect(hiddenCharacters(text)).toEqual(names);
  });

  it("quotes a text as it is and names what is hidden in it", () => {
    expect(quoteTyped("12\u200b")).toBe('"12\u200b" (có ký tự ẩn: khoảng trắng độ rộng 0 – U+200B)');
    expect(quoteTyped("ba")).toBe('"ba"');
  });

  it("cuts a long text in a quote and gives its length", () => {
    const q = quoteTyped("x".repeat(32767));
    expect(q).toBe(`"${"x".repeat(60)}…" (32.767 ký tự)`);
    expect(quoteTyped("\u200b" + "x".repeat(100))).toContain("(có ký tự ẩn: khoảng trắng độ rộng 0 – U+200B)");
  });

  it("cleans what a number or date is read from", () => {
    expect(cleanTyped(" 1\u200b2\ufeff ")).toEqual({ text: "12", hidden: true, fullWidth: false });
    expect(cleanTyped("１２，５")).toEqual({ text: "12,5", hidden: false, fullWidth: true });
    expect(cleanTyped("\u22123")).toEqual({ text: "-3", hidden: false, fullWidth: false });
    // Superscripts are no digits: "1²" must not become 12.
    expect(cleanTyped("1²").text).toBe("1²");
  });

  it("trims invisible characters at the ends only, as spaces are", () => {
    expect(trimTyped("\ufeff TCCS05\u200b ")).toBe("TCCS05");
    expect(trimTyped("Tân\u200bHòa")).toBe("Tân\u200bHòa");
    expect(looksEmpty("\u200b \u00a0\ufeff")).toBe(true);
    expect(looksEmpty("\u200b0")).toBe(false);
  });

  it("never throws and always ends without white space or format characters (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const t = trimTyped(s);
        expect(/^[\s\p{Cf}]|[\s\p{Cf}]$/u.test(t)).toBe(false);
        expect(() => quoteTyped(s)).not.toThrow();
        expect(() => cleanTyped(s)).not.toThrow();
      }),
    );
  });
});

describe("trimTyped's short cut (a letter or digit at both ends: nothing to trim)", () => {
  const EDGES = /^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu;
  const edge = fc.constantFrom(" ", "\u00a0", "\u200b", "\ufeff", "\u00ad", "\u2028", "\u3000", "\u{e0001}", "\t", "\n", "\u202f", "\u061c");
  const plain = fc.constantFrom("a", "Z", "0", "~", "!", "À", "ɏ", "ḁ", "ỹ", "Ơ", "đ", "ư", "ă");
  const piece = fc.oneof(edge, plain, fc.string({ unit: "binary", maxLength: 3 }));

  it("gives what the pattern alone gives (property)", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const s = parts.join("");
        expect(trimTyped(s)).toBe(s.replace(EDGES, ""));
      }),
      { numRuns: 5000 },
    );
  });

  it("withoutFormatChars gives what the pattern alone gives (property)", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const s = parts.join("");
        expect(withoutFormatChars(s)).toBe(s.replace(/\p{Cf}/gu, ""));
      }),
      { numRuns: 5000 },
    );
    expect(withoutFormatChars("TCCS\u00ad05\u0600")).toBe("TCCS05");
  });

  it("trims what sits just outside the letters it trusts", () => {
    for (const c of ["\u00a0", "\u00ad", "\u1680", "\u180e", "\u2000", "\u200b", "\u2060", "\u3000", "\ufeff", "\u{e0001}"]) {
      expect(trimTyped(`${c}Hòa${c}`)).toBe("Hòa");
      expect(trimTyped(`ỹ${c}`)).toBe("ỹ");
    }
  });
});

describe("cells typed by people", () => {
  it("sees a cell of invisible characters as blank", () => {
    expect(isBlank("\u200b")).toBe(true);
    expect(isBlank("\ufeff \u00ad")).toBe(true);
    expect(readCount("\u2060")).toEqual({ kind: "blank" });
    expect(readDate("\u200b")).toEqual({ kind: "blank" });
    expect(readText("\u200b")).toBeNull();
  });

  it("reads text items without invisible characters at the ends", () => {
    expect(readText("\ufeffTCCS05\u200b")).toBe("TCCS05");
    expect(readText(" Xã Tân Hòa\u00a0")).toBe("Xã Tân Hòa");
  });

  it.each([
    ["1,000", { kind: "ambiguous", text: "1,000", thousands: 1000, decimal: 1 }],
    ["1,000,000", { kind: "english", text: "1,000,000", value: 1000000 }],
    ["1,5", { kind: "fraction", value: 1.5, text: "1,5" }],
    ["-1.000", { kind: "negative", value: -1000, text: "-1.000" }],
    ["1 000", { kind: "text-number", value: 1000, text: "1 000" }],
    ["１２", { kind: "text-number", value: 12, text: "１２" }],
    ["12\u200b", { kind: "text-number", value: 12, text: "12\u200b" }],
    ["12 người", { kind: "not-number", text: "12 người" }],
  ])("reads the count %j", (text, reading) => {
    expect(readCount(text)).toEqual(reading);
  });

  it("a count read from text is exactly the number a person sees, or none (property)", () => {
    // Vietnamese grouping with dots, or plain digits, with invisible characters anywhere.
    const hidden = fc.constantFrom("", "\u200b", "\ufeff", "\u00ad", "\u2060", "\u200c", "\u200d");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.boolean(), hidden, hidden, (n, grouped, h1, h2) => {
        const shown = grouped ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".") : String(n);
        const text = h1 + shown.slice(0, 1) + h2 + shown.slice(1);
        const r = readCount(text);
        expect(r.kind).toBe("text-number");
        expect(r.kind === "text-number" && r.value).toBe(n);
      }),
    );
  });

  it("keeps the typed text of a date read from text, for the warning", () => {
    expect(readDate("05-09-2020")).toEqual({ kind: "ok", serial: 44079, fromText: true, text: "05-09-2020" });
    expect(readDate(44079)).toEqual({ kind: "ok", serial: 44079, fromText: false });
    expect(readDate("31/02/2020")).toEqual({ kind: "invalid", text: "31/02/2020", why: { kind: "impossible", y: 2020, m: 2, d: 31, form: "dmy" } });
  });
});
