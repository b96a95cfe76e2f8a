/**
 * XML of an .xlsx package, namespace-aware, through PDV's own tokenizer (`./xml-fast`, parts up
 * to 8 MB whose handlers can be reset) or saxes (the reference: larger parts, streamed, and every
 * part the tokenizer declines): an element is known by its namespace
 * and local name, whatever prefix the writer chose (`<c>`, `<x:c>`), and SpreadsheetML's
 * Transitional and Strict namespaces (ECMA-376 Part 1 and ISO/IEC 29500 Strict) are the same to it.
 */
import { SaxesParser } from "saxes";
import type { SaxesTagNS, SaxesTagPlain } from "saxes";
import { PortError } from "../port";
import { MAX_UNCOMPRESSED_BYTES, partBytes, streamPart, tooLarge } from "./zip";
import type { ZipEntry, ZipPackage } from "./zip";
import { FastTag, tokenize } from "./xml-fast";
import { OFFICE_REL_STRICT, OFFICE_REL_TRANSITIONAL, PACKAGE_REL, SML_STRICT, SML_TRANSITIONAL } from "./namespaces";

/** SpreadsheetML main namespace, Transitional and Strict. */
export const SML = new Set([SML_TRANSITIONAL, SML_STRICT]);
/** The namespace of `r:id` attributes, Transitional and Strict. */
export const OFFICE_REL = new Set([OFFICE_REL_TRANSITIONAL, OFFICE_REL_STRICT]);
export { PACKAGE_REL };

/**
 * An element as the handlers see it: its local name and namespace URI, and its attributes. Parsed
 * namespace-aware, `attributes` are saxes's (keyed by qualified name, each with its local name and
 * URI); parsed in the fast mode (`plain`, see `parsePart`), they are the raw strings keyed by
 * qualified name, and only attributes in no namespace can be asked for (`attr` without `ns`).
 */
export type Tag = SaxesTagNS | PlainTag | FastTag;

interface PlainTag {
  plain: true;
  name: string;
  local: string;
  uri: string;
  attributes: Record<string, string>;
}

/**
 * What a parse reports. A Tag is valid only during the call that reports it (the fast tokenizer
 * reuses one object): copy what is to be kept. A close event may carry no attributes.
 */
export interface XmlHandlers {
  open?(tag: Tag): void;
  close?(tag: Tag): void;
  text?(text: string): void;
  /**
   * Forget everything reported so far: the part is about to be reported again from its start.
   * Handlers that have it may be fed by the fast tokenizer (`./xml-fast`), which can decline a part
   * half way; those without it are fed by saxes only.
   */
  reset?(): void;
}

function isFast(tag: Tag): tag is FastTag {
  return (tag as FastTag).fast === true;
}

function isPlain(tag: Tag): tag is PlainTag {
  return (tag as PlainTag).plain === true;
}

/**
 * The value of an attribute by local name, in no namespace (`r="A1"`) or in one of `ns`. A part
 * parsed in the fast mode has no namespaces to ask for: `ns` then always gives undefined.
 */
export function attr(tag: Tag, local: string, ns?: Set<string>): string | undefined {
  if (isFast(tag)) return tag.attr(local, ns);
  if (isPlain(tag)) return ns ? undefined : tag.attributes[local];
  const plain = tag.attributes[local];
  if (!ns && plain) return plain.value;
  for (const key in tag.attributes) {
    const a = tag.attributes[key];
    if (a.local === local && (ns ? ns.has(a.uri) : a.uri === "")) return a.value;
  }
  return undefined;
}

/**
 * The URI is SpreadsheetML's main namespace (Transitional or Strict). Same as `SML.has(uri)`;
 * cheaper for the fast tokenizer's URIs, which are these very constants.
 */
export function isSmlUri(uri: string): boolean {
  return uri === SML_TRANSITIONAL || uri === SML_STRICT;
}

/** The element is SpreadsheetML's `local`. */
export function isSml(tag: Tag, local: string): boolean {
  return tag.local === local && isSmlUri(tag.uri);
}

function badXml(pkg: ZipPackage, e: ZipEntry): PortError {
  return new PortError(
    `Tệp ${pkg.fileName} bị hỏng (thành phần ${e.name} không phải XML hợp lệ); hãy mở bằng Excel và lưu lại.`,
    "corrupt",
  );
}

const LT = 0x3c;
const GT = 0x3e;
/** Parts up to this size (inflated) go through the fast tokenizer (`./xml-fast`), whole. */
const TOKENIZER_MAX_BYTES = 8 * 1024 * 1024;
let tokenizerOn = true;
/**
 * On the tokenizer's path, `filter` is applied only to parts larger than this: on a unit's sheet
 * (6 kB, a few empty cells) cutting costs more than tokenizing what it cuts (4,800 sheets: 0,19 s
 * without, 0,31 s with), on a sheet of styled empty cells it saves two thirds (8 MB: 74 → 28 ms).
 */
