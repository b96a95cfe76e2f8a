/**
 * A read-ahead thread for a folder's unit files (node:worker_threads): while the main thread
 * parses one file, a worker reads the next ones from disk and inflates the parts the reader will
 * ask for (the workbook, the shared strings, the worksheets) with Node's zlib.
 * The main thread still does everything else exactly as before: it opens each file's bytes as
 * sent by the worker, and when the reader inflates a part (zip.ts, through `useNativeInflate`)
 * the worker's output for those very compressed bytes is returned instead of inflating them again.
 *
 * Why this split (README, performance): reading and inflating are native work (zlib, the file
 * system) that a second thread does without a JIT of its own to warm up, and they are about a
 * quarter of the main thread's reading time; parsing on two threads was tried (read-pool.ts) and
 * gave nothing on 2 cores.
 *
 * Never a different result: inflating is deterministic, so the worker's output equals what zlib
 * gives on the main thread for the same bytes and output limit; a part is taken from the worker
 * only when its compressed bytes (same buffer, offset and length) and its limit are those the
 * reader asks for; anything else (a file the worker could not read or open, a part that did not
 * inflate, a part it did not expect) is read or inflated on the main thread as without the worker,
 * with the same messages. A worker that fails or exits loses nothing: the main thread reads the
 * files itself from then on.
 *
 * Memory: the worker runs at most AHEAD messages ahead of the file the main thread is on, and the
 * main thread takes a message only when it needs it, so its buffer dies young. A second thread
 * still makes V8 grow the main thread's heap faster (its growing factor follows the allocation
 * rate): peak RSS 196–202 MB at 4,800 units, over the 200 MB target. HEAP_GROWING_PERCENT, set
 * when the worker starts, brings it back to 158–191 MB (README, performance).
 */
import { readFileSync } from "fs";
import * as path from "path";
import { MessageChannel, Worker, isMainThread, receiveMessageOnPort, workerData } from "worker_threads";
import type { MessagePort } from "worker_threads";
import { setFlagsFromString } from "v8";
import { inflateRawSync } from "zlib";
import { partKey, rawEntry, readCentralDirectory, useNativeInflate } from "../workbook/xlsx/zip";
import type { ZipEntry } from "../workbook/xlsx/zip";

/** Marks the workerData of a read-ahead worker (this module is also what the worker runs). */
const TAG = "pdvPrefetchWorker";
/** Files per message (one buffer each message: the main thread takes it only when it needs it, so it dies young). */
const GROUP = 4;
/** Messages the worker may be ahead of the main thread (GROUP × AHEAD files, ~16 kB each in the benchmark). */
const AHEAD = 16;
/** How long the main thread blocks at a time waiting for the worker before letting events in (ms). */
const WAIT_MS = 20;
/** Parts up to this size are inflated ahead (zip.ts inflates larger ones piece by piece). */
const MAX_PART = 64 * 1024 * 1024;
/**
 * V8's old generation grows by this percentage at each full collection once read-ahead starts,
 * instead of V8's own factor (up to 4× for a small heap). It only changes when V8 collects, never
 * what is computed, and V8 reads it at each collection, so setting it at run time is safe (unlike
 * --single-threaded-gc, which stops V8 with a fatal error when set after start-up). Cost: two more
 * full collections at 4,800 units (~30 ms).
 */
const HEAP_GROWING_PERCENT = 100;
/**
 * The parts the reader inflates for each unit file (reader.ts readBook). Styles and relationships
 * are parsed once per distinct compressed bytes (part-cache.ts), so they are seldom inflated: at
 * 4,800 units, inflating the workbook's relationships ahead was 4,800 parts never asked for.
 */
const WANTED = /^xl\/(workbook\.xml|sharedstrings\.xml|worksheets\/[^/]+\.xml)$/;

interface WorkerSetup {
  [TAG]: true;
  dir: string;
  names: string[];
  port: MessagePort;
  /** [messages posted]: the worker adds 1 and notifies after each message. */
  posted: SharedArrayBuffer;
}

