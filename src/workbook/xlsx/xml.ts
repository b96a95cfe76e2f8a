/**
 * XML of an .xlsx package through saxes, namespace-aware: an element is known by its namespace
 * and local name, whatever prefix the writer chose (`<c>`, `<x:c>`), and SpreadsheetML's
 * Transitional and Strict namespaces (ECMA-376 Part 1 and ISO/IEC 29500 Strict) are the same to it.
 */
import { SaxesParser } from "saxes";
import type { SaxesTagNS } from "saxes";
import { PortError } from "../port";
import { streamPart } from "./zip";
import type { ZipEntry, ZipPackage } from "./zip";

/** SpreadsheetML main namespace, Transitional and Strict. */
export const SML = new Set(["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"]);
/** The namespace of `r:id` attributes, Transitional and Strict. */
export const OFFICE_REL = new Set([
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  "http://purl.oclc.org/ooxml/officeDocument/relationships",
]);
/** The namespace of `.rels` parts. */
export const PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

export type Tag = SaxesTagNS;

export interface XmlHandlers {
  open?(tag: Tag): void;
  close?(tag: Tag): void;
  text?(text: string): void;
}

/** The value of an attribute by local name, in no namespace (`r="A1"`) or in one of `ns`. */
export function attr(tag: Tag, local: string, ns?: Set<string>): string | undefined {
  const plain = tag.attributes[local];
  if (!ns && plain) return plain.value;
  for (const key in tag.attributes) {
    const a = tag.attributes[key];
    if (a.local === local && (ns ? ns.has(a.uri) : a.uri === "")) return a.value;
  }
  return undefined;
}

/** The element is SpreadsheetML's `local`. */
export function isSml(tag: Tag, local: string): boolean {
  return tag.local === local && SML.has(tag.uri);
}

function badXml(pkg: ZipPackage, e: ZipEntry): PortError {
  return new PortError(
    `Tệp ${pkg.fileName} bị hỏng (thành phần ${e.name} không phải XML hợp lệ); hãy mở bằng Excel và lưu lại.`,
    "corrupt",
  );
}

/**
 * Parse one part as a stream: inflated piece by piece, optionally passed through `filter` (which
 * gets bytes ending at a tag's '>' and returns bytes made of whole tags), decoded and fed to
 * saxes. Throws PortError("corrupt") on malformed XML.
 */
export function parsePart(pkg: ZipPackage, e: ZipEntry, handlers: XmlHandlers, filter?: (bytes: Uint8Array) => Uint8Array): void {
  const parser = new SaxesParser({ xmlns: true, position: false });
  let failed = false;
  parser.on("error", () => {
    failed = true;
  });
  if (handlers.open) parser.on("opentag", handlers.open);
  if (handlers.close) parser.on("closetag", handlers.close);
  if (handlers.text) parser.on("text", handlers.text);
  const decoder = new TextDecoder("utf-8");
  let carry: Uint8Array | null = null;
  const write = (bytes: Uint8Array, last: boolean) => {
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
    if (end > 0) write(filter(bytes.subarray(0, end)), false);
  };
  try {
    streamPart(pkg, e, feed);
    write(carry ?? new Uint8Array(0), true);
    if (!failed) parser.close();
  } catch (err) {
    if (err instanceof PortError) throw err;
    throw badXml(pkg, e);
  }
  if (failed) throw badXml(pkg, e);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");
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
  const copy = decoder.decode(encoder.encode(s));
  if (s.length <= INTERN_MAX_LENGTH && interned.size < INTERN_MAX_ENTRIES) interned.set(copy, copy);
  return copy;
}
