/**
 * Legacy Vietnamese encodings (issue 7, rule E01). Before Unicode, Vietnamese text in Excel was
 * typed with 8-bit fonts: the ABC fonts (".VnTime", ".VnArial", …) use TCVN 5712:1993 VN3
 * ("TCVN3"), their ".…H" variants (".VnTimeH") show every letter as a capital, and the "VNI-…"
 * fonts (VNI-Times, …) use the VNI Windows scheme (a base letter followed by mark bytes).
 * A workbook read today holds those bytes as the Windows-1252 characters they map to
 * (0xA7 → "§"), so "Đảng bộ" typed in .VnTime reads "§¶ng bé". This module recognises such
 * cells by their font and converts the text to Unicode NFC.
 *
 * Converting must never damage text that is already Unicode but left in an old font, so a text is
 * converted only when it shows a sign that can only come from the legacy encoding (see
 * `looksLegacy`); text without one is returned unchanged.
 */

export type LegacyEncoding = "TCVN3" | "VNI";

export interface LegacyFont {
  encoding: LegacyEncoding;
  /** The capital-letter variant (.VnTimeH): every letter is shown, and converted, as a capital. */
  upper: boolean;
  font: string;
}

/** The encoding a font name implies, or null for a Unicode font (Times New Roman, Arial, …). */
export function legacyFont(font: string | null | undefined): LegacyFont | null {
  if (!font) return null;
  const name = font.trim();
  if (/^\.vn/i.test(name)) return { encoding: "TCVN3", upper: /[a-z0-9]H$/.test(name), font: name };
  if (/^vni[-_ ]/i.test(name)) return { encoding: "VNI", upper: false, font: name };
  return null;
}

/* ------------------------------------------------------------------ TCVN3 (TCVN 5712:1993 VN3) */

/** VN3 code → Unicode letter, from the standard's table (bytes 0xA1–0xFE; ASCII is unchanged). */
const TCVN3_CODES: ReadonlyArray<[number, string]> = [
  [0xa1, "Ă"], [0xa2, "Â"], [0xa3, "Ê"], [0xa4, "Ô"], [0xa5, "Ơ"], [0xa6, "Ư"], [0xa7, "Đ"],
  [0xa8, "ă"], [0xa9, "â"], [0xaa, "ê"], [0xab, "ô"], [0xac, "ơ"], [0xad, "ư"], [0xae, "đ"],
  [0xb5, "à"], [0xb6, "ả"], [0xb7, "ã"], [0xb8, "á"], [0xb9, "ạ"],
  [0xbb, "ằ"], [0xbc, "ẳ"], [0xbd, "ẵ"], [0xbe, "ắ"], [0xc6, "ặ"],
  [0xc7, "ầ"], [0xc8, "ẩ"], [0xc9, "ẫ"], [0xca, "ấ"], [0xcb, "ậ"],
  [0xcc, "è"], [0xce, "ẻ"], [0xcf, "ẽ"], [0xd0, "é"], [0xd1, "ẹ"],
  [0xd2, "ề"], [0xd3, "ể"], [0xd4, "ễ"], [0xd5, "ế"], [0xd6, "ệ"],
  [0xd7, "ì"], [0xd8, "ỉ"], [0xdc, "ĩ"], [0xdd, "í"], [0xde, "ị"],
  [0xdf, "ò"], [0xe1, "ỏ"], [0xe2, "õ"], [0xe3, "ó"], [0xe4, "ọ"],
  [0xe5, "ồ"], [0xe6, "ổ"], [0xe7, "ỗ"], [0xe8, "ố"], [0xe9, "ộ"],
  [0xea, "ờ"], [0xeb, "ở"], [0xec, "ỡ"], [0xed, "ớ"], [0xee, "ợ"],
  [0xef, "ù"], [0xf1, "ủ"], [0xf2, "ũ"], [0xf3, "ú"], [0xf4, "ụ"],
  [0xf5, "ừ"], [0xf6, "ử"], [0xf7, "ữ"], [0xf8, "ứ"], [0xf9, "ự"],
  [0xfa, "ỳ"], [0xfb, "ỷ"], [0xfc, "ỹ"], [0xfd, "ý"], [0xfe, "ỵ"],
];

/** Bytes 0xA0–0xFF read through Windows-1252 are the Latin-1 characters of the same number. */
const TCVN3_DECODE: ReadonlyMap<string, string> = new Map(TCVN3_CODES.map(([b, u]) => [String.fromCharCode(b), u]));
const TCVN3_ENCODE: ReadonlyMap<string, string> = new Map(TCVN3_CODES.map(([b, u]) => [u, String.fromCharCode(b)]));

