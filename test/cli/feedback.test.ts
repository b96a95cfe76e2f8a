/**
 * `pdv feedback` on real files: a folder and a workbook (copies of the sample district) whose
 * TCCS05 has KN_DAKETNAP (D16) typed as "ba" by openpyxl. Exactly one file, for TCCS05, whose
 * copy of the report carries a note at D16 and a fill there; no file for the 47 other units.
 * The written files are read back with ExcelJS (notes, fills) as another reader would.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import * as ExcelJS from "exceljs";
import { runPdv } from "../helpers/cli-run";
import { execFileSync } from "child_process";
import { PYTHON, setCells } from "../helpers/openpyxl";

jest.setTimeout(120_000);

const SAMPLES = path.join(__dirname, "..", "..", "samples");
let tmp: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "pdv-feedback-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function noteText(cell: ExcelJS.Cell): string {
  const n = cell.note;
  if (!n) return "";
  if (typeof n === "string") return n;
  return (n.texts ?? []).map((t) => t.text).join("");
}

async function expectOneFileForTccs05(out: string, stdout: string): Promise<void> {
  const files = await fs.readdir(out);
  expect(files).toEqual(["TCCS05 - Xã Đào Xá.xlsx"]);
  expect(stdout).toContain("TCCS05");
  expect(stdout).toContain("47 đơn vị");
  const wb = await readBook(path.join(out, files[0]));
  // The state sheet (very hidden) holds the stamp of the copy (own-output.ts, feedback-resent.test.ts).
  expect(wb.worksheets.map((w) => w.name)).toEqual(["PhanHoi", "TCCS05", "_pdv_state"]);
  expect(wb.getWorksheet("_pdv_state")!.state).toBe("veryHidden");
  const copy = wb.getWorksheet("TCCS05")!;
  const d16 = copy.getCell("D16");
  expect(d16.value).toBe("ba");
  expect(noteText(d16)).toContain("Số đảng viên đã kết nạp");
  expect(noteText(d16)).toContain("“ba”");
  expect((d16.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFF8CBAD");
  // Only the cells with a finding are marked and noted: D16, and D23 (KN_TYLE = D16/D15), which
  // shows #VALUE! once D16 holds text, as Excel shows it (openpyxl saved the formula without a
  // result; the reader computes it, as an Excel-saved copy would have it stored).
  let notes = 0;
  copy.eachRow((row) => row.eachCell((c) => void (notes += c.note ? 1 : 0)));
  expect(notes).toBe(2);
  expect(copy.getCell("D8").value).toBe("Xã Đào Xá");
  // openpyxl (another reader) sees the same note and fill.
  const script = "import sys, openpyxl\nc = openpyxl.load_workbook(sys.argv[1])['TCCS05']['D16']\nprint(c.fill.fgColor.rgb)\nprint(c.comment.text)";
  const [rgb, ...note] = execFileSync(PYTHON, ["-c", script, path.join(out, files[0])]).toString("utf8").trim().split("\n");
  expect(rgb).toBe("FFF8CBAD");
  expect(note.join("\n")).toContain("“ba”");
  const phanHoi = wb.getWorksheet("PhanHoi")!;
  const texts: string[] = [];
  phanHoi.eachRow((row) => row.eachCell((c) => void texts.push(String(c.value))));
  const all = texts.join("\n");
  expect(all).toContain("Gửi: Xã Đào Xá (mã TCCS05)");
  expect(all).toContain("ô D16, dòng “Số đảng viên đã kết nạp”");
  expect(all).toContain("Phải sửa");
  // The sender is the sample's own DanhMuc CO_QUAN (issue 13), the only place "Huyện ủy" may come from.
  expect(all).toContain("Từ: Ban Tổ chức Huyện ủy Phú Bình");
  expect(all.match(/huyện ủy/gi)).toHaveLength(1);
}

describe("pdv feedback", () => {
  it("writes one file, for TCCS05 only, from a folder of unit files", async () => {
    const input = path.join(tmp, "folder");
    await fs.cp(path.join(SAMPLES, "phu-binh-2020"), input, { recursive: true });
    setCells(path.join(input, "TCCS05.xlsx"), [["TCCS05", "D16", "ba"]]);
    const out = path.join(tmp, "out-folder");
    const r = await runPdv(["feedback", input, "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1); // TCCS05 has errors: the rule of validate (README), files still written
    await expectOneFileForTccs05(out, r.stdout);
  });

  it("writes one file, for TCCS05 only, from a workbook; --json gives the index", async () => {
    const input = path.join(tmp, "book.xlsx");
    await fs.copyFile(path.join(SAMPLES, "phu-binh-2020.xlsx"), input);
    setCells(input, [["TCCS05", "D16", "ba"]]);
    const out = path.join(tmp, "out-book");
    const r = await runPdv(["feedback", input, "--out", out, "--json"]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.files).toHaveLength(1);
    expect(json.files[0]).toMatchObject({ unit: "TCCS05", errors: 2, warnings: 0 }); // D16 "ba", and D23 #VALUE! that follows
    expect(json.files[0].findings[0]).toMatchObject({ rule: "V02", cell: "D16" });
    expect(json.clean).toHaveLength(47);
    await expectOneFileForTccs05(out, "TCCS05 47 đơn vị");
    // The copy keeps the report's own formula (KN_TYLE) as the workbook had it.
    const wb = await readBook(path.join(out, "TCCS05 - Xã Đào Xá.xlsx"));
    const tyle = wb.getWorksheet("TCCS05")!.getCell("D23").value as ExcelJS.CellFormulaValue;
    expect(tyle.formula).toMatch(/D16/);
  });

  it("writes nothing for a district without findings, and refuses the input folder as output", async () => {
    const out = path.join(tmp, "out-clean");
    const r = await runPdv(["feedback", path.join(SAMPLES, "phu-binh-2020"), "--out", out]);
    expect(r.code).toBe(0);
    expect(await fs.readdir(out)).toEqual([]);
    expect(r.stdout).toContain("48 đơn vị");
    // A file left from the run above (TCCS05 was not clean then) is named, not sent by mistake.
    await fs.copyFile(path.join(tmp, "out-folder", "TCCS05 - Xã Đào Xá.xlsx"), path.join(out, "TCCS05 - Xã Đào Xá.xlsx"));
    const again = await runPdv(["feedback", path.join(SAMPLES, "phu-binh-2020"), "--out", out]);
    expect(again.stdout).toContain("Lưu ý: thư mục còn 1 tệp .xlsx không thuộc lần này");
    const same = await runPdv(["feedback", path.join(SAMPLES, "phu-binh-2020"), "--out", path.join(SAMPLES, "phu-binh-2020")]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/^pdv: Không ghi phản hồi vào thư mục đầu vào/);
  });

  it("exits 1 when a unit is missing, though no unit has a finding of its own", async () => {
    const input = path.join(tmp, "miss");
    await fs.cp(path.join(SAMPLES, "phu-binh-2020"), input, { recursive: true });
    await fs.rm(path.join(input, "TCCS07.xlsx"));
    const r = await runPdv(["feedback", input, "--out", path.join(tmp, "out-miss"), "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).clean).toHaveLength(47);
  });

  it("has its own help", async () => {
    const r = await runPdv(["feedback", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("pdv feedback <đầu vào> --out <thư mục>");
  });
});
