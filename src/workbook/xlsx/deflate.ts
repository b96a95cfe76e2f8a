/**
 * Deflating a part given in pieces (raw deflate, for a zip entry) without ever holding it whole.
 * On the main thread: zlib's thread pool (zlib.deflateRaw per piece) was measured slower, its
 * per-call stream and copy costing more main-thread time than the deflating it moved away.
 * Node only (zlib).
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