/**
 * One message from the worker: files [from, from + files.length); `buf` holds their bytes and
 * inflated parts. Per file, `file` is [offset, length] of its bytes in `buf` (null: read it on the
 * main thread) and `parts` a flat list of [compressed offset in the file, compressed length,
 * output limit, offset in buf, length].
 */
interface Group {
  from: number;
  buf: ArrayBuffer;
  files: { file: [number, number] | null; parts: number[] }[];
}

/** An inflated part waiting for the reader to ask for it. */
interface Part {
  rawLength: number;
  limit: number;
  out: Buffer;
}

/** Parts inflated ahead for the group being read: the group's buffer, and the parts by their compressed bytes' offset in it. */
let ahead: { buf: ArrayBuffer; parts: Map<number, Part> } | null = null;
let hooked = false;

/**
 * The inflater given to zip.ts while read-ahead is used: a part inflated ahead for exactly these
 * bytes and limit, else zlib on this thread with the options of workbook/xlsx/files.ts (output
 * limit `limit`; the chunk size only changes speed, never the bytes or the errors).
 */
function inflateOrTake(data: Uint8Array, limit: number): Uint8Array {
  if (ahead && data.buffer === ahead.buf) {
    const p = ahead.parts.get(data.byteOffset);
    if (p && p.rawLength === data.byteLength && p.limit === limit) {
      ahead.parts.delete(data.byteOffset);
      return p.out;
    }
  }
  return inflateRawSync(data, { maxOutputLength: limit, chunkSize: Math.max(64, Math.min(1 << 20, limit + 1)) });
}

/** Whether this module runs as compiled JavaScript (a worker can then be started from it). */
function canStartWorkers(): boolean {
  return __filename.endsWith(".js");
}

/**
 * The read-ahead of one folder's unit files `names` (relative to `dir`), in that order. `bytes(i)`
 * gives file i's bytes (waiting for the worker if need be) or undefined when the main thread must
 * read the file itself; files must be asked for in increasing order.
 */
