/**
 * The `pdv` command end to end: `node bin/pdv.js …` as a user runs it (compiled first when
 * build/cli is older than the sources). Bad inputs give exit 2 and one Vietnamese line on stderr;
 * inputs are never written; both sample forms consolidate to the published figures.
 */
import { execFile } from "child_process";
import { createHash } from "crypto";
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import * as ExcelJS from "exceljs";
import { readXlsx } from "../../src/workbook/xlsx";
import { run } from "../../src/cli/main";
import { encodeTcvn3 } from "../../src/core/legacy";
import { BIN, ROOT, buildIfStale } from "../helpers/cli-build";

jest.setTimeout(180_000);

const CSV = path.join(ROOT, "samples", "phu-binh-2020.csv");

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function pdv(args: string[], cwd = ROOT): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, PDV_DEBUG: "" } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

/** Exit 2, nothing on stdout, exactly one Vietnamese line on stderr, no stack trace. */
function expectUsageError(r: Result, mention?: string): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.endsWith("\n")).toBe(true);
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^pdv: /);
  expect(lines[0]).toMatch(VIETNAMESE);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:|TypeError|node:internal/);
  if (mention) expect(lines[0]).toContain(mention);
}

async function hashTree(p: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const st = await fs.stat(p);
  if (st.isFile()) {
    out.set(p, createHash("sha256").update(await fs.readFile(p)).digest("hex"));
    return out;
  }
  for (const name of (await fs.readdir(p)).sort()) {
    for (const [k, v] of await hashTree(path.join(p, name))) out.set(k, v);
  }
  return out;
}

let tmp: string;
let book: string;
let folder: string;

