/**
 * Recalculate an .xlsx with LibreOffice headless and compare its results with the cached results
 * a plan wrote. LibreOffice keeps stale cached results of an .xlsx unless its profile says to
 * always recalculate (org.openoffice.Office.Calc/Formula/Load OOXMLRecalcMode = 0), so every call
 * uses a fresh profile that says so.
 */
import { execFile } from "child_process";
import { existsSync, promises as fs, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import * as ExcelJS from "exceljs";

const CANDIDATES = ["soffice", "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"];

/** The soffice executable, or null when LibreOffice is not installed. */
export function findSoffice(): string | null {
  if (process.env.SOFFICE && existsSync(process.env.SOFFICE)) return process.env.SOFFICE;
  for (const c of CANDIDATES) {
    if (c.includes("/")) {
      if (existsSync(c)) return c;
      continue;
    }
    for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
      if (dir && existsSync(path.join(dir, c))) return path.join(dir, c);
    }
  }
  return null;
}

/** The registry of a profile that recalculates every formula of OOXML and ODF files on load. */
export const RECALC_ALWAYS_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

let profileDir: Promise<string> | null = null;

/** One fresh profile per process (set to always recalculate), removed when the process exits. */
function profile(): Promise<string> {
  if (!profileDir) {
    profileDir = (async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "pdv-lo-profile-"));
      await fs.mkdir(path.join(dir, "user"), { recursive: true });
      await fs.writeFile(path.join(dir, "user", "registrymodifications.xcu"), RECALC_ALWAYS_XCU);
      process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
      return dir;
    })();
  }
  return profileDir;
}

/**
 * Open each file in LibreOffice headless (one soffice run), recalculate everything and save it as
 * .xlsx in `outDir` (a fresh temporary folder when omitted). Returns the recalculated files' paths,
 * in order. Throws with a clear message when soffice is missing or fails.
 */
export async function recalculateAll(files: string[], outDir?: string, timeoutMs = 180_000): Promise<string[]> {
  const soffice = findSoffice();
  if (!soffice) {
    throw new Error(
      "LibreOffice (soffice) không có trên máy: cài gói Debian libreoffice-calc-nogui (bash .ci/run cài sẵn) hoặc đặt biến SOFFICE.",
    );
  }
  const prof = await profile();
  const out = outDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), "pdv-lo-out-")));
  await fs.mkdir(out, { recursive: true });
  const args = [
    `-env:UserInstallation=${pathToFileURL(prof).href}`,
    "--headless",
    "--norestore",
    "--nolockcheck",
    "--convert-to",
    "xlsx:Calc MS Excel 2007 XML",
    "--outdir",
    out,
    ...files,
  ];
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    execFile(soffice, args, { timeout: timeoutMs, env: { ...process.env, HOME: prof } }, (err, so, se) => {
      if (err) reject(new Error(`soffice thất bại: ${err.message}\nstdout: ${so}\nstderr: ${se}`));
      else resolve({ stdout: so, stderr: se });
    });
  });
  return files.map((file) => {
    const result = path.join(out, `${path.basename(file, path.extname(file))}.xlsx`);
    if (!existsSync(result)) throw new Error(`LibreOffice không tạo ra ${result}.\nstdout: ${stdout}\nstderr: ${stderr}`);
    return result;
  });
}

/** `recalculateAll` for one file. */
export async function recalculate(file: string, outDir?: string, timeoutMs?: number): Promise<string> {
  return (await recalculateAll([file], outDir, timeoutMs))[0];
}

export interface FormulaCell {
  sheet: string;
  cell: string;
  formula: string;
  /** The cached result as ExcelJS reads it (Date → serial, error → "#ERR!" text). */
  result: number | string | boolean | null;
}

function normalise(v: unknown): number | string | boolean | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return 25569 + v.getTime() / 86400000;
  if (typeof v === "object" && "error" in (v as object)) return String((v as { error: string }).error);
  if (typeof v === "object" && "richText" in (v as object)) {
    return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join("");
  }
  return v as number | string | boolean;
}

/** Every formula cell of a workbook with its cached result. */
export async function formulaCells(file: string): Promise<FormulaCell[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: FormulaCell[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string; sharedFormula?: string; result?: unknown } | null;
        if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) {
          out.push({ sheet: ws.name, cell: cell.address, formula: cell.formula, result: normalise(v.result) });
        }
      }),
    );
  });
  return out;
}

export interface Mismatch {
  sheet: string;
  cell: string;
  formula: string;
  written: FormulaCell["result"];
  recalculated: FormulaCell["result"] | undefined;
}

/** Equal as spreadsheets see it: numbers within 1e-9 (relative), blank and "" alike. */
export function sameResult(a: FormulaCell["result"] | undefined, b: FormulaCell["result"] | undefined): boolean {
  const blank = (x: unknown) => x === null || x === undefined || x === "";
  if (blank(a) && blank(b)) return true;
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

/**
 * Compare the cached result of every formula cell of `written` (not matched by `skip`, e.g.
 * PDV.* functions LibreOffice does not know) with the same cell of `recalculated`.
 */
export async function compareFormulaResults(
  written: string,
  recalculated: string,
  skip: (formula: string) => boolean = (f) => /\bPDV\./i.test(f),
): Promise<{ checked: number; mismatches: Mismatch[] }> {
  const before = (await formulaCells(written)).filter((c) => !skip(c.formula));
  const after = new Map((await formulaCells(recalculated)).map((c) => [`${c.sheet}!${c.cell}`, c]));
  const mismatches: Mismatch[] = [];
  for (const c of before) {
    const r = after.get(`${c.sheet}!${c.cell}`);
    if (!r || !sameResult(c.result, r.result)) {
      mismatches.push({ sheet: c.sheet, cell: c.cell, formula: c.formula, written: c.result, recalculated: r?.result });
    }
  }
  return { checked: before.length, mismatches };
}
