/**
 * Reading a folder's unit files on several threads (node:worker_threads) for the commands that need
 * only the analysis (cli/input.ts loadPrepared). The main thread reads too; each worker reads the
 * small batches of files it is sent (readPreparedUnit: read, check, prepareSheet) and posts back
 * the files' plain-data results a few at a time (structured clone). The main thread hands the results on strictly
 * in the folder's file order, so everything after it sees exactly what one thread gives.
 *
 * A worker that throws, exits or cannot start loses no file: what it had not returned is read by
 * the main thread, silently. Workers are started from this module's compiled JavaScript only
 * (build/cli/read-pool.js, or the bench's build); run from the TypeScript sources (ts-jest), the
 * folder is read on the main thread alone.
 *
 * PDV_THREADS=n (n ≥ 1) sets the number of reading threads, the main one included (1: no worker).
 * PDV_TEST_READ_WORKER_FAIL="throw:k" or "exit:k" makes every worker fail after k files: used
 * only by tests, to check that nothing is lost.
 */
import * as os from "os";
import { Worker, isMainThread, parentPort, workerData } from "worker_threads";
import type { PreparedSheet } from "../core/prepare";
import type { SheetGrid } from "../core/types";
import { readPreparedUnit } from "./unit-file";
import type { UnitFileResult } from "./unit-file";

/** Marks the workerData of a reading worker (this module is also what the worker runs). */
const TAG = "pdvReadWorker";
/** Files sent to a worker at a time; each worker has two batches in hand, so it never waits. */
const BATCH = 16;
/** A worker posts its results this many files at a time (fewer messages; little held back). */
const POST_EVERY = 4;
/** Default number of reading threads when PDV_THREADS is not set (see README: measured on 2 cores). */
export const DEFAULT_MAX_THREADS = 1;
/** At least this many files per thread, else fewer threads (a worker takes ~70 ms of CPU to start and load its modules). */
const FILES_PER_THREAD = 50;

interface WorkerSetup {
  [TAG]: true;
  dir: string;
}

type ToWorker =
  | { type: "setup"; ownRoster: SheetGrid | undefined; watchRoster: boolean }
  | { type: "files"; files: [number, string][] }
  | { type: "end" };
/** A few files' results; `batchDone` when they end the batch (the worker then asks for another). */
type FromWorker = { type: "results"; results: [number, UnitFileResult<PreparedSheet>][]; batchDone: boolean };

/** Whether this module runs as compiled JavaScript (a worker can then be started from it). */
function canStartWorkers(): boolean {
  return __filename.endsWith(".js");
}

/**
 * How many threads read `files` unit files: PDV_THREADS when it is a whole number ≥ 1 (at most 16),
 * else min(os.availableParallelism(), DEFAULT_MAX_THREADS, files / 50), at least 1; always 1 when
 * workers cannot be started (TypeScript sources).
 */
export function readThreads(files: number, env: NodeJS.ProcessEnv = process.env): number {
  if (!canStartWorkers()) return 1;
  const forced = Number(env.PDV_THREADS);
  if (env.PDV_THREADS && Number.isInteger(forced) && forced >= 1) return Math.min(forced, 16);
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, DEFAULT_MAX_THREADS, Math.floor(files / FILES_PER_THREAD)));
}

/** What a pool reads: `names` (relative to the pool's folder), the folder's DanhMuc grid, and whether to watch for another one. */
export interface ReadJob {
  names: string[];
  ownRoster: SheetGrid | undefined;
  watchRoster: boolean;
}

interface Reader {
  worker: Worker;
  /** Files sent to this worker and not yet returned. */
  outstanding: Set<number>;
  dead: boolean;
  /** Called when the worker fails (set while a job runs). */
  onFail?: () => void;
  onMessage?: (m: FromWorker) => void;
}

/**
 * The reading threads of one folder. `start` starts the workers at once (they load their modules
 * while the main thread reads the roster file); `read` then reads the unit files on them and the
 * main thread; `close` ends the workers (read does it when it is done).
 */
export class ReadPool {
  private readonly readers: Reader[] = [];

  private constructor(private readonly dir: string) {}

  /**
   * A pool for the folder `dir` with `threads` reading threads, the main thread one of them (no
   * worker for 1). A worker that cannot start is left out; never throws.
   */
  static start(dir: string, threads: number): ReadPool {
    const pool = new ReadPool(dir);
    for (let k = 1; k < threads; k++) {
      const setup: WorkerSetup = { [TAG]: true, dir };
      let worker: Worker;
      try {
        worker = new Worker(__filename, { workerData: setup, stdout: true, stderr: true });
      } catch {
        break; // no worker: the main thread reads everything
      }
      const r: Reader = { worker, outstanding: new Set(), dead: false };
      const fail = () => {
        if (r.dead) return;
        r.dead = true;
        void worker.terminate().catch(() => undefined);
        r.onFail?.();
      };
      worker.on("message", (m: FromWorker) => {
        if (!r.dead) r.onMessage?.(m);
      });
      worker.on("error", fail);
      worker.on("messageerror", fail);
      worker.on("exit", fail);
      pool.readers.push(r);
    }
    return pool;
  }

