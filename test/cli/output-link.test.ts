/**
 * `pdv consolidate` refuses an output that is one of its inputs under another name (a hard or
 * symbolic link to a unit's file): the input is never overwritten (cli/input.ts checkOutput).
 */
import { mkdtempSync, promises as fs, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { runPdv } from "../helpers/cli-run";

const SAMPLE_DIR = path.join(__dirname, "..", "..", "samples", "phu-binh-2020");

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "pdv-outlink-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it.each([["hard", fs.link], ["symbolic", fs.symlink]] as const)("refuses a %s link to a unit's file as the output, and leaves the file as it was", async (_kind, link) => {
  const dir = path.join(tmp, `in-${_kind}`);
  await fs.cp(SAMPLE_DIR, dir, { recursive: true });
  const unit = path.join(dir, "TCCS30.xlsx");
  const before = await fs.readFile(unit);
  const out = path.join(tmp, `out-${_kind}.xlsx`);
  await link(unit, out);
  const r = await runPdv(["consolidate", dir, "--out", out]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("Không ghi đè tệp đầu vào");
  expect(Buffer.compare(await fs.readFile(unit), before)).toBe(0);
  // A plain new name is fine.
  expect((await runPdv(["consolidate", dir, "--out", path.join(tmp, `new-${_kind}.xlsx`)])).code).toBe(0);
});
