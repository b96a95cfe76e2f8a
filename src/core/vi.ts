/**
 * Vietnamese text and numbers: Unicode normalisation, comparing names whatever the tone placement,
 * collation, and vi-VN number notation (thousands ".", decimals ",").
 * Pure functions; the number formatting is done by hand so that it does not depend on the ICU
 * data of the host (Excel's browser, Node, jsdom).
 */

import { cleanTyped } from "./typed";

/**
 * Text in Unicode NFC (precomposed), the form every comparison and output uses. A text of code
 * units below U+0300 (ASCII, Latin-1, Latin Extended A/B, spacing modifiers) and of Latin Extended
 * Additional (U+1E00–U+1EFF: Vietnamese letters with their tones) is already NFC and is returned
 * as it is: none of those has a combining class or composes with its neighbour (checked for every
 * pair in test/core/fast-paths.test.ts), and most cells of a report are such texts.
 */
export function nfc(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x300 && (c < 0x1e00 || c > 0x1eff)) return s.normalize("NFC");
  }
  return s;
}

/** Combining marks that carry a Vietnamese tone: grave, acute, tilde, hook above, dot below. */
const TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323";
const TONE_MARK_RE = /[\u0300\u0301\u0303\u0309\u0323]/g;
/** A syllable: a run of letters with their combining marks (in NFD). */
const SYLLABLE_RE = /[\p{L}\p{M}]+/gu;

/**
 * The key two names compare by: equal for names that differ only in
 * - Unicode form (NFC / NFD),
 * - tone placement, old or new style ("Hòa" / "Hoà", "Thủy" / "Thuỷ", "Khỏe" / "Khoẻ"), or any
 *   other position of the tone mark inside a syllable,
 * - letter case, and leading, trailing or repeated white space,
 * - invisible format characters (zero-width space, BOM, soft hyphen: Unicode Cf) anywhere.
 * Each syllable's tone mark is taken off and written after the syllable, so where it sat no longer
 * matters while the tone itself still does ("Hòa" ≠ "Hóa"). The key is for comparing, not showing.
 */
