/**
 * The commands that need only the analysis read a folder one file at a time and keep what the
 * analysis needs (cli/input.ts loadPrepared, core/prepare.ts). On real files (the sample folder
 * and workbook, the real-world cases of test/cases, the odd files of test/fixtures/folder, a
 * folder holding PDV's own output) it gives exactly the Analysis that reading every grid and
 * analysing them as before gives; and after reading a folder no unit's grid is still alive
 * (a child process with --expose-gc and WeakRefs on every grid the reader returns).
 */
import { execFileSync } from "child_process";
import { mkdtempSync, promises as fs, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { analyzePrepared } from "../../src/core/analyze";
import { loadInput, loadPrepared } from "../../src/cli/input";
import type { Io } from "../../src/cli/input";
import { run } from "../../src/cli/main";
import { analyzeWorkbookBefore } from "../core/reference/analyze-before";
import { MAIN, ROOT, buildIfStale } from "../helpers/cli-build";

jest.setTimeout(120_000);

const SAMPLE_DIR = path.join(ROOT, "samples", "phu-binh-2020");
const CASES = path.join(ROOT, "test", "cases");
const FIXTURES = path.join(ROOT, "test", "fixtures");
const quiet: Io = { stdout: () => undefined, stderr: () => undefined, stderrIsTTY: false };

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "pdv-prepared-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of the sample folder with `files` (absolute source → name in the folder) put in place. */
async function sampleWith(name: string, files: Record<string, string>, remove: string[] = []): Promise<string> {
  const dir = path.join(tmp, name);
  await fs.cp(SAMPLE_DIR, dir, { recursive: true });
  for (const [from, to] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, to)), { recursive: true });
    await fs.copyFile(from, path.join(dir, to));
  }
  for (const r of remove) await fs.rm(path.join(dir, r));
  return dir;
}

async function inputs(): Promise<[string, string][]> {
  const own = await sampleWith("own", {});
  expect(await run(["consolidate", own, "--out", path.join(own, "tong-hop.xlsx")], quiet)).toBe(0);
  return [
    ["the sample folder", SAMPLE_DIR],
    ["the sample workbook", path.join(ROOT, "samples", "phu-binh-2020.xlsx")],
    ["the ward sample folder", path.join(ROOT, "samples", "phuong-phan-dinh-phung-2026")],
    ["case 01, folder", await sampleWith("c01", { [path.join(CASES, "01-formula-result-zero", "TCCS02.xlsx")]: "TCCS02.xlsx" })],
    ["case 01, workbook", path.join(CASES, "01-formula-result-zero", "phu-binh-2020.xlsx")],
    ["case 02, late", await sampleWith("c02l", { [path.join(CASES, "02-iso-date-cells", "late", "TCCS05.xlsx")]: "TCCS05.xlsx" })],
    ["case 02, roster", await sampleWith("c02r", { [path.join(CASES, "02-iso-date-cells", "roster", "danh-muc.xlsx")]: "danh-muc.xlsx" })],
    ["case 03", await sampleWith("c03", { [path.join(CASES, "03-comma-thousands", "TCCS05.xlsx")]: "TCCS05.xlsx" })],
    ["case 04", await sampleWith("c04", { [path.join(CASES, "04-prefixed-xml", "TCCS05.xlsx")]: "TCCS05.xlsx" })],
    ["case 07, workbook", path.join(CASES, "07-workbook-with-chart", "book.xlsx")],
    [
      "odd files: another code, a name for a unit, no shared strings, a subfolder, an .xls, a missing unit",
      await sampleWith(
        "odd",
        {
          [path.join(FIXTURES, "folder", "TCCS05-code-TCCS99.xlsx")]: "TCCS05-code-TCCS99.xlsx",
          [path.join(FIXTURES, "folder", "Bao cao Ha Chau.xlsx")]: "Chi bo/Bao cao Ha Chau.xlsx",
          [path.join(FIXTURES, "folder", "TCCS05-no-shared-strings.xlsx")]: "TCCS07.xlsx",
          [path.join(CASES, "03-comma-thousands", "TCCS05.xlsx")]: "TCCS12 cu.xls",
        },
        ["TCCS05.xlsx", "TCCS09.xlsx"],
      ),
    ],
    ["a folder holding its own consolidation", own],
    ["the v1 workbook", path.join(FIXTURES, "v1", "phu-binh-2020-v1.xlsx")],
  ];
}

describe("loadPrepared + analyzePrepared = loadInput + the analysis of before", () => {
  it("on real files", async () => {
    for (const [label, input] of await inputs()) {
      const before = analyzeWorkbookBefore((await loadInput(input, quiet)).input);
      const loaded = await loadPrepared(input, quiet);
      const after = analyzePrepared(loaded.prepared);
      expect([label, after]).toEqual([label, before]);
    }
  });
});

describe("no unit grid is kept while a folder is read", () => {
  beforeAll(() => buildIfStale());

  it("leaves only DanhMuc's grid alive after loadPrepared (and all of them after loadInput)", () => {
    // Every grid the reader returns is watched through a WeakRef; after a full GC the grids still
    // alive are those something holds. loadInput keeps them all (the check can fail).
    const script = `
      const reader = require(${JSON.stringify(path.join(path.dirname(MAIN), "..", "workbook", "xlsx", "reader.js"))});
      const refs = [];
      const readBook = reader.readBook;
      reader.readBook = (...args) => {
        const r = readBook(...args);
        for (const g of r.sheets) refs.push([g.name, new WeakRef(g)]);
        return r;
      };
      const input = require(${JSON.stringify(path.join(path.dirname(MAIN), "input.js"))});
      const quiet = { stdout() {}, stderr() {}, stderrIsTTY: false };
      // A WeakRef keeps its target until the current job ends: count from a later macrotask.
      const alive = async () => {
        await new Promise((r) => setTimeout(r, 0));
        global.gc();
        return refs.filter(([, r]) => r.deref() !== undefined).map(([n]) => n);
      };
      (async () => {
        const prepared = await input.loadPrepared(process.argv[1], quiet);
        const afterPrepared = await alive();
        refs.length = 0;
        const full = await input.loadInput(process.argv[1], quiet);
        const afterFull = await alive();
        process.stdout.write(JSON.stringify({ afterPrepared, afterFull, kept: [prepared.prepared.sheets.length, full.input.sheets.length] }));
      })();`;
    const out = JSON.parse(execFileSync(process.execPath, ["--expose-gc", "-e", script, SAMPLE_DIR], { encoding: "utf8" })) as {
      afterPrepared: string[];
      afterFull: string[];
      kept: number[];
    };
    expect(out.kept).toEqual([49, 49]);
    expect(out.afterPrepared).toEqual(["DanhMuc"]);
    expect(out.afterFull.length).toBe(49);
  });
});
