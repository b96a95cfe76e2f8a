/**
 * Sections 1–3: Excel round trips, wall time at 100 ms per sync, largest payloads.
 *
 * One consolidation = src/flows/consolidate.ts runConsolidation (read workbook, analyze, consolidate,
 * summaryPlan, writeSheet, then bring TongHop to the front) over a port on the strict fake Excel
 * host (src/host/fake-excel.ts), which counts every context.sync() and measures the JSON of every
 * request and response. Ours = createOfficePort; the baseline = bench/naive.ts. Each size runs
 * both, on fresh hosts seeded with the same workbook, in the same process.
 */
import { createFakeExcel, type FakeGlobals } from "../src/host/fake-excel";
import { createOfficePort } from "../src/workbook/office";
import type { WorkbookPort } from "../src/workbook/port";
import { runConsolidation } from "../src/flows/consolidate";
import { district, fakeSeeds } from "./data";
import { NaivePort } from "./naive";

export const LATENCY_MS = 100;
const NOW = () => new Date(2020, 8, 6, 14, 5);

export interface Phases {
  read: number;
  write: number;
  select: number;
}

export interface RunResult {
  syncs: number;
  phases: Phases;
  maxRequestBytes: number;
  maxResponseBytes: number;
  ms: number;
  included: number;
  tongHop: string;
}

export interface RoundTripRow {
  units: number;
  syncs: number;
  naiveSyncs: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  /** Ours, wall time of one consolidation with 100 ms per sync (measured). */
  ms: number;
  /** Naive, wall time with 100 ms per sync: measured, or modelled (see naiveMsMethod). */
  naiveMs: number;
  naiveMsMethod: "measured" | "modelled: syncs × 100 ms + measured time at 0 ms latency";
  /** Ours: syncs by step of runConsolidation. */
  syncsByStep: Phases;
  naiveSyncsByStep: Phases;
  /** Time of the same runs with no latency (the work itself, JS + the fake host's execution). */
  computeMs: number;
  naiveComputeMs: number;
  /** The model applied to a size where naive was also measured (checks the model). */
  naiveMsModelled: number;
  naiveMaxRequestBytes: number;
  naiveMaxResponseBytes: number;
  speedup: number;
  /** Both adapters wrote the same TongHop values and formulas, and included every unit. */
  sameResult: boolean;
}

/** Wraps a port to count the syncs each step of the flow makes. */
function counted(port: WorkbookPort, g: FakeGlobals, phases: Phases): WorkbookPort {
  const wrap =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>, key: keyof Phases) =>
    async (...a: A): Promise<R> => {
      const before = g.host.stats.syncs;
      try {
        return await fn(...a);
      } finally {
        phases[key] += g.host.stats.syncs - before;
      }
    };
  return {
    listSheets: () => port.listSheets(),
    readWorkbook: wrap(port.readWorkbook.bind(port), "read"),
    writeSheet: wrap(port.writeSheet.bind(port), "write"),
    selectCell: wrap(port.selectCell.bind(port), "select"),
  };
}

type Seeds = ReturnType<typeof fakeSeeds>;

async function once(seeds: Seeds, kind: "ours" | "naive", latencyMs: number): Promise<RunResult> {
  const g = createFakeExcel({ sheets: seeds, latencyMs });
  const phases: Phases = { read: 0, write: 0, select: 0 };
  const inner = kind === "ours" ? createOfficePort(g.Excel) : new NaivePort(g.Excel);
  const port = counted(inner, g, phases);
  gc();
  const t0 = performance.now();
  const result = await runConsolidation(port, undefined, { now: NOW });
  const ms = performance.now() - t0;
  const log = g.host.stats.log;
  const failed = log.filter((r) => r.error);
  if (failed.length) throw new Error(`${kind}: ${failed.length} failed syncs (${failed[0].error})`);
  const dump = g.host.dump("TongHop");
  return {
    syncs: g.host.stats.syncs,
    phases,
    maxRequestBytes: Math.max(...log.map((r) => r.requestBytes)),
    maxResponseBytes: Math.max(...log.map((r) => r.responseBytes)),
    ms,
    included: result.summary.included.length,
    tongHop: JSON.stringify([dump.values, dump.formulas]),
  };
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * One row per size. Naive with real latency is measured up to `measureNaiveUpTo` units; above,
 * it would take minutes (4,800 units ≈ 9,600 syncs ≈ 16 min), so it is modelled.
 */
export async function roundTrips(sizes: number[], measureNaiveUpTo: number, log: (s: string) => void): Promise<RoundTripRow[]> {
  const rows: RoundTripRow[] = [];
  for (const n of sizes) {
    const seeds = fakeSeeds(district(n));
    // Warm-up of the code paths (JIT) on this size's data, not measured.
    if (n === sizes[0]) {
      await once(seeds, "ours", 0);
      await once(seeds, "naive", 0);
    }
    const ours0 = await once(seeds, "ours", 0);
    const naive0 = await once(seeds, "naive", 0);
    log(`  ${n} đơn vị: syncs ours ${ours0.syncs} / naive ${naive0.syncs}; compute ${ours0.ms.toFixed(0)} / ${naive0.ms.toFixed(0)} ms`);
    const ours = await once(seeds, "ours", LATENCY_MS);
    const modelled = naive0.syncs * LATENCY_MS + naive0.ms;
    let naiveMs = modelled;
    let method: RoundTripRow["naiveMsMethod"] = "modelled: syncs × 100 ms + measured time at 0 ms latency";
    if (n <= measureNaiveUpTo) {
      log(`  ${n} đơn vị: naive với 100 ms/sync, khoảng ${(modelled / 1000).toFixed(0)} s…`);
      const naive = await once(seeds, "naive", LATENCY_MS);
      naiveMs = naive.ms;
      method = "measured";
    }
    const same = ours0.tongHop === naive0.tongHop && ours0.included === n && naive0.included === n && ours.included === n;
    rows.push({
      units: n,
      syncs: ours.syncs,
      naiveSyncs: naive0.syncs,
      maxRequestBytes: Math.max(ours.maxRequestBytes, ours0.maxRequestBytes),
      maxResponseBytes: Math.max(ours.maxResponseBytes, ours0.maxResponseBytes),
      ms: round1(ours.ms),
      naiveMs: round1(naiveMs),
      naiveMsMethod: method,
      syncsByStep: ours.phases,
      naiveSyncsByStep: naive0.phases,
      computeMs: round1(ours0.ms),
      naiveComputeMs: round1(naive0.ms),
      naiveMsModelled: round1(modelled),
      naiveMaxRequestBytes: naive0.maxRequestBytes,
      naiveMaxResponseBytes: naive0.maxResponseBytes,
      speedup: Math.round((naiveMs / ours.ms) * 10) / 10,
      sameResult: same,
    });
  }
  return rows;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
