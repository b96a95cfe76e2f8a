/**
 * `--json` promises one JSON object on stdout: a consolidation refused because DanhMuc's
 * CHITIEU_DB is blank (real file: the sample's danh-muc.xlsx with C8 cleared by openpyxl) prints
 * `{ ok: false, refused }` from consolidate, report and export (exit 1, message also on stderr);
 * export accepts --json as report does.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { runPdv } from "../helpers/cli-run";
import { setCells } from "../helpers/openpyxl";
import { SAMPLES, copySampleFolder, useTempDir } from "../helpers/tmp";

jest.setTimeout(120_000);

const tmpDir = useTempDir("pdv-json-refusal-");

test("a refused consolidation still prints one JSON object with --json", async () => {
  const input = path.join(tmpDir(), "blank-target");
  await copySampleFolder(input);
  setCells(path.join(input, "danh-muc.xlsx"), [["DanhMuc", "C8", null]]);
  const runs = [
    ["consolidate", input, "--out", path.join(tmpDir(), "th.xlsx"), "--json"],
    ["report", input, "--out", path.join(tmpDir(), "bc.docx"), "--json"],
    ["export", input, "--out", path.join(tmpDir(), "gl.xlsx"), "--json"],
  ];
  for (const args of runs) {
    const r = await runPdv(args);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.ok).toBe(false);
    expect(json.refused).toMatch(/^Không thể tổng hợp: sheet DanhMuc/);
    expect(r.stderr).toContain(json.refused);
  }
});

test("export accepts --json and prints the file and the district's figures", async () => {
  const out = path.join(tmpDir(), "gui-len.xlsx");
  const r = await runPdv(["export", path.join(SAMPLES, "phu-binh-2020"), "--out", out, "--json"]);
  expect(r.code).toBe(0);
  const json = JSON.parse(r.stdout);
  expect(json).toMatchObject({ output: out, units: { expected: 48, included: 48 } });
  expect(json.totals.KN_DAKETNAP).toBe(31);
  expect(json.ratio).toBeCloseTo(31 / 253, 10);
  await fs.access(out);
});
