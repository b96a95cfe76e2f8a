/**
 * Reading the usual shapes of a part's elements straight from the text, for the scanners of the
 * hot parts (`./sheet-scan`, `./strings`): a start tag's attributes as offsets, character data,
 * closing tags. Exact or decline, like the tokenizer they serve (`./xml-fast`): each checks what the
 * tokenizer checks (names, attribute syntax, bound prefixes, no attribute twice, allowed
 * characters, references) and declines (returns -1 or null) anything else or anything unusual (a
 * namespace declaration, a reference, tab or line feed in an attribute value, white space around
 * '='), which the tokenizer then reads event by event. Rules: XML 1.0 (Fifth Edition) 2.2, 2.3,
 * 2.4, 3.1; Namespaces in XML 1.0 (Third Edition) 5, 6.3.
 */
import { badChar, decodeText, DECLINE } from "./xml-refs";

export const LT = 0x3c;
const GT = 0x3e;
export const SLASH = 0x2f;
const EQ = 0x3d;
const DQ = 0x22;
const SQ = 0x27;
const COLON = 0x3a;
const AMP = 0x26;

/** ASCII name characters (XML 1.0, 2.3): 1 may start a name (colon left out), 2 may continue one. */
const NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) NAME[c] = 3;
  else if (/[0-9.\-:]/.test(ch)) NAME[c] = 2;
}

/** Attributes of one start tag: per attribute, local name start (-1 - start when prefixed) and end, value start and end. */
const MAX_ATTRS = 16;
export const at = new Int32Array(MAX_ATTRS * 4);

/**
 * What the last call read: `n` attributes in `at` and whether the tag was empty (`<a/>`), set by
 * `attributes`; whether the character data had a reference, set by `textEnd`.
 */
export const last = { n: 0, selfClosing: false, amp: false };

/** Is the prefix src[start, end) bound in the scope of the sheetData element? */
export type PrefixBound = (start: number, end: number) => boolean;

/**
 * Read the attributes of the start tag whose name ends at i, up to its '>' or "/>"; returns the
 * offset after it, or -1 to decline. Sets `at`, `last.n`, `last.selfClosing`.
 */
export function attributes(src: string, i: number, bound: PrefixBound): number {
  let n = 0;
  let seen = 0;
  let collide = false;
  let c = src.charCodeAt(i);
  for (;;) {
    if (c === 0x20 || c === 0x0a || c === 0x09) {
      do c = src.charCodeAt(++i);
      while (c === 0x20 || c === 0x0a || c === 0x09);
      if (c !== GT && c !== SLASH) {
        // name
        const as = i;
        if (c >= 128 || (NAME[c] & 1) === 0) return -1;
        let colon = -1;
        for (;;) {
          c = src.charCodeAt(++i);
          if (c < 128 && NAME[c] !== 0) {
            if (c === COLON) {
              if (colon >= 0) return -1;
              colon = i;
            }
            continue;
          }
          break;
        }
        if (c >= 128 || colon === i - 1) return -1;
        const ae = i;
        if (colon >= 0) {
          // xmlns:p declares a prefix: the tokenizer's business. Others' prefixes must be bound.
          if (colon === as + 5 && src.startsWith("xmlns", as)) return -1;
          if ((NAME[src.charCodeAt(colon + 1)] & 1) === 0 || !bound(as, colon)) return -1;
        } else if (ae === as + 5 && src.startsWith("xmlns", as)) return -1;
        if (c !== EQ) return -1;
        const q = src.charCodeAt(++i);
        if (q !== DQ && q !== SQ) return -1;
        const vs = i + 1;
        let ve = vs;
        for (; ; ve++) {
          const ch = src.charCodeAt(ve);
          if (ch === q) break;
          // '<', a reference, tab, line feed, a disallowed character or the end of the text (NaN).
          if (ch === LT || ch === AMP || !(ch >= 0x20 && ch < 0xfffe)) return -1;
        }
        const ls = colon < 0 ? as : colon + 1;
        // A summary of the local names (length, first and last character): equal names always
        // collide, so without a collision none repeats and the pairwise check is skipped.
        const bit = 1 << ((ae - ls + src.charCodeAt(ls) * 3 + src.charCodeAt(ae - 1) * 7) % 31);
        if (seen & bit) collide = true;
        seen |= bit;
        if (n === MAX_ATTRS) return -1;
        const k = n * 4;
        at[k] = colon < 0 ? ls : -1 - ls; // prefixed attributes are never looked up
        at[k + 1] = ae;
        at[k + 2] = vs;
        at[k + 3] = ve;
        n++;
        i = ve + 1;
        c = src.charCodeAt(i);
        if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== GT && c !== SLASH) return -1;
        continue;
      }
    }
    if ((c === GT || c === SLASH) && collide && sameLocalName(src, n)) return -1;
    if (c === GT) {
      last.n = n;
      last.selfClosing = false;
      return i + 1;
    }
    if (c === SLASH && src.charCodeAt(i + 1) === GT) {
      last.n = n;
      last.selfClosing = true;
      return i + 2;
    }
    return -1;
  }
}

