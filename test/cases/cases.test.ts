/**
 * The real-world input cases of test/cases/ (copied from the shared cases folder; README.md there
 * says what each file is and what it must give). Each case is put in place of the sample
 * district's file of the same name and run through `pdv validate` / `pdv consolidate` in process;
 * case 06 also runs as a child process under a 512 MB heap. Case 03 (text typed by people) is
 * tested in test/cli/case-comma-thousands.test.ts, on the same committed file.
 */
import { execFile, execFileSync } from "child_process";
import { existsSync, mkdtempSync, promises as fs, rmSync, statSync } from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../../src/cli/main";
import { readXlsx } from "../../src/workbook/xlsx";
import { partsOf } from "../helpers/zipparts";
import { recalculate } from "../helpers/libreoffice";
import { makeZip } from "../fixtures/files";
import type { Io } from "../../src/cli/main";

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, "..", "..");
const CASES = __dirname;
const SAMPLE_DIR = path.join(ROOT, "samples", "phu-binh-2020");
const SAMPLE_BOOK = path.join(ROOT, "samples", "phu-binh-2020.xlsx");

const SAMPLE_TOTALS = { DV_TONG: 7335, QC_BOIDUONG: 282, HS_DENGHI: 36, KN_CHITIEU: 253, KN_DAKETNAP: 31 };

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "pdv-cases-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Result {
  code: number;
  out: string;
  err: string;
}

async function pdv(args: string[]): Promise<Result> {
  let out = "";
  let err = "";
  const io: Io = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), stderrIsTTY: false };
  const code = await run(args, io);
  return { code, out, err };
}

/** A copy of the sample folder with `files` (case file → name in the folder) put in place. */
async function sampleWith(name: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(tmp, name);
  await fs.cp(SAMPLE_DIR, dir, { recursive: true });
  for (const [from, to] of Object.entries(files)) await fs.copyFile(path.join(CASES, from), path.join(dir, to));
  return dir;
}

/** Edit the (first) worksheet of a unit's .xlsx in place; returns that worksheet's part name. */
async function editSheet(file: string, edit: (xml: string) => string): Promise<string> {
  const JSZip = (await import("jszip")).default;
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const sheetName = Object.keys(zip.files).find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))!;
  zip.file(sheetName, edit(await zip.file(sheetName)!.async("string")));
  await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return sheetName;
}

function expectSampleResult(json: { units: { expected: number; included: number }; totals: Record<string, number>; ratio: number }): void {
  expect(json.units.included).toBe(48);
  expect(json.units.expected).toBe(48);
  expect(json.totals).toMatchObject(SAMPLE_TOTALS);
  expect(json.ratio).toBeCloseTo(31 / 253, 12);
}

async function consolidateJson(input: string): Promise<{ r: Result; json: any }> {
  const out = path.join(tmp, `out-${path.basename(input)}-${Date.now()}.xlsx`);
  const r = await pdv(["consolidate", input, "--out", out, "--json"]);
  return { r, json: r.out ? JSON.parse(r.out) : null };
}

async function validateJson(input: string): Promise<{ r: Result; json: any }> {
  const r = await pdv(["validate", input, "--json"]);
  return { r, json: r.out ? JSON.parse(r.out) : null };
}

describe("01-formula-result-zero: a stored formula result of 0 reads as 0", () => {
  test("unit file: sample result, exit 0", async () => {
    const dir = await sampleWith("c01", { "01-formula-result-zero/TCCS02.xlsx": "TCCS02.xlsx" });
    const v = await validateJson(dir);
    expect(v.json.findings).toEqual([]);
    expect(v.r.code).toBe(0);
    const c = await consolidateJson(dir);
    expect(c.r.code).toBe(0);
    expectSampleResult(c.json);
  });
  test("one-workbook form: sample result, exit 0", async () => {
    const c = await consolidateJson(path.join(CASES, "01-formula-result-zero", "phu-binh-2020.xlsx"));
    expect(c.r.err).toBe("");
    expect(c.r.code).toBe(0);
    expectSampleResult(c.json);
  });
});

