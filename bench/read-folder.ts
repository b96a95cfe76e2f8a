/**
 * The reading budget of issue 11: read every .xlsx file of a folder as `pdv consolidate` does
 * (`src/cli/input.ts`: readFileSync, then `readBook` with formulas off, fonts on, TongHop and
 * KiemTra skipped) and print the wall time of that loop alone, in milliseconds, with the files,
 * cells and sheets read (so two runs can be checked to have read the same), and the CPU time
 * (user + system) of the loop, steadier than the wall time on a shared machine. Usage:
 *   npx tsc -p bench/tsconfig.json && node bench/build/bench/read-folder.js <folder> [runs]
 * With runs > 1 the folder is read that many times in one process and each time is printed
 * (the first includes warming up the JIT, as a real run does).
 */
import { readdirSync } from "fs";
import * as path from "path";
import { readFileBytes } from "../src/workbook/xlsx/files";
import { readBook } from "../src/workbook/xlsx/reader";
import { SHEET_CHECK, SHEET_SUMMARY } from "../src/core/template";

async function readAll(dir: string, names: string[]): Promise<{ ms: number; cpuMs: number; sheets: number; cells: number; failed: number }> {
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let sheets = 0;
  let cells = 0;
  let failed = 0;
  for (const name of names) {
    try {
      const book = readBook(await readFileBytes(path.join(dir, name)), name, { formulas: false, fonts: true, skip: [SHEET_SUMMARY, SHEET_CHECK] });
      for (const g of book.sheets) {
        sheets++;
        for (const row of g.values) for (const v of row) if (v !== null) cells++;
      }
    } catch {
      failed++;
    }
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, sheets, cells, failed };
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  const runs = Number(process.argv[3] ?? 1);
  const names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith(".xlsx")).sort();
  for (let i = 0; i < runs; i++) {
    const r = await readAll(dir, names);
    process.stdout.write(`${JSON.stringify({ files: names.length, ...r, ms: Math.round(r.ms), cpuMs: Math.round(r.cpuMs) })}\n`);
  }
}

void main();