beforeAll(async () => {
  buildIfStale();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "pdv-cli-"));
  const r = await pdv(["samples", "--csv", CSV, "--out", tmp]);
  expect(r).toMatchObject({ code: 0, stderr: "" });
  book = path.join(tmp, "phu-binh-2020.xlsx");
  folder = path.join(tmp, "phu-binh-2020");
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("help and arguments", () => {
  it("prints Vietnamese help with exit 0", async () => {
    for (const args of [["--help"], ["help"]]) {
      const r = await pdv(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("Cách dùng");
      for (const cmd of ["template", "validate", "consolidate", "samples"]) expect(r.stdout).toContain(`pdv ${cmd}`);
    }
    const t = await pdv(["template", "--help"]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain("--chi-tieu");
  });

  it("shows the help on stderr with exit 2 when called without a command", async () => {
    const r = await pdv([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Cách dùng");
  });

  it("refuses an unknown command, an unknown option, a missing argument", async () => {
    expectUsageError(await pdv(["tong-hop", "x"]), "tong-hop");
    expectUsageError(await pdv(["validate", book, "--bogus"]), "--bogus");
    expectUsageError(await pdv(["validate"]));
    expectUsageError(await pdv(["consolidate", book]), "--out");
    expectUsageError(await pdv(["consolidate", book, "--out"]));
    expectUsageError(await pdv(["validate", book, "extra"]), "extra");
    expectUsageError(await pdv(["template", "--roster", CSV]), "--out");
    expectUsageError(await pdv(["template", "--roster", CSV, "--out", path.join(tmp, "t.xlsx"), "--den", "31/02/2020"]), "--den");
    expectUsageError(await pdv(["consolidate", book, "--out", path.join(tmp, "x.csv")]), ".xlsx");
  });
});

describe("bad inputs", () => {
  let bad: Record<string, string>;
  beforeAll(async () => {
    const dir = path.join(tmp, "bad");
    await fs.mkdir(dir);
    const real = await fs.readFile(book);
    const files: Record<string, Buffer> = {
      "rong.xlsx": Buffer.alloc(0),
      "van-ban.xlsx": Buffer.from("Đây không phải sổ tính\n"),
      "danh-muc.csv": await fs.readFile(CSV),
      "mat-khau.xlsx": Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024, 7)]),
      "cu.xls": Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024, 1)]),
      "hong.xlsx": real.subarray(0, Math.floor(real.length / 3)),
    };
    bad = {};
    for (const [name, bytes] of Object.entries(files)) {
      bad[name] = path.join(dir, name);
      await fs.writeFile(bad[name], bytes);
    }
  });

  it.each(["rong.xlsx", "van-ban.xlsx", "danh-muc.csv", "mat-khau.xlsx", "cu.xls", "hong.xlsx"])(
    "%s: exit 2, one Vietnamese line naming the file, input unchanged",
    async (name) => {
      const before = await hashTree(bad[name]);
      expectUsageError(await pdv(["validate", bad[name]]), name);
      expectUsageError(await pdv(["validate", bad[name], "--json"]), name);
      expectUsageError(await pdv(["consolidate", bad[name], "--out", path.join(tmp, "bad-out.xlsx")]), name);
      expect(await hashTree(bad[name])).toEqual(before);
      expect(existsSync(path.join(tmp, "bad-out.xlsx"))).toBe(false);
    },
  );

  it("names the password-protected case", async () => {
    const r = await pdv(["validate", bad["mat-khau.xlsx"]]);
    expect(r.stderr).toMatch(/mật khẩu/);
  });

  it("refuses a missing path and a folder without danh-muc.xlsx", async () => {
    expectUsageError(await pdv(["validate", path.join(tmp, "khong-co")]), "khong-co");
    const empty = path.join(tmp, "trong");
    await fs.mkdir(empty);
    expectUsageError(await pdv(["consolidate", empty, "--out", path.join(tmp, "o.xlsx")]), "danh-muc.xlsx");
  });

  it("refuses a CSV roster that is not text, or a missing one", async () => {
    expectUsageError(await pdv(["template", "--roster", book, "--out", path.join(tmp, "t.xlsx")]));
    expectUsageError(await pdv(["template", "--roster", path.join(tmp, "nope.csv"), "--out", path.join(tmp, "t.xlsx")]), "nope.csv");
  });

  it("never writes over an input", async () => {
    const before = await hashTree(book);
    expectUsageError(await pdv(["consolidate", book, "--out", book]));
    const rel = path.relative(ROOT, book);
    expectUsageError(await pdv(["consolidate", book, "--out", rel]));
    const folderBefore = await hashTree(folder);
    expectUsageError(await pdv(["consolidate", folder, "--out", path.join(folder, "TCCS01.xlsx")]));
    expectUsageError(await pdv(["consolidate", folder, "--out", path.join(folder, "danh-muc.xlsx")]));
    expect(await hashTree(book)).toEqual(before);
    expect(await hashTree(folder)).toEqual(folderBefore);
  });
});

