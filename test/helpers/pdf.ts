/**
 * LibreOffice headless to PDF, and poppler-utils to look at the PDF (text, page sizes, a page as
 * PNG): what a person gets when they open and print a written file. Fails, never skips, when the
 * tools are missing (bash .ci/run installs them).
 */
import { execFile } from "child_process";
import { existsSync, promises as fs, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { findSoffice } from "./libreoffice";

function exec(cmd: string, args: string[], timeoutMs = 180_000, env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: env ?? process.env }, (err, so, se) => {
      if (err) reject(new Error(`${cmd} thất bại: ${err.message}\nstdout: ${so}\nstderr: ${se}`));
      else resolve(so);
    });
  });
}

/** Convert a .docx or .xlsx to PDF in `outDir` with LibreOffice headless (fresh profile); the PDF's path. */
export async function convertToPdf(file: string, outDir: string): Promise<string> {
  const soffice = findSoffice();
  if (!soffice) throw new Error("LibreOffice (soffice) không có trên máy: bash .ci/run cài gói libreoffice-writer-nogui, libreoffice-calc-nogui.");
  const prof = await fs.mkdtemp(path.join(os.tmpdir(), "pdv-lo-pdf-"));
  try {
    await fs.mkdir(outDir, { recursive: true });
    await exec(
      soffice,
      [`-env:UserInstallation=${pathToFileURL(prof).href}`, "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", outDir, file],
      180_000,
      { ...process.env, HOME: prof },
    );
  } finally {
    rmSync(prof, { recursive: true, force: true });
  }
  const pdf = path.join(outDir, `${path.basename(file, path.extname(file))}.pdf`);
  if (!existsSync(pdf)) throw new Error(`LibreOffice không tạo ra ${pdf}.`);
  return pdf;
}

/** The PDF's text (pdftotext, reading order), white space collapsed to single spaces. */
export async function pdfText(pdf: string): Promise<string> {
  return (await exec("pdftotext", ["-enc", "UTF-8", pdf, "-"])).replace(/\s+/g, " ");
}

/** The PDF's text laid out as on the page (pdftotext -layout): a table row stays on one line. */
export async function pdfLayoutText(pdf: string): Promise<string> {
  return exec("pdftotext", ["-layout", "-enc", "UTF-8", pdf, "-"]);
}

/** Size of every page in points (pdfinfo), e.g. A4 portrait ≈ 595 × 842. */
export async function pdfPageSizes(pdf: string): Promise<{ width: number; height: number }[]> {
  const out = await exec("pdfinfo", ["-f", "1", "-l", "9999", pdf]);
  return [...out.matchAll(/Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

/** One page as a PNG at `dpi` (pdftoppm); the PNG's path (`<outPrefix>.png`). */
export async function pdfPagePng(pdf: string, page: number, outPrefix: string, dpi = 80): Promise<string> {
  await fs.mkdir(path.dirname(outPrefix), { recursive: true });
  await exec("pdftoppm", ["-png", "-singlefile", "-r", String(dpi), "-f", String(page), "-l", String(page), pdf, outPrefix]);
  return `${outPrefix}.png`;
}

/** A4 in points, either way round, within a point. */
export function isA4(size: { width: number; height: number }, orientation: "portrait" | "landscape"): boolean {
  const [w, h] = orientation === "portrait" ? [595.3, 841.9] : [841.9, 595.3];
  return Math.abs(size.width - w) < 1.5 && Math.abs(size.height - h) < 1.5;
}
