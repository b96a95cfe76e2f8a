/**
 * File-level bad inputs through the `pdv` command: exit 2, one Vietnamese line naming the file.
 * The command runs in-process (run() of src/cli/main.ts, the function bin/pdv.js calls); one case
 * also goes through `node bin/pdv.js` when the CLI has been built (npm run build:cli).
 * Also: formula-looking text written to TongHop stays text in the saved file's XML.
 */
import { promises as fs, existsSync, mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";
import JSZip from "jszip";
import { runPdv } from "../helpers/pdv";
import { createXlsxPort } from "../../src/workbook/xlsx";
import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate } from "../../src/core/consolidate";
import { checkPlan, summaryPlan } from "../../src/core/layout";
import { CORPUS, FORMULA_LOOKING } from "../fixtures/corpus";
import { FILE_CASES, sampleXlsx } from "../fixtures/files";

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "pdv-badinput-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function pdv(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runPdv(args);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

describe("unreadable files: pdv validate exits 2 with one Vietnamese line naming the file", () => {
  test.each(FILE_CASES.map((c) => [c.id, c] as const))(
    "%s",
    async (_id, c) => {
      const file = await c.make(dir);
      const r = await pdv(["validate", file, "--json"]);
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      const lines = r.err.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(c.fileName);
      expect(lines[0]).toMatch(VIETNAMESE);
      expect(lines[0]).toMatch(c.reason);
      await fs.rm(file, { force: true });
    },
    30_000,
  );

  test("a sound workbook is read (the cases above fail for their own reason)", async () => {
    const file = path.join(dir, "tot.xlsx");
    await fs.writeFile(file, await sampleXlsx(3));
    const r = await pdv(["validate", file, "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
  }, 30_000);

  const built = existsSync(path.join(__dirname, "..", "..", "build", "cli", "main.js"));
  (built ? test : test.skip)("through node bin/pdv.js (built CLI)", async () => {
    const c = FILE_CASES.find((x) => x.id === "xls-ole2")!;
    const file = await c.make(dir);
    let status = 0;
    let stderr = "";
    try {
      execFileSync(process.execPath, [path.join(__dirname, "..", "..", "bin", "pdv.js"), "validate", file, "--json"], { stdio: "pipe", timeout: 20_000 });
    } catch (e) {
      const err = e as { status: number; stderr: Buffer };
      status = err.status;
      stderr = err.stderr.toString("utf8");
    }
    expect(status).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain(c.fileName);
  }, 30_000);
});

describe("formula-looking text in the written file", () => {
  test("TongHop and KiemTra hold the names as strings, never as <f> formulas", async () => {
    const c = CORPUS.find((x) => x.id === "formula-looking-names")!;
    const a = analyzeWorkbook(c.build());
    const port = createXlsxPort();
    await port.writeSheet(summaryPlan(consolidate(a), { links: false }));
    await port.writeSheet(checkPlan(a));
    const zip = await JSZip.loadAsync(await port.toBuffer());
    const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    expect(sheets.length).toBeGreaterThanOrEqual(2); // TongHop, KiemTra (and the state sheet)
    let xml = "";
    for (const n of sheets) xml += await zip.file(n)!.async("string");
    const shared = (await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "";
    const formulas = [...xml.matchAll(/<f>([^<]*)<\/f>/g)].map((m) => m[1]);
    expect(formulas.length).toBeGreaterThan(0); // the summary's own SUMs are formulas
    const unescape = (s: string) => s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'");
    for (const f of formulas.map(unescape)) {
      expect(f).not.toMatch(/cmd|HYPERLINK|^\+x|^-x|^@x|^1\+1$/);
    }
    const text = unescape(xml + shared);
    for (const name of FORMULA_LOOKING) expect(text).toContain(name);
  }, 30_000);
});