describe("the sample district, both forms", () => {
  it("samples: one workbook with DanhMuc + 48 sheets, and a folder with danh-muc.xlsx + 48 files", async () => {
    const grids = await readXlsx(await fs.readFile(book), "phu-binh-2020.xlsx");
    expect(grids).toHaveLength(49);
    expect(grids[0].name).toBe("DanhMuc");
    const files = (await fs.readdir(folder)).sort();
    expect(files).toHaveLength(49);
    expect(files).toContain("danh-muc.xlsx");
    expect(files.filter((f) => /^TCCS\d\d\.xlsx$/.test(f))).toHaveLength(48);
    const unit = await readXlsx(await fs.readFile(path.join(folder, "TCCS12.xlsx")), "TCCS12.xlsx");
    expect(unit).toHaveLength(1);
    expect(unit[0].values.flat()).toContain("Xã Tân Đức");
  });

  it("samples are reproducible: the same CSV gives the same bytes", async () => {
    const again = path.join(tmp, "again");
    expect((await pdv(["samples", "--csv", CSV, "--out", again])).code).toBe(0);
    const strip = (m: Map<string, string>, base: string) => [...m].map(([k, v]) => [path.relative(base, k), v]);
    const first = strip(await hashTree(book), tmp).concat(strip(await hashTree(folder), tmp));
    const second = strip(await hashTree(path.join(again, "phu-binh-2020.xlsx")), again).concat(
      strip(await hashTree(path.join(again, "phu-binh-2020")), again),
    );
    expect(second).toEqual(first);
  });

  it.each([
    ["workbook", () => book],
    ["folder", () => folder],
  ])("validate %s --json: ok, 48/48, no errors", async (_kind, input) => {
    const r = await pdv(["validate", input(), "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ ok: true, errors: 0, units: { expected: 48, received: 48, missing: [] } });
    expect(Array.isArray(j.findings)).toBe(true);
  });

  it.each([
    ["workbook", () => book],
    ["folder", () => folder],
  ])("consolidate %s --json: the published figures, output written and readable", async (kind, input) => {
    const before = await hashTree(input());
    const out = path.join(tmp, "out", `tong-hop-${kind}.xlsx`);
    const r = await pdv(["consolidate", input(), "--out", out, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.units).toEqual({ expected: 48, included: 48, excluded: [] });
    expect(j.totals).toMatchObject({ DV_TONG: 7335, QC_BOIDUONG: 282, HS_DENGHI: 36, KN_CHITIEU: 253, KN_DAKETNAP: 31 });
    for (const code of ["DV_TONG", "QC_NGUON", "QC_BOIDUONG", "HS_DENGHI", "KN_CHITIEU", "KN_DAKETNAP", "KN_NU", "KN_DTTS", "KN_TONGIAO", "KN_DOANVIEN", "KN_KETNAPLAI", "DV_CHINHTHUC"]) {
      expect(typeof j.totals[code]).toBe("number");
    }
    expect(j.ratio).toBeCloseTo(31 / 253, 12);
    expect(j.narrative).toContain("31 đảng viên");
    expect(j.narrative).toContain("12,25%");
    expect(await hashTree(input())).toEqual(before);

    const grids = await readXlsx(await fs.readFile(out), path.basename(out));
    const names = grids.map((g) => g.name);
    expect(names).toContain("TongHop");
    expect(names).toContain("GuiCapTren"); // the report to the level above (issue 14)
    expect(names[0]).toBe("DanhMuc");
    expect(names).toHaveLength(kind === "workbook" ? 51 : 3);
    const tongHop = grids.find((g) => g.name === "TongHop")!;
    const totalRow = tongHop.values.find((row) => row.some((v) => typeof v === "string" && v.startsWith("TOÀN ĐẢNG BỘ")))!;
    expect(totalRow).toEqual(expect.arrayContaining([7335, 282, 36, 253, 31]));

    // Traceability: formula links to the unit sheets, or notes naming the file and cell.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("TongHop")!;
    let links = 0;
    let notes = 0;
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (c.formula && /^'TCCS\d\d'!D\d+$/.test(c.formula)) links++;
        const n = c.note;
        const text = typeof n === "string" ? n : n?.texts?.map((t) => t.text).join("") ?? "";
        if (/TCCS\d\d\.xlsx/.test(text)) notes++;
      }),
    );
    if (kind === "workbook") expect(links).toBeGreaterThanOrEqual(48 * 4);
    else expect(notes).toBeGreaterThanOrEqual(48 * 4);
  });

  it("shows progress on stderr for a folder only when stderr is a terminal", async () => {
    for (const tty of [true, false]) {
      let out = "";
      let err = "";
      const code = await run(["validate", folder, "--json"], { stdout: (t) => (out += t), stderr: (t) => (err += t), stderrIsTTY: tty });
      expect(code).toBe(0);
      expect(JSON.parse(out).ok).toBe(true);
      if (tty) expect(err).toContain("Đang đọc tệp 48/48");
      else expect(err).toBe("");
    }
  });

  it("consolidate prints a readable Vietnamese table and the narrative", async () => {
    const r = await pdv(["consolidate", folder, "--out", path.join(tmp, "out", "table.xlsx")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("TOÀN ĐẢNG BỘ (48/48 đơn vị)");
    expect(r.stdout).toMatch(/7\.335\s+282\s+36\s+253\s+31\s+12,25%/);
    expect(r.stdout).toContain("31 đảng viên");
  });

  it("a missing unit and an unreadable file: exit 1, output still written, unit excluded", async () => {
    const partial = path.join(tmp, "thieu");
    await fs.mkdir(partial);
    for (const f of await fs.readdir(folder)) if (f !== "TCCS05.xlsx") await fs.copyFile(path.join(folder, f), path.join(partial, f));
    const out = path.join(tmp, "out", "thieu.xlsx");
    let r = await pdv(["consolidate", partial, "--out", out, "--json"]);
    expect(r.code).toBe(1);
    let j = JSON.parse(r.stdout);
    expect(j.units.included).toBe(47);
    expect(j.units.excluded.map((e: { unit: string }) => e.unit)).toEqual(["TCCS05"]);
    expect(j.totals.KN_DAKETNAP).toBe(30);
    expect(existsSync(out)).toBe(true);

    r = await pdv(["validate", partial, "--json"]);
    expect(r.code).toBe(1);
    j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ ok: false, units: { expected: 48, received: 47, missing: ["TCCS05"] } });
    expect(j.findings.some((f: { rule: string; unit: string }) => f.rule === "S03" && f.unit === "TCCS05")).toBe(true);

    await fs.writeFile(path.join(partial, "TCCS05.xls"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    r = await pdv(["validate", partial, "--json"]);
    expect(r.code).toBe(1);
    j = JSON.parse(r.stdout);
    expect(j.unreadable).toEqual([{ file: "TCCS05.xls", reason: expect.stringContaining(".xls") }]);
    // The unit did send a file (rule S09): received, with an error, never also "chưa nộp".
    expect(j).toMatchObject({ ok: false, errors: 1, units: { expected: 48, received: 48, missing: [] } });
    expect(j.findings.map((f: { rule: string; unit: string; file?: string }) => [f.rule, f.unit, f.file])).toEqual([["S09", "TCCS05", "TCCS05.xls"]]);
    r = await pdv(["validate", partial]);
    expect(r.stdout).toContain("TCCS05.xls");
    expect(r.stdout).not.toContain("chưa nộp");
  });

  it("a unit file typed in TCVN3 (.VnTime): E01 warnings at its cells, names in Unicode, unit included", async () => {
    const legacy = path.join(tmp, "tcvn3");
    await fs.mkdir(legacy);
    for (const f of await fs.readdir(folder)) await fs.copyFile(path.join(folder, f), path.join(legacy, f));
    const file = path.join(legacy, "TCCS07.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    const rowOf = (code: string) => {
      for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 3).value === code) return r;
      throw new Error(code);
    };
    const nameRow = rowOf("TEN_DV");
    const byRow = rowOf("NGUOI_LAP");
    const name = String(ws.getCell(nameRow, 4).value);
    for (const [r, text] of [[nameRow, name], [byRow, "Nguyễn Thị Hà"]] as const) {
      const cell = ws.getCell(r, 4);
      cell.value = encodeTcvn3(text)!;
      cell.font = { name: ".VnTime" };
    }
    expect(ws.getCell(nameRow, 4).value).not.toBe(name);
    await wb.xlsx.writeFile(file);

    const r = await pdv(["validate", legacy, "--json"]);
    const j = JSON.parse(r.stdout);
    const e01 = j.findings.filter((f: { rule: string }) => f.rule === "E01");
    expect(e01.map((f: { cell: string; severity: string; unit: string }) => [f.cell, f.severity, f.unit]).sort()).toEqual([
      [`D${byRow}`, "warning", "TCCS07"],
      [`D${nameRow}`, "warning", "TCCS07"],
    ]);
    expect(e01[0].message).toMatch(/TCVN3/);
    // Converted, the name matches the roster: no S08, no error, exit 0.
    expect(j.findings.filter((f: { rule: string }) => f.rule === "S08")).toEqual([]);
    expect(j).toMatchObject({ ok: true, errors: 0 });
    expect(r.code).toBe(0);
    const c = JSON.parse((await pdv(["consolidate", legacy, "--out", path.join(tmp, "out", "tcvn3.xlsx"), "--json"])).stdout);
    expect(c.units.included).toBe(48);
    expect(c.totals.KN_DAKETNAP).toBe(31);
  });
});

