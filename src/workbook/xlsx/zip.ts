/**
 * The zip guard and the package's parts. Pure bytes (Uint8Array), no Node: the task pane and the
 * preview use it in the browser too.
 *
 * `openPackage` refuses, with a one-line Vietnamese reason naming the file (PortError), what PDV
 * should not open: an empty file, a file that is not a zip (CSV, text), an OLE2 container (legacy
 * .xls, or an .xlsx protected by a password, which Excel stores encrypted inside OLE2), macro-enabled
 * or binary workbooks, encrypted or corrupt zips, and zip bombs: the declared sizes of the central
 * directory are summed before anything is inflated (limit MAX_DECLARED_BYTES, MAX_ZIP_ENTRIES
 * parts), and each part is inflated with its declared size as the limit, so a part that lies
 * about its size is refused as soon as it produces one byte more. What is kept of a part
 * (after the empty-cells cut for a worksheet) is limited to MAX_UNCOMPRESSED_BYTES.
 *
 * Parts are inflated only when asked for (`partBytes`, `streamPart`): a reader takes the few it
 * needs; a writer copies the others' compressed bytes as they are (`rawEntry`).
 *
 * fflate's own unzip does not expose entries' offsets, flags or raw data, which both the lazy
 * reading and the byte-for-byte copy need, so the central directory (APPNOTE 6.3.x, section 4.3.12
 * onwards, ZIP64 included) is read here; inflating is fflate's.
 */
import { Inflate } from "fflate";
import { PortError } from "../port";

/**
 * Refuse workbooks whose parts would give more than this (zip bomb guard): counted on what is kept
 * of a worksheet after the empty-cells cut (`./xml` `parsePart`), on the declared size of any
 * other part read whole. A legal file is never called a bomb because its empty cells are many.
 */
export const MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
/**
 * Refuse, before inflating anything, packages whose parts declare more than this in all: the
 * case-06 kind (styled empty cells in A:J to row 1,048,576) declares about 250 MB, a bomb gigabytes.
 */
export const MAX_DECLARED_BYTES = 1024 * 1024 * 1024;
/** Parts declaring more than this are inflated piece by piece (fflate), never whole (zlib). */
const NATIVE_MAX_BYTES = 64 * 1024 * 1024;
/** Refuse zips with more entries than this (a real workbook has a few dozen to a few hundred). */
export const MAX_ZIP_ENTRIES = 20000;
/** Compressed bytes handed to the inflater at a time: bounds what one step can produce (~1,000×). */
const INFLATE_STEP = 16 * 1024;

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export interface ZipEntry {
  /** Offset of the entry's central directory header. */
  centralOffset: number;
  /** Length of that header (fixed part, name, extra field, comment). */
  centralLength: number;
  /** Name as stored ("xl/worksheets/sheet1.xml"). */
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  crc: number;
}

/** An opened, checked package: its bytes and entries, parts found by name ignoring case. */
export interface ZipPackage {
  fileName: string;
  bytes: Uint8Array;
  entries: ZipEntry[];
  /** Lower-cased name (leading "/" dropped) → entry. */
  byName: Map<string, ZipEntry>;
}

export function u16(v: DataView, at: number): number {
  return v.getUint16(at, true);
}
export function u32(v: DataView, at: number): number {
  return v.getUint32(at, true);
}
function u64(v: DataView, at: number): number {
  return Number(v.getBigUint64(at, true));
}

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Length of the local file header at `at` (fixed part, name, extra field): the data follows it. */
export function localHeaderLength(view: DataView, at: number): number {
  return 30 + u16(view, at + 26) + u16(view, at + 28);
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot < 0 ? "" : fileName.slice(dot).toLowerCase();
}

/** The key a part is found by: lower case, "/" separators, no leading "/". */
export function partKey(name: string): string {
  const plain = name.indexOf("\\") < 0 && name.charCodeAt(0) !== 0x2f;
  return (plain ? name : name.replace(/\\/g, "/").replace(/^\/+/, "")).toLowerCase();
}

/** An entry's name: ASCII (every name in a workbook Excel writes) read directly, anything else as UTF-8. */
function entryName(bytes: Uint8Array, from: number, to: number, utf8: { decode(b: Uint8Array): string }): string {
  let s = "";
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    if (b >= 0x80) return utf8.decode(bytes.subarray(from, to));
    s += String.fromCharCode(b);
  }
  return s;
}

