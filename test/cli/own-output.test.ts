/**
 * PDV's own output kept inside the input folder (tester's report): feedback copies written to
 * X/phan-hoi and the summary written to X/tong-hop.xlsx are skipped with a note on the next run,
 * never read as unit reports (no S07 duplicate, no unit dropped), and the summary can be written
 * again the next day. Real files: a copy of the sample folder, TCCS05's D16 typed "ba" by openpyxl.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { runPdv } from "../helpers/cli-run";
import { setCells } from "../helpers/openpyxl";
import { copySampleFolder, useTempDir } from "../helpers/tmp";

jest.setTimeout(180_000);

const tmpDir = useTempDir("pdv-own-output-");

test("feedback and summary written inside the input folder are skipped on the next run", async () => {
  const input = path.join(tmpDir(), "x");
  await copySampleFolder(input);
  setCells(path.join(input, "TCCS05.xlsx"), [["TCCS05", "D16", "ba"]]);

  const fb = await runPdv(["feedback", input, "--out", path.join(input, "phan-hoi")]);
  expect(fb.stdout).toContain("TCCS05");
  expect(await fs.readdir(path.join(input, "phan-hoi"))).toEqual(["TCCS05 - Xã Đào Xá.xlsx"]);

  const out = path.join(input, "tong-hop.xlsx");
  const day1 = await runPdv(["consolidate", input, "--out", out, "--json"]);
  expect(day1.stderr).toContain("phan-hoi/TCCS05 - Xã Đào Xá.xlsx");
  const j1 = JSON.parse(day1.stdout);
  expect(j1.units.expected).toBe(48);

  const v = await runPdv(["validate", input, "--json"]);
  expect(v.stdout).not.toContain('"S07"');
  expect(v.stderr).toMatch(/Bỏ qua 2 tệp do PDV ghi ra.*tong-hop\.xlsx/);

  // The next day: the same command writes its own output again, with the same figures.
  const day2 = await runPdv(["consolidate", input, "--out", out, "--json"]);
  expect(day2.code).toBe(day1.code);
  const j2 = JSON.parse(day2.stdout);
  expect(j2.totals).toEqual(j1.totals);
  expect(j2.units.included).toBe(j1.units.included);

  // An input unit file is still never overwritten, nor the roster file.
  const clash = await runPdv(["consolidate", input, "--out", path.join(input, "TCCS01.xlsx")]);
  expect(clash.code).toBe(2);
  expect(clash.stderr).toContain("Không ghi đè tệp đầu vào");
});