/* ------------------------------------------------------------------ VNI Windows */

/** VNI's tone-mark bytes after a vowel (lower-case form; the capital form follows a capital vowel). */
const VNI_TONE: Record<string, string> = { "\u0300": "ø", "\u0301": "ù", "\u0309": "û", "\u0303": "õ", "\u0323": "ï" };
/** Circumflex (â ê ô) with each tone, as one byte. */
const VNI_CIRCUMFLEX: Record<string, string> = { "": "â", "\u0300": "à", "\u0301": "á", "\u0309": "å", "\u0303": "ã", "\u0323": "ä" };
/** Breve (ă) with each tone, as one byte. */
const VNI_BREVE: Record<string, string> = { "": "ê", "\u0300": "è", "\u0301": "é", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë" };
/** The letters VNI writes as a single byte (ơ, ư, đ, the toned i's, ỵ). */
const VNI_SINGLE: Record<string, string> = { "ơ": "ô", "ư": "ö", "đ": "ñ", "ì": "ì", "í": "í", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î" };

const VOWELS = "aeiouy";
const TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];

/** Every lower-case Vietnamese letter with its VNI spelling. */
function vniLowerTable(): Map<string, string> {
  const out = new Map<string, string>();
  const add = (letter: string, spelling: string) => out.set(letter.normalize("NFC"), spelling);
  for (const v of VOWELS) {
    for (const t of TONES) {
      if (v === "i" || (v === "y" && t === "\u0323")) {
        if (t) add(v + t, VNI_SINGLE[(v + t).normalize("NFC")] ?? v + VNI_TONE[t]);
        continue;
      }
      add(v + t, t ? v + VNI_TONE[t] : v);
      if (v === "a" || v === "e" || v === "o") add(v + "\u0302" + t, v + VNI_CIRCUMFLEX[t]);
      if (v === "a") add(v + "\u0306" + t, v + VNI_BREVE[t]);
      if (v === "o" || v === "u") {
        const horn = v === "o" ? "ô" : "ö"; // ơ, ư
        add(v + "\u031b" + t, t ? horn + VNI_TONE[t] : horn);
      }
    }
  }
  add("đ", "ñ");
  return out;
}

function upperVni(spelling: string): string {
  return spelling.toUpperCase();
}

const VNI_ENCODE: ReadonlyMap<string, string> = (() => {
  const lower = vniLowerTable();
  const out = new Map<string, string>();
  for (const [letter, spelling] of lower) {
    if (letter !== spelling) out.set(letter, spelling);
    const cap = letter.toUpperCase();
    if (cap !== letter) out.set(cap, upperVni(spelling));
  }
  // Plain ASCII letters spell themselves.
  for (const [k, v] of [...out]) if (k === v) out.delete(k);
  return out;
})();

/** VNI spelling → letter, longest spellings first. Marks are accepted in either case after a vowel. */
const VNI_DECODE: ReadonlyMap<string, string> = (() => {
  const out = new Map<string, string>();
  for (const [letter, spelling] of VNI_ENCODE) {
    out.set(spelling, letter);
    if (spelling.length === 2) {
      // "Aø" (capital vowel, lower-case mark) and "aØ" are seen in mixed-case text: the base decides the case.
      const [base, mark] = [...spelling];
      const other = mark === mark.toLowerCase() ? mark.toUpperCase() : mark.toLowerCase();
      if (!out.has(base + other)) out.set(base + other, letter);
    }
  }
  return out;
})();

/* ------------------------------------------------------------------ detection and conversion */

/** Latin-1 letters a Unicode Vietnamese text may hold. */
const VI_LATIN1 = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ";

/** Characters only legacy text holds: codes of the table that are not letters of Unicode Vietnamese. */
function markersOf(codes: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const s of codes) for (const ch of s) if (ch.charCodeAt(0) >= 0xa0 && !VI_LATIN1.includes(ch)) out.add(ch);
  return out;
}
const TCVN3_MARKERS = markersOf(TCVN3_DECODE.keys());
const VNI_MARKERS = markersOf(VNI_DECODE.keys());
/** A capital Latin-1 letter right after a small letter ("NguyÔn" in TCVN3). */
const CAPITAL_INSIDE_WORD = /[a-z\u00df-\u00ff][\u00c0-\u00de]/;
/**
 * VNI spellings whose letters are all Latin-1 Vietnamese letters but which no Unicode Vietnamese
 * word holds: a vowel followed by a mark it never carries in Unicode ("aê" = ă, "eã" = ễ, "AÙ" = Á).
 */
