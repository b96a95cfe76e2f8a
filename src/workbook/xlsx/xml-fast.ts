/**
 * A fast tokenizer for the XML of an .xlsx package's small parts (worksheets, shared strings,
 * styles, workbook, relationships), written for the hot path of reading thousands of unit files:
 * it works on the decoded text with indexOf/charCodeAt, allocates no object per element or
 * attribute (one tag object, reused) and resolves namespaces the way a namespace-aware parser does
 * (`xmlns` and `xmlns:p` declarations on any element, scoped to it; `<x:c>` is SpreadsheetML's c).
 *
 * It is exact or it declines. It handles XML 1.0 documents made of elements, attributes (either
 * quote), character data with the predefined entities and character references, CDATA sections
 * (their text is text), comments, processing instructions and an XML declaration (version 1.0,
 * encoding UTF-8). Anything else (a DOCTYPE, XML 1.1, another encoding, a non-ASCII name, an
 * unusual namespace declaration) and anything malformed (an unclosed or mismatched tag, a bad
 * attribute, `<` in an attribute value, an unknown entity, text outside the root…) makes
 * `tokenize` return false, and the caller (`parsePart` in `./xml`) parses the part again with
 * saxes, the reference: so every refusal is saxes's, with the reader's usual PortError.
 *
 * Rules followed: XML 1.0 (Fifth Edition) 2.2 (characters), 2.3 (names, ASCII only here), 2.11
 * (line ends), 3.3.3 (attribute-value normalisation for CDATA attributes), 4.1 and 4.6 (references);
 * Namespaces in XML 1.0 (Third Edition) 3–6.
 */
import type { XmlHandlers } from "./xml";
import { badChar, decodeText, DECLINE, DISALLOWED, entity, isSpace, XML_NS } from "./xml-refs";
import { checkAttributes, declare, FastTag } from "./xml-fast-tag";

export { FastTag };

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QMARK = 0x3f;
const EQ = 0x3d;
const DQ = 0x22;
const SQ = 0x27;
const COLON = 0x3a;
const AMP = 0x26;

/** ASCII name characters (XML 1.0, 2.3): 1 may start a name, 2 may continue one. */
const NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) NAME[c] = 3;
  else if (/[0-9.\-]/.test(ch)) NAME[c] = 2;
}

const XML_DECL =
  /^<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(?:"1\.0"|'1\.0')(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(?:"[Uu][Tt][Ff]-8"|'[Uu][Tt][Ff]-8'))?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\n]*\?>/;

/** Names seen before, reused so that a parse does not allocate one string per element. */
const NAME_CACHE_SIZE = 1024;
const names: string[] = new Array<string>(NAME_CACHE_SIZE).fill("");

/** Where the colon of the name `scanName` last read is (-1: none). */
let nameColon = -1;

/** The end of the XML name starting at src[i] (ASCII; at most one colon, not first or last); declines otherwise. */
function scanName(src: string, i: number): number {
  let c = src.charCodeAt(i);
  if (c >= 128 || (NAME[c] & 1) === 0 || c === COLON) throw DECLINE;
  let colon = -1;
  for (;;) {
    c = src.charCodeAt(++i);
    if (c < 128 && (NAME[c] & 2) !== 0) {
      if (c === COLON) {
        if (colon >= 0) throw DECLINE;
        colon = i;
      }
      continue;
    }
    if (c >= 128) throw DECLINE; // a non-ASCII name character (or NaN at the end: not a name character)
    break;
  }
  if (colon === i - 1) throw DECLINE;
  nameColon = colon;
  return i;
}

/** src[start, end) is white space only; declines otherwise. */
function spaceOnly(src: string, start: number, end: number): void {
  for (let i = start; i < end; i++) if (!isSpace(src.charCodeAt(i))) throw DECLINE;
}

