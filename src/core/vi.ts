/**
 * Vietnamese text and numbers: Unicode normalisation, comparing names whatever the tone placement,
 * collation, and vi-VN number notation (thousands ".", decimals ",").
 * Pure functions; the number formatting is done by hand so that it does not depend on the ICU
 * data of the host (Excel's browser, Node, jsdom).
 */

/** Text in Unicode NFC (precomposed), the form every comparison and output uses. */
export function nfc(s: string): string {
  return s.normalize("NFC");
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
 * - letter case, and leading, trailing or repeated white space.
 * Each syllable's tone mark is taken off and written after the syllable, so where it sat no longer
 * matters while the tone itself still does ("Hòa" ≠ "Hóa"). The key is for comparing, not showing.
 */
export function nameKey(s: string): string {
  const text = s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
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
  return nameKey(a) === nameKey(b);
}

/** One Vietnamese collator for every sort (numbers inside text sort by value: "Xã 2" < "Xã 10"). */
export const viCollator = new Intl.Collator("vi", { numeric: true });

/** Compare two texts in Vietnamese alphabetical order (a, ă, â, b, c, d, đ, …). */
export function compareVi(a: string, b: string): number {
  return viCollator.compare(nfc(a), nfc(b));
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

/** How a number was written as text: "plain" (12, 12.5) or Vietnamese ("1.234", "12,5", "1.234,5"). */
export type NumberNotation = "plain" | "vi";

export interface ParsedNumber {
  value: number;
  notation: NumberNotation;
}

const PLAIN_INTEGER = /^-?\d+$/;
/** Dots between groups of three digits, an optional decimal comma: "1.234", "1.234.567,5". */
const VI_GROUPED = /^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
/** A decimal comma without grouping: "12,5". */
const VI_DECIMAL = /^-?\d+,\d+$/;
/** A decimal point that cannot be a thousands dot: "12.5", "0.25", "1.2345". */
const PLAIN_DECIMAL = /^-?\d+\.\d+$/;

/**
 * Read a number typed as text, Vietnamese notation first (a dot between groups of three digits is a
 * thousands separator, a comma is the decimal mark): " 12 " → 12, "1.234" → 1234, "1.234,5" → 1234.5,
 * "12,5" → 12.5; "12.5" (a dot that cannot be grouping) → 12.5. Anything else is null:
 * "ba", "12 người", "", "1,234.5". The notation tells whether the text used Vietnamese separators.
 */
export function parseViNumber(text: string): ParsedNumber | null {
  const t = text.normalize("NFC").replace(/^[\s\u00a0\u202f]+|[\s\u00a0\u202f]+$/g, "");
  let value: number;
  let notation: NumberNotation;
  if (PLAIN_INTEGER.test(t) || (PLAIN_DECIMAL.test(t) && !VI_GROUPED.test(t))) {
    value = Number(t);
    notation = "plain";
  } else if (VI_GROUPED.test(t) || VI_DECIMAL.test(t)) {
    value = Number(t.replace(/\./g, "").replace(",", "."));
    notation = "vi";
  } else {
    return null;
  }
  if (!Number.isFinite(value)) return null;
  return { value: value === 0 ? 0 : value, notation };
}
