/**
 * Writing a zip whose parts are either copied from another zip as they are (compressed bytes,
 * CRC and sizes untouched) or new (deflated with zlib). Node only. Entries without ZIP64 fields
 * only (a workbook past 4 GB is refused long before, see MAX_UNCOMPRESSED_BYTES).
 */
import * as zlib from "zlib";
import { PortError } from "../port";
import { rawEntry } from "./zip";
import type { ZipEntry, ZipPackage } from "./zip";

export type OutPart = { name: string; copy: ZipEntry } | { name: string; data: Uint8Array };

function crc32(data: Uint8Array): number {
  const native = (zlib as unknown as { crc32?: (d: Uint8Array) => number }).crc32;
  if (typeof native === "function") return native(data) >>> 0;
  let c = ~0;
  for (let i = 0; i < data.length; i++) {
    c ^= data[i];
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}

/** DOS date and time of `d` (zip's format). */
function dosTime(d: Date): { date: number; time: number } {
  return {
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
  };
}

/** Write `parts` in order as one zip (copied parts keep their bytes, method, CRC, sizes and times). */
export function writeZip(source: ZipPackage, parts: OutPart[], now = new Date()): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  const srcView = new DataView(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength);
  const stamp = dosTime(now);
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    let method: number;
    let crc: number;
    let size: number;
    let data: Uint8Array;
    let time = stamp.time;
    let date = stamp.date;
    if ("copy" in p) {
      const e = p.copy;
      if (e.compressedSize >= 0xffffffff || e.uncompressedSize >= 0xffffffff) {
        throw new PortError(`Tệp ${source.fileName} quá lớn để ghi bản sao (ZIP64).`, "write");
      }
      data = rawEntry(source, e);
      method = e.method;
      crc = e.crc;
      size = e.uncompressedSize;
      time = srcView.getUint16(e.centralOffset + 12, true);
      date = srcView.getUint16(e.centralOffset + 14, true);
    } else {
      crc = crc32(p.data);
      size = p.data.length;
      data = zlib.deflateRawSync(p.data);
      method = 8;
    }
    const flags = 0x0800; // names in UTF-8
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const cent = Buffer.alloc(46);
    cent.writeUInt32LE(0x02014b50, 0);
    cent.writeUInt16LE(20, 4);
    cent.writeUInt16LE(20, 6);
    cent.writeUInt16LE(flags, 8);
    cent.writeUInt16LE(method, 10);
    cent.writeUInt16LE(time, 12);
    cent.writeUInt16LE(date, 14);
    cent.writeUInt32LE(crc, 16);
    cent.writeUInt32LE(data.length, 20);
    cent.writeUInt32LE(size, 24);
    cent.writeUInt16LE(name.length, 28);
    cent.writeUInt32LE(offset, 42);
    chunks.push(local, name, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    central.push(cent, name);
    offset += 30 + name.length + data.length;
  }
  const cdSize = central.reduce((s, b) => s + b.length, 0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cdSize, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, eocd]);
}
