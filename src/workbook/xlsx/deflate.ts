/**
 * Deflating a part given in pieces (raw deflate, for a zip entry) without ever holding it whole,
 * on the main thread (`deflatePieces`) or in zlib's thread pool while the caller goes on writing
 * the next pieces (`deflatePiecesAsync`). Node only (zlib).
 */
import * as zlib from "zlib";
import { crc32 } from "./zipwrite";

/** A part deflated in pieces: the compressed chunks (one raw deflate stream), sizes and CRC-32. */
export interface PackedData {
  chunks: Uint8Array[];
  compressedSize: number;
  uncompressedSize: number;
  crc: number;
}

/**
 * Deflate a part given in pieces without ever holding it whole: each piece is compressed on its
 * own (raw deflate, sync flush, so the pieces' outputs concatenate into one valid stream), an
 * empty last block finishing the stream. A piece is used up before the next is asked for (a
 * generator may hand out the same buffer again: `./chunk-writer`). `level`: zlib's (1 fastest … 9 smallest; default 6).
 */
export function deflatePieces(pieces: Iterable<string | Uint8Array>, level: number = zlib.constants.Z_DEFAULT_COMPRESSION): PackedData {
  const chunks: Uint8Array[] = [];
  let compressedSize = 0;
  let uncompressedSize = 0;
  let crc = 0;
  const push = (bytes: Uint8Array, last: boolean) => {
    const out = zlib.deflateRawSync(bytes, last ? { level } : { level, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    chunks.push(out);
    compressedSize += out.length;
  };
  for (const piece of pieces) {
    const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
    crc = crc32(bytes, crc);
    uncompressedSize += bytes.length;
    push(bytes, false);
  }
  push(new Uint8Array(0), true);
  return { chunks, compressedSize, uncompressedSize, crc };
}

/**
 * `deflatePieces` in zlib's thread pool: each piece is copied (a generator may reuse its buffer),
 * its CRC-32 taken here, and deflated there while the next is written; at most `maxPending`
 * pieces wait at once (about 1 MB each), so the part is never held whole. Same stream as
 * `deflatePieces` (pieces sync-flushed, an empty last block).
 */
export async function deflatePiecesAsync(pieces: Iterable<string | Uint8Array>, level: number = zlib.constants.Z_DEFAULT_COMPRESSION, maxPending = 4): Promise<PackedData> {
  const pending: Promise<Buffer>[] = [];
  const chunks: Uint8Array[] = [];
  let crc = 0;
  let uncompressedSize = 0;
  const deflate = (bytes: Uint8Array, last: boolean) =>
    new Promise<Buffer>((resolve, reject) =>
      zlib.deflateRaw(bytes, last ? { level } : { level, finishFlush: zlib.constants.Z_SYNC_FLUSH }, (err, out) => (err ? reject(err) : resolve(out))),
    );
  for (const piece of pieces) {
    const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : Buffer.from(piece);
    crc = crc32(bytes, crc);
    uncompressedSize += bytes.length;
    pending.push(deflate(bytes, false));
    if (pending.length >= maxPending) chunks.push(await pending.shift()!);
  }
  pending.push(deflate(new Uint8Array(0), true));
  for (const p of pending) chunks.push(await p);
  return { chunks, compressedSize: chunks.reduce((n, c) => n + c.length, 0), uncompressedSize, crc };
}
