/**
 * Issue 14 through the `pdv` command (in process, real .xlsx files): three committees made from
 * the sample (one consolidated from its workbook, two from folders, one of them missing a unit)
 * each write their report to the level above into their output; the province consolidates a
 * folder of its danh-muc.xlsx and those output files; its own output rolls up one level higher
 * with the same totals.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { runPdv } from "../helpers/pdv";
import * as ExcelJS from "exceljs";
import { readXlsx } from "../../src/workbook/xlsx";
import { SHEET_REPORT_UP, SHEET_SUMMARY } from "../../src/core/template";
import { ymdToSerial } from "../../src/core/dates";
import { recalculateAll } from "../helpers/libreoffice";

jest.setTimeout(180_000);

const ROOT = path.join(__dirname, "..", "..");
const CSV = path.join(ROOT, "samples", "phu-binh-2020.csv");

const pdv = runPdv;

async function ok(args: string[]): Promise<string> {
  const r = await pdv(args);
  if (r.code !== 0) throw new Error(`pdv ${args.join(" ")} → ${r.code}\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

let tmp: string;
let province: string;
let provinceJson: Record<string, any>;
let committeeJson: Record<string, any>[];

/** A committee made from the sample: its workbook and its folder, under its own name and MA_DB. */
async function sampleCommittee(name: string, code: string): Promise<{ book: string; folder: string }> {
  const dir = path.join(tmp, code);
  const board = `Ban Tổ chức Huyện ủy ${name.replace(/^Đảng bộ huyện /, "")}`;
  await ok(["samples", "--csv", CSV, "--out", dir, "--ten", name, "--co-quan", board, "--ma-db", code, "--chi-tieu", "253"]);
  return { book: path.join(dir, "phu-binh-2020.xlsx"), folder: path.join(dir, "phu-binh-2020") };
}

/** The upper level's danh-muc.xlsx from a CSV of its committees. */
async function upperRoster(dir: string, csv: string, flags: string[]): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const csvPath = path.join(tmp, `${path.basename(dir)}.csv`);
  await fs.writeFile(csvPath, csv, "utf8");
  await ok(["template", "--roster", csvPath, "--out", path.join(dir, "danh-muc.xlsx"), ...flags]);
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "pdv-rollup-"));
  const h01 = await sampleCommittee("Đảng bộ huyện Phú Bình", "H01");
  const h02 = await sampleCommittee("Đảng bộ huyện Đồng Hỷ", "H02");
  const h03 = await sampleCommittee("Đảng bộ huyện Đại Từ", "H03");
  await fs.rm(path.join(h02.folder, "TCCS07.xlsx"));

  province = path.join(tmp, "tinh");
  await upperRoster(
    province,
    "MA_DV,TEN_DV,LOAI_HINH,KHOI,KN_CHITIEU\nH01,Đảng bộ huyện Phú Bình,Đảng bộ trực thuộc,Huyện,253\n" +
      "H02,Đảng bộ huyện Đồng Hỷ,Đảng bộ trực thuộc,Huyện,253\nH03,Đảng bộ huyện Đại Từ,Đảng bộ trực thuộc,Huyện,253\n",
    ["--ten", "Đảng bộ tỉnh Thái Nguyên", "--co-quan", "Ban Tổ chức Tỉnh ủy Thái Nguyên", "--ma-db", "T19", "--chi-tieu", "759", "--han", "15/09/2020"],
  );
  // Each committee consolidates (workbook mode for H01, folder mode for the others) into the province's folder.
  committeeJson = [];
  for (const [input, code] of [[h01.book, "H01"], [h02.folder, "H02"], [h03.folder, "H03"]]) {
    const r = await pdv(["consolidate", input, "--out", path.join(province, `${code}.xlsx`), "--ngay", "05/09/2020", "--json"]);
    expect(r.code).toBe(code === "H02" ? 1 : 0);
    committeeJson.push(JSON.parse(r.stdout));
  }
  const r = await pdv(["consolidate", province, "--out", path.join(tmp, "tinh.xlsx"), "--ngay", "12/09/2020", "--json"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0); // R01 is a warning: every committee received, no error
  provinceJson = JSON.parse(r.stdout);
});