describe("02-iso-date-cells: t=\"d\" cells read as the dates written", () => {
  test("unit/: sample result", async () => {
    const dir = await sampleWith("c02u", { "02-iso-date-cells/unit/TCCS05.xlsx": "TCCS05.xlsx" });
    const v = await validateJson(dir);
    expect(v.json.findings).toEqual([]);
    const c = await consolidateJson(dir);
    expect(c.r.code).toBe(0);
    expectSampleResult(c.json);
  });
  test("late/: D01 for TCCS05 (10/09/2020 after the deadline 05/09/2020)", async () => {
    const dir = await sampleWith("c02l", { "02-iso-date-cells/late/TCCS05.xlsx": "TCCS05.xlsx" });
    const v = await validateJson(dir);
    const late = v.json.findings.filter((f: { rule: string }) => f.rule === "D01");
    expect(late).toHaveLength(1);
    expect(late[0].unit).toBe("TCCS05");
    expect(late[0].message).toContain("10/09/2020");
  });
  test("roster/: sample result and narrative", async () => {
    const dir = await sampleWith("c02r", { "02-iso-date-cells/roster/danh-muc.xlsx": "danh-muc.xlsx" });
    const v = await validateJson(dir);
    expect(v.json.findings).toEqual([]);
    expect(v.r.code).toBe(0);
    const c = await consolidateJson(dir);
    expectSampleResult(c.json);
    expect(c.json.narrative).toContain("Tính đến hết tháng 8/2020");
    expect(c.json.narrative).toContain("đến hết năm 2020");
    expect(c.json.narrative).not.toContain("1905");
  });
});

describe("04-prefixed-xml: SpreadsheetML with a namespace prefix (<x:c>) is read", () => {
  test("sample result", async () => {
    const dir = await sampleWith("c04", { "04-prefixed-xml/TCCS05.xlsx": "TCCS05.xlsx" });
    const c = await consolidateJson(dir);
    expect(c.json.unreadable).toBeUndefined();
    expect(c.r.code).toBe(0);
    expectSampleResult(c.json);
  });
});

describe("05-subfolder: unit files in subfolders are read; hidden, system and lock files are not", () => {
  test("TCCS32 … TCCS48 moved into 'Chi bo co so/': sample result", async () => {
    const dir = await sampleWith("c05", {});
    const sub = path.join(dir, "Chi bo co so");
    await fs.mkdir(sub);
    for (let i = 32; i <= 48; i++) await fs.rename(path.join(dir, `TCCS${i}.xlsx`), path.join(sub, `TCCS${i}.xlsx`));
    // What a real folder also holds: an Excel lock file, a hidden file, a hidden folder, desktop.ini.
    await fs.writeFile(path.join(sub, "~$TCCS40.xlsx"), "lock");
    await fs.writeFile(path.join(dir, ".~lock.TCCS01.xlsx#"), "lock");
    await fs.mkdir(path.join(dir, ".git"));
    await fs.copyFile(path.join(dir, "TCCS01.xlsx"), path.join(dir, ".git", "TCCS01.xlsx"));
    await fs.writeFile(path.join(dir, "desktop.ini"), "[.ShellClassInfo]");
    await fs.writeFile(path.join(sub, "Thumbs.db"), "x");
    const c = await consolidateJson(dir);
    expect(c.json.unreadable).toBeUndefined();
    expect(c.r.code).toBe(0);
    expectSampleResult(c.json);
  });
});

describe("06-huge-used-range: styled empty cells down to row 1,048,576 cost nothing", () => {
  test("sample result under a 512 MB heap, about as fast as the sample", async () => {
    const main = path.join(ROOT, "build", "cli", "main.js");
    if (!existsSync(main) || statSync(main).mtimeMs < statSync(path.join(ROOT, "src", "workbook", "xlsx", "sheet.ts")).mtimeMs) {
      execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.cli.json"], { cwd: ROOT });
    }
    const dir = await sampleWith("c06", { "06-huge-used-range/TCCS05.xlsx": "TCCS05.xlsx" });
    const out = path.join(tmp, "c06.xlsx");
    const child = (input: string) =>
      new Promise<{ code: number; stdout: string; ms: number }>((resolve) => {
        const t0 = Date.now();
        execFile(
          process.execPath,
          ["--max-old-space-size=512", path.join(ROOT, "bin", "pdv.js"), "consolidate", input, "--out", out, "--json"],
          { maxBuffer: 16 << 20 },
          (err, stdout) => resolve({ code: err ? Number(err.code ?? -1) : 0, stdout, ms: Date.now() - t0 }),
        );
      });
    const huge = await child(dir);
    expect(huge.code).toBe(0);
    expectSampleResult(JSON.parse(huge.stdout));
    const plain = await child(SAMPLE_DIR);
    // The 58 MB sheet is inflated and scanned once; everything else is as for the sample.
    expect(huge.ms).toBeLessThan(plain.ms + 2500);
  });
});

