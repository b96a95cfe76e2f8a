/**
 * Times `PackagePort.toBuffer` alone for the plans of a `pdv consolidate <folder>` run (issue 11,
 * writer track): the folder is read and consolidated through the CLI's own code, the plans
 * written to the roster's port, then `toBuffer` runs `--runs` times (default 5). Prints each
 * run's wall time (and CPU time: the machine may be shared; the main thread's own, where Linux
 * tells it, apart from V8's compiler and GC threads: `pdv` runs the writer once, so run 1, cold,
 * is the one the command pays), the heap (+ external) held after it, the growth of the peak RSS during it, the
 * best time, and whether ExcelJS was loaded. `--save-plans f.json` keeps the plans;
 * `--plans f.json` times from them without reading the folder (the peak RSS is then the writer's).
 *
 *   npx tsc -p bench/tsconfig.json
 *   node --expose-gc bench/build/bench/writer-time.js /work/benchdata/u4800 [--runs 5] [--out f.xlsx]
 *     [--save-plans f.json | --plans f.json]
 */
import { readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import { analyzeWorkbook } from "../src/core/analyze";
import { consolidate } from "../src/core/consolidate";
import { summaryPlan } from "../src/core/layout";
import { exportUpPlan } from "../src/core/export-up";
import { stampText } from "../src/core/state";
import { loadInput, ROSTER_FILE } from "../src/cli/input";
import { openPackagePort } from "../src/workbook/xlsx/package-port";
import type { PackagePort } from "../src/workbook/xlsx/package-port";
import type { SheetPlan } from "../src/core/types";

/** CPU time of the main thread so far, in ms (Linux's schedstat); NaN elsewhere. */
function mainThreadMs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").split(" ")[0]) / 1e6;
  } catch {
    return NaN;
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = args[0];
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const runs = Number(opt("runs") ?? 5);
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  let port: PackagePort;
  let plans: SheetPlan[];
  const from = opt("plans");
  if (from) {
    // Plans saved by an earlier run: no unit file is read, so the peak RSS is the writer's own.
    const saved = JSON.parse(readFileSync(from, "utf8")) as { roster: string; plans: SheetPlan[] };
    port = await openPackagePort(saved.roster);
    plans = saved.plans;
  } else {
    const loaded = await loadInput(dir, { stdout: () => undefined, stderr: () => undefined, stderrIsTTY: false });
    const summary = consolidate(analyzeWorkbook(loaded.input));
    port = loaded.port;
    plans = [summaryPlan(summary, { links: loaded.kind === "workbook", time: stampText(new Date(2020, 7, 31)) }), exportUpPlan(summary, 44074)];
    const save = opt("save-plans");
    if (save) writeFileSync(save, JSON.stringify({ roster: path.join(dir, ROSTER_FILE), plans }));
  }
  for (const p of plans) await port.writeSheet(p);
  const plan = plans[0];
  const cells = plan.rows.reduce((n, r) => n + (r ? r.filter(Boolean).length : 0), 0);
  const notes = plan.rows.reduce((n, r) => n + (r ? r.filter((c) => c?.note).length : 0), 0);
  process.stdout.write(`TongHop: ${plan.rows.length} rows, ${cells} cells, ${notes} notes\n`);
  const times: number[] = [];
  let bytes: Buffer | null = null;
  for (let i = 0; i < runs; i++) {
    bytes = null;
    gc();
    const m0 = process.memoryUsage();
    const c0 = process.cpuUsage();
    const main0 = mainThreadMs();
    const t0 = performance.now();
    const peak0 = process.resourceUsage().maxRSS;
    bytes = await port.toBuffer();
    const t = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const mainCpu = mainThreadMs() - main0;
    const m1 = process.memoryUsage();
    const grown = (m1.heapUsed + m1.external - m0.heapUsed - m0.external) / 2 ** 20;
    const peakGrowth = (process.resourceUsage().maxRSS - peak0) / 1024;
    times.push(t);
    process.stdout.write(
      `run ${i + 1}: ${t.toFixed(0)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, main thread ${mainCpu.toFixed(0)} ms), heap+external after ${grown.toFixed(1)} MB, peak RSS +${peakGrowth.toFixed(0)} MB (of ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB), ${bytes.length} bytes\n`,
    );
  }
  const exceljs = Object.keys(require.cache).some((k) => /[\\/]exceljs[\\/]/.test(k));
  process.stdout.write(`best ${Math.min(...times).toFixed(0)} ms; exceljs loaded: ${exceljs}\n`);
  const out = opt("out");
  if (out && bytes) writeFileSync(out, bytes);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