  /** End the workers (idempotent). */
  async close(): Promise<void> {
    for (const r of this.readers) r.dead = true;
    await Promise.all(this.readers.map((r) => r.worker.terminate().catch(() => undefined)));
  }

  /**
   * Read every file of `job` and call `deliver` once per file, in the order of `job.names`, with
   * readPreparedUnit's result; a result is dropped by the pool as soon as it is delivered. Never
   * throws for a file or a worker; the workers are gone when the promise resolves.
   */
  async read(job: ReadJob, deliver: (i: number, result: UnitFileResult<PreparedSheet>) => void): Promise<void> {
    const n = job.names.length;
    const early = new Map<number, UnitFileResult<PreparedSheet>>(); // results ahead of `next`
    let next = 0;
    let head = 0; // files [head, n) are not yet given to anyone
    const reclaimed: number[] = []; // files a failed worker had not returned, kept sorted
    let wake: (() => void) | null = null;
    const poke = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    const store = (i: number, result: UnitFileResult<PreparedSheet>) => {
      if (i < next || early.has(i)) return; // read twice (a worker failed after posting it): same result
      early.set(i, result);
      while (early.has(next)) {
        const r = early.get(next)!;
        early.delete(next);
        deliver(next, r);
        next++;
      }
      poke();
    };
    const take = (): number | undefined => (reclaimed.length ? reclaimed.shift() : head < n ? head++ : undefined);
    const send = (r: Reader) => {
      if (r.dead) return;
      const files: [number, string][] = [];
      while (files.length < BATCH && head < n) {
        files.push([head, job.names[head]]);
        r.outstanding.add(head++);
      }
      post(r, files.length ? { type: "files", files } : { type: "end" });
    };
    const post = (r: Reader, m: ToWorker) => {
      try {
        r.worker.postMessage(m);
      } catch {
        r.dead = true;
        void r.worker.terminate().catch(() => undefined);
        r.onFail?.();
      }
    };
    const live = this.readers.filter((r) => !r.dead);
    let own = 0; // files the main thread read
    for (const r of this.readers) {
      // A failed worker's files go back to the main thread.
      r.onFail = () => {
        for (const i of r.outstanding) if (i >= next && !early.has(i)) reclaimed.push(i);
        reclaimed.sort((a, b) => a - b);
        r.outstanding.clear();
        poke();
      };
      r.onMessage = (m) => {
        for (const [i, result] of m.results) {
          r.outstanding.delete(i);
          store(i, result);
        }
        if (m.batchDone) send(r);
      };
    }
    for (const r of live) {
      post(r, { type: "setup", ownRoster: job.ownRoster, watchRoster: job.watchRoster });
      send(r);
      send(r);
    }
    try {
      while (next < n) {
        const i = take();
        if (i !== undefined) {
          store(i, readPreparedUnit(this.dir, job.names[i], job.ownRoster, job.watchRoster));
          // Let the workers' results in every few files.
          if (live.length && ++own % POST_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
        // Everything is given out: wait for a result or a failed worker.
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      await this.close();
    }
  }
}

/** The worker: read each batch it is sent, posting the results POST_EVERY files at a time, then ask for more. */
function runWorker(setup: WorkerSetup): void {
  const port = parentPort!;
  const hook = /^(throw|exit):(\d+)$/.exec(process.env.PDV_TEST_READ_WORKER_FAIL ?? "");
  let read = 0;
  let job: { ownRoster: SheetGrid | undefined; watchRoster: boolean } = { ownRoster: undefined, watchRoster: false };
  let chain = Promise.resolve();
  const handle = async (m: ToWorker) => {
    if (m.type === "end") {
      port.close();
      return;
    }
    if (m.type === "setup") {
      job = m;
      return;
    }
    let results: [number, UnitFileResult<PreparedSheet>][] = [];
    for (const [i, name] of m.files) {
      if (hook && read >= Number(hook[2])) {
        if (hook[1] === "exit") process.exit(3);
        throw new Error("PDV_TEST_READ_WORKER_FAIL");
      }
      results.push([i, readPreparedUnit(setup.dir, name, job.ownRoster, job.watchRoster)]);
      read++;
      if (results.length === POST_EVERY) {
        port.postMessage({ type: "results", results, batchDone: false } satisfies FromWorker);
        results = [];
      }
    }
    port.postMessage({ type: "results", results, batchDone: true } satisfies FromWorker);
  };
  port.on("message", (m: ToWorker) => {
    // One batch after another; a throw ends the worker (its "error" event in the main thread).
    chain = chain.then(() => handle(m));
    chain.catch((err) => {
      throw err;
    });
  });
}

if (!isMainThread && (workerData as Partial<WorkerSetup> | null)?.[TAG]) runWorker(workerData as WorkerSetup);
