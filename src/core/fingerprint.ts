/**
 * A fingerprint of the inputs of a consolidation (DanhMuc and every report sheet's values), so
 * that rule G01 can tell when TongHop is older than the data it summarises.
 */
import type { CellValue, SheetGrid } from "./types";

/**
 * A cell as the fingerprint sees it. Numbers are taken to 15 significant digits, as Excel and
 * LibreOffice store them (a ratio 1/12 saved by LibreOffice reads 0.0833333333333333), so that a
 * file saved again by a spreadsheet program keeps its fingerprint (rule R02). Texts are
 * "string:" and the text (CodeWriter.cell writes those without this function).
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
 * Text written as UTF-16 code units into one growing buffer (reused from call to call), so that a
 * sheet's share of the fingerprint is made without a string per cell and hashed without reading
 * strings back (issue 11: 4,800 sheets, 8.4 million code units). Room is made before a piece is
 * written (`ensure`, with an upper bound of what follows), not for each code unit. The buffer
 * starts small so that it grows while the first sheet is written: growing is then known to the
 * optimised code, and DanhMuc's 4,800 rows after the unit sheets grow it without throwing that
 * code away (which cost 20–40 ms of interpreted copying when the buffer started at 16 K).
 */
class CodeWriter {
  private buf = new Uint16Array(64);
  private n = 0;

  reset(): void {
    this.n = 0;
  }

  /** Room for `more` code units after those written. */
  ensure(more: number): void {
    if (this.n + more > this.buf.length) this.grow(this.n + more);
  }

  private grow(size: number): void {
    const grown = new Uint16Array(Math.max(this.buf.length * 2, size));
    grown.set(this.buf.subarray(0, this.n));
    this.buf = grown;
  }

  /** Write `t` (room made by `ensure`). */
  text(t: string): void {
    const buf = this.buf;
    let n = this.n;
    for (let i = 0; i < t.length; i++) buf[n++] = t.charCodeAt(i);
    this.n = n;
  }

  /** Write one code unit (room made by `ensure`). */
  unit(code: number): void {
    this.buf[this.n++] = code;
  }

  /** `cellKey(v)` of a cell that is not blank (room for `cellRoom(v)` made by `ensure`). */
  cell(v: CellValue): void {
    if (typeof v === "string") {
      this.text("string:");
      this.text(v);
    } else this.text(cellKey(v));
  }

  /** Where the next code unit goes. */
  get length(): number {
    return this.n;
  }

  /** Drop the code units `code` at the end, down to position `from` at most. */
  trimEnd(from: number, code: number): void {
    while (this.n > from && this.buf[this.n - 1] === code) this.n--;
  }

  /** A copy of what was written. Throws when more was written than there was room for (a wrong `ensure`). */
  take(): Uint16Array {
    if (this.n > this.buf.length) throw new Error(`fingerprint: ${this.n} code units written into ${this.buf.length}`);
    return this.buf.slice(0, this.n);
  }
}

/**
 * At least the length of `cellKey(v)`: a text "string:" and itself; a number "number:" and at most
 * 24 characters ("-1.2345678901234567e-308"); a boolean at most "boolean:false".
 */
function cellRoom(v: CellValue): number {
  if (typeof v === "string") return 7 + v.length;
  if (typeof v === "number") return 32;
  if (typeof v === "boolean") return 13;
  return v == null ? 0 : cellKey(v).length;
}

const writer = new CodeWriter();

