/**
 * An old unreadable file beside a unit's good report (TCCS05-cu.xls next to TCCS05.xlsx) does not
 * block a clean run: S09 is a warning naming the file as not used, exit 0, 48/48 consolidated.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { runPdv } from "../helpers/cli-run";
import { copySampleFolder, useTempDir } from "../helpers/tmp";

jest.setTimeout(120_000);

const tmpDir = useTempDir("pdv-stray-");

test("a stray old .xls beside a good report: warning, exit 0, every unit included", async () => {
  const input = await copySampleFolder(path.join(tmpDir(), "in"));
  // The start of an old binary .xls (OLE2 signature): not a workbook the reader takes.
  await fs.writeFile(path.join(input, "TCCS05-cu.xls"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  const r = await runPdv(["consolidate", input, "--out", path.join(tmpDir(), "th.xlsx"), "--json"]);
  expect(r.code).toBe(0);
  const j = JSON.parse(r.stdout);
  expect(j.units).toMatchObject({ expected: 48, included: 48 });
  expect(j.totals.KN_DAKETNAP).toBe(31);
  const v = await runPdv(["validate", input, "--json"]);
  expect(v.code).toBe(0);
  const s09 = JSON.parse(v.stdout).findings.filter((f: { rule: string }) => f.rule === "S09");
  expect(s09).toEqual([expect.objectContaining({ severity: "warning", file: "TCCS05-cu.xls" })]);
  expect(s09[0].message).toContain("xóa hoặc chuyển tệp cũ ra khỏi thư mục");
});