describe("07-workbook-with-chart: consolidating a workbook keeps every part of it", () => {
  test("the copy holds every input part unchanged, plus TongHop", async () => {
    const input = path.join(CASES, "07-workbook-with-chart", "book.xlsx");
    const before = await fs.readFile(input);
    const out = path.join(tmp, "c07.xlsx");
    const r = await pdv(["consolidate", input, "--out", out, "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expectSampleResult(JSON.parse(r.out));
    expect((await fs.readFile(input)).equals(before)).toBe(true);
    const inParts = await partsOf(before);
    const outParts = await partsOf(await fs.readFile(out));
    const changed = new Set(["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml", "docProps/app.xml"]);
    for (const [name, data] of inParts) {
      expect(outParts.has(name)).toBe(true);
      if (!changed.has(name)) expect(Buffer.compare(outParts.get(name)!, data)).toBe(0);
    }
    const addedParts = [...outParts.keys()].filter((n) => !inParts.has(n));
    expect(addedParts.some((n) => n.startsWith("xl/worksheets/sheet"))).toBe(true);
    // Every edited or added XML part is well-formed (xmllint, an independent parser).
    for (const name of [...changed, ...addedParts].filter((n) => outParts.has(n) && /\.(xml|rels|vml)$/.test(n))) {
      execFileSync("xmllint", ["--noout", "-"], { input: outParts.get(name)! });
    }
    // Read back: DanhMuc's chart and picture are still referenced, TongHop is there, the state sheet very hidden.
    const wbXml = outParts.get("xl/workbook.xml")!.toString("utf8");
    expect(wbXml).toMatch(/<sheet name="TongHop" sheetId="\d+" r:id="rIdPdv\d+"\/>/);
    expect(wbXml).toMatch(/<sheet name="_pdv_state" sheetId="\d+" state="veryHidden"/);
    const grids = await readXlsx(await fs.readFile(out), "c07.xlsx");
    const tongHop = grids.find((g) => g.name === "TongHop")!;
    const district = tongHop.values.find((row) => row.some((v) => typeof v === "string" && v.startsWith("TOÀN ĐẢNG BỘ")))!;
    expect(district).toEqual(expect.arrayContaining([7335, 282, 36, 253, 31]));
    expect(grids.map((g) => g.name)).not.toContain("_pdv_state");

    // Consolidating the copy again replaces TongHop in place and still keeps everything else.
    const again = path.join(tmp, "c07-again.xlsx");
    const r2 = await pdv(["consolidate", out, "--out", again, "--json"]);
    expect(r2.code).toBe(0);
    const againParts = await partsOf(await fs.readFile(again));
    for (const [name, data] of inParts) {
      if (!changed.has(name)) expect(Buffer.compare(againParts.get(name)!, data)).toBe(0);
    }
    expect([...againParts.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))).toHaveLength(
      [...outParts.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).length,
    );
    expect((await readXlsx(await fs.readFile(again), "again.xlsx")).filter((g) => g.name === "TongHop")).toHaveLength(1);
  });

  test("LibreOffice opens the copy: the chart, the picture, the note and the drop-down list are still there", async () => {
    const out = path.join(tmp, "c07-lo.xlsx");
    expect((await pdv(["consolidate", path.join(CASES, "07-workbook-with-chart", "book.xlsx"), "--out", out])).code).toBe(0);
    const resaved = await recalculate(out, path.join(tmp, "lo"));
    const parts = await partsOf(await fs.readFile(resaved));
    const names = [...parts.keys()];
    expect(names.some((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toBe(true);
    expect(names.some((n) => /^xl\/media\//.test(n))).toBe(true);
    expect(names.some((n) => /^xl\/comments/.test(n))).toBe(true);
    const sheetsXml = names.filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).map((n) => parts.get(n)!.toString("utf8"));
    expect(sheetsXml.some((x) => x.includes("<dataValidation"))).toBe(true);
    const grids = await readXlsx(await fs.readFile(resaved), "lo.xlsx");
    const district = grids.find((g) => g.name === "TongHop")!.values.find((row) => row.some((v) => typeof v === "string" && v.startsWith("TOÀN ĐẢNG BỘ")))!;
    expect(district).toEqual(expect.arrayContaining([7335, 282, 36, 253, 31]));
  });
});

describe("kind 8: a file a unit sent that cannot be read still counts as received", () => {
  test("a damaged TCCS05.xlsx: S09 for TCCS05 saying what was found and what to do, not 'chưa nộp'", async () => {
    const dir = await sampleWith("k8", {});
    const good = await fs.readFile(path.join(dir, "TCCS05.xlsx"));
    await fs.writeFile(path.join(dir, "TCCS05.xlsx"), good.subarray(0, Math.floor(good.length / 2)));
    const v = await validateJson(dir);
    expect(v.r.code).toBe(1);
    expect(v.json.units).toEqual({ expected: 48, received: 48, missing: [] });
    expect(v.json.findings.map((f: { rule: string; unit: string }) => `${f.rule} ${f.unit}`)).toEqual(["S09 TCCS05"]);
    expect(v.json.findings[0].message).toMatch(/TCCS05\.xlsx.*hỏng.*mở bằng Excel và lưu lại/);
    const text = await pdv(["validate", dir]);
    expect(text.out).not.toMatch(/chưa nộp/i);
    const c = await consolidateJson(dir);
    expect(c.r.code).toBe(1);
    expect(c.json.units.included).toBe(47);
    expect(c.json.units.excluded).toEqual([{ unit: "TCCS05", reason: expect.stringContaining("TCCS05.xlsx") }]);
  });
});

describe("kind 6: past any limit, one Vietnamese line naming the file; the other units are processed", () => {
  test("a stray value at XFD1048576 is read with an S10 warning naming it; a zip bomb gets S09; 47 units consolidated", async () => {
    const dir = await sampleWith("k6", {});
    const JSZip = (await import("jszip")).default;
    const sheetName = await editSheet(path.join(dir, "TCCS07.xlsx"), (xml) =>
      xml.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'),
    );
    // TCCS08's own parts, its sheet declaring 300 MB (a zip bomb by its declared size).
    const bomb = await JSZip.loadAsync(await fs.readFile(path.join(dir, "TCCS08.xlsx")));
    const parts = await Promise.all(
      Object.values(bomb.files)
        .filter((f) => !f.dir)
        .map(async (f) => ({ name: f.name, data: await f.async("nodebuffer"), declaredSize: f.name === sheetName ? 300 * 1024 * 1024 : undefined })),
    );
    await fs.writeFile(path.join(dir, "TCCS08.xlsx"), makeZip(parts));
    const c = await consolidateJson(dir);
    expect(c.r.code).toBe(1);
    expect(c.json.units.included).toBe(47);
    expect(c.json.unreadable.map((u: { file: string }) => u.file)).toEqual(["TCCS08.xlsx"]);
    expect(c.json.unreadable[0].reason).toMatch(/TCCS08\.xlsx.*vượt quá 200 MB/);
    expect(c.json.units.excluded.map((e: { unit: string }) => e.unit)).toEqual(["TCCS08"]);
    // The stray cell is not ignored silently: one warning names it, its value and what to do.
    const v = await validateJson(dir);
    const s10 = v.json.findings.filter((f: { rule: string }) => f.rule === "S10");
    expect(s10).toEqual([expect.objectContaining({ severity: "warning", unit: "TCCS07", cell: "XFD1048576" })]);
    expect(s10[0].message).toMatch(/TCCS07\.xlsx.*ô XFD1048576 \(1\).*xóa/);
  });
});

describe("kind 2: a stray value far away in danh-muc.xlsx", () => {
  test("the roster is read, one S10 warning names Z1048576 and its value, the sample result", async () => {
    const dir = await sampleWith("k2", {});
    await editSheet(path.join(dir, "danh-muc.xlsx"), (xml) =>
      xml.replace("</sheetData>", '<row r="1048576"><c r="Z1048576" t="inlineStr"><is><t>.</t></is></c></row></sheetData>'),
    );
    const v = await validateJson(dir);
    expect(v.json.findings.map((f: { rule: string; severity: string; cell: string }) => `${f.rule} ${f.severity} ${f.cell}`)).toEqual(["S10 warning Z1048576"]);
    expect(v.json.findings[0].message).toMatch(/danh-muc\.xlsx.*ô Z1048576 \("\."\).*xóa/);
    const c = await consolidateJson(dir);
    expect(c.r.code).toBe(0);
    expectSampleResult(c.json);
  });
});

describe("kind 1: a count formula saved without a result that cannot be computed", () => {
  test("V04 says the file holds no result and what to do; never 'đang để trống'", async () => {
    const dir = await sampleWith("k1", {});
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(await fs.readFile(path.join(dir, "TCCS09.xlsx")));
    const sheetName = Object.keys(zip.files).find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))!;
    const xml = await zip.file(sheetName)!.async("string");
    // D16 (KN_DAKETNAP) becomes a formula over another workbook, saved without a result.
    const cell = /<c r="D16"[^>]*?(\/>|>[\s\S]*?<\/c>)/.exec(xml)![0];
    zip.file(sheetName, xml.replace(cell, '<c r="D16"><f>[1]Sheet1!A1</f></c>'));
    await fs.writeFile(path.join(dir, "TCCS09.xlsx"), await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const v = await validateJson(dir);
    const f = v.json.findings.filter((x: { unit: string }) => x.unit === "TCCS09");
    expect(f.map((x: { rule: string; cell: string }) => `${x.rule} ${x.cell}`)).toContain("V04 D16");
    const d16 = f.find((x: { cell: string }) => x.cell === "D16");
    expect(d16.message).toContain("ô có công thức nhưng tệp không lưu kết quả; mở bằng Excel rồi lưu lại");
    expect(d16.message).not.toContain("để trống");
  });
});
