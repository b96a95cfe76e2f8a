/**
 * A feedback file sent back by the unit (issue: the corrected report inside PDV's feedback file was
 * never read). `pdv feedback` stamps the fingerprint of the report copy in `_pdv_state`; on the next
 * run the file is skipped while its copy is as written (also after a LibreOffice re-save), read as
 * the unit's report once the copy is edited (openpyxl, then LibreOffice), S07 naming both files
 * while the old report is still there, and an older feedback file without stamp is skipped with a
 * hint. Real files: a copy of the sample district, TCCS05's D16 (KN_DAKETNAP, 1) typed "ba".
 */
import { execFileSync } from "child_process";
import { promises as fs } from "fs";
import * as path from "path";
import { runPdv } from "../helpers/cli-run";
import { PYTHON, setCells } from "../helpers/openpyxl";
import { copySampleFolder, useTempDir } from "../helpers/tmp";
import { readBook } from "../../src/workbook/xlsx/reader";
import { copiesFingerprint } from "../../src/core/own-output";
import { STATE_FEEDBACK_COPIES } from "../../src/core/state";

jest.setTimeout(180_000);

const tmpDir = useTempDir("pdv-feedback-resent-");
const FEEDBACK = "TCCS05 - Xã Đào Xá.xlsx";

/** The sample folder with TCCS05's D16 typed "ba", and TCCS05's feedback file written into X/phan-hoi. */
async function folderWithFeedback(name: string): Promise<{ input: string; file: string }> {
  const input = path.join(tmpDir(), name, "x");
  await copySampleFolder(input);
  setCells(path.join(input, "TCCS05.xlsx"), [["TCCS05", "D16", "ba"]]);
  const fb = await runPdv(["feedback", input, "--out", path.join(input, "phan-hoi")]);
  expect(fb.stdout).toContain(FEEDBACK);
  return { input, file: path.join(input, "phan-hoi", FEEDBACK) };
}

/** Re-save `file` in place with LibreOffice headless (as a unit opening it in LibreOffice and saving). */
function libreOfficeResave(file: string): void {
  const out = path.join(path.dirname(file), "lo");
  execFileSync("soffice", ["--headless", "--convert-to", "xlsx", "--outdir", out, file], { stdio: "pipe", timeout: 120_000 });
  execFileSync("mv", [path.join(out, path.basename(file)), file]);
  execFileSync("rmdir", [out]);
}

test("the stamp equals the fingerprint read back; unedited (also re-saved by LibreOffice) the file is skipped", async () => {
  const { input, file } = await folderWithFeedback("unedited");
  const { sheets, state } = readBook(await fs.readFile(file), FEEDBACK, { formulas: false });
  expect(sheets.map((s) => s.name)).toEqual(["PhanHoi", "TCCS05"]);
  expect(state[STATE_FEEDBACK_COPIES]).toMatch(/^[0-9a-f]{16}$/);
  expect(copiesFingerprint(sheets)).toBe(state[STATE_FEEDBACK_COPIES]);

  const v = await runPdv(["validate", input, "--json"]);
  expect(v.stderr).toContain(`Bỏ qua 1 tệp do PDV ghi ra (phản hồi, bảng tổng hợp), không phải báo cáo của đơn vị: phan-hoi/${FEEDBACK}`);
  expect(v.stderr).not.toContain("bản PDV cũ");
  expect(v.stdout).not.toContain('"S07"');

  libreOfficeResave(file);
  const again = await runPdv(["validate", input, "--json"]);
  expect(again.stderr).toContain(`Bỏ qua 1 tệp do PDV ghi ra`);
  expect(again.stdout).not.toContain('"S07"');
});

test("the copy edited and sent back is the unit's report: S07 beside the old file, its figures once the old file is gone", async () => {
  const { input, file } = await folderWithFeedback("edited");
  // The unit corrects D16 in the copy, typing 2 (the sample's TCCS05 had 1: the district total becomes 32).
  setCells(file, [["TCCS05", "D16", 2]]);

  const both = await runPdv(["validate", input, "--json"]);
  expect(both.stderr).not.toContain("Bỏ qua");
  const s07 = JSON.parse(both.stdout).findings.filter((f: { rule: string }) => f.rule === "S07");
  expect(s07).toHaveLength(1);
  expect(s07[0].message).toContain("tệp TCCS05.xlsx");
  expect(s07[0].message).toContain(`tệp phan-hoi/${FEEDBACK}`);
  expect(s07[0].message).toContain("chuyển tệp cũ");

  // Writing feedback again into that folder would overwrite the unit's report: refused, nothing written.
  const again = await runPdv(["feedback", input, "--out", path.join(input, "phan-hoi")]);
  expect(again.code).toBe(2);
  expect(again.stderr).toContain(`Không ghi đè phan-hoi/${FEEDBACK}: đây là báo cáo đơn vị đã sửa và gửi lại`);

  await fs.rename(path.join(input, "TCCS05.xlsx"), path.join(tmpDir(), "edited", "TCCS05-old.xlsx"));
  const out = path.join(tmpDir(), "edited", "tong-hop.xlsx");
  const c = await runPdv(["consolidate", input, "--out", out, "--json"]);
  const j = JSON.parse(c.stdout);
  expect(j.units.included).toBe(48);
  expect(j.totals.KN_DAKETNAP).toBe(32);
  expect(j.totals.DV_TONG).toBe(7335);
  expect(j.totals.QC_BOIDUONG).toBe(282);

  // The same file edited again after a LibreOffice re-save (D16 back to the sample's 1): still read.
  libreOfficeResave(file);
  setCells(file, [["TCCS05", "D16", 1]]);
  const lo = JSON.parse((await runPdv(["consolidate", input, "--out", out, "--json"])).stdout);
  expect(lo.units.included).toBe(48);
  expect(lo.totals.KN_DAKETNAP).toBe(31);
  expect(lo.ratio).toBeCloseTo(0.1225, 4);
});

test("a feedback file of an older PDV (no stamp) stays skipped, with how to send a corrected report", async () => {
  const { input, file } = await folderWithFeedback("old");
  execFileSync(PYTHON, ["-c", "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\ndel wb['_pdv_state']\nwb['TCCS05']['D16'] = 1\nwb.save(sys.argv[1])", file]);
  const v = await runPdv(["validate", input, "--json"]);
  expect(v.stderr).toContain(`Bỏ qua 1 tệp do PDV ghi ra`);
  expect(v.stderr).toContain(`Trong đó 1 tệp phản hồi do bản PDV cũ ghi ra`);
  expect(v.stderr).toContain("chép sheet báo cáo sang một tệp mới");
  expect(v.stdout).not.toContain('"S07"');
});
