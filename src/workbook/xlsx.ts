/**
 * The .xlsx adapter of the port (ExcelJS), for the `pdv` command and the tests. Node only.
 *
 * Reading: every worksheet becomes a SheetGrid the way the core expects it (blank → null, dates →
 * Excel serials of the 1900 system, rich text → plain text, formula cells → their cached result
 * with the formula text in `formulas`, hyperlinks → their text, error values → { error }).
 * Merged cells other than the top-left one read as blank, as in Excel.
 *
 * Writing: `writeSheet` renders a SheetPlan as-is (the core decides the layout). ExcelJS cannot
 * write charts, so `plan.chart` is not drawn in files; the chart's data stays in the plan's cells.
 *
 * Add-in state (`SheetPlan.state`, `WorkbookSnapshot.state`) is kept in a very hidden sheet named
 * `STATE_SHEET` ("_pdv_state"): one key per row, key in column A, value (text) in column B. That
 * sheet is never listed nor read as a grid. (ExcelJS does not write custom document properties.)
 *
 * Before ExcelJS parses anything, `checkXlsxBytes` refuses what it should not open: an empty file,
 * a file that is not a zip (CSV, text), an OLE2 container (legacy .xls, or an .xlsx protected by a
 * password, which Excel stores encrypted inside OLE2), macro-enabled or binary workbooks, corrupt
 * zips, and zip bombs (declared sizes summed from the central directory, then each entry inflated
 * with an output limit equal to its declared size, so a lying entry is caught too).
 */
import { promises as fs, readFileSync } from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { inflateRawSync } from "zlib";
import * as ExcelJS from "exceljs";
import type { CellValue, SheetGrid, SheetPlan, PlanCell } from "../core/types";
import { a1, parseRange, sheetNameProblem } from "../core/a1";
import { PortError } from "./port";
import type { ReadOptions, SheetInfo, WorkbookPort, WorkbookSnapshot } from "./port";

/** The very hidden sheet holding the add-in state (key in A, value in B). */
export const STATE_SHEET = "_pdv_state";

/** Refuse workbooks whose parts would inflate to more than this (zip bomb guard). */
export const MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
/** Refuse zips with more entries than this (a real workbook has a few dozen to a few hundred). */
export const MAX_ZIP_ENTRIES = 20000;
/** Excel's limit on the length of a cell's text. */
const MAX_CELL_TEXT = 32767;

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/* ------------------------------------------------------------------ input guard */

function u16(v: DataView, at: number): number {
  return v.getUint16(at, true);
}
function u32(v: DataView, at: number): number {
  return v.getUint32(at, true);
}
function u64(v: DataView, at: number): number {
  return Number(v.getBigUint64(at, true));
}

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  if (bytes.length < sig.length) return false;
  return sig.every((b, i) => bytes[i] === b);
}

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

