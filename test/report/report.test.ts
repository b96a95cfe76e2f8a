/**
 * `pdv report samples/phu-binh-2020 --out r.docx`: LibreOffice headless opens the .docx and
 * converts it to PDF; its text holds the published figures, the summary table and the committee's
 * name; the body is A4 portrait and the appendix A4 landscape. The first page is saved as a PNG
 * (test-results/report/bao-cao-trang-1.png; the README shows a copy, docs/bao-cao-trang-1.png).
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { runPdv } from "../helpers/cli-run";
import { convertToPdf, isA4, pdfLayoutText, pdfPagePng, pdfPageSizes, pdfText } from "../helpers/pdf";

jest.setTimeout(240_000);

const ROOT = path.join(__dirname, "..", "..");
const SHOTS = path.join(ROOT, "test-results", "report");
let tmp: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "pdv-report-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("pdv report", () => {
  it("writes a .docx LibreOffice converts to PDF, with the figures, the table and the committee", async () => {
    const out = path.join(tmp, "r.docx");
    const r = await runPdv(["report", path.join(ROOT, "samples", "phu-binh-2020"), "--out", out, "--dia-danh", "Phú Bình", "--ngay", "05/09/2020"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("12,25%");
    const pdf = await convertToPdf(out, tmp);
    const text = await pdfText(pdf);
    for (const want of [
      "31 đảng viên",
      "12,25%",
      "7.335",
      "ĐẢNG BỘ HUYỆN PHÚ BÌNH",
      "ĐẢNG CỘNG SẢN VIỆT NAM",
      "Phú Bình, ngày 05 tháng 9 năm 2020",
      "BÁO CÁO",
      "Kết quả công tác phát triển đảng viên 8 tháng đầu năm 2020",
      "PHỤ LỤC",
      "Tên đơn vị",
      "TOÀN ĐẢNG BỘ (48/48 đơn vị)",
      "Xã Đào Xá",
    ]) {
      expect(text).toContain(want);
    }
    // The summary table: the district row holds members, trained, dossiers, target, admitted, ratio in order.
    const lines = (await pdfLayoutText(pdf)).split("\n");
    expect(lines.some((l) => /TOÀN ĐẢNG BỘ.*\s7\.335\s+282\s+36\s+253\s+31\s+12,25%/.test(l))).toBe(true);
    expect(lines.some((l) => /Xã Đào Xá\s+343\s+15\s+2\s+12\s+1\s+8,33%/.test(l))).toBe(true);
    const sizes = await pdfPageSizes(pdf);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(isA4(sizes[0], "portrait")).toBe(true);
    expect(isA4(sizes[sizes.length - 1], "landscape")).toBe(true);
    const png = await pdfPagePng(pdf, 1, path.join(SHOTS, "bao-cao-trang-1"));
    expect((await fs.stat(png)).size).toBeGreaterThan(10_000);
  });

  it("refuses a non-.docx output and has its own help", async () => {
    const bad = await runPdv(["report", path.join(ROOT, "samples", "phu-binh-2020"), "--out", path.join(tmp, "r.pdf")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(".docx");
    const help = await runPdv(["report", "--help"]);
    expect(help.stdout).toContain("pdv report <đầu vào> --out <bao-cao.docx>");
  });
});
