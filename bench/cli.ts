/**
 * Section 4: `pdv consolidate <folder>` of 48, 480 and 4,800 unit files against the cost of
 * opening the same files with ExcelJS (bench/bare-read.ts), the floor (every part inflated with
 * zlib, nothing parsed: bench/floor.ts) and a peer (Python openpyxl, read-only, columns C:D:
 * bench/peer_openpyxl.py). Both run as child processes
 * under /usr/bin/time -v (peak RSS); wall time is measured around the child by this process.
 *
 * The files: one .xlsx per unit made by the core's unitSheetPlan and the xlsx adapter
 * (XlsxPort.addSheets + toBuffer), from bench/data.ts's seeded district, plus danh-muc.xlsx
 * (rosterSheetPlan) per size. They live in one temporary folder, deleted at the end.
 */
import { spawn } from "child_process";
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { createXlsxPort } from "../src/workbook/xlsx";
import { district, rosterPlan, unitPlan } from "./data";

export interface CliRow {
  units: number;
  /** Median wall time of `pdv consolidate` (ms). */
  ms: number;
  maxRssMB: number;
  bareMs: number;
  bareMaxRssMB: number;
  /** The floor: read every file, inflate every part with zlib, parse nothing (bench/floor.ts). */
  floorMs: number;
  floorMaxRssMB: number;
  /** The peer: Python openpyxl, read-only, columns C:D of every file (bench/peer_openpyxl.py); null without python3/openpyxl. */
  peerMs: number | null;
  peerMaxRssMB: number | null;
  /** (ms − bareMs) / bareMs, in %. */
  timeOverheadPct: number;
  rssOverheadPct: number;
  runs: number;
  allRuns: { ms: number[]; bareMs: number[] };
  /** The command exited 0 and included every unit. */
  ok: boolean;
  inputMB: number;
}

interface Measured {
  ms: number;
  maxRssKB: number | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

const TIME = "/usr/bin/time";

const PYTHON = "/usr/bin/python3";

function measure(args: string[], program = process.execPath): Promise<Measured> {
  const useTime = existsSync(TIME);
  const cmd = useTime ? TIME : program;
  const full = useTime ? ["-v", program, ...args] : args;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, full, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - t0;
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ ms, maxRssKB: m ? Number(m[1]) : null, code, stdout, stderr });
    });
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const n of await fs.readdir(dir)) total += (await fs.stat(path.join(dir, n))).size;
  return total;
}

