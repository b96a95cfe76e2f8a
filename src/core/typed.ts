/**
 * Text typed by people into cells: characters a reader cannot see (zero-width space, BOM, soft
 * hyphen, word joiner, bidi marks: Unicode category Cf) or cannot tell from a plain space (no-break
 * spaces), and full-width digits typed with an East Asian input method. Numbers and dates are read
 * through `cleanTyped`; every message that quotes a cell's text goes through `quoteTyped`, which
 * names the characters a person would not see in the quote.
 * Pure functions.
 */

/** Format characters (Unicode Cf): invisible, zero width. Includes U+200B…U+200D, U+2060, U+FEFF, U+00AD. */
const FORMAT_CHARS = /\p{Cf}/gu;
/** A character a person cannot see, or cannot tell apart from a space (no-break, figure, thin, ideographic spaces). */
const IS_HIDDEN = /^[\p{Cf}\u00a0\u2007\u2009\u202f\u3000]$/u;
/** White space and format characters at either end. */
const EDGES = /^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu;

/** Vietnamese names of the characters most often met (Unicode names translated). */
const NAMES: ReadonlyMap<number, string> = new Map([
  [0x00a0, "khoảng trắng không ngắt dòng"],
  [0x00ad, "gạch nối mềm"],
  [0x200b, "khoảng trắng độ rộng 0"],
  [0x200c, "ký tự ngăn nối độ rộng 0"],
  [0x200d, "ký tự nối độ rộng 0"],
  [0x200e, "dấu hướng trái sang phải"],
  [0x200f, "dấu hướng phải sang trái"],
  [0x2007, "khoảng trắng độ rộng chữ số"],
  [0x2009, "khoảng trắng hẹp"],
  [0x202f, "khoảng trắng hẹp không ngắt dòng"],
  [0x2060, "ký tự nối từ"],
  [0x3000, "khoảng trắng toàn khổ"],
  [0xfeff, "dấu BOM"],
]);

function hex(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * The hidden characters of a text, each once in order of appearance, named in Vietnamese with its
 * code point: "12\u200b" → ["khoảng trắng độ rộng 0 – U+200B"]. Empty when there is none.
 */
export function hiddenCharacters(text: string): string[] {
  const seen = new Set<number>();
  const names: string[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (seen.has(cp)) continue;
    if (!IS_HIDDEN.test(ch)) continue;
    seen.add(cp);
    names.push(`${NAMES.get(cp) ?? "ký tự định dạng ẩn"} – ${hex(cp)}`);
  }
  return names;
}

/** Longest text quoted whole in a message; a longer one is cut and its length given. */
const QUOTE_MAX = 60;

/**
 * A cell's text quoted for a message: `"12​" (có ký tự ẩn: khoảng trắng độ rộng 0 – U+200B)`.
 * The text is quoted as it is (a person copying it back finds the same cell); the characters a
 * person cannot see are named after the quote. A text over 60 characters is cut:
 * `"xxx…" (32.767 ký tự)`.
 */
export function quoteTyped(text: string): string {
  const chars = [...text];
  const shown = chars.length > QUOTE_MAX ? `"${chars.slice(0, QUOTE_MAX).join("")}…" (${groupDigits(chars.length)} ký tự)` : `"${text}"`;
  const hidden = hiddenCharacters(text);
  return hidden.length ? `${shown} (có ký tự ẩn: ${hidden.join(", ")})` : shown;
}

function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/**
 * A UTF-16 unit that is surely neither white space nor a format character (Cf): printable ASCII,
 * the Latin letters of U+00C0–U+024F and Latin Extended Additional (U+1E00–U+1EFF, Vietnamese
 * letters with their tones). Anything else is left to the pattern.
 */
function plainVisible(c: number): boolean {
  return (c > 0x20 && c < 0x7f) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff);
}

/** Text without white space or format characters at either end (what `trim` does for spaces). */
export function trimTyped(text: string): string {
  // Most cells start and end with a letter or a digit: then there is nothing to trim (no run of
  // edge characters can touch either end), and the pattern, slow on long text, is not run.
  if (text.length > 0 && plainVisible(text.charCodeAt(0)) && plainVisible(text.charCodeAt(text.length - 1))) return text;
  return text.replace(EDGES, "");
}

/** Text without invisible format characters (Unicode Cf) anywhere: for codes and numbers. */
export function withoutFormatChars(text: string): string {
  // U+00AD (soft hyphen) is the first format character: text below it has none to drop.
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0xad) return text.replace(FORMAT_CHARS, "");
  return text;
}

/** Whether a text holds nothing a person can see: only white space and format characters. */
export function looksEmpty(text: string): boolean {
  return trimTyped(text) === "";
}

export interface CleanText {
  /** NFC, format characters removed anywhere, full-width digits and signs made ASCII, trimmed. */
  text: string;
  /** Format characters were removed. */
  hidden: boolean;
  /** Full-width characters (U+FF01…U+FF5E) were made ASCII. */
  fullWidth: boolean;
}

/**
 * The text a number or date is read from: what a person sees in the cell. Format characters (Cf)
 * are dropped wherever they are, full-width forms (１２，５ typed with an East Asian input method)
 * become ASCII, the minus sign U+2212 becomes "-", and white space at the ends goes.
 */
export function cleanTyped(raw: string): CleanText {
  let text = raw.normalize("NFC");
  const withoutFormat = withoutFormatChars(text);
  const hidden = withoutFormat !== text;
  text = withoutFormat.replace(/\u2212/g, "-");
  const ascii = text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const fullWidth = ascii !== text;
  return { text: trimTyped(ascii), hidden, fullWidth };
}