/**
 * Tokenize `text` (a whole part, decoded) and report its elements and character data to
 * `handlers` as the namespace-aware parse does: open and close for every element (both for
 * `<a/>`), text for character data inside the root (CDATA included; references decoded; line ends
 * normalised). An open handler may read the element's content itself (`FastTag.contentStart`,
 * `resume`): only its closing tag is then reported. Returns false, possibly after reporting some events, when the text is malformed or
 * outside what this tokenizer handles (see the module's comment): the caller must then discard
 * what it was told and parse again with saxes.
 */
export function tokenize(text: string, handlers: XmlHandlers): boolean {
  // One parse's tag and stacks, reused by the next parse (a unit's file has three parts to parse,
  // a folder thousands); a parse started inside another's handler makes its own.
  const state = spare ?? new ParseState();
  spare = null;
  try {
    run(text, handlers, state);
    return true;
  } catch (err) {
    if (err === DECLINE) return false;
    throw err;
  } finally {
    state.clear();
    spare = state;
  }
}

/** The tag and the stacks of one parse. */
class ParseState {
  readonly tag = new FastTag();
  // The open elements: qualified name, local name, URI.
  readonly stackName: string[] = [];
  readonly stackLocal: string[] = [];
  readonly stackUri: string[] = [];
  // Elements declaring namespaces: their depth, and `ns`'s length and the default namespace before.
  readonly scopeDepth: number[] = [];
  readonly scopeNs: number[] = [];
  readonly scopeDefault: string[] = [];

  /** Back to a fresh state, holding nothing of the text parsed. */
  clear(): void {
    const { tag } = this;
    tag.name = tag.local = tag.uri = tag.src = "";
    tag.n = 0; // `a` keeps its numbers: `n` says how many count
    tag.ns.length = 0;
    tag.contentStart = tag.resume = -1;
    this.stackName.length = this.stackLocal.length = this.stackUri.length = 0;
    this.scopeDepth.length = this.scopeNs.length = this.scopeDefault.length = 0;
  }
}

let spare: ParseState | null = null;

