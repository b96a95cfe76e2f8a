/**
 * Deflating the large generated parts on a second thread (issue 11, the writer's CPU): the main
 * thread writes a part's XML chunk by chunk and hands each chunk to a worker (node:worker_threads)
 * which computes the CRC-32 and deflates it, while the main thread writes the next chunk. For a
 * 4,800-unit summary that moves 55 MB of zlib and CRC work (about 60 ms) off the main thread. The
 * worker does exactly what `deflatePieces` (./deflate) does, chunk for chunk, so the bytes are the
 * same (test/workbook/deflate-worker.test.ts). Costs: starting the worker (a thread and a Node
 * environment, about 30 ms of the other core, and some 10 MB of memory), so it is used only for a
 * large output (`packPlans`). Chunks are copied into a few buffers that go to the worker and come
 * back (transferred, never cloned); when all are out the main thread waits for one, so at most
 * `POOL` chunks are in flight however slow the worker is. Node only.
 */
import { Worker } from "worker_threads";
import * as zlib from "zlib";
import type { PackedData } from "./deflate";

/**
 * The worker's code (CommonJS, evaluated: it needs no file beside the compiled one). Messages in:
 * `{ buf, len }` a chunk of the current part (its buffer sent back at once, empty), `{ end: true }`
 * the part is complete. Message out per part: its PackedData, chunks in order.
 */
export const WORKER_SOURCE = `
const { parentPort, workerData } = require("worker_threads");
const zlib = require("zlib");
const level = workerData.level;
const piece = { level, finishFlush: zlib.constants.Z_SYNC_FLUSH };
let chunks = [], crc = 0, size = 0, packed = 0;
parentPort.on("message", (m) => {
  if (m.buf) {
    const bytes = new Uint8Array(m.buf, 0, m.len);
    crc = zlib.crc32(bytes, crc);
    size += m.len;
    const out = zlib.deflateRawSync(bytes, piece);
    chunks.push(out);
    packed += out.length;
    parentPort.postMessage({ buf: m.buf }, [m.buf]);
  }
  if (m.end) {
    const out = zlib.deflateRawSync(new Uint8Array(0), { level });
    chunks.push(out);
    packed += out.length;
    parentPort.postMessage({ part: { chunks, compressedSize: packed, uncompressedSize: size, crc: crc >>> 0 } });
    chunks = []; crc = 0; size = 0; packed = 0;
  }
});
`;

/** Chunk buffers going back and forth between the threads. */
const POOL = 4;
/** A pool buffer's size: a chunk writer's chunk (`./chunk-writer`, about 1 MB) with room to spare. */
const BUFFER_BYTES = 1_200_000;

/** The worker failed (could not start, threw, exited): the caller deflates on the main thread instead. */
export class DeflateWorkerFailed extends Error {}

/** Whether this Node can run the worker (zlib.crc32: Node 20.15 and later). */
export function canDeflateInWorker(): boolean {
  return typeof (zlib as unknown as { crc32?: unknown }).crc32 === "function";
}

export class DeflateWorker {
  private readonly worker: Worker;
  private readonly free: ArrayBuffer[] = [];
  private made = 0;
  /** Parts sent, waiting for their packed data, in order. */
  private readonly pending: { resolve: (p: PackedData) => void; reject: (e: Error) => void }[] = [];
  /** Woken when a buffer comes back or the worker fails. */
  private wake: (() => void) | null = null;
  private failure: DeflateWorkerFailed | null = null;
  private closed = false;
  /** Chunks deflated by the worker (for the tests: the worker was really used). */
  chunksSent = 0;

  /** Start a worker deflating at zlib `level`; `source` replaces its code (tests). Throws DeflateWorkerFailed. */
  constructor(level: number, source: string = WORKER_SOURCE) {
    try {
      this.worker = new Worker(source, { eval: true, workerData: { level } });
    } catch (err) {
      throw new DeflateWorkerFailed(`worker not started: ${String(err)}`);
    }
    this.worker.unref();
    this.worker.on("message", (m: { buf?: ArrayBuffer; part?: PackedData }) => {
      if (m.buf) {
        this.free.push(m.buf);
        this.wakeUp();
      }
      if (m.part) this.pending.shift()?.resolve(m.part);
    });
    this.worker.on("error", (err) => this.fail(`worker error: ${String(err)}`));
    this.worker.on("messageerror", (err) => this.fail(`message error: ${String(err)}`));
    this.worker.on("exit", (code) => {
      if (!this.closed) this.fail(`worker exited (${code})`);
    });
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private fail(why: string): void {
    if (this.failure || this.closed) return;
    this.failure = new DeflateWorkerFailed(why);
    for (const p of this.pending.splice(0)) p.reject(this.failure);
    this.wakeUp();
  }

  /** A buffer of at least `n` bytes to send; waits for one to come back when all are out. */
  private async buffer(n: number): Promise<ArrayBuffer> {
    for (;;) {
      if (this.failure) throw this.failure;
      const b = this.free.pop();
      if (b && b.byteLength >= n) return b;
      if (b || this.made < POOL) {
        // A new buffer (or a larger one in place of one too small: a rare oversized chunk).
        if (!b) this.made++;
        return new ArrayBuffer(Math.max(n, BUFFER_BYTES));
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /**
   * Send a part, given in pieces, to the worker: every piece is used up (copied) before the
   * promise resolves, so a generator may hand out the same buffer again (`./chunk-writer`).
   * Resolves to `{ packed }`, the part's deflated data to come: the same bytes `deflatePieces`
   * gives at the worker's level. Rejects (now or through `packed`) with DeflateWorkerFailed.
   */
  async deflate(pieces: Iterable<string | Uint8Array>): Promise<{ packed: Promise<PackedData> }> {
    if (this.failure) throw this.failure;
    for (const piece of pieces) {
      const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
      const buf = await this.buffer(bytes.length);
      new Uint8Array(buf).set(bytes);
      this.worker.postMessage({ buf, len: bytes.length }, [buf]);
      this.chunksSent++;
    }
    if (this.failure) throw this.failure;
    const packed = new Promise<PackedData>((resolve, reject) => this.pending.push({ resolve, reject }));
    // Rejected when the worker fails; whoever awaits it later sees the failure, none is left unhandled.
    packed.catch(() => undefined);
    this.worker.postMessage({ end: true });
    return { packed };
  }

  /** Stop the worker (its pending parts, if any, are rejected). */
  close(): void {
    if (this.closed) return;
    this.fail("closed");
    this.closed = true;
    void this.worker.terminate();
  }
}
