/**
 * `npm run bench`: PDV's benchmarks (issue 6). Prints a table and writes bench/results.json.
 *
 *   1–3 round trips, wall time at 100 ms per sync and payloads of one consolidation on the strict
 *       fake Excel host, ours (src/workbook/office.ts) vs a naive adapter (bench/naive.ts)
 *   4   `pdv consolidate <folder>` vs the bare ExcelJS read of the same files (child processes)
 *   5   task pane: initial JavaScript gzipped, time to first render in headless chromium
 *   6   TYLE and TIENDO evaluations per second
 *
 * Environment: BENCH_ONLY=roundtrips,cli,pane,maths (a subset; results.json is then not written
 * unless BENCH_WRITE=1, which keeps the sections not run from the existing results.json and says
 * so in `sectionsFrom`), BENCH_SIZES=48,480,4800, BENCH_NAIVE_MEASURED_UPTO=480 (naive with real
 * latency up to this size, modelled above), BENCH_CLI_REPS=3, BENCH_RENDER_RUNS=5.
 */
import { existsSync, readFileSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";
import { roundTrips, LATENCY_MS, type RoundTripRow } from "./roundtrips";
import { cliBench, type CliRow } from "./cli";
import { taskpaneBench, type TaskpaneResult } from "./taskpane";
import { mathsBench, type MathsRow } from "./maths";
import { SEED } from "./data";

const ROOT = path.join(__dirname, "..", "..", "..");
const MB5 = 5_000_000;

interface Target {
  measure: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

const log = (s: string) => process.stderr.write(`${s}\n`);
const env = (k: string, d: string) => process.env[k] ?? d;
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const kb = (b: number) => `${fmt(b / 1000, 1)} kB`;
const sec = (ms: number) => (ms >= 10_000 ? `${fmt(ms / 1000, 0)} s` : `${fmt(ms / 1000, 2)} s`);

function machine(): Record<string, unknown> {
  let cpu = os.cpus()[0]?.model ?? "?";
  let git = "";
  try {
    git = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT }).toString().trim();
  } catch {
    /* not a git checkout */
  }
  cpu = cpu.replace(/\s+/g, " ").trim();
  return {
    cpu,
    cores: os.cpus().length,
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    commit: git,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

function targets(rt: RoundTripRow[], cli: CliRow[], pane: TaskpaneResult | null): Target[] {
  const out: Target[] = [];
  const base = rt.find((r) => r.units === 48);
  for (const r of rt) {
    const rw = r.syncsByStep.read + r.syncsByStep.write;
    const byStep = `read ${r.syncsByStep.read} + write ${r.syncsByStep.write} + select ${r.syncsByStep.select}`;
    const naive = `${fmt(r.naiveSyncs)} (naive)`;
    if (r.units <= 480) {
      out.push({ measure: `Syncs, read + write, ${fmt(r.units)} units`, value: String(rw), baseline: naive, ratio: `${fmt(r.naiveSyncs / rw)}×`, target: "≤ 3", met: rw <= 3 });
      out.push({ measure: `Syncs, whole runConsolidation, ${fmt(r.units)} units`, value: `${r.syncs} (${byStep})`, baseline: naive, ratio: `${fmt(r.naiveSyncs / r.syncs)}×`, target: "≤ 3", met: r.syncs <= 3 });
    } else {
      // Beyond 480 units only payload chunks may add syncs: never one per unit.
      const extra = base ? r.syncs - base.syncs : r.syncs;
      const met = r.syncs * 100 <= r.units && (base ? r.syncsByStep.select === base.syncsByStep.select : true);
      out.push({
        measure: `Syncs, whole runConsolidation, ${fmt(r.units)} units`,
        value: `${r.syncs} (${byStep})`,
        baseline: naive,
        ratio: `${fmt(r.naiveSyncs / r.syncs)}×`,
        target: "only payload chunks add (never 1 per unit)",
        met: met && extra >= 0,
      });
    }
  }
  for (const r of rt) {
    const measured = r.naiveMsMethod === "measured";
    out.push({
      measure: `Time at ${LATENCY_MS} ms/sync, ${fmt(r.units)} units`,
      value: sec(r.ms),
      baseline: `${sec(r.naiveMs)} (naive, ${measured ? "measured" : "modelled"})`,
      ratio: `${fmt(r.speedup, 1)}×`,
      target: r.units === 48 ? "≥ 20× faster" : "—",
      met: r.units === 48 ? r.speedup >= 20 : null,
    });
  }
  for (const r of rt) {
    out.push({
      measure: `Largest request / response per sync, ${fmt(r.units)} units`,
      value: `${kb(r.maxRequestBytes)} / ${kb(r.maxResponseBytes)}`,
      baseline: `${kb(r.naiveMaxRequestBytes)} / ${kb(r.naiveMaxResponseBytes)} (naive)`,
      ratio: "",
      target: "< 5 MB",
      met: r.maxRequestBytes < MB5 && r.maxResponseBytes < MB5,
    });
  }
  for (const c of cli) {
    out.push({
      measure: `pdv consolidate, ${fmt(c.units)} files: time`,
      value: sec(c.ms),
      baseline: `${sec(c.bareMs)} (bare ExcelJS read)`,
      ratio: `${c.timeOverheadPct >= 0 ? "+" : ""}${fmt(c.timeOverheadPct, 1)} %`,
      target: c.units >= 4800 ? "< 60 s; overhead < 25 %" : "overhead < 25 %",
      met: c.ok && c.timeOverheadPct < 25 && (c.units < 4800 || c.ms < 60_000),
    });
    out.push({
      measure: `pdv consolidate, ${fmt(c.units)} files: peak RSS`,
      value: `${fmt(c.maxRssMB)} MB`,
      baseline: `${fmt(c.bareMaxRssMB)} MB (bare ExcelJS read)`,
      ratio: `${c.rssOverheadPct >= 0 ? "+" : ""}${fmt(c.rssOverheadPct, 1)} %`,
      target: c.units >= 4800 ? "< 1 GB; overhead < 25 %" : "overhead < 25 %",
      met: c.ok && c.rssOverheadPct < 25 && (c.units < 4800 || c.maxRssMB < 1024),
    });
    out.push({
      measure: `pdv consolidate, ${fmt(c.units)} files: time against the floor`,
      value: sec(c.ms),
      baseline: `${sec(c.floorMs)} (read + zlib inflate of every part)`,
      ratio: `${fmt(c.ms / c.floorMs, 1)}×`,
      target: c.units >= 4800 ? "≤ 2× the floor; peak RSS ≤ 200 MB" : "—",
      met: c.units >= 4800 ? c.ok && c.ms <= 2 * c.floorMs && c.maxRssMB <= 200 : null,
    });
    if (c.peerMs !== null) {
      out.push({
        measure: `pdv consolidate, ${fmt(c.units)} files: against openpyxl (read-only, C:D)`,
        value: `${sec(c.ms)}, ${fmt(c.maxRssMB)} MB`,
        baseline: `${sec(c.peerMs)}, ${fmt(c.peerMaxRssMB ?? 0)} MB (openpyxl)`,
        ratio: `${fmt(c.peerMs / c.ms, 1)}× our time`,
        target: "—",
        met: null,
      });
    }
  }
  if (pane) {
    out.push({
      measure: "Task pane: initial JavaScript, gzipped",
      value: pane.initialJsGzipBytes === null ? `build failed: ${pane.buildError ?? "?"}` : kb(pane.initialJsGzipBytes),
      baseline: pane.initialJsBytes === null ? "" : `${kb(pane.initialJsBytes)} minified`,
      ratio: "",
      target: "≤ 300 kB",
      met: pane.initialJsGzipBytes === null ? false : pane.initialJsGzipBytes <= 300_000,
    });
    out.push({
      measure: "Task pane: time to first render (headless chromium)",
      value: pane.firstRenderMs === null ? `not measured: ${pane.renderError ?? pane.buildError ?? "?"}` : `${fmt(pane.firstRenderMs)} ms (median of ${pane.firstRenderRuns.length})`,
      baseline: "",
      ratio: "",
      target: "—",
      met: null,
    });
  }
  return out;
}

function markdown(ts: Target[], maths: MathsRow[]): string {
  const mark = (m: boolean | null) => (m === null ? "—" : m ? "đạt / met" : "**KHÔNG / missed**");
  const lines = [
    "| Đo / measure | PDV | baseline | ratio | target | đạt? / met |",
    "|---|---|---|---|---|---|",
    ...ts.map((t) => `| ${t.measure} | ${t.value} | ${t.baseline} | ${t.ratio} | ${t.target} | ${mark(t.met)} |`),
  ];
  for (const m of maths) lines.push(`| ${m.name}, ${fmt(m.evaluations)} inputs | ${fmt(m.perSecond / 1e6, 1)} M/s (${fmt(m.ms)} ms) |  |  | — | — |`);
  return lines.join("\n");
}

async function main(): Promise<void> {
  const only = new Set(env("BENCH_ONLY", "roundtrips,cli,pane,maths").split(","));
  const sizes = env("BENCH_SIZES", "48,480,4800").split(",").map(Number);
  const started = new Date();
  const info = machine();
  log(`PDV benchmarks — ${info.cpu}, ${info.cores} cores, Node ${info.node}; seed ${SEED}`);

  let rt: RoundTripRow[] = [];
  let cli: CliRow[] = [];
  let pane: TaskpaneResult | null = null;
  let maths: MathsRow[] = [];
  const wall: Record<string, number> = {};
  const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    log(`\n[${name}]`);
    try {
      return await f();
    } finally {
      wall[name] = Math.round((performance.now() - t0) / 1000);
    }
  };
  if (only.has("maths")) maths = await timed("maths", async () => mathsBench());
  if (only.has("roundtrips")) rt = await timed("roundtrips", () => roundTrips(sizes, Number(env("BENCH_NAIVE_MEASURED_UPTO", "480")), log));
  if (only.has("cli")) {
    const reps = Number(env("BENCH_CLI_REPS", "3"));
    cli = await timed("cli", () => cliBench(sizes, (n) => (n >= 4800 ? Math.min(reps, 2) : reps), log));
  }
  if (only.has("pane")) pane = await timed("pane", () => taskpaneBench(Number(env("BENCH_RENDER_RUNS", "5")), log));

  // A partial run written with BENCH_WRITE=1 keeps the other sections of the last full run.
  const file = path.join(ROOT, "bench", "results.json");
  const sectionsFrom: Record<string, string> = {};
  if (only.size < 4 && process.env.BENCH_WRITE === "1" && existsSync(file)) {
    const old = JSON.parse(readFileSync(file, "utf8"));
    const keep = (name: string) => (sectionsFrom[name] = old.sectionsFrom?.[name] ?? `${old.generatedAt} (commit ${old.machine?.commit ?? "?"})`);
    if (!only.has("roundtrips")) (rt = old.roundTrips ?? []), keep("roundtrips");
    if (!only.has("cli")) (cli = old.cli ?? []), keep("cli");
    if (!only.has("pane")) (pane = old.taskpane ?? null), keep("pane");
    if (!only.has("maths")) (maths = old.maths ?? []), keep("maths");
  }
  const ts = targets(rt, cli, pane);
  const table = markdown(ts, maths);
  process.stdout.write(`\n${table}\n`);
  const results = {
    generatedAt: started.toISOString(),
    durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
    sectionSeconds: wall,
    ...(Object.keys(sectionsFrom).length ? { sectionsFrom } : {}),
    machine: { ...info, loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    seed: SEED,
    latencyMsPerSync: LATENCY_MS,
    notes: [
      "syncs: every context.sync() of one runConsolidation (read, analyze, consolidate, summaryPlan, writeSheet, then select TongHop!A1), counted by the strict fake Excel host; syncsByStep splits them.",
      "naive: bench/naive.ts, one load+sync per unit sheet and one sync per TongHop row written (see the file).",
      "naiveMs above BENCH_NAIVE_MEASURED_UPTO units is modelled as naiveSyncs × 100 ms + the naive run's measured time at 0 ms latency; that time is mostly the fake host copying the growing sheet before each of its ~4,800 write syncs (rollback bookkeeping), so naiveMsLowerBound = naiveSyncs × 100 ms + our own time at 0 ms is also given.",
      "payload bytes: the fake host's JSON size of each request and response; 5 MB = 5,000,000 bytes.",
      "cli: medians; ms = wall time of the child process, maxRssMB = /usr/bin/time -v maximum resident set size; bare = ExcelJS Workbook.xlsx.load of every file of the folder (bench/bare-read.ts); floor = read every file and inflate every part with zlib (bench/floor.ts); peer = Python openpyxl read-only, columns C:D (bench/peer_openpyxl.py).",
      "task pane: gzip level 6 of the scripts taskpane.html loads (office.js from Microsoft's CDN excluded); first render = performance.now() when #container first holds rendered content.",
    ],
    roundTrips: rt.map((r) => ({ ...r, naiveMsLowerBound: Math.round((r.naiveSyncs * LATENCY_MS + r.computeMs) * 10) / 10 })),
    cli,
    taskpane: pane,
    maths,
    targets: ts,
  };
  if (only.size === 4 || process.env.BENCH_WRITE === "1") {
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    log(`\nĐã ghi ${path.relative(ROOT, file)}`);
  }
}

main().catch((e) => {
  log(String((e as Error)?.stack ?? e));
  process.exitCode = 1;
});