interface ZipEntry {
  /** Offset of the entry's central directory header. */
  centralOffset: number;
  /** Length of that header (fixed part, name, extra field, comment). */
  centralLength: number;
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** Length of the local file header at `at` (fixed part, name, extra field): the data follows it. */
function localHeaderLength(view: DataView, at: number): number {
  return 30 + u16(view, at + 26) + u16(view, at + 28);
}

function extensionOf(fileName: string): string {
  return path.extname(fileName).toLowerCase();
}

/** Read the zip central directory; throws PortError("corrupt") when it is not a sound zip. */
function readCentralDirectory(bytes: Uint8Array, fileName: string): ZipEntry[] {
  const corrupt = () =>
    new PortError(`Tệp ${fileName} bị hỏng (cấu trúc nén .xlsx không đọc được); hãy mở bằng Excel và lưu lại.`, "corrupt");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.length;
  // End of central directory record: 22 bytes plus a comment of up to 65,535 bytes, at the end.
  let eocd = -1;
  for (let i = len - 22; i >= Math.max(0, len - 22 - 65535); i--) {
    if (u32(view, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt();
  let count = u16(view, eocd + 10);
  let cdSize = u32(view, eocd + 12);
  let cdOffset = u32(view, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: the locator sits just before the EOCD and points at the ZIP64 EOCD record.
    const loc = eocd - 20;
    if (loc < 0 || u32(view, loc) !== 0x07064b50) throw corrupt();
    const rec = u64(view, loc + 8);
    if (rec + 56 > len || u32(view, rec) !== 0x06064b50) throw corrupt();
    count = u64(view, rec + 32);
    cdSize = u64(view, rec + 40);
    cdOffset = u64(view, rec + 48);
  }
  if (count > MAX_ZIP_ENTRIES) {
    throw new PortError(`Tệp ${fileName} chứa quá nhiều thành phần (${count}); không phải sổ tính .xlsx bình thường.`, "too-large");
  }
  if (cdOffset + cdSize > len) throw corrupt();
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > len || u32(view, p) !== 0x02014b50) throw corrupt();
    const flags = u16(view, p + 8);
    const method = u16(view, p + 10);
    let compressedSize = u32(view, p + 20);
    let uncompressedSize = u32(view, p + 24);
    const nameLen = u16(view, p + 28);
    const extraLen = u16(view, p + 30);
    const commentLen = u16(view, p + 32);
    let localOffset = u32(view, p + 42);
    if (p + 46 + nameLen + extraLen + commentLen > len) throw corrupt();
    const name = new TextDecoder("utf-8").decode(bytes.subarray(p + 46, p + 46 + nameLen));
    // ZIP64 extended information (header id 1): only the fields that overflowed, in this order.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = u16(view, e);
      const size = u16(view, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff && q + 8 <= e + 4 + size) {
          uncompressedSize = u64(view, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + size) {
          compressedSize = u64(view, q);
          q += 8;
        }
        if (localOffset === 0xffffffff && q + 8 <= e + 4 + size) localOffset = u64(view, q);
      }
      e += 4 + size;
    }
    const centralLength = 46 + nameLen + extraLen + commentLen;
    entries.push({ centralOffset: p, centralLength, name, method, flags, compressedSize, uncompressedSize, localOffset });
    p += centralLength;
  }
  return entries;
}

/**
 * Refuse, with a one-line Vietnamese reason naming the file, anything that is not a plain .xlsx
 * workbook safe to inflate. Throws PortError; returns normally when ExcelJS may parse the bytes.
 */
export function checkXlsxBytes(bytes: Uint8Array, fileName: string, limit = MAX_UNCOMPRESSED_BYTES): void {
  inspectXlsx(bytes, fileName, limit, false);
}

/**
 * `checkXlsxBytes`, which inflates every entry to prove its size; with `keep`, the inflated
 * contents are returned (in central directory order, null for folders) so that the caller need not
 * inflate them a second time.
 */
function inspectXlsx(
  bytes: Uint8Array,
  fileName: string,
  limit: number,
  keep: boolean,
): { entries: ZipEntry[]; contents: (Uint8Array | null)[] } {
  const ext = extensionOf(fileName);
  if (bytes.length === 0) {
    throw new PortError(`Tệp ${fileName} rỗng (0 byte), không phải sổ tính .xlsx.`, "empty");
  }
  if (startsWith(bytes, OLE2)) {
    throw new PortError(
      `Tệp ${fileName} là sổ tính Excel cũ (.xls) hoặc đã đặt mật khẩu; hãy mở bằng Excel, gỡ mật khẩu (nếu có) và lưu lại dạng .xlsx.`,
      "ole2",
    );
  }
  if (!startsWith(bytes, ZIP_LOCAL)) {
    if (ext === ".csv" || ext === ".txt") {
      throw new PortError(`Tệp ${fileName} là tệp văn bản/CSV, không phải sổ tính .xlsx; hãy mở bằng Excel và lưu lại dạng .xlsx.`, "csv");
    }
    throw new PortError(`Tệp ${fileName} không phải sổ tính .xlsx (nội dung không đúng định dạng Excel).`, "not-xlsx");
  }
  const entries = readCentralDirectory(bytes, fileName);
  const names = new Set(entries.map((e) => e.name.replace(/\\/g, "/").toLowerCase()));
  if (names.has("xl/workbook.bin")) {
    throw new PortError(`Tệp ${fileName} là sổ tính nhị phân (.xlsb); hãy lưu lại dạng .xlsx.`, "xlsb");
  }
  if (ext === ".xlsm" || names.has("xl/vbaproject.bin")) {
    throw new PortError(`Tệp ${fileName} chứa macro (.xlsm); PDV chỉ nhận .xlsx: hãy lưu lại dạng "Excel Workbook (.xlsx)".`, "macro");
  }
  if (!names.has("xl/workbook.xml")) {
    throw new PortError(`Tệp ${fileName} là tệp nén nhưng không phải sổ tính Excel .xlsx.`, "not-xlsx");
  }
  if (ext !== ".xlsx") {
    throw new PortError(`Tệp ${fileName} không có đuôi .xlsx; hãy lưu lại dạng "Excel Workbook (.xlsx)".`, "not-xlsx");
  }
  const tooLarge = () =>
    new PortError(
      `Tệp ${fileName} khi giải nén vượt quá ${Math.round(limit / (1024 * 1024))} MB (nghi là tệp nén độc hại); PDV không mở tệp này.`,
      "too-large",
    );
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (total > limit) throw tooLarge();
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const contents: (Uint8Array | null)[] = [];
  for (const e of entries) {
    contents.push(null);
    if (e.flags & 0x0001) {
      throw new PortError(`Tệp ${fileName} đã được mã hóa/đặt mật khẩu; hãy gỡ mật khẩu và lưu lại dạng .xlsx.`, "ole2");
    }
    if (e.name.endsWith("/")) continue;
    const corrupt = () =>
      new PortError(`Tệp ${fileName} bị hỏng (thành phần ${e.name} không giải nén được); hãy mở bằng Excel và lưu lại.`, "corrupt");
    const lh = e.localOffset;
    if (lh + 30 > bytes.length || u32(view, lh) !== 0x04034b50) throw corrupt();
    const start = lh + localHeaderLength(view, lh);
    if (start + e.compressedSize > bytes.length) throw corrupt();
    if (e.method === 0) {
      if (e.compressedSize !== e.uncompressedSize) throw corrupt();
      if (keep) contents[contents.length - 1] = bytes.subarray(start, start + e.compressedSize);
      continue;
    }
    if (e.method !== 8) throw corrupt();
    // Inflate with an output limit equal to the declared size: an entry that lies about its size
    // fails here instead of inflating without bound inside the zip library.
    let out: Buffer;
    try {
      out = inflateRawSync(bytes.subarray(start, start + e.compressedSize), {
        maxOutputLength: Math.max(1, e.uncompressedSize),
      });
    } catch (err) {
      if (err instanceof RangeError || (err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge();
      throw corrupt();
    }
    if (out.length !== e.uncompressedSize) throw corrupt();
    if (keep) contents[contents.length - 1] = out;
  }
  return { entries, contents };
}

/**
 * The same zip with every entry stored (not compressed), from the contents `inspectXlsx` inflated:
 * the zip library then only copies them (it would otherwise inflate each part a second time, in
 * JavaScript). Headers are the original ones with method, sizes, flags and offsets adjusted; the
 * CRC is that of the content, so it is kept. Null for a zip this does not handle (ZIP64 fields):
 * the caller then loads the original bytes.
 */
function storedZip(
  bytes: Uint8Array,
  allEntries: ZipEntry[],
  allContents: (Uint8Array | null)[],
  keep: (name: string) => boolean = () => true,
): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept = allEntries.map((e, i) => (keep(e.name) ? i : -1)).filter((i) => i >= 0);
  const entries = kept.map((i) => allEntries[i]);
  const contents = kept.map((i) => allContents[i]);
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let size = 22;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const c = e.centralOffset;
    if (u32(view, c + 20) === 0xffffffff || u32(view, c + 24) === 0xffffffff || u32(view, c + 42) === 0xffffffff) return null;
    const lh = e.localOffset;
    const localLen = localHeaderLength(view, lh);
    const centralLen = e.centralLength;
    const data = contents[i] ?? new Uint8Array(0);
    if (!contents[i] && e.uncompressedSize !== 0) return null;
    locals.push(bytes.subarray(lh, lh + localLen), data);
    centrals.push(bytes.subarray(c, c + centralLen));
    size += localLen + data.length + centralLen;
  }
  const out = new Uint8Array(size);
  const ov = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  for (let i = 0; i < entries.length; i++) {
    const header = locals[2 * i];
    const data = locals[2 * i + 1];
    const crc = u32(view, entries[i].centralOffset + 16);
    offsets.push(at);
    out.set(header, at);
    ov.setUint16(at + 6, u16(ov, at + 6) & ~0x0008, true); // sizes now in the header: no data descriptor
    ov.setUint16(at + 8, 0, true);
    ov.setUint32(at + 14, crc, true);
    ov.setUint32(at + 18, data.length, true);
    ov.setUint32(at + 22, data.length, true);
    at += header.length;
    out.set(data, at);
    at += data.length;
  }
  const cdStart = at;
  for (let i = 0; i < entries.length; i++) {
    const cent = centrals[i];
    const len = contents[i]?.length ?? 0;
    out.set(cent, at);
    ov.setUint16(at + 8, u16(ov, at + 8) & ~0x0008, true);
    ov.setUint16(at + 10, 0, true);
    ov.setUint32(at + 20, len, true);
    ov.setUint32(at + 24, len, true);
    ov.setUint32(at + 42, offsets[i], true);
    at += cent.length;
  }
  ov.setUint32(at, 0x06054b50, true);
  ov.setUint16(at + 8, entries.length, true);
  ov.setUint16(at + 10, entries.length, true);
  ov.setUint32(at + 12, at - cdStart, true);
  ov.setUint32(at + 16, cdStart, true);
  return out;
}

/**
 * Set every zip entry's modification time (local and central headers) to `date`, so that the same
 * workbook saved twice gives the same bytes (the zip library stamps entries with the current time).
 */
export function stampZipEntries(bytes: Uint8Array, date: Date): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  for (const e of readCentralDirectory(bytes, "")) {
    view.setUint16(e.centralOffset + 12, dosTime, true);
    view.setUint16(e.centralOffset + 14, dosDate, true);
    view.setUint16(e.localOffset + 10, dosTime, true);
    view.setUint16(e.localOffset + 12, dosDate, true);
  }
}