const FILTER_FAST_FROM_BYTES = 256 * 1024;
/** Parts parsed so far by the fast tokenizer and by saxes (declined ones counted in both). */
export const parseCounts = { tokenizer: 0, saxes: 0 };

/**
 * Use the fast tokenizer (the default) or saxes only for every part: a switch for tests that
 * compare the two paths, and a way back should the tokenizer ever be doubted.
 */
export function useFastTokenizer(on: boolean): void {
  tokenizerOn = on;
}
const utf8 = new TextDecoder("utf-8");
/** Parts up to this size (inflated) may be parsed in the fast mode: they are checked whole first. */
const PLAIN_MAX_BYTES = 8 * 1024 * 1024;
/**
 * Longest run of a filtered part without a '>' (bytes): a worksheet's longest legal text is a
 * cell's 32,767 characters, so a longer run is not a worksheet (a bomb of zeros, say).
 */
const MAX_RUN_BYTES = 4 * 1024 * 1024;

function isNameByte(b: number): boolean {
  return (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x5f || b === 0x2d || b === 0x2e || b >= 0x80;
}

/**
 * The namespace every element of `b` is in, when the document is simple enough to know it without
 * resolving prefixes: no element name anywhere carries a prefix (`<x:c>`), and the only default
 * namespace declaration (`xmlns="…"`) in the whole text sits on the root element. Then every
 * element is in that namespace and every unprefixed attribute in none, exactly as a
 * namespace-aware parse gives them. Anything else (a prefixed element, a second or misplaced
 * `xmlns=`, even inside text or a comment) gives null: the part is parsed namespace-aware.
 */
export function soleNamespace(b: Uint8Array): string | null {
  let root = -1;
  let rootEnd = -1;
  let decl = -1;
  for (let i = b.indexOf(LT); i >= 0; i = b.indexOf(LT, i + 1)) {
    let j = i + 1;
    if (b[j] === 0x2f) j++;
    const first = b[j];
    if (first === 0x3f || first === 0x21) continue; // <?…?>, <!--…-->, <![CDATA[…, <!DOCTYPE
    while (j < b.length && isNameByte(b[j])) j++;
    if (b[j] === 0x3a) return null; // a prefixed element name
    if (root < 0 && b[i + 1] !== 0x2f) {
      root = i;
      rootEnd = b.indexOf(GT, i);
    }
  }
  // Every "xmlns", then optional white space, then "=": exactly one, inside the root's tag.
  for (let i = b.indexOf(0x78); i >= 0; i = b.indexOf(0x78, i + 1)) {
    if (b[i + 1] !== 0x6d || b[i + 2] !== 0x6c || b[i + 3] !== 0x6e || b[i + 4] !== 0x73) continue;
    let j = i + 5;
    while (b[j] === 0x20 || b[j] === 0x09 || b[j] === 0x0a || b[j] === 0x0d) j++;
    if (b[j] !== 0x3d) continue;
    if (decl >= 0 || root < 0 || i < root || i > rootEnd) return null;
    decl = j + 1;
  }
  if (decl < 0) return null;
  while (b[decl] === 0x20 || b[decl] === 0x09 || b[decl] === 0x0a || b[decl] === 0x0d) decl++;
  const quote = b[decl];
  if (quote !== 0x22 && quote !== 0x27) return null;
  const end = b.indexOf(quote, decl + 1);
  if (end < 0) return null;
  const uri = new TextDecoder("utf-8").decode(b.subarray(decl + 1, end));
  return /[&<]/.test(uri) ? null : uri;
}

export interface ParseOptions {
  /**
   * Applied to the bytes before decoding: gets bytes ending at a tag's '>' and returns bytes
   * made of whole tags (e.g. `dropEmptyCells`).
   */
  filter?: (bytes: Uint8Array) => Uint8Array;
  /**
   * The handlers ask only for attributes in no namespace: a small part whose elements all sit in
   * one namespace (`soleNamespace`) may then be parsed without namespace processing, which costs
   * about a third of saxes's time. The handlers see the same local names, URIs and attributes.
   */
  fast?: boolean;
  /** Apply `filter` on the fast tokenizer's path whatever the part's size (see FILTER_FAST_FROM_BYTES). */
  filterFast?: boolean;
  /** Bytes kept (after `filter`) past which the part is refused as too large; MAX_UNCOMPRESSED_BYTES. */
  keptLimit?: number;
}

/**
 * Parse one part. Up to 8 MB, with handlers that have `reset`: inflated whole, decoded and
 * tokenized (`./xml-fast`; `options.filter` applied over 256 kB); should the tokenizer decline,
 * the handlers are reset and saxes reads the part. Otherwise as a stream: inflated piece by
 * piece, optionally passed through `options.filter`, decoded and fed to saxes (CDATA reported as
 * text). Throws PortError("corrupt") on malformed XML (saxes's verdict), PortError("too-large")
 * when what is kept (after the filter) passes `keptLimit` bytes or a filtered part holds a
 * run of MAX_RUN_BYTES without a '>'.
 */
export function parsePart(pkg: ZipPackage, e: ZipEntry, handlers: XmlHandlers, options: ParseOptions = {}): void {
  const { filter } = options;
  const keptLimit = options.keptLimit ?? MAX_UNCOMPRESSED_BYTES;
  let whole: Uint8Array | null = null;
  let uri: string | null = null;
  let filtered = false;
  if (tokenizerOn && handlers.reset && e.uncompressedSize <= TOKENIZER_MAX_BYTES) {
    parseCounts.tokenizer++;
    // The hot path: the whole part through the fast tokenizer; what it declines goes to saxes below.
    try {
      whole = partBytes(pkg, e);
    } catch (err) {
      if (err instanceof PortError) throw err;
      throw badXml(pkg, e);
    }
    if (filter && (options.filterFast || e.uncompressedSize > FILTER_FAST_FROM_BYTES)) {
      whole = filter(whole);
      filtered = true;
    }
    if (whole.length > keptLimit) throw tooLarge(pkg.fileName, keptLimit);
    let done = false;
    try {
      done = tokenize(utf8.decode(whole), handlers);
    } catch (err) {
      if (err instanceof PortError) throw err;
    }
    if (done) return;
    handlers.reset();
  }
  if (options.fast && e.uncompressedSize <= PLAIN_MAX_BYTES) {
    try {
      whole ??= partBytes(pkg, e);
    } catch (err) {
      if (err instanceof PortError) throw err;
      throw badXml(pkg, e);
    }
    if (filter && !filtered) whole = filter(whole);
    filtered = true;
    uri = soleNamespace(whole);
  }
  if (whole && filter && !filtered) whole = filter(whole);
  parseCounts.saxes++;
  const parser = uri === null ? new SaxesParser({ xmlns: true, position: false }) : new SaxesParser({ xmlns: false, position: false });
  let failed = false;
  parser.on("error", () => {
    failed = true;
  });
  if (uri !== null) {
    // The fast mode: every element is in `uri`, every attribute keyed by its (unprefixed) name.
    const ns = uri;
    const tagOf = (t: SaxesTagPlain): Tag => {
      const p = t as unknown as PlainTag;
      if (p.plain !== true) {
        p.plain = true;
        p.local = t.name;
        p.uri = ns;
      }
      return p;
    };
    const { open, close } = handlers;
    if (open) parser.on("opentag", (t) => open(tagOf(t as unknown as SaxesTagPlain)));
    if (close) parser.on("closetag", (t) => close(tagOf(t as unknown as SaxesTagPlain)));
  } else {
    if (handlers.open) parser.on("opentag", handlers.open);
    if (handlers.close) parser.on("closetag", handlers.close);
  }
  if (handlers.text) {
    parser.on("text", handlers.text);
    // A CDATA section's content is character data like any other (XML 1.0, 2.7).
    parser.on("cdata", handlers.text);
  }
  const decoder = new TextDecoder("utf-8");
  let carry: Uint8Array | null = null;
  let kept = 0;
  const write = (bytes: Uint8Array, last: boolean) => {
    kept += bytes.length;
    if (kept > keptLimit) throw tooLarge(pkg.fileName, keptLimit);
    const text = decoder.decode(bytes, { stream: !last });
    if (!failed && text) parser.write(text);
  };
  const feed = (chunk: Uint8Array) => {
    if (failed) return;
    if (!filter) return write(chunk, false);
    let bytes = chunk;
    if (carry) {
      bytes = new Uint8Array(carry.length + chunk.length);
      bytes.set(carry);
      bytes.set(chunk, carry.length);
    }
    const end = bytes.lastIndexOf(0x3e) + 1;
    carry = end < bytes.length ? bytes.slice(end) : null;
    if (carry && carry.length > MAX_RUN_BYTES) throw tooLarge(pkg.fileName, MAX_UNCOMPRESSED_BYTES);
    if (end > 0) write(filter(bytes.subarray(0, end)), false);
  };
  try {
    if (whole) write(whole, false);
    else streamPart(pkg, e, feed);
    write(carry ?? new Uint8Array(0), true);
    if (!failed) parser.close();
  } catch (err) {
    if (err instanceof PortError) throw err;
    throw badXml(pkg, e);
  }
  if (failed) throw badXml(pkg, e);
}

const INTERN_MAX_LENGTH = 256;
const INTERN_MAX_ENTRIES = 100_000;
const interned = new Map<string, string>();

/**
 * A text to keep: a string cut out of a parsed chunk can keep that whole chunk in memory, so the
 * first occurrence is copied into a fresh string and short ones are shared (a template's labels
 * recur in every unit's file). The table is bounded.
 */
export function keepText(s: string): string {
  const known = interned.get(s);
  if (known !== undefined) return known;
  // A fresh string of the same characters: the joined string is made flat before it is cut,
  // so the copy holds (at most) its own characters and a space, never the part's text. Several
  // times cheaper than encoding and decoding it again.
  const copy = (" " + s).slice(1);
  if (s.length <= INTERN_MAX_LENGTH && interned.size < INTERN_MAX_ENTRIES) interned.set(copy, copy);
  return copy;
}