/** Code units U+001C–U+001E: between sheets, between a sheet's head fields and between rows; U+001F between cells. */
const SHEET_SEP = 0x1c;
const HEAD_SEP = 0x1d;
const ROW_SEP = 0x1e;
const CELL_SEP = 0x1f;

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

  /** Feed code units (a text's charCodeAt values; always a Uint16Array, so that the loop sees one kind of array). */
  update(codes: Uint16Array): this {
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < codes.length; i++) {
      lo ^= codes[i];
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

/** A text's UTF-16 code units. */
function codesOf(text: string): Uint16Array {
  writer.reset();
  writer.ensure(text.length);
  writer.text(text);
  return writer.take();
}

/** The hash of `text` (see Hash64) as 16 lowercase hex digits: fast, deterministic, good enough to detect a change. */
export function hashText(text: string, seedHi = SEED_HI, seedLo = SEED_LO): string {
  return new Hash64(seedHi, seedLo).update(codesOf(text)).digest();
}

/**
 * One sheet's share of the fingerprint as UTF-16 code units: its source file, name and values as
 * text (file U+001D name U+001D rows; rows joined by U+001E, a row's cells by U+001F, each cell as
 * `cellKey`). Blank cells at the end of a row and blank rows at the end of a sheet do not count,
 * so that adapters which report a larger used range (Excel, ExcelJS) agree. Kept instead of the
 * grid by a reading that streams (prepare.ts `prepareSheet`); `fingerprintOfCodes` combines them.
 */
export function fingerprintCodes(s: SheetGrid): Uint16Array {
  const w = writer;
  w.reset();
  const file = s.source?.file ?? "";
  w.ensure(file.length + s.name.length + 2);
  w.text(file);
  w.unit(HEAD_SEP);
  w.text(s.name);
  w.unit(HEAD_SEP);
  const rows = s.values;
  // Rows up to `joined` are written; a blank row's separator waits for a row that is not blank.
  let joined = 0;
  for (let i = 0; i < rows.length; i++) {
    if (!hasValue(rows[i])) continue;
    w.ensure(i - joined);
    for (; joined < i; joined++) w.unit(ROW_SEP);
    writeRow(w, rows[i]);
  }
  return w.take();
}

function hasValue(r: CellValue[]): boolean {
  for (let c = r.length - 1; c >= 0; c--) if (r[c] != null) return true;
  return false;
}

/**
 * One row's cells joined by U+001F, blank cells at its end left out. A function of its own, so
 * that a grid unlike those seen before (DanhMuc after 4,800 unit sheets) deoptimises only the
 * loop over rows, not the writing of its cells.
 */
function writeRow(w: CodeWriter, r: CellValue[]): void {
  let end = r.length;
  while (end > 0 && r[end - 1] == null) end--;
  let room = end;
  for (let c = 0; c < end; c++) room += cellRoom(r[c]);
  w.ensure(room);
  const start = w.length;
  for (let c = 0; c < end; c++) {
    if (c > 0) w.unit(CELL_SEP);
    const v = r[c];
    if (v != null) w.cell(v);
  }
  // A row whose last text ends in U+001F loses those (as the first version's trimming did).
  w.trimEnd(start, CELL_SEP);
}

/** Code-unit order of two texts, as JavaScript compares strings (and Array.prototype.sort sorts them). */
function compareCodes(a: Uint16Array, b: Uint16Array): number {
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * The fingerprint of sheets given by their parts (`fingerprintCodes`), in any order: the hash of
 * the parts, sorted as texts, joined by U+001C. The parts are not changed.
 */
export function fingerprintOfCodes(parts: Uint16Array[]): string {
  const sorted = [...parts].sort(compareCodes);
  const h = new Hash64(SEED_HI, SEED_LO);
  const sep = Uint16Array.of(SHEET_SEP);
  sorted.forEach((p, i) => (i === 0 ? h.update(p) : h.update(sep).update(p)));
  return h.digest();
}

/**
 * Fingerprint of the given input sheets (DanhMuc and the reports): names, sources and values, in a
 * stable order (rule G01; rule R02 compares a fingerprint made in Excel with one made from the
 * saved file, and fingerprints stored in users' workbooks must keep their value).
 */
export function fingerprintInputs(sheets: SheetGrid[]): string {
  return fingerprintOfCodes(sheets.map(fingerprintCodes));
}