export class Prefetch {
  private group: Group | null = null;
  private dead = false;
  private readonly posted: Int32Array;
  private taken = 0;

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    posted: SharedArrayBuffer,
  ) {
    this.posted = new Int32Array(posted);
  }

  /** Start the worker for `names`; undefined when it cannot start (TypeScript sources, no threads). Never throws. */
  static start(dir: string, names: string[]): Prefetch | undefined {
    if (!canStartWorkers() || names.length === 0) return undefined;
    let worker: Worker;
    const { port1, port2 } = new MessageChannel();
    const posted = new SharedArrayBuffer(4);
    try {
      const setup: WorkerSetup = { [TAG]: true, dir, names, port: port2, posted };
      worker = new Worker(__filename, { workerData: setup, transferList: [port2], stdout: true, stderr: true });
    } catch {
      port1.close();
      return undefined;
    }
    if (!hooked) {
      useNativeInflate(inflateOrTake);
      setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
      hooked = true;
    }
    const p = new Prefetch(worker, port1, posted);
    const fail = () => {
      if (p.dead) return;
      p.dead = true;
      void worker.terminate().catch(() => undefined);
    };
    worker.on("error", fail);
    worker.on("exit", fail);
    return p;
  }

  /** The next group from the worker, blocking until it comes; null when the worker is gone. */
  private async next(): Promise<Group | null> {
    for (;;) {
      const m = receiveMessageOnPort(this.port);
      if (m) {
        this.taken++;
        return m.message as Group;
      }
      if (this.dead) return null;
      if (Atomics.wait(this.posted, 0, this.taken, WAIT_MS) === "timed-out") {
        // Let the worker's "exit"/"error" events in.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  }

  /** File i's bytes as the worker read them, its inflated parts registered for the reader; undefined: read it yourself. */
  async bytes(i: number): Promise<Uint8Array | undefined> {
    while (!this.group || i >= this.group.from + this.group.files.length) {
      if (this.group) this.port.postMessage(1); // one more group may be read ahead
      this.group = await this.next();
      ahead = null;
      if (!this.group) return undefined;
    }
    const g = this.group;
    const f = g.files[i - g.from];
    if (!f?.file) return undefined;
    const [at, length] = f.file;
    const parts = new Map<number, Part>();
    const q = f.parts;
    for (let k = 0; k < q.length; k += 5) parts.set(at + q[k], { rawLength: q[k + 1], limit: q[k + 2], out: Buffer.from(g.buf, q[k + 3], q[k + 4]) });
    ahead = { buf: g.buf, parts };
    return Buffer.from(g.buf, at, length);
  }

  /** End the worker (idempotent). */
  async close(): Promise<void> {
    this.dead = true;
    this.group = null;
    ahead = null;
    this.port.close();
    await this.worker.terminate().catch(() => undefined);
  }
}

/** Read files [from, to) and inflate their wanted parts into one buffer. */
function readGroup(setup: WorkerSetup, from: number, to: number): { group: Group; buf: ArrayBuffer } {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const put = (b: Uint8Array): number => {
    chunks.push(b);
    size += b.length;
    return size - b.length;
  };
  const files: Group["files"] = [];
  for (let i = from; i < to; i++) {
    const name = setup.names[i];
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path.join(setup.dir, name));
    } catch {
      files.push({ file: null, parts: [] }); // the main thread reads it and gives the message
      continue;
    }
    const fileAt = put(bytes);
    const parts: number[] = [];
    let entries: ZipEntry[] = [];
    try {
      entries = readCentralDirectory(bytes, name);
    } catch {
      // not a sound zip: the main thread says so
    }
    for (const e of entries) {
      if (e.method !== 8 || e.uncompressedSize > MAX_PART || !WANTED.test(partKey(e.name))) continue;
      try {
        // rawEntry needs only the bytes and the name of the package (its checks of the local header).
        const raw = rawEntry({ fileName: name, bytes, entries, byName: new Map() }, e);
        const limit = Math.max(1, e.uncompressedSize);
        const out = inflateRawSync(raw, { maxOutputLength: limit, chunkSize: Math.max(64, Math.min(1 << 20, limit + 1)) });
        parts.push(raw.byteOffset - bytes.byteOffset, raw.length, limit, put(out), out.length);
      } catch {
        // left to the main thread, which gives the message
      }
    }
    files.push({ file: [fileAt, bytes.length], parts });
  }
  const buf = new ArrayBuffer(size);
  const all = new Uint8Array(buf);
  for (let k = 0, at = 0; k < chunks.length; at += chunks[k].length, k++) all.set(chunks[k], at);
  return { group: { from, buf, files }, buf };
}

/** The worker: read groups of files ahead, at most AHEAD groups more than the main thread has taken. */
function runWorker(setup: WorkerSetup): void {
  const port = setup.port;
  const posted = new Int32Array(setup.posted);
  const hook = /^(throw|exit):(\d+)$/.exec(process.env.PDV_TEST_READ_WORKER_FAIL ?? "");
  let credit = AHEAD;
  let next = 0;
  const pump = () => {
    while (credit > 0 && next < setup.names.length) {
      if (hook && next >= Number(hook[2])) {
        if (hook[1] === "exit") process.exit(3);
        throw new Error("PDV_TEST_READ_WORKER_FAIL");
      }
      const to = Math.min(next + GROUP, setup.names.length);
      const { group, buf } = readGroup(setup, next, to);
      port.postMessage(group, [buf]);
      Atomics.add(posted, 0, 1);
      Atomics.notify(posted, 0);
      credit--;
      next = to;
    }
    if (next >= setup.names.length) port.close();
  };
  port.on("message", (n: number) => {
    credit += n;
    pump();
  });
  pump();
}

if (!isMainThread && (workerData as Partial<WorkerSetup> | null)?.[TAG]) runWorker(workerData as WorkerSetup);