/**
 * `attributes` for the usual cell tag: only r, s and t, each once, each after one space, in double
 * quotes holding printable ASCII other than space, '<' and '&' (` r="A12" s="5" t="s">`); -1 when
 * the tag is not of that shape (not that it is malformed: then call `attributes`).
 */
export function cellAttributes(src: string, i: number): number {
  let n = 0;
  let seen = 0;
  for (;;) {
    const c = src.charCodeAt(i);
    if (c === GT) {
      last.n = n;
      last.selfClosing = false;
      return i + 1;
    }
    if (c === SLASH) {
      if (src.charCodeAt(i + 1) !== GT) return -1;
      last.n = n;
      last.selfClosing = true;
      return i + 2;
    }
    if (c !== 0x20) return -1;
    const name = src.charCodeAt(i + 1);
    const bit = name === 0x72 ? 1 : name === 0x73 ? 2 : name === 0x74 ? 4 : 0;
    if (bit === 0 || (seen & bit) !== 0 || src.charCodeAt(i + 2) !== EQ || src.charCodeAt(i + 3) !== DQ) return -1;
    seen |= bit;
    const vs = i + 4;
    let ve = vs;
    for (; ; ve++) {
      const ch = src.charCodeAt(ve);
      if (ch === DQ) break;
      if (!(ch > 0x20 && ch < 0x7f) || ch === LT || ch === AMP) return -1;
    }
    const k = n * 4;
    at[k] = i + 1;
    at[k + 1] = i + 2;
    at[k + 2] = vs;
    at[k + 3] = ve;
    n++;
    i = ve + 1;
  }
}

/**
 * Two of the n attributes in `at` have the same local name: declined, for the tokenizer to tell
 * a repeated attribute (malformed) from the same name in two namespaces.
 */
function sameLocalName(src: string, n: number): boolean {
  for (let k = 0; k < n * 4; k += 4) {
    const sk = at[k] >= 0 ? at[k] : -1 - at[k];
    const len = at[k + 1] - sk;
    for (let j = k + 4; j < n * 4; j += 4) {
      const sj = at[j] >= 0 ? at[j] : -1 - at[j];
      if (at[j + 1] - sj === len && src.startsWith(src.slice(sk, at[k + 1]), sj)) return true;
    }
  }
  return false;
}

/** The index in `at` of the unprefixed attribute with the one-character name `ch`; -1 when absent. */
export function find1(src: string, ch: number): number {
  for (let k = 0; k < last.n * 4; k += 4) {
    const s = at[k];
    if (s >= 0 && at[k + 1] === s + 1 && src.charCodeAt(s) === ch) return k;
  }
  return -1;
}

/** The value of the unprefixed attribute named `name`; undefined when absent. */
export function valueOf(src: string, name: string): string | undefined {
  for (let k = 0; k < last.n * 4; k += 4) {
    const s = at[k];
    if (s >= 0 && at[k + 1] - s === name.length && src.startsWith(name, s)) return src.slice(at[k + 2], at[k + 3]);
  }
  return undefined;
}

/** A run of 1 to 9 ASCII digits as a number; -1 otherwise. */
export function digits(src: string, start: number, end: number): number {
  if (end <= start || end - start > 9) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = src.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Character data from i up to the next '<' (checked as the tokenizer checks it); its end, or -1. */
export function textEnd(src: string, i: number): number {
  last.amp = false;
  for (;; i++) {
    const c = src.charCodeAt(i);
    if (c <= 0x5d) {
      if (c === LT) return i;
      if (c === AMP) last.amp = true;
      else if (c === 0x5d) {
        if (src.charCodeAt(i + 1) === 0x5d && src.charCodeAt(i + 2) === GT) return -1;
      } else if (c < 0x20 && badChar(c)) return -1;
    } else if (!(c < 0xfffe)) return -1; // also the end of the text (NaN)
  }
}

/** src at i is "</name>" (name of one or more characters); the offset after it, or -1. */
export function closeTag(src: string, i: number, name: string): number {
  if (src.charCodeAt(i) !== LT || src.charCodeAt(i + 1) !== SLASH || !src.startsWith(name, i + 2)) return -1;
  const e = i + 2 + name.length;
  return src.charCodeAt(e) === GT ? e + 1 : -1;
}

/** src at i is "<name" followed by white space, '>' or '/'. */
export function openTag(src: string, i: number, name: string): boolean {
  if (src.charCodeAt(i) !== LT || !src.startsWith(name, i + 1)) return false;
  const c = src.charCodeAt(i + 1 + name.length);
  return c === 0x20 || c === 0x0a || c === 0x09 || c === GT || c === SLASH;
}

/** White space (space, tab, line feed) from i; its end. */
export function skipSpace(src: string, i: number): number {
  let c = src.charCodeAt(i);
  while (c === 0x20 || c === 0x0a || c === 0x09) c = src.charCodeAt(++i);
  return i;
}

/** Character data src[start, end) with its references decoded (`last.amp` from `textEnd`); null when one is bad. */
export function textOf(src: string, start: number, end: number): string | null {
  if (end === start) return "";
  if (!last.amp) return src.slice(start, end);
  try {
    return decodeText(src, start, end);
  } catch (err) {
    if (err === DECLINE) return null;
    throw err;
  }
}
