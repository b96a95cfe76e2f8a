/**
 * `pdv template --roster` with the CSV files a tester saved from Excel on a Vietnamese Windows
 * (test/fixtures/csv): ANSI/cp1258, UTF-16 "Unicode Text", semicolon separators, a repeated code.
 */
import { existsSync } from "fs";
import * as path from "path";
import { runPdv } from "../helpers/pdv";
import { useTempDir } from "../helpers/tmp";

const FIX = path.join(__dirname, "..", "fixtures", "csv");
const tmp = useTempDir("pdv-roster-csv-");

async function template(csv: string) {
  const out = path.join(tmp(), `${csv}.xlsx`);
  // --ten given: without it the command adds a line saying the parameters are the sample's.
  const r = await runPdv(["template", "--roster", path.join(FIX, csv), "--out", out, "--ten", "Đảng bộ xã Thử"]);
  return { ...r, out };
}

describe("pdv template --roster: CSV encodings", () => {
  it("refuses an ANSI (cp1258) CSV, naming the file and its first bad line, and writes nothing", async () => {
    const r = await template("roster-cp1258.csv");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Tệp roster-cp1258.csv không phải văn bản UTF-8 (dòng 2");
    expect(r.stderr).toContain('"CSV UTF-8 (Comma delimited)"');
    expect(existsSync(r.out)).toBe(false);
  });

  it("reads a UTF-16 CSV with a BOM (Excel's Unicode Text, tab-separated)", async () => {
    const r = await template("roster-utf16.csv");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("48 sheet PDV-01");
  });

  it("reads a semicolon-separated CSV (Excel's CSV on a Vietnamese Windows) like the comma one", async () => {
    const r = await template("roster-semicolon.csv");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("48 sheet PDV-01");
  });

  it("refuses a repeated MA_DV with both line numbers and the code", async () => {
    const r = await template("roster-dup.csv");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("roster-dup.csv: Dòng 3 và dòng 4 của tệp CSV có cùng mã đơn vị (MA_DV) TCCS02");
    expect(existsSync(r.out)).toBe(false);
  });
});
