/**
 * Case 03 of issue 11 end to end, on the committed real file: test/cases/03-comma-thousands/
 * TCCS05.xlsx is the sample's TCCS05 with DV_TONG (D11) typed as the text "1,000" (1000 with an
 * English thousands comma, or 1 with a Vietnamese decimal comma). Put in place of the sample's
 * file, `pdv validate <folder> --json` must refuse the cell (V02 error at TCCS05!D11, exit 1) and
 * `pdv consolidate` must leave the unit out: the district's DV_TONG is the other 47 units' sum,
 * never the sample's total moved by 999 or 1000 through a guess.
 */
import { copyFileSync, cpSync, mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../../src/cli/main";
import type { Io } from "../../src/cli/main";
import { sampleRoster } from "../helpers/sample";

jest.setTimeout(60_000);

const ROOT = path.join(__dirname, "..", "..");
const CASE = path.join(ROOT, "test", "cases", "03-comma-thousands", "TCCS05.xlsx");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "pdv-case03-"));
  cpSync(path.join(ROOT, "samples", "phu-binh-2020"), path.join(dir, "units"), { recursive: true });
  copyFileSync(CASE, path.join(dir, "units", "TCCS05.xlsx"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pdv(args: string[]): Promise<{ code: number; json: any; err: string }> {
  let out = "";
  let err = "";
  const io: Io = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), stderrIsTTY: false };
  const code = await run(args, io);
  return { code, json: JSON.parse(out || "{}"), err };
}

/** The sample's own DV_TONG for every unit (samples/phu-binh-2020.csv): 7.335 in all. */
function sampleMembers(): Map<string, number> {
  return new Map(sampleRoster().map((r) => [r.code, Number(r.values!.DV_TONG)]));
}

test('pdv validate refuses "1,000" at TCCS05!D11 and exits 1', async () => {
  const r = await pdv(["validate", path.join(dir, "units"), "--json"]);
  expect(r.err).toBe("");
  expect(r.code).toBe(1);
  expect(r.json.units).toEqual({ expected: 48, received: 48, missing: [] });
  const errors = r.json.findings.filter((f: { severity: string }) => f.severity === "error");
  expect(errors.map((f: { rule: string; sheet: string; cell: string; file?: string }) => `${f.rule} ${f.file} ${f.sheet}!${f.cell}`)).toEqual([
    "V02 TCCS05.xlsx TCCS05!D11",
  ]);
  const m: string = errors[0].message;
  expect(m).toContain('"1,000"');
  expect(m).toContain("không rõ nghĩa");
  expect(m).toContain("Gõ 1000 hoặc 1.000, không dùng dấu phẩy");
  // Nothing read it as a number: no warning "đã hiểu là 1" anywhere.
  expect(r.json.findings.filter((f: { message: string }) => f.message.includes("đã hiểu là"))).toEqual([]);
});

test("pdv consolidate leaves TCCS05 out: DV_TONG is the other units' sum, never off by 999", async () => {
  const out = path.join(dir, "tong-hop.xlsx");
  const r = await pdv(["consolidate", path.join(dir, "units"), "--out", out, "--json"]);
  expect(r.err).toBe("");
  expect(r.code).toBe(1);
  expect(r.json.units.included).toBe(47);
  expect(r.json.units.excluded.map((x: { unit: string }) => x.unit)).toEqual(["TCCS05"]);
  const members = sampleMembers();
  const all = [...members.values()].reduce((a, b) => a + b, 0);
  expect(all).toBe(7335);
  const own = members.get("TCCS05")!;
  expect(r.json.totals.DV_TONG).toBe(all - own);
  // The guesses the file invites: read as 1 (total off by own - 1) or as 1000.
  expect(r.json.totals.DV_TONG).not.toBe(all - own + 1);
  expect(r.json.totals.DV_TONG).not.toBe(all - own + 1000);
});
