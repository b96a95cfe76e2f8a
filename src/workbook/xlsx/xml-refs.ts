/**
 * Characters, references and namespace names for the fast tokenizer (`./xml-fast`): which
 * characters XML 1.0 allows (2.2), the predefined entities and character references (4.1, 4.6),
 * attribute-value normalisation (3.3.3), and one shared string per namespace name. Anything it
 * cannot decode exactly it declines (throws DECLINE), never guesses.
 */
import { OFFICE_REL_STRICT, OFFICE_REL_TRANSITIONAL, PACKAGE_REL, SML_STRICT, SML_TRANSITIONAL } from "./namespaces";

export const XML_NS = "http://www.w3.org/XML/1998/namespace";
export const XMLNS_NS = "http://www.w3.org/2000/xmlns/";
const AMP = 0x26;

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/**
 * Characters XML 1.0 does not allow anywhere (2.2), looked for in spans not read character by
 * character (comments, processing instructions, CDATA). UTF-8 decoding never yields lone surrogates.
 */
export const DISALLOWED = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;

/** A character XML 1.0 does not allow (2.2), for a code unit below 0x20 or at least 0xfffe. */
export function badChar(c: number): boolean {
  return c < 0x20 ? c !== 0x09 && c !== 0x0a && c !== 0x0d : c >= 0xfffe;
}
/** Thrown inside the tokenizer when it declines; never leaves `./xml-fast`. */
export const DECLINE = { declined: true };

/** Is `cp` a character XML 1.0 allows (2.2, production Char)? */
export function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Decode entities and references of an attribute value, then normalise tab and line feed to spaces. */
export function decodeAttr(raw: string): string {
  let s = "";
  let from = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x09 || c === 0x0a) {
      s += raw.slice(from, i) + " ";
      from = i + 1;
    } else if (c === AMP) {
      const semi = raw.indexOf(";", i);
      s += raw.slice(from, i) + entity(raw, i + 1, semi);
      i = semi;
      from = semi + 1;
    }
  }
  return s + raw.slice(from);
}

/** The text of the reference src[start, end) (between '&' and ';'); declines an unknown or bad one. */
export function entity(src: string, start: number, end: number): string {
  if (end < 0) throw DECLINE;
  const len = end - start;
  if (src.charCodeAt(start) === 0x23) {
    let cp = 0;
    let i = start + 1;
    const hex = src.charCodeAt(i) === 0x78;
    if (hex) i++;
    if (i >= end || end - i > 8) throw DECLINE;
    for (; i < end; i++) {
      const c = src.charCodeAt(i);
      let d: number;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (hex && c >= 0x61 && c <= 0x66) d = c - 0x57;
      else if (hex && c >= 0x41 && c <= 0x46) d = c - 0x37;
      else throw DECLINE;
      cp = cp * (hex ? 16 : 10) + d;
    }
    if (!isXmlChar(cp)) throw DECLINE;
    return String.fromCodePoint(cp);
  }
  if (len === 2 && src.startsWith("lt", start)) return "<";
  if (len === 2 && src.startsWith("gt", start)) return ">";
  if (len === 3 && src.startsWith("amp", start)) return "&";
  if (len === 4 && src.startsWith("quot", start)) return '"';
  if (len === 4 && src.startsWith("apos", start)) return "'";
  throw DECLINE;
}

/** Decode references in src[start, end) (which holds an '&'). */
export function decodeText(src: string, start: number, end: number): string {
  let s = "";
  let from = start;
  for (let amp = src.indexOf("&", start); amp >= 0 && amp < end; amp = src.indexOf("&", from)) {
    const semi = src.indexOf(";", amp);
    if (semi < 0 || semi >= end) throw DECLINE;
    s += src.slice(from, amp) + entity(src, amp + 1, semi);
    from = semi + 1;
  }
  return s + src.slice(from, end);
}

const KNOWN_URIS = [SML_TRANSITIONAL, SML_STRICT, OFFICE_REL_TRANSITIONAL, OFFICE_REL_STRICT, PACKAGE_REL];
const uris = new Map<string, string>(KNOWN_URIS.map((u) => [u, u]));
const MAX_URIS = 1000;
const utf8 = new TextDecoder("utf-8");
const utf8Encoder = new TextEncoder();

/**
 * One string per namespace name, shared by every part (the known ones are the very constants the
 * handlers' sets hold): handlers test URIs (`SML.has(tag.uri)`) for every element, which is much
 * cheaper on the same string object than on a fresh slice of 57 characters. The table is bounded.
 */
export function canonicalUri(uri: string): string {
  const known = uris.get(uri);
  if (known !== undefined) return known;
  if (uris.size >= MAX_URIS) return uri;
  // A copy: the slice would keep the whole part's text alive.
  const copy = utf8.decode(utf8Encoder.encode(uri));
  uris.set(copy, copy);
  return copy;
}