/**
 * Parts a workbook opened only to read its cells can do without: the theme (ExcelJS copies it
 * through a fresh 1 MB buffer per file), pictures, document properties, printer settings.
 */
const NOT_READ = /^(xl\/theme\/|xl\/media\/|docProps\/|xl\/printerSettings\/)/i;

/**
 * Parse .xlsx bytes into an ExcelJS workbook, after `checkXlsxBytes`. With `readOnly` the parts
 * of NOT_READ are left out (the workbook is not to be saved again).
 */
export async function loadXlsx(bytes: Uint8Array, fileName: string, options: { readOnly?: boolean } = {}): Promise<ExcelJS.Workbook> {
  const { entries, contents } = inspectXlsx(bytes, fileName, MAX_UNCOMPRESSED_BYTES, true);
  const keep = options.readOnly ? (name: string) => !NOT_READ.test(name.replace(/^\//, "")) : undefined;
  const zip = storedZip(bytes, entries, contents, keep) ?? bytes;
  const wb = new ExcelJS.Workbook();
  try {
    // ExcelJS's type wants a Node Buffer; share the memory instead of copying.
    const buf = Buffer.isBuffer(zip) ? zip : Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw new PortError(`Tệp ${fileName} bị hỏng hoặc không đúng cấu trúc sổ tính .xlsx; hãy mở bằng Excel và lưu lại.`, "corrupt");
  }
  return wb;
}

/* ------------------------------------------------------------------ reading */

function dateToSerial(d: Date): number {
  // ExcelJS has already applied the workbook's 1904 offset when it made the Date; the core wants
  // the 1900 system. Rounded to the millisecond to drop binary noise.
  const serial = 25569 + d.getTime() / MS_PER_DAY;
  return Math.round(serial * MS_PER_DAY) / MS_PER_DAY;
}

function isErrorValue(v: unknown): v is { error: string } {
  return typeof v === "object" && v !== null && typeof (v as { error?: unknown }).error === "string";
}

/*
 * Texts read from cells are shared between reads: the template's labels recur in every unit's file,
 * and a string cut out of a parsed part by the XML parser can keep that whole part in memory. The
 * first occurrence of a text is copied (a fresh string of its own) and kept; later ones give the
 * copy. Bounded: long texts are copied, not kept, and the table stops growing at its limit.
 */
const INTERN_MAX_LENGTH = 256;
const INTERN_MAX_ENTRIES = 100_000;
const interned = new Map<string, string>();

function sharedText(s: string): string {
  const known = interned.get(s);
  if (known !== undefined) return known;
  const copy = Buffer.from(s, "utf8").toString("utf8");
  if (s.length <= INTERN_MAX_LENGTH && interned.size < INTERN_MAX_ENTRIES) interned.set(copy, copy);
  return copy;
}

/** A plain value (no formula) as the core expects it. */
function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string") return v === "" ? null : sharedText(v);
  if (typeof v === "boolean") return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : dateToSerial(v);
  if (isErrorValue(v)) return { error: v.error };
  if (typeof v === "object") {
    const o = v as { richText?: { text?: string }[]; text?: unknown; hyperlink?: string };
    if (Array.isArray(o.richText)) {
      const text = o.richText.map((r) => r.text ?? "").join("");
      return text === "" ? null : sharedText(text);
    }
    if ("text" in o) return plainValue(o.text);
  }
  return null;
}

interface CellReading {
  value: CellValue;
  formula: string | null;
}

function readCell(cell: ExcelJS.Cell): CellReading {
  if (cell.type === ExcelJS.ValueType.Merge) return { value: null, formula: null };
  const v = cell.value as unknown;
  if (typeof v === "object" && v !== null && ("formula" in v || "sharedFormula" in v)) {
    // cell.formula translates a shared formula relative to its master cell.
    const f = cell.formula;
    const result = (v as { result?: unknown }).result;
    return { value: plainValue(result), formula: f ? sharedText(`=${f}`) : null };
  }
  return { value: plainValue(v), formula: null };
}

/** One worksheet as a grid from A1 to its last non-blank cell (or formula cell). */
export function worksheetToGrid(ws: ExcelJS.Worksheet, options: ReadOptions = {}): SheetGrid {
  const wantFormulas = options.formulas !== false;
  const wantFonts = options.fonts === true;
  const cells: { r: number; c: number; read: CellReading; font: string | null }[] = [];
  let maxRow = 0;
  let maxCol = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const read = readCell(cell);
      if (read.value === null && read.formula === null) return;
      const font = wantFonts ? (cell.font?.name ?? null) : null;
      cells.push({ r, c, read, font });
      if (r > maxRow) maxRow = r;
      if (c > maxCol) maxCol = c;
    });
  });
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  const fonts: (string | null)[][] = [];
  for (let r = 0; r < maxRow; r++) {
    values.push(new Array<CellValue>(maxCol).fill(null));
    if (wantFormulas) formulas.push(new Array<string | null>(maxCol).fill(null));
    if (wantFonts) fonts.push(new Array<string | null>(maxCol).fill(null));
  }
  for (const { r, c, read, font } of cells) {
    values[r - 1][c - 1] = read.value;
    if (wantFormulas) formulas[r - 1][c - 1] = read.formula;
    if (wantFonts) fonts[r - 1][c - 1] = font;
  }
  if (wantFonts) {
    // Fonts of blank cells inside the grid matter little; fill from the cell style when set.
    for (let r = 1; r <= maxRow; r++) {
      for (let c = 1; c <= maxCol; c++) {
        if (fonts[r - 1][c - 1] === null) fonts[r - 1][c - 1] = ws.getRow(r).getCell(c).font?.name ?? null;
      }
    }
  }
  const grid: SheetGrid = { name: ws.name, values, visibility: visibilityOf(ws) };
  if (wantFormulas) grid.formulas = formulas;
  if (wantFonts) grid.fonts = fonts;
  return grid;
}

