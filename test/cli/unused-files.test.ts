/**
 * Every .xlsx of an input folder that is not used is named in a finding with what to do (tester's
 * files in test/fixtures/folder): a workbook that is not the PDV-01 form, a unit file whose
 * sharedStrings part is missing, a unit file whose MA_DV is not its unit's.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { runPdv } from "../helpers/pdv";
import { copySampleFolder, useTempDir } from "../helpers/tmp";

const FIX = path.join(__dirname, "..", "fixtures", "folder");
const tmp = useTempDir("pdv-unused-");

interface Json {
  findings: { rule: string; unit: string | null; file?: string; message: string }[];
  units: { received: number; missing: string[] };
}

/** The sample folder with TCCS07's or TCCS05's file replaced by `fixture` saved as `as`. */
async function validate(name: string, drop: string, fixture: string, as: string): Promise<Json> {
  const dir = await copySampleFolder(path.join(tmp(), name));
  await fs.rm(path.join(dir, drop));
  await fs.copyFile(path.join(FIX, fixture), path.join(dir, as));
  const r = await runPdv(["validate", dir, "--json"]);
  expect(r.code).toBe(1);
  return JSON.parse(r.stdout) as Json;
}

describe("folder input: files that are not used are named", () => {
  it("names a workbook that is not the PDV-01 form; named loosely for TCCS07 (Xã Hà Châu), it counts as that unit's, received, not missing", async () => {
    const j = await validate("not-form", "TCCS07.xlsx", "Bao cao Ha Chau.xlsx", "Bao cao Ha Chau.xlsx");
    const f = j.findings.find((x) => x.file === "Bao cao Ha Chau.xlsx");
    expect(f?.rule).toBe("S09");
    expect(f?.unit).toBe("TCCS07");
    expect(f?.message).toContain("Đơn vị TCCS07 (Xã Hà Châu) đã gửi tệp Bao cao Ha Chau.xlsx nhưng tệp không phải báo cáo theo mẫu PDV-01");
    expect(f?.message).toContain("sổ mẫu PDV-01");
    expect(j.units.missing).toEqual([]);
  });

  it("a workbook that is not the PDV-01 form and names no unit is named on its own; TCCS07 stays missing", async () => {
    const j = await validate("not-form-anon", "TCCS07.xlsx", "Bao cao Ha Chau.xlsx", "Bao cao thang 8.xlsx");
    const f = j.findings.find((x) => x.file === "Bao cao thang 8.xlsx");
    expect(f?.rule).toBe("S09");
    expect(f?.unit).toBeNull();
    expect(f?.message).toContain("Tệp Bao cao thang 8.xlsx không phải báo cáo theo mẫu PDV-01");
    expect(j.units.missing).toEqual(["TCCS07"]);
  });

  it("names a unit file whose sharedStrings part is missing, as that unit's", async () => {
    const j = await validate("no-ss", "TCCS05.xlsx", "TCCS05-no-shared-strings.xlsx", "TCCS05.xlsx");
    const f = j.findings.find((x) => x.file === "TCCS05.xlsx");
    expect(f).toMatchObject({ rule: "S09", unit: "TCCS05" });
    expect(f?.message).toContain("đã gửi tệp TCCS05.xlsx nhưng tệp không phải báo cáo theo mẫu PDV-01");
    expect(j.findings.some((x) => x.rule === "S03" && x.unit === "TCCS05")).toBe(false);
  });

  it("a file named for TCCS05 that carries MA_DV TCCS99: S03 of TCCS05 names the file and the fix", async () => {
    const j = await validate("other-code", "TCCS05.xlsx", "TCCS05-code-TCCS99.xlsx", "TCCS05.xlsx");
    expect(j.findings.some((x) => x.rule === "S04" && x.file === "TCCS05.xlsx")).toBe(true);
    const s03 = j.findings.find((x) => x.rule === "S03" && x.unit === "TCCS05");
    expect(s03?.message).toContain("Tệp TCCS05.xlsx mang tên của đơn vị này nhưng ghi mã đơn vị TCCS99");
    expect(s03?.message).toContain("hãy sửa ô MA_DV trong tệp thành TCCS05");
  });

  it("names the files that are not spreadsheets (a report sent as .pdf or .docx is not lost without a word)", async () => {
    const dir = await copySampleFolder(path.join(tmp(), "others"));
    await fs.rm(path.join(dir, "TCCS07.xlsx"));
    await fs.writeFile(path.join(dir, "Bao cao TCCS07.pdf"), "%PDF-1.4\n");
    await fs.mkdir(path.join(dir, "thang 8"));
    await fs.writeFile(path.join(dir, "thang 8", "TCCS07.docx"), "PK");
    await fs.writeFile(path.join(dir, "Thumbs.db"), "x"); // a system file: not named
    const r = await runPdv(["validate", dir, "--json"]);
    expect(r.code).toBe(1);
    const line = r.stderr.split("\n").find((l) => l.startsWith("Không đọc "));
    expect(line).toBe(
      "Không đọc 2 tệp không phải sổ tính Excel: Bao cao TCCS07.pdf, thang 8/TCCS07.docx. " +
        "Nếu trong đó có báo cáo của đơn vị, đơn vị cần gửi lại dạng .xlsx (mẫu PDV-01).",
    );
    expect((JSON.parse(r.stdout) as Json).units.missing).toEqual(["TCCS07"]);
    // A folder of spreadsheets only says nothing of the kind.
    const clean = await runPdv(["validate", await copySampleFolder(path.join(tmp(), "clean")), "--json"]);
    expect(clean.stderr).not.toContain("Không đọc ");
  });

  it("names at most ten of them and counts the rest", async () => {
    const { ignoredLine } = await import("../../src/cli/input");
    const names = Array.from({ length: 12 }, (_, i) => `f${i + 1}.txt`);
    expect(ignoredLine(names)).toContain("Không đọc 12 tệp không phải sổ tính Excel: f1.txt, f2.txt");
    expect(ignoredLine(names)).toContain("f10.txt và 2 tệp khác.");
    expect(ignoredLine(names)).not.toContain("f11.txt");
  });
});
