/**
 * The core's CPU after reading (issue 11), timed apart from the reading: a folder is read once into
 * grids (src/cli/input.ts `loadInput`, every grid held), then each step is run `runs` times and its
 * first and best times printed in milliseconds, wall and CPU (all threads: on a shared machine the CPU
 * time is the steadier one): committeeSheets of each unit sheet (what reading a unit file asks
 * first), prepareSheet of every sheet (and its two halves,
 * readReport and fingerprintPart), analyzePrepared, consolidate, summaryPlan and exportUpPlan. A
 * digest of every result (JSON of the analysis, the summary and both plans) is printed last, so
 * two builds can be checked to compute the same (the prepared sheets' fingerprint shares aside: the
 * fingerprint itself is printed). Usage:
 *   npx tsc -p bench/tsconfig.json && node --expose-gc bench/build/bench/core-time.js <folder> [runs]
 */
import { createHash } from "crypto";
import { loadInput } from "../src/cli/input";
import { analyzePrepared, isReportSheet, prepareSheet } from "../src/core/analyze";
import { committeeSheets } from "../src/core/committee-file";
import { consolidate } from "../src/core/consolidate";
import { exportUpPlan } from "../src/core/export-up";
import * as fingerprint from "../src/core/fingerprint";
import { summaryPlan } from "../src/core/layout";
import { readReport } from "../src/core/report";
import { findRosterSheet } from "../src/core/roster";

function time<T>(label: string, runs: number, f: () => T): T {
  const ms: number[] = [];
  const cpu: number[] = [];
  let out: T | undefined;
  for (let i = 0; i < runs; i++) {
    // With --expose-gc, each run starts from a collected heap (the grids held are large).
    (globalThis as { gc?: () => void }).gc?.();
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    out = f();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const fmt = (x: number) => x.toFixed(1).padStart(6);
  process.stdout.write(`${label.padEnd(16)} first ${fmt(ms[0])}  best ${fmt(Math.min(...ms))}  cpu first ${fmt(cpu[0])}  best ${fmt(Math.min(...cpu))}\n`);
  return out!;
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  const runs = Number(process.argv[3] ?? 5);
  const io = { stdout: () => {}, stderr: () => {} };
  const loaded = await loadInput(dir, io as never);
  const sheets = loaded.input.sheets;
  const reports = sheets.filter(isReportSheet);
  time("committeeSheets", runs, () => reports.map((g) => committeeSheets([g])));
  time("readReport", runs, () => reports.map(readReport));
  // fingerprintCodes since the parts are code units; fingerprintPart before.
  const f = fingerprint as unknown as Record<string, (g: unknown) => unknown>;
  const part = f.fingerprintCodes ?? f.fingerprintPart;
  time("fingerprintPart", runs, () => reports.map(part));
  const prepared = time("prepareSheet", runs, () => sheets.map(prepareSheet));
  const input = { roster: findRosterSheet(sheets), sheets: prepared, unreadable: loaded.input.unreadable };
  // The unit grids go, as in a real run, before the analysis (their heap would slow its collections).
  sheets.length = 0;
  reports.length = 0;
  const analysis = time("analyzePrepared", runs, () => analyzePrepared(input));
  const summary = time("consolidate", runs, () => consolidate(analysis));
  const plan = time("summaryPlan", runs, () => summaryPlan(summary, { links: false, time: "00:00 01/09/2020" }));
  const up = time("exportUpPlan", runs, () => exportUpPlan(summary, 44075));
  const digest = createHash("sha256").update(JSON.stringify([prepared.map((p) => ({ ...p, print: undefined })), analysis, summary, plan, up])).digest("hex");
  process.stdout.write(`digest ${digest.slice(0, 16)} fingerprint ${analysis.fingerprint}\n`);
}

void main();