function visibilityOf(ws: ExcelJS.Worksheet): SheetInfo["visibility"] {
  if (ws.state === "veryHidden") return "VeryHidden";
  if (ws.state === "hidden") return "Hidden";
  return "Visible";
}

/**
 * Read a unit's (or the roster's) .xlsx file: one grid per worksheet, each with `source.file`.
 * Formulas are read unless `formulas: false`; fonts only with `fonts: true`.
 */
export async function readXlsx(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<SheetGrid[]> {
  const port = createXlsxPort(await loadXlsx(bytes, fileName, { readOnly: true }), { sourceFile: fileName });
  return (await port.readWorkbook(options)).sheets;
}

/** Read a file from disk (read-only) and check it; PortError names the file on any failure. */
export async function readFileBytes(filePath: string): Promise<Buffer> {
  const name = path.basename(filePath);
  try {
    // One synchronous read: for thousands of small files the asynchronous one's several thread
    // pool round trips per file cost more than the reading (this runs in the command line only).
    return readFileSync(filePath, { flag: "r" });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "EISDIR") throw new PortError(`${name} là một thư mục, không phải tệp .xlsx.`, "io");
    if (code === "ENOENT") throw new PortError(`Không tìm thấy tệp ${filePath}.`, "io");
    if (code === "EACCES" || code === "EPERM") throw new PortError(`Không có quyền đọc tệp ${filePath}.`, "io");
    throw new PortError(`Không đọc được tệp ${filePath}.`, "io");
  }
}

/* ------------------------------------------------------------------ writing */

