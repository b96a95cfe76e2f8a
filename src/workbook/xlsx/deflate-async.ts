/**
 * Deflating the large generated parts off the main thread (issue 11, the writer's CPU): the main
 * thread writes a part's XML chunk by chunk and hands each chunk to one zlib gzip stream per part,
 * which deflates it on libuv's thread pool while the main thread writes the next chunk; the CRC-32
 * comes from the gzip trailer (computed by zlib as it reads the input), the zip entry's data is
 * the raw deflate stream between the gzip header and trailer (RFC 1952). For a 4,800-unit summary
 * that moves 55 MB of deflating and CRC (about 60 ms) off the main thread. Unlike `deflatePieces`
 * (./deflate), one stream spans the whole part (not a stream per chunk), so the compressed bytes
 * differ, a little smaller; the inflated bytes are the same (test/workbook/deflate-async.test.ts).
 * A worker thread was tried first: a second Node environment took 15 MB, over the command's
 * 200 MB budget. Chunks are copied into a few buffers, each reused once zlib has read it; when
 * all are out the main thread waits, so at most `POOL` chunks are in flight. Node only.
 */
import * as zlib from "zlib";
import type { PackedData } from "./deflate";

/** Chunk buffers in flight. */
const POOL = 2;
/** A pool buffer's size: a chunk writer's chunk (`./chunk-writer`, about 1 MB) with room to spare. */
const BUFFER_BYTES = 1_100_000;
/** zlib's output pieces (its default, 16 KB, makes a hundred for a note drawing). */
const OUT_CHUNK = 64 * 1024;
/** gzip's header as Node's zlib writes it: no name, comment or extra field (RFC 1952 §2.3). */
const GZIP_HEADER = 10;
const GZIP_TRAILER = 8;

/** zlib failed or gave what was not expected: the caller deflates on the main thread instead. */
export class AsyncDeflateFailed extends Error {}

export class AsyncDeflater {
  private readonly free: Buffer[] = [];
  private made = 0;
  /** Woken when a buffer comes back or a stream fails. */
  private wake: (() => void) | null = null;
  private failure: AsyncDeflateFailed | null = null;
  /** Chunks handed to zlib (for the tests: this path was really taken). */
  chunksSent = 0;

  /** `level`: zlib's (1 fastest … 9 smallest). `makeStream` replaces zlib.createGzip (tests). */
  constructor(
    private readonly level: number,
    private readonly makeStream: (options: zlib.ZlibOptions) => zlib.Gzip = zlib.createGzip,
  ) {}

  private wakeUp(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private fail(why: string): AsyncDeflateFailed {
    this.failure ??= new AsyncDeflateFailed(why);
    this.wakeUp();
    return this.failure;
  }

  /** A buffer of at least `n` bytes; waits for one to come back when all are out. */
  private async buffer(n: number): Promise<Buffer> {
    for (;;) {
      if (this.failure) throw this.failure;
      const b = this.free.pop();
      if (b && b.length >= n) return b;
      if (b || this.made < POOL) {
        // A new buffer (or a larger one in place of one too small: a rare oversized chunk).
        if (!b) this.made++;
        return Buffer.allocUnsafe(Math.max(n, BUFFER_BYTES));
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /**
   * Deflate a part given in pieces: every piece is used up (copied) before the promise resolves,
   * so a generator may hand out the same buffer again (`./chunk-writer`). Resolves to `{ packed }`,
   * the part's deflated data (one raw deflate stream), size and CRC-32 to come. Rejects (now or
   * through `packed`) with AsyncDeflateFailed.
   */
  async deflate(pieces: Iterable<string | Uint8Array>): Promise<{ packed: Promise<PackedData> }> {
    if (this.failure) throw this.failure;
    const gz = this.makeStream({ level: this.level, chunkSize: OUT_CHUNK });
    const out: Buffer[] = [];
    let size = 0;
    const packed = new Promise<PackedData>((resolve, reject) => {
      gz.on("data", (c: Buffer) => out.push(c));
      gz.on("error", (err) => reject(this.fail(`zlib: ${String(err)}`)));
      gz.on("end", () => {
        try {
          resolve(unwrapGzip(Buffer.concat(out), size));
        } catch (err) {
          reject(this.fail(String(err)));
        }
      });
    });
    // Rejected when zlib fails; whoever awaits it later sees the failure, none is left unhandled.
    packed.catch(() => undefined);
    try {
      for (const piece of pieces) {
        const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
        if (bytes.length === 0) continue;
        const buf = await this.buffer(bytes.length);
        buf.set(bytes);
        size += bytes.length;
        this.chunksSent++;
        gz.write(buf.subarray(0, bytes.length), () => {
          // zlib has read it all: the buffer is free again.
          this.free.push(buf);
          this.wakeUp();
        });
      }
      if (this.failure) throw this.failure;
    } catch (err) {
      // A plan refused half-way (PortError from the pieces) or zlib failing: the stream is dropped.
      gz.destroy();
      throw err;
    }
    gz.end();
    return { packed };
  }
}

/**
 * The raw deflate stream, CRC-32 and size inside a gzip member as Node's zlib writes it (RFC 1952:
 * a 10-byte header without optional fields, the deflate data, CRC-32 and size mod 2^32, little
 * endian). `size`: the bytes given to zlib, checked against the trailer. Throws Error otherwise.
 */
export function unwrapGzip(gz: Buffer, size: number): PackedData {
  const n = gz.length;
  if (n < GZIP_HEADER + GZIP_TRAILER || gz[0] !== 0x1f || gz[1] !== 0x8b || gz[2] !== 8 || gz[3] !== 0) throw new Error("unexpected gzip header");
  if (gz.readUInt32LE(n - 4) !== size % 2 ** 32) throw new Error("gzip size does not match the input");
  const data = gz.subarray(GZIP_HEADER, n - GZIP_TRAILER);
  return { chunks: [data], compressedSize: data.length, uncompressedSize: size, crc: gz.readUInt32LE(n - GZIP_TRAILER) };
}