const VNI_SIGNS = /[aA][âÂêÊàÀáÁãÃèÈéÉúÚùÙõÕ]|[eE][âÂàÀáÁãÃùÙõÕ]|[oO][âÂùÙõÕ]|[uU][ùÙõÕ]|[yY][ùÙõÕ]|[ôÔöÖ][ùÙõÕ]/;

/**
 * Whether `text`, found in a cell with a legacy font, really is legacy-encoded: it is not plain
 * ASCII, holds no character that only Unicode has (ă, ơ, ạ, combining marks…), and shows a sign
 * only the encoding produces (TCVN3: "§ ¶ · ©…" or a capital inside a word; VNI: "ñ ö ø û ï…" or a
 * vowel + mark sequence). Text in an old font that has none of them is left alone.
 */
export function looksLegacy(text: string, encoding: LegacyEncoding): boolean {
  if (!/[^\x00-\x7f]/.test(text) || hasUnicodeOnly(text)) return false;
  const markers = encoding === "TCVN3" ? TCVN3_MARKERS : VNI_MARKERS;
  for (const ch of text) if (markers.has(ch)) return true;
  return encoding === "TCVN3" ? CAPITAL_INSIDE_WORD.test(text) : VNI_SIGNS.test(text);
}

/** A character that cannot be a Windows-1252 reading of a legacy byte (ă, ơ, ư, đ, ạ, combining marks…). */
function hasUnicodeOnly(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x100) continue;
    // Windows-1252 maps 0x80–0x9F to a few characters above U+00FF (€ ‚ ƒ „ … Œ Š Ž ' ' " " • – — ˜ ™ š œ ž Ÿ).
    if ("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".includes(ch)) continue;
    return true;
  }
  return false;
}

/** TCVN3 text (as read through Windows-1252) → Unicode NFC. */
export function decodeTcvn3(text: string, upper = false): string {
  let out = "";
  for (const ch of text) out += TCVN3_DECODE.get(ch) ?? ch;
  out = out.normalize("NFC");
  return upper ? out.toLocaleUpperCase("vi") : out;
}

/** VNI Windows text (as read through Windows-1252) → Unicode NFC: each base + mark sequence becomes one letter. */
export function decodeVni(text: string): string {
  const chars = [...text];
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    // Two-character spellings always start with a vowel (or ô/ö, VNI's ơ/ư): base + mark.
    const hit2 = i + 1 < chars.length ? VNI_DECODE.get(chars[i] + chars[i + 1]) : undefined;
    if (hit2 !== undefined) {
      out += hit2;
      i++;
      continue;
    }
    const one = VNI_DECODE.get(chars[i]);
    out += one ?? chars[i];
  }
  return out.normalize("NFC");
}

/** Unicode → TCVN3 as read through Windows-1252; null when a letter has no VN3 code (capitals with a tone). */
export function encodeTcvn3(text: string): string | null {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    if (ch.charCodeAt(0) < 0x80) out += ch;
    else {
      const code = TCVN3_ENCODE.get(ch);
      if (code === undefined) return null;
      out += code;
    }
  }
  return out;
}

/** Unicode → the .VnTimeH spelling: capitals shown from VN3's small-letter codes. */
export function encodeTcvn3Upper(text: string): string | null {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    if (ch.charCodeAt(0) < 0x80) out += ch.toUpperCase();
    else {
      const code = TCVN3_ENCODE.get(ch.toLocaleLowerCase("vi"));
      if (code === undefined) return null;
      out += code;
    }
  }
  return out;
}

/** Unicode → VNI Windows as read through Windows-1252. */
export function encodeVni(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) out += VNI_ENCODE.get(ch) ?? ch;
  return out;
}

export interface LegacyConversion {
  /** The Unicode NFC text. */
  text: string;
  font: LegacyFont;
  /** "TCVN3" or "VNI", as the message names it. */
  encodingLabel: string;
}

/**
 * Convert a cell's text when its font is a legacy Vietnamese font and the text is legacy-encoded;
 * null when there is nothing to convert (Unicode font, plain ASCII, or text already Unicode).
 */
export function convertLegacy(text: string, fontName: string | null | undefined): LegacyConversion | null {
  const font = legacyFont(fontName);
  if (!font || !looksLegacy(text, font.encoding)) return null;
  const converted = font.encoding === "TCVN3" ? decodeTcvn3(text, font.upper) : decodeVni(text);
  if (converted === text.normalize("NFC")) return null;
  return { text: converted, font, encodingLabel: font.encoding === "TCVN3" ? "TCVN3" : "VNI" };
}

/** A cell value converted when it is legacy text in a legacy font (see convertLegacy); null otherwise. */
export function convertCell(value: unknown, fontName: string | null | undefined): LegacyConversion | null {
  return typeof value === "string" ? convertLegacy(value, fontName) : null;
}
