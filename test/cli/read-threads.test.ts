/**
 * `pdv consolidate <folder>` reading its unit files on several threads (cli/read-pool.ts) gives
 * exactly what one thread gives: the JSON, the messages and every part of the written .xlsx, byte
 * for byte, with PDV_THREADS=1, 2 and 3, on the sample folder, the real-world cases of
 * test/cases, a folder of odd files (unreadable, not a report, in a subfolder, hidden, PDV's own
 * summary and feedback), and a generated 300-file district. A worker that throws or exits loses no
 * file and shows no stack trace.
 *
 * Workers start from compiled JavaScript only, so the command runs as build/cli (as bin/pdv.js
 * does) in a child process; the child counts the workers started and the files they returned
 * (the comparison could not fail if no worker ever read a file) and pins the clock, since the
 * summary carries the time it was made.
 */
import { execFile } from "child_process";
import { promises as fs } from "fs";
import * as path from "path";
import { promisify } from "util";
import { createXlsxPort } from "../../src/workbook/xlsx";
import { district, rosterPlan, unitPlan } from "../../bench/data";
import { MAIN, ROOT, buildIfStale } from "../helpers/cli-build";
import { copySampleFolder, useTempDir } from "../helpers/tmp";
import { partsOf } from "../helpers/zipparts";

jest.setTimeout(300_000);

const run = promisify(execFile);
const tmp = useTempDir("pdv-threads-");
const CASES = path.join(ROOT, "test", "cases");
const FIXTURES = path.join(ROOT, "test", "fixtures", "folder");

/** What the child prints: the command's exit code and output, and what the workers did. */
interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  workers: number;
  workerFiles: number;
}

// The child: a fixed clock, every Worker counted, the command run with its output captured.
const CHILD = `
  const RealDate = Date;
  const FIXED = RealDate.UTC(2026, 10, 29, 8, 0, 0);
  global.Date = class extends RealDate {
    constructor(...a) { if (a.length) super(...a); else super(FIXED); }
    static now() { return FIXED; }
  };
  const wt = require("worker_threads");
  let workers = 0, workerFiles = 0;
  const Real = wt.Worker;
  wt.Worker = class extends Real {
    constructor(...a) {
      super(...a);
      workers++;
      this.on("message", (m) => { if (m && m.type === "results") workerFiles += m.results.length; });
    }
  };
  const { run } = require(${JSON.stringify(MAIN)});
  let stdout = "", stderr = "";
  const io = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, stderrIsTTY: process.env.PDV_TEST_TTY === "1" };
  run(process.argv.slice(1), io).then((code) => {
    process.stdout.write(JSON.stringify({ code, stdout, stderr, workers, workerFiles }));
  });`;

async function consolidate(dir: string, out: string, env: Record<string, string>): Promise<Outcome & { parts: Map<string, Buffer> }> {
  await fs.rm(out, { force: true });
  const { stdout, stderr } = await run(process.execPath, ["-e", CHILD, "consolidate", dir, "--out", out, "--json"], {
    env: { ...process.env, ...env },
    maxBuffer: 64 << 20,
  });
  expect(stderr).toBe(""); // nothing else reached the terminal: no stack trace, no warning
  const o = JSON.parse(stdout) as Outcome;
  const parts = o.code === 0 || o.code === 1 ? await partsOf(await fs.readFile(out)) : new Map<string, Buffer>();
  return { ...o, parts };
}

/** Run on 1 thread, then on each of `threads` (and with each env); everything must be equal. */
async function expectSameOnThreads(dir: string, variants: Record<string, string>[]): Promise<Outcome[]> {
  const out = path.join(tmp(), `${path.basename(dir)}-out.xlsx`);
  const one = await consolidate(dir, out, { PDV_THREADS: "1" });
  expect(one.workers).toBe(0);
  expect(one.parts.size).toBeGreaterThan(0);
  const outcomes: Outcome[] = [one];
  for (const env of variants) {
    const many = await consolidate(dir, out, env);
    expect([env, many.code, many.stdout, many.stderr]).toEqual([env, one.code, one.stdout, one.stderr]);
    expect([...many.parts.keys()]).toEqual([...one.parts.keys()]);
    for (const [name, bytes] of one.parts) expect([env, name, Buffer.compare(many.parts.get(name)!, bytes)]).toEqual([env, name, 0]);
    outcomes.push(many);
  }
  return outcomes;
}

const THREADS = [{ PDV_THREADS: "2" }, { PDV_THREADS: "3" }];

beforeAll(() => buildIfStale());