function argb(hex: string): string {
  const m = /^#?([0-9a-fA-F]{6})$/.exec(hex);
  if (!m) throw new PortError(`Màu không hợp lệ: ${hex}`, "plan");
  return `FF${m[1].toUpperCase()}`;
}

function checkText(sheet: string, row: number, col: number, text: string): void {
  if (text.length > MAX_CELL_TEXT) {
    throw new PortError(`Ô ${a1(row, col)} của sheet '${sheet}' dài quá 32.767 ký tự.`, "plan");
  }
}

/** A plain-text note of a rendered plan cell (1-based row and column). */
interface PendingNote {
  row: number;
  col: number;
  text: string;
}

function renderCell(ws: ExcelJS.Worksheet, r: number, c: number, pc: PlanCell, notes: PendingNote[]): void {
  const cell = ws.getRow(r).getCell(c);
  const v = pc.value ?? null;
  if (typeof v === "string") checkText(ws.name, r, c, v);
  if (pc.formula) {
    const f = pc.formula.startsWith("=") ? pc.formula.slice(1) : pc.formula;
    const fv: ExcelJS.CellFormulaValue = { formula: f, date1904: false };
    if (v !== null) fv.result = v;
    cell.value = fv;
  } else if (v !== null) {
    // A string is always written as text (ExcelJS never turns "=…", "+…", "-…", "@…" into a formula).
    cell.value = v;
  }
  if (pc.numberFormat) cell.numFmt = pc.numberFormat;
  if (pc.bold || pc.italic) cell.font = { ...(pc.bold ? { bold: true } : {}), ...(pc.italic ? { italic: true } : {}) };
  if (pc.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(pc.fill) } };
  if (pc.align || pc.wrap) {
    const al: Partial<ExcelJS.Alignment> = { vertical: "middle" };
    if (pc.align) al.horizontal = pc.align;
    if (pc.wrap) al.wrapText = true;
    cell.alignment = al;
  }
  if (pc.note) notes.push({ row: r, col: c, text: pc.note });
}

/**
 * Draw a plan on an empty worksheet. The chart is not drawn: ExcelJS cannot write charts.
 * Returns the plan's notes in row-then-column order (ExcelJS's order), of which only the first is
 * set on its cell here: the port writes the others when it saves (see `XlsxPort.toBuffer`).
 */
function renderPlan(ws: ExcelJS.Worksheet, plan: SheetPlan): PendingNote[] {
  const notes: PendingNote[] = [];
  plan.rows.forEach((row, i) => {
    if (!row) return;
    row.forEach((pc, j) => {
      if (pc) renderCell(ws, i + 1, j + 1, pc, notes);
    });
  });
  if (notes.length) ws.getRow(notes[0].row).getCell(notes[0].col).note = notes[0].text;
  plan.columnWidths?.forEach((w, i) => {
    if (w > 0) ws.getColumn(i + 1).width = w;
  });
  for (const m of plan.merges ?? []) {
    const r = parseRange(m);
    if (r.top === r.bottom && r.left === r.right) continue;
    ws.mergeCells(r.top, r.left, r.bottom, r.right);
  }
  if (plan.frozenRows && plan.frozenRows > 0) {
    ws.views = [{ state: "frozen", xSplit: 0, ySplit: plan.frozenRows, topLeftCell: `A${plan.frozenRows + 1}` }];
  }
  // plan.chart: intentionally not rendered (ExcelJS 4 has no chart writer). Its categories and
  // series are ranges of this sheet's cells, which are written above, so nothing is lost but the drawing.
  return notes;
}


/* ------------------------------------------------------------------ notes and the zip, on save */

/*
 * ExcelJS renders cell notes (comments part + VML drawing) through its XmlStream, one small string
 * per tag and attribute, all held until the part is joined: for a summary of 4,800 units (57,600
 * traceability notes, a 42 MB VML part) that took 4 s and about 500 MB. The port therefore lets
 * ExcelJS write each sheet with its first note only (so ExcelJS still emits the sheet's
 * <legacyDrawing>, relationships and content types), then writes the two note parts itself,
 * note by note, into the zip. Its parts are the bytes ExcelJS writes (test/workbook/xlsx.test.ts
 * compares them); before replacing anything, `toBuffer` checks that its rendering of the first
 * note is exactly ExcelJS's, and falls back to ExcelJS for every note otherwise.
 */

const XML_ESCAPES: Record<string, string> = { '"': "&quot;", "&": "&amp;", "'": "&apos;", "<": "&lt;", ">": "&gt;" };
// eslint-disable-next-line no-control-regex
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;

/** ExcelJS's xmlEncode: the five entities; DEL and control characters other than tab, LF, CR dropped. */
export function xmlEncode(text: string): string {
  return text.replace(XML_SPECIAL, (ch) => XML_ESCAPES[ch] ?? "");
}

/** One note in the comments part, as ExcelJS's CommentXform renders a plain-text note. */
function commentXml(n: PendingNote): string {
  const space = /^\s|\n|\s$/.test(n.text) ? ' xml:space="preserve"' : "";
  return `<comment ref="${a1(n.row, n.col)}" authorId="0"><text><r><t${space}>${xmlEncode(n.text)}</t></r></text></comment>`;
}