/** One decoder for every file's non-ASCII entry names (making one per file costs more than reading the directory). */
const utf8 = new TextDecoder("utf-8");

/**
 * Entry names seen before, with their keys (`partKey`), found again by their bytes: a folder's
 * files hold the same few names, and the same string objects (their hashes computed once) make
 * building and searching each file's `byName` cheaper than new strings would. A slot is reused
 * only when its bytes equal the name's, compared in full.
 */
const NAME_SLOTS = 256;
const MAX_NAME_BYTES = 96;
const slotBytes: (Uint8Array | null)[] = new Array<Uint8Array | null>(NAME_SLOTS).fill(null);
const slotName: string[] = new Array<string>(NAME_SLOTS).fill("");
const slotKey: string[] = new Array<string>(NAME_SLOTS).fill("");
/** The key of the name `nameAt` last returned. */
let lastKey = "";

/** The entry name stored at bytes[from, to) (see `entryName`); its key is left in `lastKey`. */
function nameAt(bytes: Uint8Array, from: number, to: number): string {
  const n = to - from;
  if (n === 0 || n > MAX_NAME_BYTES) {
    const name = entryName(bytes, from, to, utf8);
    lastKey = partKey(name);
    return name;
  }
  const slot = (n * 31 + bytes[from] * 7 + bytes[to - 1] * 3 + bytes[from + (n >> 1)]) & (NAME_SLOTS - 1);
  const known = slotBytes[slot];
  if (known !== null && known.length === n) {
    let k = 0;
    while (k < n && known[k] === bytes[from + k]) k++;
    if (k === n) {
      lastKey = slotKey[slot];
      return slotName[slot];
    }
  }
  const name = entryName(bytes, from, to, utf8);
  lastKey = partKey(name);
  slotBytes[slot] = bytes.slice(from, to);
  slotName[slot] = name;
  slotKey[slot] = lastKey;
  return name;
}

const corruptZip = (fileName: string) =>
  new PortError(`Tệp ${fileName} bị hỏng (cấu trúc nén .xlsx không đọc được); hãy mở bằng Excel và lưu lại.`, "corrupt");

/** Read the zip central directory; throws PortError("corrupt") when it is not a sound zip. */
export function readCentralDirectory(bytes: Uint8Array, fileName: string): ZipEntry[] {
  return readDirectory(bytes, fileName, []);
}

