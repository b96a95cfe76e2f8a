/**
 * Escaping text for XML character data and attribute values as ExcelJS does (its xmlEncode), so
 * that parts PDV writes itself hold ExcelJS's bytes. Pure text.
 */

const XML_ESCAPES: Record<string, string> = { '"': "&quot;", "&": "&amp;", "'": "&apos;", "<": "&lt;", ">": "&gt;" };
// eslint-disable-next-line no-control-regex
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;

// eslint-disable-next-line no-control-regex
const XML_SPECIAL_ANY = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;

/**
 * ExcelJS's xmlEncode: the five entities; DEL and control characters other than tab, LF, CR
 * dropped. (Scanned by hand: a summary's notes are tens of thousands of texts with quotes.)
 */
export function xmlEncode(text: string): string {
  if (!XML_SPECIAL_ANY.test(text)) return text;
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 62 && c !== 127) continue;
    let rep: string | undefined;
    if (c === 38) rep = "&amp;";
    else if (c === 39) rep = "&apos;";
    else if (c === 34) rep = "&quot;";
    else if (c === 60) rep = "&lt;";
    else if (c === 62) rep = "&gt;";
    else if (c === 127 || (c < 32 && c !== 9 && c !== 10 && c !== 13)) rep = "";
    if (rep === undefined) continue;
    out += text.slice(from, i) + rep;
    from = i + 1;
  }
  return out + text.slice(from);
}

/** xmlEncode as a regular expression (the reference the hand-written scan is tested against). */
export function xmlEncodeByRegex(text: string): string {
  return text.replace(XML_SPECIAL, (ch) => XML_ESCAPES[ch] ?? "");
}

/** JavaScript's `\s` (ECMA-262 WhiteSpace and LineTerminator) for one UTF-16 code unit. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Whether ExcelJS writes a text with xml:space="preserve": `/^\s|\n|\s$/.test(text)`, without
 * the regular expression (which scans the whole text for `\s$`: 14 ms over a summary's notes).
 */
export function keepsSpace(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  return isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(n - 1)) || text.indexOf("\n") >= 0;
}