/** One note's shape in the VML drawing, as ExcelJS's VmlShapeXform renders a note with default settings. */
function vmlShapeXml(n: PendingNote, index: number): string {
  const top = Math.max(n.row - 2, 0);
  return (
    `<v:shape id="_x0000_s${1025 + index}" type="#_x0000_t202" style="position:absolute; margin-left:105.3pt;margin-top:10.5pt;width:97.8pt;height:59.1pt;z-index:1;visibility:hidden" fillcolor="infoBackground [80]" strokecolor="none [81]" o:insetmode="auto">` +
    `<v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/><v:path o:connecttype="none"/>` +
    `<v:textbox style="mso-direction-alt:auto" inset="1.3mm,1.3mm,2.5mm,2.5mm"><div style="text-align:left"/></v:textbox>` +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${n.col}, 6, ${top}, 14, ${n.col + 2}, 2, ${top + 4}, 16</x:Anchor>` +
    `<x:Locked>True</x:Locked><x:AutoFill>False</x:AutoFill><x:LockText>True</x:LockText><x:Row>${n.row - 1}</x:Row><x:Column>${n.col - 1}</x:Column></x:ClientData></v:shape>`
  );
}

/**
 * A part holding one note as ExcelJS wrote it, split around that note: `head` + `one` + `tail`.
 * Null when the part does not consist of exactly `one` between a head and a tail.
 */
function splitPart(part: string, one: string): { head: string; tail: string } | null {
  const at = part.indexOf(one);
  if (at < 0 || part.indexOf(one, at + 1) >= 0) return null;
  return { head: part.slice(0, at), tail: part.slice(at + one.length) };
}

/** A part's text in pieces of about 1 MB: head, every note's fragment, tail. */
function* partPieces(head: string, notes: PendingNote[], render: (n: PendingNote, i: number) => string, tail: string): Generator<string> {
  let buf = head;
  for (let i = 0; i < notes.length; i++) {
    buf += render(notes[i], i);
    if (buf.length >= 1 << 20) {
      yield buf;
      buf = "";
    }
  }
  yield buf + tail;
}

let crcTable: Int32Array | null = null;

/** CRC-32 (zip's), continued from `crc`; zlib's when Node has it (20.15+), else a table. */
function crc32(data: Uint8Array, crc = 0): number {
  const native = (zlib as unknown as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;
  if (typeof native === "function") return native(data, crc);
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

interface PackedData {
  chunks: Uint8Array[];
  compressedSize: number;
  uncompressedSize: number;
  crc: number;
}

/**
 * Deflate a part given in pieces without ever holding it whole: each piece is compressed on its
 * own (raw deflate, sync flush, so the pieces' outputs concatenate into one valid stream), the
 * last one finishing the stream.
 */
function deflatePieces(pieces: Iterable<string | Uint8Array>): PackedData {
  const chunks: Uint8Array[] = [];
  let compressedSize = 0;
  let uncompressedSize = 0;
  let crc = 0;
  let pending: Uint8Array | null = null;
  const push = (bytes: Uint8Array, last: boolean) => {
    const out = zlib.deflateRawSync(bytes, last ? {} : { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    chunks.push(out);
    compressedSize += out.length;
  };
  for (const piece of pieces) {
    const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
    crc = crc32(bytes, crc);
    uncompressedSize += bytes.length;
    if (pending) push(pending, false);
    pending = bytes;
  }
  push(pending ?? new Uint8Array(0), true);
  return { chunks, compressedSize, uncompressedSize, crc };
}

/**
 * Rewrite a zip written by ExcelJS with every entry stored (JSZip, compression STORE) as a
 * deflated zip, with zlib (native, several times faster than JSZip's JavaScript deflate), and with
 * the entries named in `replace` given new content. Headers are JSZip's, with only the method,
 * CRC and sizes changed. Entries keep their order.
 */
function repackZip(stored: Uint8Array, replace: Map<string, () => Iterable<string>>): Buffer {
  const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  const entries = readCentralDirectory(stored, "");
  const out: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  let centralSize = 0;
  for (const e of entries) {
    const lh = e.localOffset;
    const localLen = localHeaderLength(view, lh);
    const centralLen = e.centralLength;
    const local = Buffer.from(stored.subarray(lh, lh + localLen));
    const cent = Buffer.from(stored.subarray(e.centralOffset, e.centralOffset + centralLen));
    const start = lh + localLen;
    let packed: PackedData;
    const fresh = replace.get(e.name);
    if (fresh) packed = deflatePieces(fresh());
    else if (e.method === 0 && !e.name.endsWith("/") && !(e.flags & 0x0008)) {
      const data = stored.subarray(start, start + e.compressedSize);
      const deflated = zlib.deflateRawSync(data);
      packed = { chunks: [deflated], compressedSize: deflated.length, uncompressedSize: data.length, crc: u32(view, e.centralOffset + 16) };
    } else {
      // A directory (or anything not plainly stored): copied as it is.
      if (e.flags & 0x0008) throw new PortError("Không ghi được sổ tính (cấu trúc nén không như mong đợi).", "write");
      packed = { chunks: [stored.subarray(start, start + e.compressedSize)], compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize, crc: u32(view, e.centralOffset + 16) };
    }
    const method = fresh || (e.method === 0 && !e.name.endsWith("/")) ? 8 : e.method;
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(packed.crc >>> 0, 14);
    local.writeUInt32LE(packed.compressedSize, 18);
    local.writeUInt32LE(packed.uncompressedSize, 22);
    cent.writeUInt16LE(method, 10);
    cent.writeUInt32LE(packed.crc >>> 0, 16);
    cent.writeUInt32LE(packed.compressedSize, 20);
    cent.writeUInt32LE(packed.uncompressedSize, 24);
    cent.writeUInt32LE(offset, 42);
    out.push(local, ...packed.chunks);
    central.push(cent);
    offset += local.length + packed.compressedSize;
    centralSize += cent.length;
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(centralSize, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, ...central, eocd]);
}

/** The text of a stored (uncompressed) entry of a zip; null when absent or not stored. */
function storedEntryText(stored: Uint8Array, entries: ZipEntry[], name: string): string | null {
  const e = entries.find((x) => x.name === name);
  if (!e || e.method !== 0) return null;
  const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  const start = e.localOffset + localHeaderLength(view, e.localOffset);
  return Buffer.from(stored.buffer, stored.byteOffset + start, e.compressedSize).toString("utf8");
}

interface Ordered {
  orderNo: number;
}

export interface XlsxPortOptions {
  /** Set `source.file` on every grid read (the workbook is a unit's separate file). */
  sourceFile?: string;
  /** The file the workbook was opened from; `save` refuses to write over it. */
  openedFrom?: string;
  /**
   * Reproducible output: document created/modified dates and zip entry times all set to this
   * date, so saving the same sheets twice gives identical bytes (generated samples).
   */
  fixedDate?: Date;
  /**
   * Let ExcelJS write every cell note itself (slow and memory-hungry for thousands of notes; the
   * default writes them in `toBuffer`). Tests use it to compare the two renderings.
   */
  excelJsNotes?: boolean;
}

/** The port over an ExcelJS workbook held in memory, plus saving it. */
export class XlsxPort implements WorkbookPort {
  private tempCounter = 0;
  /** Notes of rendered sheets holding more than one, written by `toBuffer` (only the first is on its cell). */
  private readonly notes = new WeakMap<ExcelJS.Worksheet, PendingNote[]>();
  /** Who wrote the notes of sheets holding several at the last `toBuffer` (tests check it). */
  notesWrittenBy: "port" | "exceljs" | null = null;

  constructor(
    readonly workbook: ExcelJS.Workbook,
    private readonly options: XlsxPortOptions = {},
  ) {}

  private userSheets(): ExcelJS.Worksheet[] {
    return this.workbook.worksheets.filter((ws) => ws.name !== STATE_SHEET);
  }

  private findSheet(name: string): ExcelJS.Worksheet | undefined {
    const want = name.toLowerCase();
    return this.workbook.worksheets.find((ws) => ws.name.toLowerCase() === want);
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.userSheets().map((ws) => ({ name: ws.name, visibility: visibilityOf(ws) }));
  }

  async readWorkbook(options: ReadOptions = {}): Promise<WorkbookSnapshot> {
    const skip = new Set((options.skip ?? []).map((s) => s.toLowerCase()));
    const sheets = this.userSheets()
      .filter((ws) => !skip.has(ws.name.toLowerCase()))
      .map((ws) => {
        const g = worksheetToGrid(ws, options);
        if (this.options.sourceFile) g.source = { file: this.options.sourceFile };
        return g;
      });
    return { sheets, state: this.readState() };
  }

  /** The stored add-in state (empty when none). */
  readState(): Record<string, string> {
    const ws = this.workbook.getWorksheet(STATE_SHEET);
    const state: Record<string, string> = {};
    if (!ws) return state;
    ws.eachRow({ includeEmpty: false }, (row) => {
      const k = plainValue(row.getCell(1).value);
      const v = plainValue(row.getCell(2).value);
      if (typeof k === "string") state[k] = v === null ? "" : String(v);
    });
    return state;
  }

  private writeState(state: Record<string, string>): void {
    const merged = { ...this.readState(), ...state };
    const old = this.workbook.getWorksheet(STATE_SHEET);
    if (old) this.workbook.removeWorksheet(old.id);
    const ws = this.workbook.addWorksheet(STATE_SHEET, { state: "veryHidden" });
    for (const [k, v] of Object.entries(merged)) ws.addRow([k, v]);
  }

  private checkName(name: string): void {
    const problem = sheetNameProblem(name);
    if (problem) throw new PortError(`Không tạo được sheet '${name}': ${problem}.`, "sheet-name");
    if (name.toLowerCase() === STATE_SHEET) throw new PortError(`Tên sheet '${name}' dành riêng cho PDV.`, "sheet-name");
  }

  private tempName(): string {
    let name: string;
    do name = `~pdv${++this.tempCounter}`;
    while (this.findSheet(name));
    return name;
  }

  async writeSheet(plan: SheetPlan): Promise<void> {
    this.checkName(plan.name);
    const old = this.findSheet(plan.name);
    // Build the new sheet completely under a temporary name; only then swap it in.
    const fresh = this.workbook.addWorksheet(this.tempName());
    try {
      const notes = renderPlan(fresh, plan);
      if (notes.length > 1) this.notes.set(fresh, notes);
    } catch (err) {
      this.workbook.removeWorksheet(fresh.id);
      if (err instanceof PortError) throw err;
      throw new PortError(`Không ghi được sheet '${plan.name}'.`, "write");
    }
    if (old) {
      // ExcelJS orders sheets by the (untyped) orderNo: the new sheet takes the old one's place.
      const orderNo = (old as unknown as Ordered).orderNo;
      const state = old.state;
      this.workbook.removeWorksheet(old.id);
      (fresh as unknown as Ordered).orderNo = orderNo;
      fresh.state = state;
    }
    fresh.name = plan.name;
    if (plan.state) this.writeState(plan.state);
  }

  async addSheets(plans: SheetPlan[]): Promise<void> {
    const seen = new Set<string>();
    for (const p of plans) {
      this.checkName(p.name);
      const key = p.name.toLowerCase();
      if (this.findSheet(p.name) || seen.has(key)) {
        throw new PortError(`Sheet '${p.name}' đã có trong sổ tính.`, "sheet-exists");
      }
      seen.add(key);
    }
    for (const p of plans) {
      const ws = this.workbook.addWorksheet(p.name);
      const notes = renderPlan(ws, p);
      if (notes.length > 1) this.notes.set(ws, notes);
      if (p.state) this.writeState(p.state);
    }
  }

  /** Remove every sheet whose name is not listed (compared ignoring case); the state sheet stays. */
  keepOnly(names: string[]): void {
    const keep = new Set([...names, STATE_SHEET].map((n) => n.toLowerCase()));
    for (const ws of this.workbook.worksheets) {
      if (!keep.has(ws.name.toLowerCase())) this.workbook.removeWorksheet(ws.id);
    }
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    const ws = this.findSheet(sheet);
    if (!ws || ws.name === STATE_SHEET) throw new PortError(`Không có sheet '${sheet}'.`, "no-sheet");
    const index = this.workbook.worksheets.indexOf(ws);
    ws.state = "visible";
    const views = ws.views?.length ? ws.views : [{}];
    // ExcelJS writes the selection only when the view's state is set ("normal" by default).
    ws.views = views.map((v, i) =>
      i === 0 ? { state: "normal", ...v, activeCell: cell } : v,
    ) as Partial<ExcelJS.WorksheetView>[];
    const wbViews = this.workbook.views?.length ? this.workbook.views : [{} as ExcelJS.WorkbookView];
    this.workbook.views = wbViews.map((v, i) =>
      i === 0 ? { ...v, activeTab: index, firstSheet: Math.min(v.firstSheet ?? 0, index) } : v,
    );
  }

  /** The workbook as .xlsx bytes. */
  async toBuffer(): Promise<Buffer> {
    const fixed = this.options.fixedDate;
    if (fixed) {
      this.workbook.created = fixed;
      this.workbook.modified = fixed;
      this.workbook.creator = "PDV";
      this.workbook.lastModifiedBy = "PDV";
    }
    // ExcelJS writes the zip uncompressed; repackZip deflates it with zlib and adds the notes.
    const stored = Buffer.from(await this.workbook.xlsx.writeBuffer({ zip: { compression: "STORE" } } as Partial<ExcelJS.XlsxWriteOptions>));
    const entries = readCentralDirectory(stored, "");
    const withNotes = this.workbook.worksheets.filter((ws) => this.notes.has(ws));
    const replace = new Map<string, () => Iterable<string>>();
    let ours = !this.options.excelJsNotes;
    for (const ws of ours ? withNotes : []) {
      const notes = this.notes.get(ws)!;
      const commentsName = `xl/comments${ws.id}.xml`;
      const vmlName = `xl/drawings/vmlDrawing${ws.id}.vml`;
      const c = storedEntryText(stored, entries, commentsName);
      const v = storedEntryText(stored, entries, vmlName);
      const cs = c === null ? null : splitPart(c, commentXml(notes[0]));
      const vs = v === null ? null : splitPart(v, vmlShapeXml(notes[0], 0));
      if (!cs || !vs) {
        ours = false;
        break;
      }
      replace.set(commentsName, () => partPieces(cs.head, notes, commentXml, cs.tail));
      replace.set(vmlName, () => partPieces(vs.head, notes, vmlShapeXml, vs.tail));
    }
    let bytes: Buffer;
    this.notesWrittenBy = withNotes.length ? (ours ? "port" : "exceljs") : null;
    if (ours) bytes = repackZip(stored, replace);
    else {
      // ExcelJS wrote the first note otherwise than expected: let it write every note itself.
      for (const ws of withNotes) {
        for (const n of this.notes.get(ws)!.slice(1)) ws.getRow(n.row).getCell(n.col).note = n.text;
        this.notes.delete(ws);
      }
      bytes = Buffer.from(await this.workbook.xlsx.writeBuffer());
    }
    if (fixed) stampZipEntries(bytes, fixed);
    return bytes;
  }

  /** Save to a file, atomically (temporary file in the same folder, then rename). Never over the input. */
  async save(filePath: string): Promise<void> {
    const target = path.resolve(filePath);
    if (this.options.openedFrom && path.resolve(this.options.openedFrom) === target) {
      throw new PortError(`Không ghi đè tệp đầu vào ${path.basename(filePath)}; hãy chọn tệp kết quả khác.`, "overwrite-input");
    }
    const bytes = await this.toBuffer();
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, target);
    } catch (err) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      const code = (err as { code?: string }).code;
      if (code === "EACCES" || code === "EPERM") throw new PortError(`Không có quyền ghi tệp ${filePath}.`, "io");
      if (code === "EISDIR") throw new PortError(`${filePath} là một thư mục, không ghi được tệp .xlsx.`, "io");
      throw new PortError(`Không ghi được tệp ${filePath}.`, "io");
    }
  }
}

/** A port over an ExcelJS workbook (a new empty one when none is given). */
export function createXlsxPort(workbook: ExcelJS.Workbook = new ExcelJS.Workbook(), options: XlsxPortOptions = {}): XlsxPort {
  return new XlsxPort(workbook, options);
}

/** Open an .xlsx file read-only into memory (checked first); `save` refuses to write over it. */
export async function openXlsxPort(filePath: string, options: Omit<XlsxPortOptions, "openedFrom"> = {}): Promise<XlsxPort> {
  const bytes = await readFileBytes(filePath);
  const wb = await loadXlsx(bytes, path.basename(filePath));
  return new XlsxPort(wb, { ...options, openedFrom: filePath });
}