describe("reading a folder on several threads gives what one thread gives", () => {
  it("on the sample folder (and the workers did read files)", async () => {
    const [one, two, three] = await expectSameOnThreads(await copySampleFolder(path.join(tmp(), "sample")), THREADS);
    const json = JSON.parse(one.stdout) as { units: { expected: number; included: number }; totals: Record<string, number> };
    expect([json.units.expected, json.units.included, json.totals.DV_TONG]).toEqual([48, 48, 7335]);
    expect(two.workers).toBe(1);
    expect(three.workers).toBe(2);
    expect(two.workerFiles).toBeGreaterThan(0);
    expect(three.workerFiles).toBeGreaterThan(0);
  });

  it("on the real-world cases of test/cases", async () => {
    const dir = await copySampleFolder(path.join(tmp(), "cases"));
    await fs.copyFile(path.join(CASES, "01-formula-result-zero", "TCCS02.xlsx"), path.join(dir, "TCCS02.xlsx"));
    await fs.copyFile(path.join(CASES, "02-iso-date-cells", "late", "TCCS05.xlsx"), path.join(dir, "TCCS05.xlsx"));
    await fs.copyFile(path.join(CASES, "03-comma-thousands", "TCCS05.xlsx"), path.join(dir, "TCCS06.xlsx"));
    await fs.copyFile(path.join(CASES, "04-prefixed-xml", "TCCS05.xlsx"), path.join(dir, "TCCS07.xlsx"));
    await fs.copyFile(path.join(CASES, "02-iso-date-cells", "roster", "danh-muc.xlsx"), path.join(dir, "danh-muc.xlsx"));
    await expectSameOnThreads(dir, THREADS);
  });

  it("on a folder of odd files: unreadable, not a report, in a subfolder, hidden, PDV's own summary and feedback", async () => {
    const dir = await copySampleFolder(path.join(tmp(), "odd"));
    await fs.mkdir(path.join(dir, "Chi bo"));
    await fs.copyFile(path.join(FIXTURES, "Bao cao Ha Chau.xlsx"), path.join(dir, "Chi bo", "Bao cao Ha Chau.xlsx"));
    await fs.copyFile(path.join(FIXTURES, "TCCS05-code-TCCS99.xlsx"), path.join(dir, "TCCS05-code-TCCS99.xlsx"));
    await fs.copyFile(path.join(FIXTURES, "TCCS05-no-shared-strings.xlsx"), path.join(dir, "TCCS07.xlsx"));
    await fs.writeFile(path.join(dir, "TCCS12.xlsx"), "not a zip");
    await fs.copyFile(path.join(dir, "TCCS13.xlsx"), path.join(dir, "TCCS13 cu.xls"));
    await fs.copyFile(path.join(dir, "TCCS14.xlsx"), path.join(dir, ".TCCS14-hidden.xlsx"));
    await fs.rm(path.join(dir, "TCCS05.xlsx"));
    // PDV's own output kept in the folder: a summary and feedback copies (both skipped).
    const feedback = path.join(dir, "phan-hoi");
    await run(process.execPath, [path.join(ROOT, "bin", "pdv.js"), "feedback", dir, "--out", feedback]).catch(() => undefined);
    expect((await fs.readdir(feedback)).length).toBeGreaterThan(0);
    await run(process.execPath, [path.join(ROOT, "bin", "pdv.js"), "consolidate", dir, "--out", path.join(dir, "tong-hop.xlsx")]).catch(() => undefined);
    const [one] = await expectSameOnThreads(dir, THREADS);
    expect(one.stderr).toContain("Bỏ qua");
    const json = JSON.parse(one.stdout) as { unreadable: { file: string }[] };
    expect(json.unreadable.map((u) => u.file)).toEqual(["TCCS13 cu.xls", "TCCS07.xlsx", "TCCS12.xlsx", "Chi bo/Bao cao Ha Chau.xlsx"]);
  });

  it("counts the files in order on a terminal's progress line", async () => {
    const dir = await copySampleFolder(path.join(tmp(), "tty"));
    const out = path.join(tmp(), "tty-out.xlsx");
    const one = await consolidate(dir, out, { PDV_THREADS: "1", PDV_TEST_TTY: "1" });
    const three = await consolidate(dir, out, { PDV_THREADS: "3", PDV_TEST_TTY: "1" });
    const counts = (o: Outcome) => [...o.stderr.matchAll(/Đang đọc tệp (\d+)\/48/g)].map((m) => Number(m[1]));
    expect(counts(three)).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
    expect(three.stderr).toBe(one.stderr);
    expect(three.workerFiles).toBeGreaterThan(0);
  });

  it("ends its workers and says the same when the roster file cannot be read", async () => {
    const dir = await copySampleFolder(path.join(tmp(), "bad-roster"));
    await fs.writeFile(path.join(dir, "danh-muc.xlsx"), "not a zip");
    const out = path.join(tmp(), "bad-roster-out.xlsx");
    const one = await consolidate(dir, out, { PDV_THREADS: "1" });
    const three = await consolidate(dir, out, { PDV_THREADS: "3" });
    expect(one.code).toBeGreaterThan(1);
    expect(one.stderr).toContain("danh-muc.xlsx");
    expect([three.code, three.stdout, three.stderr, three.workers]).toEqual([one.code, one.stdout, one.stderr, 2]);
  });

  describe("on a generated 300-file district", () => {
    let dir = "";
    beforeAll(async () => {
      dir = path.join(tmp(), "u300");
      await fs.mkdir(dir);
      const d = district(300, 11);
      const roster = createXlsxPort();
      await roster.addSheets([rosterPlan(d)]);
      await fs.writeFile(path.join(dir, "danh-muc.xlsx"), await roster.toBuffer());
      for (let i = 0; i < d.rows.length; i++) {
        const port = createXlsxPort();
        await port.addSheets([unitPlan(d, i)]);
        await fs.writeFile(path.join(dir, `${d.rows[i].code}.xlsx`), await port.toBuffer());
      }
    });

    it("on 1, 2 and 3 threads", async () => {
      const [, two, three] = await expectSameOnThreads(dir, THREADS);
      expect(two.workerFiles).toBeGreaterThan(0);
      expect(three.workerFiles).toBeGreaterThan(0);
    });

    it("when the workers throw or exit, the main thread reads what they had not returned", async () => {
      const [, ...failed] = await expectSameOnThreads(dir, [
        { PDV_THREADS: "3", PDV_TEST_READ_WORKER_FAIL: "throw:0" },
        { PDV_THREADS: "3", PDV_TEST_READ_WORKER_FAIL: "throw:20" },
        { PDV_THREADS: "2", PDV_TEST_READ_WORKER_FAIL: "exit:7" },
      ]);
      expect(failed.map((o) => o.workers)).toEqual([2, 2, 1]);
      // A worker posts its results 4 files at a time: after 7 files, 3 results were never sent.
      expect(failed.map((o) => o.workerFiles)).toEqual([0, 40, 4]);
    });
  });
});