/** `readCentralDirectory`, the entries' keys (`partKey` of their names) pushed on `keys` in order. */
function readDirectory(bytes: Uint8Array, fileName: string, keys: string[]): ZipEntry[] {
  const view = viewOf(bytes);
  const len = bytes.length;
  // End of central directory record: 22 bytes plus a comment of up to 65,535 bytes, at the end.
  let eocd = -1;
  for (let i = len - 22; i >= Math.max(0, len - 22 - 65535); i--) {
    if (u32(view, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corruptZip(fileName);
  let count = u16(view, eocd + 10);
  let cdSize = u32(view, eocd + 12);
  let cdOffset = u32(view, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: the locator sits just before the EOCD and points at the ZIP64 EOCD record.
    const loc = eocd - 20;
    if (loc < 0 || u32(view, loc) !== 0x07064b50) throw corruptZip(fileName);
    const rec = u64(view, loc + 8);
    if (rec + 56 > len || u32(view, rec) !== 0x06064b50) throw corruptZip(fileName);
    count = u64(view, rec + 32);
    cdSize = u64(view, rec + 40);
    cdOffset = u64(view, rec + 48);
  }
  if (count > MAX_ZIP_ENTRIES) {
    throw new PortError(`Tệp ${fileName} chứa quá nhiều thành phần (${count}); không phải sổ tính .xlsx bình thường.`, "too-large");
  }
  if (cdOffset + cdSize > len) throw corruptZip(fileName);
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > len || u32(view, p) !== 0x02014b50) throw corruptZip(fileName);
    const flags = u16(view, p + 8);
    const method = u16(view, p + 10);
    const crc = u32(view, p + 16);
    let compressedSize = u32(view, p + 20);
    let uncompressedSize = u32(view, p + 24);
    const nameLen = u16(view, p + 28);
    const extraLen = u16(view, p + 30);
    const commentLen = u16(view, p + 32);
    let localOffset = u32(view, p + 42);
    if (p + 46 + nameLen + extraLen + commentLen > len) throw corruptZip(fileName);
    const name = nameAt(bytes, p + 46, p + 46 + nameLen);
    const key = lastKey;
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
    entries.push({ centralOffset: p, centralLength, name, method, flags, compressedSize, uncompressedSize, localOffset, crc });
    keys.push(key);
    p += centralLength;
  }
  return entries;
}

/**
 * Open .xlsx bytes as a package after every check that needs no inflating (see the module's
 * comment). Throws PortError with codes empty, ole2, csv, not-xlsx, xlsb, macro, too-large, corrupt.
 */
export function openPackage(bytes: Uint8Array, fileName: string, declaredLimit = MAX_DECLARED_BYTES): ZipPackage {
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
  const keys: string[] = [];
  const entries = readDirectory(bytes, fileName, keys);
  const byName = new Map<string, ZipEntry>();
  for (let i = 0; i < entries.length; i++) byName.set(keys[i], entries[i]);
  if (byName.has("xl/workbook.bin")) {
    throw new PortError(`Tệp ${fileName} là sổ tính nhị phân (.xlsb); hãy lưu lại dạng .xlsx.`, "xlsb");
  }
  if (ext === ".xlsm" || byName.has("xl/vbaproject.bin")) {
    throw new PortError(`Tệp ${fileName} chứa macro (.xlsm); PDV chỉ nhận .xlsx: hãy lưu lại dạng "Excel Workbook (.xlsx)".`, "macro");
  }
  if (!byName.has("[content_types].xml") && !byName.has("xl/workbook.xml")) {
    throw new PortError(`Tệp ${fileName} là tệp nén nhưng không phải sổ tính Excel .xlsx.`, "not-xlsx");
  }
  if (ext !== ".xlsx") {
    throw new PortError(`Tệp ${fileName} không có đuôi .xlsx; hãy lưu lại dạng "Excel Workbook (.xlsx)".`, "not-xlsx");
  }
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (total > declaredLimit) throw tooLarge(fileName, Math.min(declaredLimit, MAX_UNCOMPRESSED_BYTES));
    if (e.flags & 0x0001) {
      throw new PortError(`Tệp ${fileName} đã được mã hóa/đặt mật khẩu; hãy gỡ mật khẩu và lưu lại dạng .xlsx.`, "ole2");
    }
  }
  return { fileName, bytes, entries, byName };
}

export function tooLarge(fileName: string, limit: number): PortError {
  return new PortError(
    `Tệp ${fileName} khi giải nén vượt quá ${Math.round(limit / (1024 * 1024))} MB (nghi là tệp nén độc hại); PDV không mở tệp này.`,
    "too-large",
  );
}

/** The entry of a part, found ignoring case; undefined when absent. */
export function findEntry(pkg: ZipPackage, name: string): ZipEntry | undefined {
  return pkg.byName.get(partKey(name));
}

/** The entry's stored (compressed) data, as it is in the file. Throws PortError("corrupt"). */
export function rawEntry(pkg: ZipPackage, e: ZipEntry): Uint8Array {
  // Read byte by byte (little-endian): a DataView per call costs more than the reading.
  const b = pkg.bytes;
  const lh = e.localOffset;
  if (lh + 30 > b.length || b[lh] !== 0x50 || b[lh + 1] !== 0x4b || b[lh + 2] !== 0x03 || b[lh + 3] !== 0x04) throw partCorrupt(pkg.fileName, e.name);
  const start = lh + 30 + (b[lh + 26] | (b[lh + 27] << 8)) + (b[lh + 28] | (b[lh + 29] << 8));
  if (start + e.compressedSize > b.length) throw partCorrupt(pkg.fileName, e.name);
  return b.subarray(start, start + e.compressedSize);
}

function partCorrupt(fileName: string, part: string): PortError {
  return new PortError(`Tệp ${fileName} bị hỏng (thành phần ${part} không giải nén được); hãy mở bằng Excel và lưu lại.`, "corrupt");
}

/**
 * Inflate a whole raw-deflate part with an output limit, natively; throws when the output would
 * pass `limit` (Node's zlib throws a RangeError). Registered by Node callers (`useNativeInflate`);
 * without it parts are inflated by fflate in the browser.
 */
export type RawInflate = (data: Uint8Array, limit: number) => Uint8Array;
let nativeInflate: RawInflate | null = null;

