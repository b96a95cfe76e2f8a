/**
 * Writing a zip whose parts are either copied from another zip as they are (compressed bytes,
 * CRC and sizes untouched) or new (deflated with zlib). Node only. Entries without ZIP64 fields
 * only (a workbook past 4 GB is refused long before, see MAX_UNCOMPRESSED_BYTES).
 */
import * as zlib from "zlib";
import { PortError } from "../port";
import { rawEntry } from "./zip";
import type { ZipEntry, ZipPackage } from "./zip";

/** A part to write: copied from the source zip, new (deflated here, or `stored` as it is), or new and already deflated. */
export type OutPart =
  | { name: string; copy: ZipEntry }
  | { name: string; data: Uint8Array }
  | { name: string; stored: Uint8Array }
  | { name: string; deflated: { chunks: Uint8Array[]; compressedSize: number; uncompressedSize: number; crc: number } };

let crcTable: Int32Array | null = null;

/** CRC-32 (zip's), continued from `crc`; zlib's when Node has it (20.15+), else a table. */
export function crc32(data: Uint8Array, crc = 0): number {
  const native = (zlib as unknown as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;
  if (typeof native === "function") return native(data, crc) >>> 0;
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

/** The end of central directory record of a zip of `count` entries (no ZIP64). */
export function endOfCentralDirectory(count: number, cdSize: number, cdOffset: number): Buffer {
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(count, 8);
  eocd.writeUInt16LE(count, 10);
  eocd.writeUInt32LE(cdSize, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return eocd;
}

/** DOS date and time of `d` (zip's format). */
function dosTime(d: Date): { date: number; time: number } {
  return {
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
  };
}

/**
 * Write `parts` in order as one zip (copied parts keep their bytes, method, CRC, sizes and times;
 * `source` is the zip they are copied from, null when none is).
 */
export function writeZip(source: ZipPackage | null, parts: OutPart[], now = new Date()): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  const fileName = source?.fileName ?? "sổ tính.xlsx";
  const stamp = dosTime(now);
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    let method: number;
    let crc: number;
    let size: number;
    let data: Uint8Array[];
    let time = stamp.time;
    let date = stamp.date;
    if ("copy" in p) {
      if (!source) throw new PortError(`Không ghi được ${fileName}: thiếu tệp nguồn của ${p.name}.`, "write");
      const srcView = new DataView(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength);
      const e = p.copy;
      if (e.compressedSize >= 0xffffffff || e.uncompressedSize >= 0xffffffff) {
        throw new PortError(`Tệp ${fileName} quá lớn để ghi bản sao (ZIP64).`, "write");
      }
      data = [rawEntry(source, e)];
      method = e.method;
      crc = e.crc;
      size = e.uncompressedSize;
      time = srcView.getUint16(e.centralOffset + 12, true);
      date = srcView.getUint16(e.centralOffset + 14, true);
    } else if ("deflated" in p) {
      crc = p.deflated.crc;
      size = p.deflated.uncompressedSize;
      data = p.deflated.chunks;
      method = 8;
    } else if ("stored" in p) {
      crc = crc32(p.stored);
      size = p.stored.length;
      data = [p.stored];
      method = 0;
    } else {
      crc = crc32(p.data);
      size = p.data.length;
      data = [zlib.deflateRawSync(p.data)];
      method = 8;
    }
    const dataLength = data.reduce((n, d) => n + d.length, 0);
    if (dataLength >= 0xffffffff || size >= 0xffffffff) throw new PortError(`Tệp ${fileName} quá lớn để ghi bản sao (ZIP64).`, "write");
    // Local header (30 bytes) and central header (46 bytes) share their fields from "version
    // needed" on, 2 bytes further in the central one (which has "version made by" first).
    const fields: [number, number, number][] = [
      [20, 2, 4], // version needed to extract (2.0: deflate)
      [0x0800, 2, 6], // flags: names in UTF-8
      [method, 2, 8],
      [time, 2, 10],
      [date, 2, 12],
      [crc, 4, 14],
      [dataLength, 4, 18],
      [size, 4, 22],
      [name.length, 2, 26],
    ];
    const local = Buffer.alloc(30);
    const cent = Buffer.alloc(46);
    local.writeUInt32LE(0x04034b50, 0);
    cent.writeUInt32LE(0x02014b50, 0);
    cent.writeUInt16LE(20, 4); // version made by
    for (const [value, bytes, at] of fields) {
      if (bytes === 2) {
        local.writeUInt16LE(value, at);
        cent.writeUInt16LE(value, at + 2);
      } else {
        local.writeUInt32LE(value >>> 0, at);
        cent.writeUInt32LE(value >>> 0, at + 2);
      }
    }
    cent.writeUInt32LE(offset, 42);
    chunks.push(local, name, ...data.map((d) => Buffer.from(d.buffer, d.byteOffset, d.byteLength)));
    central.push(cent, name);
    offset += 30 + name.length + dataLength;
  }
  const cdSize = central.reduce((s, b) => s + b.length, 0);
  return Buffer.concat([...chunks, ...central, endOfCentralDirectory(parts.length, cdSize, offset)]);
}