export async function cliBench(sizes: number[], reps: (n: number) => number, log: (s: string) => void): Promise<CliRow[]> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "pdv-bench-"));
  const child = path.join(__dirname, "pdv-child.js");
  const bare = path.join(__dirname, "bare-read.js");
  const floor = path.join(__dirname, "floor.js");
  const peer = path.join(__dirname, "..", "..", "peer_openpyxl.py");
  try {
    const max = Math.max(...sizes);
    const all = path.join(root, "all");
    await fs.mkdir(all);
    const big = district(max);
    const t0 = performance.now();
    for (let i = 0; i < max; i++) {
      const port = createXlsxPort();
      await port.addSheets([unitPlan(big, i)]);
      await fs.writeFile(path.join(all, `${big.rows[i].code}.xlsx`), await port.toBuffer());
      if ((i + 1) % 1000 === 0) log(`  đã sinh ${i + 1}/${max} tệp…`);
    }
    log(`  sinh ${max} tệp đơn vị: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const rows: CliRow[] = [];
    for (const n of sizes) {
      const d = district(n);
      const dir = path.join(root, `units-${n}`);
      await fs.mkdir(dir);
      const roster = createXlsxPort();
      await roster.addSheets([rosterPlan(d)]);
      await fs.writeFile(path.join(dir, "danh-muc.xlsx"), await roster.toBuffer());
      for (const u of d.rows) {
        const src = path.join(all, `${u.code}.xlsx`);
        const dst = path.join(dir, `${u.code}.xlsx`);
        await fs.link(src, dst).catch(() => fs.copyFile(src, dst));
      }
      const out = path.join(root, `tong-hop-${n}.xlsx`);
      const ours: Measured[] = [];
      const base: Measured[] = [];
      const floors: Measured[] = [];
      const peers: Measured[] = [];
      let ok = true;
      for (let r = 0; r < reps(n); r++) {
        // Alternate the order so that drift in the machine's load hits both alike.
        const pair = r % 2 === 0 ? ["ours", "bare", "floor", "peer"] : ["peer", "floor", "bare", "ours"];
        for (const which of pair) {
          if (which === "ours") {
            const m = await measure([child, "consolidate", dir, "--out", out, "--json"]);
            let included = -1;
            try {
              included = JSON.parse(m.stdout).units.included;
            } catch {
              /* reported below */
            }
            if (m.code !== 0 || included !== n) {
              ok = false;
              log(`  CẢNH BÁO: pdv consolidate ${n}: mã thoát ${m.code}, ${included} đơn vị; ${m.stderr.split("\n")[0]}`);
            }
            ours.push(m);
            await fs.rm(out, { force: true });
          } else if (which === "bare") {
            const m = await measure([bare, dir]);
            if (m.code !== 0) throw new Error(`bare-read ${n}: ${m.stderr}`);
            base.push(m);
          } else if (which === "floor") {
            const m = await measure([floor, dir]);
            if (m.code !== 0) throw new Error(`floor ${n}: ${m.stderr}`);
            floors.push(m);
          } else if (existsSync(PYTHON)) {
            const m = await measure([peer, dir], PYTHON);
            if (m.code === 0) peers.push(m);
            else log(`  CẢNH BÁO: openpyxl ${n}: ${m.stderr.split("\n").slice(-2).join(" ")}`);
          }
        }
      }
      const ms = median(ours.map((m) => m.ms));
      const bareMs = median(base.map((m) => m.ms));
      const rss = median(ours.map((m) => m.maxRssKB ?? NaN)) / 1024;
      const bareRss = median(base.map((m) => m.maxRssKB ?? NaN)) / 1024;
      const peerMs = peers.length ? median(peers.map((m) => m.ms)) : null;
      const row: CliRow = {
        floorMs: Math.round(median(floors.map((m) => m.ms))),
        floorMaxRssMB: Math.round(median(floors.map((m) => m.maxRssKB ?? NaN)) / 1024),
        peerMs: peerMs === null ? null : Math.round(peerMs),
        peerMaxRssMB: peers.length ? Math.round(median(peers.map((m) => m.maxRssKB ?? NaN)) / 1024) : null,
        units: n,
        ms: Math.round(ms),
        maxRssMB: Math.round(rss),
        bareMs: Math.round(bareMs),
        bareMaxRssMB: Math.round(bareRss),
        timeOverheadPct: Math.round(((ms - bareMs) / bareMs) * 1000) / 10,
        rssOverheadPct: Math.round(((rss - bareRss) / bareRss) * 1000) / 10,
        runs: ours.length,
        allRuns: { ms: ours.map((m) => Math.round(m.ms)), bareMs: base.map((m) => Math.round(m.ms)) },
        ok,
        inputMB: Math.round(((await dirBytes(dir)) / 1048576) * 10) / 10,
      };
      log(
        `  ${n} tệp: pdv ${(ms / 1000).toFixed(2)} s, ${row.maxRssMB} MB; ExcelJS ${(bareMs / 1000).toFixed(2)} s, ${row.bareMaxRssMB} MB; ` +
          `sàn ${(row.floorMs / 1000).toFixed(2)} s, ${row.floorMaxRssMB} MB; openpyxl ${row.peerMs === null ? "—" : `${(row.peerMs / 1000).toFixed(2)} s, ${row.peerMaxRssMB} MB`}`,
      );
      rows.push(row);
      await fs.rm(dir, { recursive: true, force: true });
    }
    return rows;
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}
