/**
 * `pdv export`: the statistical form for the level above as a one-sheet .xlsx, opened by
 * LibreOffice headless (converted to PDF) with the form's words and the sample's figures.
 * (Page setup is data on the plan; the .xlsx writer renders it once issue 11's writer lands.)
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { runPdv } from "../helpers/cli-run";
import { convertToPdf, pdfLayoutText, pdfText } from "../helpers/pdf";

jest.setTimeout(180_000);

const SAMPLE = path.join(__dirname, "..", "..", "samples", "phu-binh-2020");

it("pdv export writes the form LibreOffice opens, with TongHop's figures", async () => {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "pdv-export-"));
  try {
    const out = path.join(tmp, "gui-len.xlsx");
    const r = await runPdv(["export", SAMPLE, "--out", out, "--bieu-so", "Biểu số 02", "--dia-danh", "Phú Bình"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const pdf = await convertToPdf(out, tmp);
    const text = await pdfText(pdf);
    const lines = (await pdfLayoutText(pdf)).split("\n");
    for (const want of ["ĐẢNG BỘ HUYỆN PHÚ BÌNH", "Biểu số 02", "Đvt: Người", "Kỳ này", "Cùng kỳ năm", "4=(2/3)×100", "NGƯỜI LẬP BIỂU", "Phú Bình, ngày … tháng … năm 2020"]) {
      expect(text).toContain(want);
    }
    // LibreOffice shows numbers in its own locale (en-US here): 7,335 for 7.335.
    expect(lines.some((l) => /Tổng số đảng viên\s+7[.,]335\s*$/.test(l))).toBe(true);
    expect(lines.some((l) => /Số đảng viên đã kết nạp\s+31\s*$/.test(l))).toBe(true);
    const bad = await runPdv(["export", SAMPLE, "--out", path.join(tmp, "x.docx")]);
    expect(bad.code).toBe(2);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
});