/** Inflate with `inflate` (e.g. Node's zlib, several times faster than JavaScript) from now on. */
export function useNativeInflate(inflate: RawInflate): void {
  nativeInflate = inflate;
}

/** A deflated part inflated whole by the native inflater, its declared size as the limit; PortError otherwise. */
function inflateNative(pkg: ZipPackage, e: ZipEntry, data: Uint8Array): Uint8Array {
  const declared = e.uncompressedSize;
  let out: Uint8Array;
  try {
    out = nativeInflate!(data, Math.max(1, declared));
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(pkg.fileName, declared);
    throw partCorrupt(pkg.fileName, e.name);
  }
  if (out.length !== declared) throw partCorrupt(pkg.fileName, e.name);
  return out;
}

/**
 * Inflate one part piece by piece, handing each piece to `sink` as it comes (a 58 MB sheet never
 * exists whole). Refuses (PortError) a part that produces more than its declared size, or less.
 */
export function streamPart(pkg: ZipPackage, e: ZipEntry, sink: (chunk: Uint8Array) => void): void {
  const data = rawEntry(pkg, e);
  const declared = e.uncompressedSize;
  if (e.method === 0) {
    if (e.compressedSize !== declared) throw partCorrupt(pkg.fileName, e.name);
    for (let at = 0; at < data.length; at += 1 << 20) sink(data.subarray(at, Math.min(data.length, at + (1 << 20))));
    return;
  }
  if (e.method !== 8) throw partCorrupt(pkg.fileName, e.name);
  if (nativeInflate && declared <= NATIVE_MAX_BYTES) {
    const out = inflateNative(pkg, e, data);
    for (let at = 0; at < out.length; at += 1 << 20) sink(out.subarray(at, Math.min(out.length, at + (1 << 20))));
    return;
  }
  let produced = 0;
  let failure: PortError | null = null;
  const inflater = new Inflate((chunk) => {
    if (failure) return;
    produced += chunk.length;
    if (produced > declared) {
      failure = tooLarge(pkg.fileName, declared);
      return;
    }
    if (chunk.length) sink(chunk);
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let at = 0; at < data.length && !failure; at += INFLATE_STEP) {
      const end = Math.min(data.length, at + INFLATE_STEP);
      inflater.push(data.subarray(at, end), end === data.length);
    }
  } catch (err) {
    if (err instanceof PortError) throw err;
    throw partCorrupt(pkg.fileName, e.name);
  }
  if (failure) throw failure;
  // A part declaring a bomb's size that does not hold it lies about its size: a bomb, not damage.
  if (produced !== declared) throw declared > MAX_UNCOMPRESSED_BYTES ? tooLarge(pkg.fileName, MAX_UNCOMPRESSED_BYTES) : partCorrupt(pkg.fileName, e.name);
}

/** A whole part, inflated (for the small ones: workbook, relationships, styles, strings). */
export function partBytes(pkg: ZipPackage, e: ZipEntry): Uint8Array {
  if (e.uncompressedSize > MAX_UNCOMPRESSED_BYTES) throw tooLarge(pkg.fileName, MAX_UNCOMPRESSED_BYTES);
  // Inflated natively, the part is already whole: no second copy (the same checks as streamPart).
  if (e.method === 8 && nativeInflate && e.uncompressedSize <= NATIVE_MAX_BYTES) return inflateNative(pkg, e, rawEntry(pkg, e));
  const out = new Uint8Array(e.uncompressedSize);
  let at = 0;
  streamPart(pkg, e, (chunk) => {
    out.set(chunk, at);
    at += chunk.length;
  });
  return out;
}

/** A part as text (UTF-8; a UTF-16 part, marked by its byte order mark, is decoded as such). */
export function partText(pkg: ZipPackage, e: ZipEntry): string {
  const bytes = partBytes(pkg, e);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder("utf-8").decode(bytes);
}

/**
 * Set every zip entry's modification time (local and central headers) to `date`, so that the same
 * workbook saved twice gives the same bytes (the zip library stamps entries with the current time).
 */
export function stampZipEntries(bytes: Uint8Array, date: Date): void {
  const view = viewOf(bytes);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  for (const e of readCentralDirectory(bytes, "")) {
    view.setUint16(e.centralOffset + 12, dosTime, true);
    view.setUint16(e.centralOffset + 14, dosDate, true);
    view.setUint16(e.localOffset + 10, dosTime, true);
    view.setUint16(e.localOffset + 12, dosDate, true);
  }
}