describe("template", () => {
  it("writes a blank standard workbook with the reference parameters by default", async () => {
    const out = path.join(tmp, "mau", "so-bao-cao.xlsx");
    const r = await pdv(["template", "--roster", CSV, "--out", out]);
    expect(r.code).toBe(0);
    // One line saying the parameters are the sample's, and how to give one's own.
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("Lưu ý: không có --ten nên sổ dùng tham số mẫu (Đảng bộ huyện Phú Bình, năm 2020)");
    expect(r.stderr).toContain('--ten "<tên đảng bộ>"');
    const grids = await readXlsx(await fs.readFile(out), "so-bao-cao.xlsx");
    expect(grids).toHaveLength(49);
    const dm = grids[0].values;
    const param = (code: string) => dm.find((row) => row[0] === code)?.[2];
    expect(param("DB_TEN")).toBe("Đảng bộ huyện Phú Bình");
    expect(param("NAM")).toBe(2020);
    expect(param("KY_DEN")).toBe(44074);
    expect(param("HAN_NOP")).toBe(44079);
    expect(param("CHITIEU_DB")).toBe(253);
    // Blank forms: validating them reports the missing required values (exit 1), not a crash.
    const v = await pdv(["validate", out, "--json"]);
    expect(v.code).toBe(1);
    expect(JSON.parse(v.stdout).findings.some((f: { rule: string }) => f.rule === "V01")).toBe(true);
  });

  it("takes the parameters from flags", async () => {
    const out = path.join(tmp, "mau", "khac.xlsx");
    const r = await pdv([
      "template", "--roster", CSV, "--out", out,
      "--ten", "Đảng bộ huyện Đồng Hỷ", "--nam", "2021", "--han", "10/09/2021", "--chi-tieu", "300",
    ]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const dm = (await readXlsx(await fs.readFile(out), "khac.xlsx"))[0].values;
    const param = (code: string) => dm.find((row) => row[0] === code)?.[2];
    expect(param("DB_TEN")).toBe("Đảng bộ huyện Đồng Hỷ");
    expect(param("NAM")).toBe(2021);
    expect(param("KY_TU")).toBe(44197); // 01/01/2021
    expect(param("KY_DEN")).toBe(44439); // 31/08/2021
    expect(param("HAN_NOP")).toBe(44449); // 10/09/2021
    expect(param("CHITIEU_DB")).toBe(300);
    // --ten without --co-quan: no body is invented (Phú Bình's board belongs to Phú Bình's name only).
    expect(param("CO_QUAN") ?? null).toBeNull();
  });

  it("asks for the receiving body and the committee's code (--co-quan, --ma-db)", async () => {
    const out = path.join(tmp, "mau", "phuong.xlsx");
    const r = await pdv([
      "template", "--roster", CSV, "--out", out,
      "--ten", "Đảng bộ phường Tân Thịnh", "--co-quan", "  Ban Xây dựng Đảng   Đảng ủy phường Tân Thịnh ", "--ma-db", "P012",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Ban Xây dựng Đảng Đảng ủy phường Tân Thịnh");
    const sheets = await readXlsx(await fs.readFile(out), "phuong.xlsx");
    const dm = sheets[0].values;
    const param = (code: string) => dm.find((row) => row[0] === code)?.[2];
    expect(param("CO_QUAN")).toBe("Ban Xây dựng Đảng Đảng ủy phường Tân Thịnh");
    expect(param("MA_DB")).toBe("P012");
    // The unit forms name that body, not a district's.
    const form = sheets[1].values;
    expect(form.find((row) => row[2] === "HS_DENGHI")?.[1]).toBe("Hồ sơ đề nghị kết nạp đã gửi Ban Xây dựng Đảng Đảng ủy phường Tân Thịnh");
    expect(JSON.stringify(sheets.map((g) => g.values))).not.toMatch(/Huyện ủy/);
  });
});

describe("a PDV-01 v1 workbook made before CO_QUAN and MA_DB", () => {
  // The Phú Bình sample as committed before issue 13 (no optional parameters, old labels).
  const V1 = path.join(ROOT, "test", "fixtures", "v1", "phu-binh-2020-v1.xlsx");

  it("stays valid and keeps the published figures; the receiving body reads neutrally", async () => {
    const v = JSON.parse((await pdv(["validate", V1, "--json"])).stdout);
    expect(v.findings.filter((f: { rule: string }) => f.rule === "S01")).toEqual([]);
    const r = await pdv(["consolidate", V1, "--out", path.join(tmp, "out", "v1.xlsx"), "--json"]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const j = JSON.parse(r.stdout);
    expect(j.units.included).toBe(48);
    expect(j.totals).toMatchObject({ DV_TONG: 7335, QC_BOIDUONG: 282, HS_DENGHI: 36, KN_CHITIEU: 253, KN_DAKETNAP: 31 });
    expect(j.ratio).toBe(31 / 253);
    expect(j.committee).toEqual({ name: "Đảng bộ huyện Phú Bình", board: null, code: null });
    expect(j.narrative).toContain("đạt 12,25% so với chỉ tiêu được giao (253 đảng viên)");
    expect(j.narrative).toContain("36 hồ sơ đề nghị kết nạp đã gửi cấp ủy cấp trên.");
  });
});

describe("the ward sample (samples/phuong-phan-dinh-phung-2026, committed)", () => {
  for (const input of ["phuong-phan-dinh-phung-2026.xlsx", "phuong-phan-dinh-phung-2026"]) {
    it(`consolidates ${input}: 20/20 cells, the headline over the 40 given, the 44 allocated`, async () => {
      const r = await pdv(["consolidate", path.join(ROOT, "samples", input), "--out", path.join(tmp, "out", `${input}.xlsx`), "--json"]);
      expect(r).toMatchObject({ code: 0, stderr: "" });
      const j = JSON.parse(r.stdout);
      expect(j.units.included).toBe(20);
      expect(j.totals.KN_DAKETNAP).toBe(29);
      expect(j.totals.KN_CHITIEU).toBe(44);
      expect(j.headline).toEqual({ target: 40, basis: "given" });
      expect(j.ratio).toBe(29 / 40);
      expect(j.allocatedRatio).toBe(29 / 44);
      expect(j.committee).toEqual({
        name: "Đảng bộ phường Phan Đình Phùng",
        board: "Ban Xây dựng Đảng Đảng ủy phường Phan Đình Phùng",
        code: "DBP07",
      });
      expect(j.narrative).toContain("đạt 72,50% so với chỉ tiêu được giao (40 đảng viên)");
      expect(j.narrative).toContain("3 chi bộ trực thuộc không được giao chỉ tiêu");
      expect(j.narrative).not.toMatch(/huyện/i);
    });
  }

  it("is what npm run samples generates from its CSV", async () => {
    const dir = path.join(tmp, "ward");
    const script = JSON.parse(await fs.readFile(path.join(ROOT, "package.json"), "utf8")).scripts.samples as string;
    const ward = script.split("&&").map((c) => c.trim()).find((c) => c.includes("phuong-phan-dinh-phung-2026.csv"))!;
    // The flags as npm passes them to the shell: split on spaces outside double quotes.
    const args = (ward.match(/"[^"]*"|\S+/g) ?? []).map((a) => a.replace(/^"|"$/g, "")).slice(2);
    const outAt = args.indexOf("--out");
    args[outAt + 1] = dir;
    const r = await pdv(args);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const fresh = await readXlsx(await fs.readFile(path.join(dir, "phuong-phan-dinh-phung-2026.xlsx")), "a.xlsx");
    const committed = await readXlsx(await fs.readFile(path.join(ROOT, "samples", "phuong-phan-dinh-phung-2026.xlsx")), "b.xlsx");
    expect(fresh.map((g) => [g.name, g.values])).toEqual(committed.map((g) => [g.name, g.values]));
  });
});
