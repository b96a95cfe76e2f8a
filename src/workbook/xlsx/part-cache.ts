/**
 * Parts that recur byte for byte across a folder's files are parsed once. Units fill in the same
 * template, so their files often carry the very same styles part and relationships; parsing
 * those 4,800 times cost a quarter of reading a district.
 *
 * A cached result is reused only when the part's stored bytes in the zip (compression method and
 * compressed data) are identical to those it was parsed from, compared in full: identical input
 * bytes inflate to identical XML, so the result is the one parsing would give (no hash is
 * trusted). Results are shared between files: callers must not modify them.
 */
import { rawEntry } from "./zip";
import type { ZipEntry, ZipPackage } from "./zip";

/** Parts larger than this (compressed) are not kept: comparing and holding them would cost more than it saves. */
const MAX_CACHED_BYTES = 64 * 1024;
/** Results kept per kind (oldest dropped first). */
const MAX_ENTRIES = 64;

/** Kinds kept (oldest dropped first): a relationships kind is named after its source part. */
const MAX_KINDS = 16;

interface Cached {
  method: number;
  /** The declared inflated size: the same stored bytes under another declared size are another part (a lying one is refused). */
  size: number;
  raw: Uint8Array;
  value: unknown;
}

/** Per kind, results by the part's CRC-32 as the zip declares it (a first guess: the bytes decide). */
const cache = new Map<string, Map<number, Cached>>();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `parse(pkg, e)`, or the result of an earlier call for the same `kind` on a part whose stored
 * bytes were identical. `kind` names the parser (different parsers of one part must not share
 * results). Errors are never cached: a part that fails is parsed (and fails) every time.
 */
export function parseOnce<T>(kind: string, pkg: ZipPackage, e: ZipEntry, parse: (pkg: ZipPackage, e: ZipEntry) => T): T {
  if (e.compressedSize > MAX_CACHED_BYTES) return parse(pkg, e);
  const raw = rawEntry(pkg, e);
  let results = cache.get(kind);
  if (results === undefined) {
    results = new Map<number, Cached>();
    if (cache.size >= MAX_KINDS) cache.delete(cache.keys().next().value as string);
    cache.set(kind, results);
  }
  // Numbers as keys: building and hashing a key string per part cost more than the comparison.
  const hit = results.get(e.crc);
  if (hit && hit.method === e.method && hit.size === e.uncompressedSize && sameBytes(hit.raw, raw)) return hit.value as T;
  const value = parse(pkg, e);
  if (results.size >= MAX_ENTRIES) results.delete(results.keys().next().value as number);
  results.set(e.crc, { method: e.method, size: e.uncompressedSize, raw: raw.slice(), value });
  return value;
}