export function nameKey(s: string): string {
  const text = s.normalize("NFC").replace(/\p{Cf}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
  return text
    .normalize("NFD")
    .replace(SYLLABLE_RE, (syllable) => {
      const tones = syllable.match(TONE_MARK_RE);
      if (!tones) return syllable.normalize("NFC");
      const bare = syllable.replace(TONE_MARK_RE, "").normalize("NFC");
      // \u0001 keeps "hoa" + tone from colliding with any real text.
      return `${bare}\u0001${tones.map((t) => TONE_MARKS.indexOf(t) + 1).join("")}`;
    });
}

/** Whether two names are the same name (see nameKey). */
export function sameName(a: string, b: string): boolean {
  return a === b || nameKey(a) === nameKey(b);
}

let collator: Intl.Collator | undefined;

/**
 * The one Vietnamese collator for every sort (numbers inside text sort by value: "Xã 2" <
 * "Xã 10"); its `compare(a, b)` is `a.localeCompare(b, "vi", { numeric: true })`. Made on first
 * use: making it loads ICU's collation data (about 20 ms), which a command that sorts nothing
 * should not pay when it starts.
 */
export function viCollator(): Intl.Collator {
  return (collator ??= new Intl.Collator("vi", { numeric: true }));
}

/** Compare two texts in Vietnamese alphabetical order (a, ă, â, b, c, d, đ, …). */
export function compareVi(a: string, b: string): number {
  return viCollator().compare(nfc(a), nfc(b));
}

/* ------------------------------------------------------------------ numbers */

/**
 * x rounded to `decimals` places, halves away from zero, on its shortest decimal form as Excel
 * shows it (so 1.005 rounds to 1.01 as a person expects, not to 1.00 as binary floating point does).
 */
export function roundHalfAway(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const scale = 10 ** decimals;
  const scaled = Number((Math.abs(x) * scale).toPrecision(15));
  const r = Math.round(scaled) / scale;
  return x < 0 && r !== 0 ? -r : r;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/** x with exactly `decimals` decimals in vi-VN notation, e.g. (12.2529, 2) → "12,25". */
function fixedVi(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return String(x);
  const r = roundHalfAway(x, decimals);
  const [int, frac] = Math.abs(r).toFixed(decimals).split(".");
  const sign = r < 0 ? "-" : "";
  return sign + groupThousands(int) + (frac ? `,${frac}` : "");
}

/** A whole number in vi-VN notation, rounded: 7335 → "7.335", 1234567 → "1.234.567". */
export function formatInteger(n: number): string {
  return fixedVi(n, 0);
}

/**
 * A number in vi-VN notation with at most `maxDecimals` decimals and no trailing zeros:
 * 46.5 → "46,5", 7335 → "7.335", (55.4999, 2) → "55,5".
 */
export function formatNumber(n: number, maxDecimals = 2): string {
  const s = fixedVi(n, maxDecimals);
  return s.includes(",") ? s.replace(/0+$/, "").replace(/,$/, "") : s;
}

/** A fraction as a percentage with a fixed number of decimals: 0.122529 → "12,25%". */
export function formatPercent(fraction: number, decimals = 2): string {
  return `${fixedVi(fraction * 100, decimals)}%`;
}

/**
 * How a number was written as text: "plain" (12, 12.5), Vietnamese separators ("1.234", "12,5",
 * "1.234,5") or spaces between groups of three digits ("1 234", also with no-break spaces).
 */
export type NumberNotation = "plain" | "vi" | "spaced";

export interface ParsedNumber {
  value: number;
  notation: NumberNotation;
}

/** What a text typed as a number says, or why it says no number for certain. */
export type NumberText =
  | {
      kind: "number";
      value: number;
      notation: NumberNotation;
      /** Invisible format characters (zero-width space, BOM, soft hyphen…) were dropped. */
      hidden: boolean;
      /** Full-width digits or signs (１２) were read as ASCII. */
      fullWidth: boolean;
    }
  /**
   * One comma before exactly three digits ("1,000", "12,500"): thousands in English notation
   * (1000, 12500) or a decimal comma in Vietnamese (1, 12.5). Never guessed.
   */
  | { kind: "ambiguous"; thousands: number; decimal: number }
  /** Commas between groups of three digits ("1,000,000", "1,234.5"): English notation, value as English reads it. */
  | { kind: "english"; value: number }
  | { kind: "not-number" };

const PLAIN_INTEGER = /^-?\d+$/;
/** Dots between groups of three digits, an optional decimal comma: "1.234", "1.234.567,5" (not "0.123"). */
const VI_GROUPED = /^-?[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?$/;
/** Spaces (plain, no-break, figure, thin, narrow no-break) between groups of three: "1 234", "7 335,5". */
const SPACED = /^-?[1-9]\d{0,2}(?:[ \u00a0\u2007\u2009\u202f]\d{3})+(?:,\d+)?$/;
/** One comma before exactly three digits: "1,000", "12,500", "-1,000" (not "0,500": a decimal). */
const COMMA_THREE = /^-?[1-9]\d{0,2},\d{3}$/;
/** Commas between groups of three, maybe a decimal point: "1,000,000", "1,234.5". */
const ENGLISH_GROUPED = /^-?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;
/** A decimal comma without grouping: "12,5", "0,500". */
const VI_DECIMAL = /^-?\d+,\d+$/;
/** A decimal point that cannot be a thousands dot: "12.5", "0.25", "1.2345", "0.123". */
const PLAIN_DECIMAL = /^-?\d+\.\d+$/;

function finite(value: number): number | null {
  return Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
}

/**
 * Read a number typed as text, the way a Vietnamese reader reads it, and refuse what two readers
 * would read differently. On the text a person sees (invisible format characters dropped,
 * full-width digits made ASCII, ends trimmed, see `cleanTyped`):
 * - plain: " 12 " → 12, "12.5" → 12.5, "0.123" → 0.123 (a dot that cannot group thousands);
 * - Vietnamese: "1.234" → 1234, "1.234,5" → 1234.5, "12,5" → 12.5, "0,500" → 0.5;
 * - spaced: "1 234", "1\u00a0234" → 1234;
 * - ambiguous: "1,000" (1000 in English, 1 in Vietnamese), "12,500";
 * - English: "1,000,000", "1,234.5" (refused by callers: a comma is the decimal mark here);
 * - anything else is not a number: "ba", "12 người", "", "1e3", "12%", "1.23.4", "1,0,0".
 * Source of the notation: the vi-VN locale (Unicode CLDR: group ".", decimal ","), as Excel shows
 * numbers on a Vietnamese Windows; space grouping is the ISO 80000-1 form.
 */
export function readNumberText(raw: string): NumberText {
  const { text: t, hidden, fullWidth } = cleanTyped(raw);
  const number = (value: number, notation: NumberNotation): NumberText => {
    const v = finite(value);
    return v === null ? { kind: "not-number" } : { kind: "number", value: v, notation, hidden, fullWidth };
  };
  if (PLAIN_INTEGER.test(t)) return number(Number(t), "plain");
  if (VI_GROUPED.test(t)) return number(Number(t.replace(/\./g, "").replace(",", ".")), "vi");
  if (PLAIN_DECIMAL.test(t)) return number(Number(t), "plain");
  if (SPACED.test(t)) return number(Number(t.replace(/[^\d,-]/g, "").replace(",", ".")), "spaced");
  if (COMMA_THREE.test(t)) return { kind: "ambiguous", thousands: Number(t.replace(",", "")), decimal: Number(t.replace(",", ".")) };
  if (ENGLISH_GROUPED.test(t)) {
    const v = finite(Number(t.replace(/,/g, "")));
    return v === null ? { kind: "not-number" } : { kind: "english", value: v };
  }
  if (VI_DECIMAL.test(t)) return number(Number(t.replace(",", ".")), "vi");
  return { kind: "not-number" };
}

/**
 * A number typed as text, or null when it is not one for certain (see `readNumberText`: ambiguous
 * "1,000" and English "1,000,000" are null too, never a guess). " 12 " → 12, "1.234" → 1234,
 * "1.234,5" → 1234.5, "12,5" → 12.5, "12.5" → 12.5, "1 234" → 1234.
 */
export function parseViNumber(text: string): ParsedNumber | null {
  const r = readNumberText(text);
  return r.kind === "number" ? { value: r.value, notation: r.notation } : null;
}