function run(input: string, handlers: XmlHandlers, state: ParseState): void {
  const src = input.indexOf("\r") >= 0 ? input.replace(/\r\n?/g, "\n") : input;
  const { open, close, text } = handlers;
  const { tag, stackName, stackLocal, stackUri, scopeDepth, scopeNs, scopeDefault } = state;
  tag.src = src;
  const a = tag.a;
  const ns = tag.ns;
  let depth = 0;
  let sawRoot = false;
  let defaultUri = "";
  const len = src.length;
  let pos = 0;
  if (src.charCodeAt(0) === 0xfeff) throw DECLINE;
  if (src.startsWith("<?xml") && (isSpace(src.charCodeAt(5)) || src.charCodeAt(5) === QMARK)) {
    const m = XML_DECL.exec(src);
    if (!m) throw DECLINE;
    pos = m[0].length;
  }

  for (;;) {
    // Up to the next '<': white space outside the root, character data inside it.
    let lt = pos;
    let amp = false;
    for (; lt < len; lt++) {
      const c = src.charCodeAt(lt);
      if (c <= 0x5d) {
        if (c === LT) break;
        if (c === AMP) amp = true;
        else if (c === 0x5d) {
          // "]]>" may not appear in character data (2.4).
          if (src.charCodeAt(lt + 1) === 0x5d && src.charCodeAt(lt + 2) === GT) throw DECLINE;
        } else if (c < 0x20 && badChar(c)) throw DECLINE;
      } else if (c >= 0xfffe) throw DECLINE;
    }
    if (lt === len) {
      if (depth > 0 || !sawRoot) throw DECLINE;
      spaceOnly(src, pos, len);
      return;
    }
    if (lt > pos) {
      if (depth === 0) spaceOnly(src, pos, lt);
      else {
        // Character data, references decoded.
        if (amp) {
          const t = decodeText(src, pos, lt);
          if (text) text(t);
        } else if (text) text(src.slice(pos, lt));
      }
    }
    const c1 = src.charCodeAt(lt + 1);
    if (c1 === SLASH) {
      // A close tag: the innermost open element's name, optional white space, '>'.
      if (depth === 0) throw DECLINE;
      const top = stackName[depth - 1];
      const at = lt + 2;
      for (let k = 0; k < top.length; k++) if (src.charCodeAt(at + k) !== top.charCodeAt(k)) throw DECLINE;
      let i = at + top.length;
      let c = src.charCodeAt(i);
      while (c === 0x20 || c === 0x0a || c === 0x09) c = src.charCodeAt(++i);
      if (c !== GT) throw DECLINE;
      depth--;
      tag.name = top;
      tag.local = stackLocal[depth];
      tag.uri = stackUri[depth];
      tag.n = 0;
      if (close) close(tag);
      if (scopeDepth.length > 0 && scopeDepth[scopeDepth.length - 1] === depth) {
        ns.length = scopeNs.pop()!;
        defaultUri = scopeDefault.pop()!;
        scopeDepth.pop();
      }
      pos = i + 1;
      continue;
    }
    if (c1 === BANG) {
      if (src.startsWith("<!--", lt)) {
        const end = src.indexOf("--", lt + 4);
        if (end < 0 || src.charCodeAt(end + 2) !== GT || DISALLOWED.test(src.slice(lt, end))) throw DECLINE;
        pos = end + 3;
        continue;
      }
      if (depth > 0 && src.startsWith("<![CDATA[", lt)) {
        const end = src.indexOf("]]>", lt + 9);
        if (end < 0 || DISALLOWED.test(src.slice(lt, end))) throw DECLINE;
        if (text && end > lt + 9) text(src.slice(lt + 9, end));
        pos = end + 3;
        continue;
      }
      throw DECLINE; // a DOCTYPE, or CDATA outside the root
    }
    if (c1 === QMARK) {
      // A processing instruction: a target (no colon, not "xml"), then white space and data, or '?>'.
      const end = src.indexOf("?>", lt + 2);
      if (end < 0) throw DECLINE;
      const t = scanName(src, lt + 2);
      if (nameColon >= 0 || (t - lt - 2 === 3 && src.slice(lt + 2, t).toLowerCase() === "xml")) throw DECLINE;
      if ((t !== end && !isSpace(src.charCodeAt(t))) || DISALLOWED.test(src.slice(lt, end))) throw DECLINE;
      pos = end + 2;
      continue;
    }
    // A start tag.
    if (depth === 0 && sawRoot) throw DECLINE;
    const nameStart = lt + 1;
    const nEnd = scanName(src, nameStart);
    const elColon = nameColon;
    let i = nEnd;
    let n = 0;
    let selfClosing = false;
    let declares = false;
    let prefixed = false;
    // A 31-bit summary of the attribute names seen (length, first and last character): two equal
    // names always collide, so without a collision no name repeats and the pairwise check is skipped.
    let seen = 0;
    let collide = false;
    let c = src.charCodeAt(i);
    for (;;) {
      if (c === 0x20 || c === 0x0a || c === 0x09) {
        do c = src.charCodeAt(++i);
        while (c === 0x20 || c === 0x0a || c === 0x09);
        if (c !== GT && c !== SLASH) {
          // An attribute: name, '=', a quoted value without '<'.
          const as = i;
          const ae = scanName(src, i);
          const acolon = nameColon;
          i = ae;
          c = src.charCodeAt(i);
          while (c === 0x20 || c === 0x0a || c === 0x09) c = src.charCodeAt(++i);
          if (c !== EQ) throw DECLINE;
          c = src.charCodeAt(++i);
          while (c === 0x20 || c === 0x0a || c === 0x09) c = src.charCodeAt(++i);
          if (c !== DQ && c !== SQ) throw DECLINE;
          const vs = i + 1;
          // The value: up to the same quote, without '<'; references and tab or line feed make
          // it one to decode (references checked now: a bad one makes the document malformed).
          let ve = vs;
          let decode = 0;
          for (; ; ve++) {
            const ch = src.charCodeAt(ve);
            if (ch === c) break;
            if (ch === LT || ve >= len || (ch < 0x20 || ch >= 0xfffe ? badChar(ch) : false)) throw DECLINE;
            if (ch === AMP) {
              const semi = src.indexOf(";", ve);
              if (semi < 0) throw DECLINE;
              entity(src, ve + 1, semi);
              decode = 1;
            } else if (ch === 0x09 || ch === 0x0a) decode = 1;
          }
          const k = n * 6;
          a[k] = as;
          a[k + 1] = acolon;
          a[k + 2] = ae;
          a[k + 3] = vs;
          a[k + 4] = ve;
          a[k + 5] = decode;
          n++;
          if (src.charCodeAt(as) === 0x78 && src.startsWith("xmlns", as) && (ae === as + 5 || acolon === as + 5)) declares = true;
          else if (acolon >= 0) prefixed = true;
          const bit = 1 << ((ae - as + src.charCodeAt(as) * 3 + src.charCodeAt(ae - 1) * 7) % 31);
          if (seen & bit) collide = true;
          seen |= bit;
          i = ve + 1;
          c = src.charCodeAt(i);
          if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== GT && c !== SLASH) throw DECLINE;
          continue;
        }
      }
      if (c === GT) break;
      if (c === SLASH && src.charCodeAt(i + 1) === GT) {
        selfClosing = true;
        i++;
        break;
      }
      throw DECLINE;
    }
    tag.n = n;
    const nsBefore = ns.length;
    const defaultBefore = defaultUri;
    if (declares) {
      defaultUri = declare(src, a, n, ns, defaultUri);
      if (!selfClosing) {
        scopeDepth.push(depth);
        scopeNs.push(nsBefore);
        scopeDefault.push(defaultBefore);
      }
    }
    // Resolve the element's name, then check the attributes' prefixes and that none repeats.
    let uri: string;
    let local: string;
    if (elColon < 0) {
      uri = defaultUri;
      local = nameOf(src, nameStart, nEnd);
      tag.name = local;
    } else {
      const u = tag.prefixUri(nameStart, elColon);
      if (u === undefined || u === XML_NS || (elColon - nameStart === 5 && src.startsWith("xmlns", nameStart))) throw DECLINE;
      uri = u;
      local = nameOf(src, elColon + 1, nEnd);
      tag.name = nameOf(src, nameStart, nEnd);
    }
    if (collide || prefixed) checkAttributes(tag, n);
    tag.local = local;
    tag.uri = uri;
    sawRoot = true;
    tag.contentStart = selfClosing ? -1 : i + 1;
    if (open) open(tag);
    if (selfClosing) {
      tag.n = 0;
      if (close) close(tag);
      if (declares) {
        ns.length = nsBefore;
        defaultUri = defaultBefore;
      }
    } else {
      stackName[depth] = tag.name;
      stackLocal[depth] = local;
      stackUri[depth] = uri;
      depth++;
    }
    pos = i + 1;
    if (tag.resume >= 0) {
      // The handler read the content itself, up to the closing tag.
      const resume = tag.resume;
      tag.resume = -1;
      if (selfClosing || resume < pos || resume > len) throw DECLINE;
      pos = resume;
    }
  }
}

/** A string for src[start, end), the one from `names` when the same name was seen. */
function nameOf(src: string, start: number, end: number): string {
  const n = end - start;
  const key = (n * 31 + src.charCodeAt(start) * 7 + src.charCodeAt(end - 1)) & (NAME_CACHE_SIZE - 1);
  const known = names[key];
  if (known.length === n) {
    let k = 0;
    while (k < n && src.charCodeAt(start + k) === known.charCodeAt(k)) k++;
    if (k === n) return known;
  }
  const s = src.slice(start, end);
  names[key] = s;
  return s;
}
