/**
 * Shortcuts taken on the analysis's hot path (issue 11: every sheet of 4,800 unit files) give what
 * the full normalisation gives, on random texts built from the characters that matter (ASCII
 * letters of both cases, digits, "_", spaces, format characters, Vietnamese letters in NFC and
 * NFD, parentheses):
 * - cells.ts `codeOf` / `columnHasCode` against trimming, dropping format characters and
 *   upper-casing every cell;
 * - replace.ts `isBackupSheet` against the pattern on the NFC name;
 * - indicators.ts `elapsedDays`, which keeps its last answer, against resolvePeriod on random
 *   sequences of dates (repeated and not, with and without a period given);
 * - narrative.ts `listNames`, which cleans only the names it shows, against cleaning them all;
 * - vi.ts `nfc`, which returns Latin and Vietnamese precomposed text as it is, against
 *   String.prototype.normalize on every pair of those characters and on random texts.
 */
import fc from "fast-check";
import { codeOf, columnHasCode, indexCodes } from "../../src/core/cells";
import { trimTyped, withoutFormatChars } from "../../src/core/typed";
import { isBackupSheet } from "../../src/core/replace";
import { isItemCode } from "../../src/core/template";
import { nfc } from "../../src/core/vi";
import { elapsedDays, resolvePeriod } from "../../src/core/indicators";
import { MAX_LISTED_NAMES, listNames } from "../../src/core/narrative";
import { formatInteger } from "../../src/core/vi";
import type { CellValue, SheetGrid } from "../../src/core/types";

const piece = fc.constantFrom("M", "A", "U", "_", "D", "V", "m", "a", "u", "d", "v", "0", "7", " ", "\u00a0", "\t", "\u200b", "\u00ad", "\ufeff", "ư", "ũ", "u\u0303", "(", ")", "ß", "ﬁ", "Ǆ", "MA_DV", "MAU", "mau", "Ma_Dv", "th_dv_tonghop", "DV_TONG", "TH_DV_TONGHOP", " (cũ)", " (cu\u0303 2)", "cũ");
const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(""));
const cell: fc.Arbitrary<CellValue> = fc.oneof(text, text, fc.constant(null), fc.integer(), fc.constant({ error: "#N/A" }));

function grid(rows: CellValue[][]): SheetGrid {
  return { name: "S", values: rows };
}

/** The code of a cell as indexCodes made it before the shortcut. */
const codeBefore = (v: string) => withoutFormatChars(trimTyped(v)).toUpperCase();

describe("hot-path shortcuts give the full normalisation's result", () => {
  it("codeOf", () => {
    fc.assert(fc.property(text, (t) => expect(codeOf(t)).toBe(codeBefore(t))), { numRuns: 5000 });
  });

  it("indexCodes", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 10 }), (rows) => {
        const rowsBefore = new Map<string, number>();
        rows.forEach((r, i) => {
          const v = r[2];
          if (typeof v !== "string") return;
          const code = codeBefore(v);
          if (isItemCode(code) && !rowsBefore.has(code)) rowsBefore.set(code, i + 1);
        });
        expect(indexCodes(grid(rows), 3, isItemCode).rows).toEqual(rowsBefore);
      }),
      { numRuns: 3000 },
    );
  });

  it("columnHasCode (a report's MAU / MA_DV, a committee's TH_DV_TONGHOP)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 6 }), (rows) => {
        const before = (...codes: string[]) => rows.some((r) => typeof r[2] === "string" && codes.includes(r[2].trim().toUpperCase()));
        expect(columnHasCode(grid(rows), 3, "MAU", "MA_DV")).toBe(before("MAU", "MA_DV"));
        expect(columnHasCode(grid(rows), 3, "TH_DV_TONGHOP")).toBe(before("TH_DV_TONGHOP"));
      }),
      { numRuns: 3000 },
    );
  });

  it("isBackupSheet", () => {
    const before = (name: string) => /\s\(cũ(?: \d+)?\)$/u.test(name.normalize("NFC"));
    fc.assert(fc.property(text, (t) => expect(isBackupSheet(t)).toBe(before(t))), { numRuns: 5000 });
    for (const name of ["TCCS07 (cũ)", "TCCS07 (cu\u0303)", "TCCS07 (cũ 2)", "TCCS07", "TCCS07 (2)"]) expect(isBackupSheet(name)).toBe(before(name));
    expect(isBackupSheet("TCCS07 (cu\u0303)")).toBe(true);
  });

  it("nfc: every pair of the characters it returns as they are is NFC already", () => {
    const kept: string[] = [];
    for (let c = 0; c < 0x300; c++) kept.push(String.fromCharCode(c));
    for (let c = 0x1e00; c <= 0x1eff; c++) kept.push(String.fromCharCode(c));
    let changed = 0;
    for (const a of kept) for (const b of kept) if ((a + b).normalize("NFC") !== a + b) changed++;
    expect(changed).toBe(0);
  });

  it("nfc equals normalize('NFC')", () => {
    const letters = fc.constantFrom("a", "A", "o", "ơ", "ư", "u\u031b", "o\u0300", "\u0301", "\u0323", "Ạ", "ệ", "\u1ef9", "\u0300", "\u2126", "\u212b", "\u0958", "\uac00", "\u1161", "\u11a8", "\uf900", "\ud834\udd5e", " ", "1");
    const t = fc.array(letters, { maxLength: 8 }).map((p) => p.join(""));
    fc.assert(fc.property(t, (x) => expect(nfc(x)).toBe(x.normalize("NFC"))), { numRuns: 5000 });
  });

  it("elapsedDays keeps no stale answer", () => {
    // 2020: 43831 = 01/01/2020, 44196 = 31/12/2020; 2021 from 44197.
    const call = fc.record({
      asOf: fc.constantFrom(43900, 44074, 44074.5, 44200, 44196),
      start: fc.constantFrom(undefined, null, 43831, 43900),
      end: fc.constantFrom(undefined, null, 44196, 44561),
    });
    fc.assert(
      fc.property(fc.array(call, { maxLength: 12 }), (calls) => {
        for (const { asOf, start, end } of calls) {
          let expected: unknown;
          try {
            const p = resolvePeriod(asOf, start, end);
            expected = { elapsed: p.asOf - p.start + 1, total: p.end - p.start + 1 };
          } catch (err) {
            expected = err;
          }
          if (expected instanceof Error) expect(() => elapsedDays(asOf, start, end)).toThrow(expected.message);
          else expect(elapsedDays(asOf, start, end)).toEqual(expected);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("listNames", () => {
    const before = (names: string[]) => {
      const clean = names.map((n) => n.normalize("NFC").replace(/\s+/g, " ").trim()).filter((n) => n !== "");
      if (clean.length <= MAX_LISTED_NAMES) return clean.join(", ");
      return `${clean.slice(0, MAX_LISTED_NAMES).join(", ")} và ${formatInteger(clean.length - MAX_LISTED_NAMES)} tổ chức khác`;
    };
    const name = fc.array(fc.constantFrom("Xã", " ", "\u00a0", "\u2000", "\u3000", "\n", "Hòa", "Ho\u0300a", "1", "\u200b"), { maxLength: 4 }).map((p) => p.join(""));
    fc.assert(fc.property(fc.array(name, { minLength: 5, maxLength: 30, size: "max" }), (names) => expect(listNames(names)).toBe(before(names))), { numRuns: 3000 });
  });
});