afterAll(async () => {
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

test("each committee's output holds its report to the level above", async () => {
  expect(committeeJson.map((j) => j.export)).toEqual(["H01", "H02", "H03"].map((code) => ({ sheet: SHEET_REPORT_UP, code, date: "05/09/2020" })));
  for (const code of ["H01", "H02"]) {
    const grids = await readXlsx(await fs.readFile(path.join(province, `${code}.xlsx`)), `${code}.xlsx`);
    const sheet = grids.find((g) => g.name === SHEET_REPORT_UP)!;
    const at = (c: string) => sheet.values.find((r) => r[2] === c)?.[3];
    expect(at("MA_DV")).toBe(code);
    expect(at("NGAY_LAP")).toBe(ymdToSerial(2020, 9, 5));
    expect(at("DV_TONG")).toBe(code === "H02" ? 7335 - 250 : 7335);
    expect(at("KN_CHITIEU")).toBe(253);
    expect(at("TH_DV_TONGHOP")).toBe(code === "H02" ? 47 : 48);
    expect(at("TH_DV_DANHMUC")).toBe(48);
    expect(sheet.formulas?.flat().some((f) => f)).toBe(false);
  }
});

test("the province consolidates its committees' files: sums, the partial committee named, both coverages", () => {
  expect(provinceJson.units).toEqual({ expected: 3, included: 3, excluded: [] });
  expect(provinceJson.totals.DV_TONG).toBe(3 * 7335 - 250);
  expect(provinceJson.totals.QC_BOIDUONG).toBe(3 * 282 - 13);
  expect(provinceJson.totals.HS_DENGHI).toBe(3 * 36 - 3);
  expect(provinceJson.totals.KN_DAKETNAP).toBe(90);
  expect(provinceJson.ratio).toBe(90 / 759);
  expect(provinceJson.leaves).toEqual({ covered: 143, listed: 144, noun: "tổ chức cơ sở đảng" });
  expect(provinceJson.partial).toEqual([{ code: "H02", name: "Đảng bộ huyện Đồng Hỷ", included: 47, listed: 48, noun: "tổ chức cơ sở đảng" }]);
  expect(provinceJson.narrative).toContain("Đã tổng hợp 3/3 đảng bộ trực thuộc; 143/144 tổ chức cơ sở đảng.");
  expect(provinceJson.narrative).toContain("Đảng bộ huyện Đồng Hỷ mới tổng hợp 47/48 tổ chức cơ sở đảng.");
});

test("validate names the partial committee (R01) and the workbook-mode file is not stale", async () => {
  const r = await pdv(["validate", province, "--json"]);
  const findings = JSON.parse(r.stdout).findings as { rule: string; unit: string; file?: string; message: string }[];
  const r01 = findings.filter((f) => f.rule === "R01");
  expect(r01).toHaveLength(1);
  expect(r01[0]).toMatchObject({ unit: "H02", file: "H02.xlsx" });
  expect(findings.filter((f) => f.rule === "R02")).toEqual([]);
});

test("the province's total row states both coverages", async () => {
  const grids = await readXlsx(await fs.readFile(path.join(tmp, "tinh.xlsx")), "tinh.xlsx");
  const sheet = grids.find((g) => g.name === SHEET_SUMMARY)!;
  expect(sheet.values.flat()).toContain("TOÀN ĐẢNG BỘ (3/3 đảng bộ trực thuộc; 143/144 tổ chức cơ sở đảng)");
});

test("round trip: the province's output rolls up one level higher with the same totals", async () => {
  const top = path.join(tmp, "tren");
  await upperRoster(top, "MA_DV,TEN_DV,LOAI_HINH,KHOI,KN_CHITIEU\nT19,Đảng bộ tỉnh Thái Nguyên,Đảng bộ tỉnh,Tỉnh,759\n", [
    "--ten",
    "Cấp trên (thử)",
    "--chi-tieu",
    "759",
    "--han",
    "20/09/2020",
  ]);
  await fs.copyFile(path.join(tmp, "tinh.xlsx"), path.join(top, "T19.xlsx"));
  const r = await pdv(["consolidate", top, "--out", path.join(tmp, "tren.xlsx"), "--json"]);
  expect(r.code).toBe(0);
  const j = JSON.parse(r.stdout);
  for (const code of Object.keys(provinceJson.totals)) {
    if (code !== "KN_CHITIEU") expect([code, j.totals[code]]).toEqual([code, provinceJson.totals[code]]);
  }
  expect(j.ratio).toBe(provinceJson.ratio);
  expect(j.narrative).toContain("Đã tổng hợp 1/1 đảng bộ tỉnh; 143/144 tổ chức cơ sở đảng.");
});

/**
 * A folder of the province's danh-muc.xlsx and one committee's output edited with ExcelJS (as a
 * person saving in Excel), plus `copies` unchanged; returns the R02 findings of `pdv validate`.
 */
async function staleFolder(name: string, code: string, edit: (wb: ExcelJS.Workbook) => void, copies: string[] = []) {
  const dir = path.join(tmp, name);
  await fs.mkdir(dir);
  for (const f of ["danh-muc", ...copies]) await fs.copyFile(path.join(province, `${f}.xlsx`), path.join(dir, `${f}.xlsx`));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(province, `${code}.xlsx`));
  edit(wb);
  await wb.xlsx.writeFile(path.join(dir, `${code}.xlsx`));
  const j = JSON.parse((await pdv(["validate", dir, "--json"])).stdout);
  return { json: j, r02: (j.findings as { rule: string; unit: string; file?: string; severity: string }[]).filter((f) => f.rule === "R02") };
}

test("a committee's file changed after its consolidation is flagged (R02), still included", async () => {
  // A unit's figure edited in the committee's workbook (H01, workbook mode) after it consolidated.
  const { json, r02 } = await staleFolder("tinh-cu", "H01", (wb) =>
    wb.getWorksheet("TCCS01")!.eachRow((row) => {
      if (row.getCell(3).value === "DV_TONG") row.getCell(4).value = 339;
    }),
  );
  expect(r02).toEqual([expect.objectContaining({ unit: "H01", file: "H01.xlsx", severity: "warning" })]);
  expect(json.units.received).toBe(1);
});

test("a committee's output whose TongHop was remade after its report is flagged (R02)", async () => {
  // H03 (folder mode: DanhMuc, TongHop, GuiCapTren): its stored TongHop fingerprint as after a later "Tổng hợp".
  let found = 0;
  const { r02 } = await staleFolder(
    "tinh-tonghop-moi",
    "H03",
    (wb) =>
      wb.getWorksheet("_pdv_state")!.eachRow((row) => {
        if (row.getCell(1).value !== "pdv.tongHop.fingerprint") return;
        row.getCell(2).value = "0123456789abcdef";
        found++;
      }),
    ["H02"],
  );
  expect(found).toBe(1);
  expect(r02).toEqual([expect.objectContaining({ unit: "H03", file: "H03.xlsx" })]);
});

test("committees' outputs opened and saved again in LibreOffice still roll up: same totals, no false R02", async () => {
  const again = path.join(tmp, "tinh-libreoffice");
  await fs.mkdir(again);
  await fs.copyFile(path.join(province, "danh-muc.xlsx"), path.join(again, "danh-muc.xlsx"));
  await recalculateAll(["H01", "H02", "H03"].map((c) => path.join(province, `${c}.xlsx`)), again);
  const r = await pdv(["consolidate", again, "--out", path.join(tmp, "tinh-lo.xlsx"), "--json"]);
  const j = JSON.parse(r.stdout);
  expect(j.totals).toEqual(provinceJson.totals);
  expect(j.leaves).toEqual(provinceJson.leaves);
  const v = JSON.parse((await pdv(["validate", again, "--json"])).stdout);
  expect((v.findings as { rule: string }[]).map((f) => f.rule).sort()).toEqual(["R01"]);
});
