/**
 * A fingerprint of the inputs of a consolidation (DanhMuc and every report sheet's values), so
 * that rule G01 can tell when TongHop is older than the data it summarises.
 */
import type { CellValue, SheetGrid } from "./types";

/**
 * A cell as the fingerprint sees it. Numbers are taken to 15 significant digits, as Excel and
 * LibreOffice store them (a ratio 1/12 saved by LibreOffice reads 0.0833333333333333), so that a
 * file saved again by a spreadsheet program keeps its fingerprint (rule R02).
 */
function cellKey(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "object") return `#${v.error}`;
  if (typeof v === "number") {
    // A whole number under 10^15 is its own 15-digit rounding (most cells: counts, serial dates).
    if (Number.isInteger(v) && v < 1e15 && v > -1e15) return `number:${String(v)}`;
    return `number:${Number.isFinite(v) ? String(Number(v.toPrecision(15))) : String(v)}`;
  }
  return `${typeof v}:${String(v)}`;
}

/**
 * A 64-bit FNV-1a-style hash (two 32-bit halves) of UTF-16 code units, fed in pieces: hashing
 * "ab" equals hashing "a" then "b". As in the first version, the carry into the high half is taken
 * from the low half read as a signed 32-bit number (so this is not textbook FNV-1a); it must stay
 * so, or every fingerprint stored in users' workbooks (G01, R02) would change. Integer arithmetic
 * only (32-bit halves split into 16-bit ones where a product would not fit).
 */
class Hash64 {
  private hi: number;
  private lo: number;
  constructor(seedHi: number, seedLo: number) {
    this.hi = seedHi | 0;
    this.lo = seedLo | 0;
  }

  update(text: string): this {
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < text.length; i++) {
      lo ^= text.charCodeAt(i);
      // (hi, lo) × 0x100000001b3 = (hi, lo) × (2^40 + 0x1b3), modulo 2^64; the carry is the high
      // word of the signed product lo × 0x1b3.
      // Branch-free (a sign test mispredicts half the time and doubles the cost).
      const carry = (((lo >>> 16) * 0x1b3 + (((lo & 0xffff) * 0x1b3) >>> 16)) >>> 16) - ((lo >> 31) & 0x1b3);
      hi = (Math.imul(hi, 0x1b3) + (lo << 8) + carry) | 0;
      lo = Math.imul(lo, 0x1b3);
    }
    this.hi = hi;
    this.lo = lo;
    return this;
  }

  /** 16 lowercase hex digits. */
  digest(): string {
    return (this.hi >>> 0).toString(16).padStart(8, "0") + (this.lo >>> 0).toString(16).padStart(8, "0");
  }
}

const SEED_HI = 0xcbf29ce4;
const SEED_LO = 0x84222325;

/** The hash of `text` (see Hash64) as 16 lowercase hex digits: fast, deterministic, good enough to detect a change. */
export function hashText(text: string, seedHi = SEED_HI, seedLo = SEED_LO): string {
  return new Hash64(seedHi, seedLo).update(text).digest();
}

/**
 * One sheet's share of the fingerprint: its source file, name and values as text. Blank cells at
 * the end of a row and blank rows at the end of a sheet do not count, so that adapters which
 * report a larger used range (Excel, ExcelJS) agree. Kept instead of the grid by a reading that
 * streams (analyze.ts `prepareSheet`); `fingerprintOfParts` combines them.
 */
export function fingerprintPart(s: SheetGrid): string {
  const lines: string[] = [];
  for (const r of s.values) {
    let line = "";
    let end = r.length;
    // Trailing blank cells first (the common case), then whatever the separators would leave.
    while (end > 0 && r[end - 1] == null) end--;
    for (let c = 0; c < end; c++) {
      const key = r[c] == null ? "" : cellKey(r[c]);
      line += c === 0 ? key : `\u001f${key}`;
    }
    lines.push(line.endsWith("\u001f") ? line.replace(/\u001f+$/, "") : line);
  }
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return `${s.source?.file ?? ""}\u001d${s.name}\u001d${lines.join("\u001e")}`;
}

/** The fingerprint of sheets given by their parts (`fingerprintPart`), in any order. */
export function fingerprintOfParts(parts: string[]): string {
  // The hash of the sorted parts joined by U+001C, without building that string.
  const sorted = [...parts].sort();
  const h = new Hash64(SEED_HI, SEED_LO);
  sorted.forEach((p, i) => (i === 0 ? h.update(p) : h.update("\u001c").update(p)));
  return h.digest();
}

/**
 * Fingerprint of the given input sheets (DanhMuc and the reports): names, sources and values, in a
 * stable order (rule G01; rule R02 compares a fingerprint made in Excel with one made from the
 * saved file, and fingerprints stored in users' workbooks must keep their value).
 */
export function fingerprintInputs(sheets: SheetGrid[]): string {
  return fingerprintOfParts(sheets.map(fingerprintPart));
}
