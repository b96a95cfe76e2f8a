/**
 * The ExcelJS adapter against real .xlsx files: written by the adapter (or by ExcelJS directly),
 * saved to disk, read back by ExcelJS and by the adapter; bad inputs refused with PortError.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { deflateRawSync } from "zlib";
import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { PortError } from "../../src/workbook/port";
import {
  NO_RESULT,
  STATE_SHEET,
  checkXlsxBytes,
  createXlsxPort,
  loadXlsx,
  openXlsxPort,
  readXlsx,
} from "../../src/workbook/xlsx";
import type { SheetPlan } from "../../src/core/types";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "pdv-xlsx-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function bytesOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** name → XML text of each worksheet part, resolved through workbook.xml and its rels. */
async function sheetXml(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const wbXml = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)) target.set(m[1], m[2]);
  for (const m of rels.matchAll(/<Relationship [^>]*Target="([^"]+)"[^>]*Id="([^"]+)"/g)) target.set(m[2], m[1]);
  const out = new Map<string, string>();
  for (const m of wbXml.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const t = target.get(m[2])!.replace(/^\/?(xl\/)?/, "");
    out.set(m[1], await zip.file(`xl/${t}`)!.async("string"));
  }
  return out;
}

function expectVietnamesePortError(fn: () => unknown, fileName: string, code?: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(PortError);
  const err = caught as PortError;
  expect(err.message).toContain(fileName);
  expect(err.message).not.toMatch(/\n/);
  expect(err.message).toMatch(/[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i);
  if (code) expect(err.code).toBe(code);
}

async function expectRejectsVietnamese(p: Promise<unknown>, fileName: string, code?: string): Promise<void> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  expectVietnamesePortError(() => {
    if (caught) throw caught;
  }, fileName, code);
}

/* ------------------------------------------------------------------ reading */

describe("readXlsx", () => {
  let grids: Awaited<ReturnType<typeof readXlsx>>;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Tân Đức");
    ws.getCell("A1").value = new Date(Date.UTC(2020, 7, 31));
    ws.getCell("A1").numFmt = "dd/mm/yyyy";
    ws.getCell("B1").value = new Date(Date.UTC(2020, 8, 5, 12, 0, 0));
    ws.getCell("C1").value = { error: "#REF!" };
    ws.getCell("D1").value = { richText: [{ text: "Xã " , font: { bold: true } }, { text: "Tân Đức" }] };
    ws.getCell("E1").value = { text: "Trang chủ", hyperlink: "https://example.org" };
    ws.getCell("F1").value = true;
    ws.getCell("G1").value = "";
    ws.getCell("A2").value = 3;
    ws.getCell("B2").value = 4;
    ws.getCell("C2").value = { formula: "A2+B2", result: 7 };
    ws.getCell("D2").value = { formula: "A2/0", result: { error: "#DIV/0!" } };
    ws.getCell("E2").value = { formula: "DATE(2020,8,31)", result: new Date(Date.UTC(2020, 7, 31)) };
    ws.getCell("A3").value = 10;
    ws.getCell("A4").value = 20;
    ws.getCell("A5").value = 30;
    ws.getCell("B3").value = { formula: "A3*2", result: 20, shareType: "shared", ref: "B3:B5" } as ExcelJS.CellValue;
    ws.getCell("B4").value = { sharedFormula: "B3", result: 40 } as ExcelJS.CellValue;
    ws.getCell("B5").value = { sharedFormula: "B3", result: 60 } as ExcelJS.CellValue;
    ws.getCell("A7").value = "gộp";
    ws.mergeCells("A7:C7");
    ws.getCell("H9").value = "cuối";
    ws.getCell("H9").font = { name: ".VnTime" };
    const hidden = wb.addWorksheet("An", { state: "hidden" });
    hidden.getCell("A1").value = 1;
    const very = wb.addWorksheet("Rất ẩn", { state: "veryHidden" });
    very.getCell("A1").value = 2;
    const file = path.join(dir, "read.xlsx");
    await wb.xlsx.writeFile(file);
    grids = await readXlsx(await fs.readFile(file), "TCCS01.xlsx", { fonts: true });
  });

  it("gives one grid per sheet, with source file and visibility", () => {
    expect(grids.map((g) => g.name)).toEqual(["Tân Đức", "An", "Rất ẩn"]);
    expect(grids.map((g) => g.visibility)).toEqual(["Visible", "Hidden", "VeryHidden"]);
    for (const g of grids) expect(g.source).toEqual({ file: "TCCS01.xlsx" });
  });

  it("normalises values", () => {
    const v = grids[0].values;
    expect(v[0][0]).toBe(44074); // 31/08/2020
    expect(v[0][1]).toBeCloseTo(44079.5, 10); // 05/09/2020 12:00
    expect(v[0][2]).toEqual({ error: "#REF!" });
    expect(v[0][3]).toBe("Xã Tân Đức");
    expect(v[0][4]).toBe("Trang chủ");
    expect(v[0][5]).toBe(true);
    expect(v[0][6]).toBeNull();
    expect(v[6]).toEqual([ "gộp", null, null, null, null, null, null, null ]);
  });

  it("spans from A1 to the last non-blank cell", () => {
    expect(grids[0].values.length).toBe(9);
    for (const row of grids[0].values) expect(row.length).toBe(8);
    expect(grids[0].values[8][7]).toBe("cuối");
  });

  it("gives formula cells their cached result and formula text", () => {
    const g = grids[0];
    expect(g.values[1][2]).toBe(7);
    expect(g.formulas![1][2]).toBe("=A2+B2");
    expect(g.values[1][3]).toEqual({ error: "#DIV/0!" });
    expect(g.values[1][4]).toBe(44074);
    expect(g.formulas![1][0]).toBeNull();
    // shared formulas: translated relative to the master
    expect(g.formulas![2][1]).toBe("=A3*2");
    expect(g.formulas![3][1]).toBe("=A4*2");
    expect(g.formulas![4][1]).toBe("=A5*2");
    expect(g.values.slice(2, 5).map((r) => r[1])).toEqual([20, 40, 60]);
  });

  it("reads fonts when asked, and not otherwise", async () => {
    expect(grids[0].fonts![8][7]).toBe(".VnTime");
    const plain = await readXlsx(await fs.readFile(path.join(dir, "read.xlsx")), "TCCS01.xlsx", { formulas: false });
    expect(plain[0].fonts).toBeUndefined();
    expect(plain[0].formulas).toBeUndefined();
  });

  // The guard inflates each part once and hands ExcelJS a stored copy: zips written otherwise
  // (data descriptors after the data, stored and deflated parts mixed, another writer's headers)
  // must read exactly the same.
  it.each([
    ["data descriptors (streamed)", { streamFiles: true, compression: "DEFLATE" as const }],
    ["every part stored", { compression: "STORE" as const }],
    ["deflated at level 9", { compression: "DEFLATE" as const, compressionOptions: { level: 9 } }],
  ])("reads the same grids from a zip with %s", async (_what, options) => {
    const original = await fs.readFile(path.join(dir, "read.xlsx"));
    const zip = await JSZip.loadAsync(original);
    zip.file("xl/media/", null, { dir: true });
    const other = await zip.generateAsync({ type: "nodebuffer", ...options });
    expect(other.equals(original)).toBe(false);
    const again = await readXlsx(other, "TCCS01.xlsx", { fonts: true });
    expect(again).toEqual(grids);
  });
});

/* ------------------------------------------------------------------ writing */

const plan: SheetPlan = {
  name: "TongHop",
  rows: [
    [{ value: "BÁO CÁO KẾT QUẢ PHÁT TRIỂN ĐẢNG VIÊN", bold: true, align: "center" }],
    [
      { value: "Mã", bold: true, fill: "#D9E1F2" },
      { value: "Tên tổ chức cơ sở đảng", bold: true, wrap: true },
      { value: "Đã kết nạp", italic: true, align: "right" },
      { value: "Tỷ lệ" },
    ],
    [{ value: "TCCS01" }, { value: "Tân Đức" }, { value: 12, numberFormat: "#,##0" }, { value: 0.5, formula: "=C3/24", numberFormat: "0.00%" }],
    [{ value: "TCCS02" }, undefined, { value: 19, note: "Tệp TCCS02.xlsx, ô D15" }],
    [{ value: "Tổng" }, { value: null }, { value: 31, formula: "=SUM(C3:C4)" }, { formula: "=PDV.TYLE(C5,253)" }],
  ],
  columnWidths: [10, 40, 12, 10],
  frozenRows: 2,
  merges: ["A1:D1"],
  chart: { type: "ColumnClustered", title: "x", categories: "A3:A4", series: [{ name: "s", values: "C3:C4" }], anchor: "F2", width: 6, height: 10 },
  state: { fingerprint: "abc123", version: "1" },
};

describe("writeSheet", () => {
  let file: string;
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    const port = createXlsxPort();
    await port.writeSheet(plan);
    file = path.join(dir, "plan.xlsx");
    await port.save(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    ws = wb.getWorksheet("TongHop")!;
  });

  it("renders values, formulas with cached results and formats", () => {
    expect(ws.getCell("A1").value).toBe("BÁO CÁO KẾT QUẢ PHÁT TRIỂN ĐẢNG VIÊN");
    expect(ws.getCell("D3").value).toEqual({ formula: "C3/24", result: 0.5 });
    expect(ws.getCell("C5").value).toEqual({ formula: "SUM(C3:C4)", result: 31 });
    expect((ws.getCell("D5").value as ExcelJS.CellFormulaValue).formula).toBe("PDV.TYLE(C5,253)");
    expect(ws.getCell("D3").numFmt).toBe("0.00%");
    expect(ws.getCell("C3").numFmt).toBe("#,##0");
  });

  it("renders styles, widths, merges, frozen rows and notes", () => {
    expect(ws.getCell("A1").font.bold).toBe(true);
    expect(ws.getCell("C2").font.italic).toBe(true);
    expect(ws.getCell("A2").fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } });
    expect(ws.getCell("A1").alignment.horizontal).toBe("center");
    expect(ws.getCell("C2").alignment.horizontal).toBe("right");
    expect(ws.getCell("B2").alignment.wrapText).toBe(true);
    expect(ws.getColumn(2).width).toBe(40);
    expect(ws.getCell("B1").isMerged).toBe(true);
    expect(ws.getCell("B1").master.address).toBe("A1");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    const note = ws.getCell("C4").note;
    const text = typeof note === "string" ? note : note.texts!.map((t) => t.text).join("");
    expect(text).toBe("Tệp TCCS02.xlsx, ô D15");
  });

  it("reads back through the adapter, state included, state sheet very hidden and unlisted", async () => {
    const port = await openXlsxPort(file);
    expect((await port.listSheets()).map((s) => s.name)).toEqual(["TongHop"]);
    const snap = await port.readWorkbook();
    expect(snap.state).toEqual({ fingerprint: "abc123", version: "1" });
    expect(snap.sheets.map((s) => s.name)).toEqual(["TongHop"]);
    const g = snap.sheets[0];
    expect(g.source).toBeUndefined();
    expect(g.values[2]).toEqual(["TCCS01", "Tân Đức", 12, 0.5]);
    expect(g.formulas![4][2]).toBe("=SUM(C3:C4)");
    // A formula written without a result reads as the "no stored result" error value.
    expect(g.values[4][3]).toEqual({ error: NO_RESULT });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet(STATE_SHEET)!.state).toBe("veryHidden");
  });

  it("writes formula-looking text as text, never as a formula", async () => {
    const tricky = ["=cmd|' /C calc'!A0", "+1", "-x", "@x", "=SUM(A1:A2)"];
    const port = createXlsxPort();
    await port.writeSheet({ name: "Text", rows: [tricky.map((value) => ({ value }))] });
    const bytes = await port.toBuffer();
    const xml = (await sheetXml(bytes)).get("Text")!;
    expect(xml).not.toContain("<f>");
    expect(xml).not.toContain("<f ");
    const zip = await JSZip.loadAsync(bytes);
    const shared = await zip.file("xl/sharedStrings.xml")!.async("string");
    expect(shared).toContain("<t>=cmd|&apos; /C calc&apos;!A0</t>");
    const grids = await readXlsx(bytes, "text.xlsx");
    expect(grids[0].values[0]).toEqual(tricky);
    expect(grids[0].formulas![0]).toEqual([null, null, null, null, null]);
  });

  it("adds sheets, refusing a taken or invalid name", async () => {
    const port = createXlsxPort();
    await port.addSheets([{ name: "DanhMuc", rows: [[{ value: 1 }]] }, { name: "TCCS01", rows: [] }]);
    await expect(port.addSheets([{ name: "danhmuc", rows: [] }])).rejects.toBeInstanceOf(PortError);
    await expect(port.addSheets([{ name: "a/b", rows: [] }])).rejects.toBeInstanceOf(PortError);
    await expect(port.addSheets([{ name: "X", rows: [] }, { name: "x", rows: [] }])).rejects.toBeInstanceOf(PortError);
    expect((await port.listSheets()).map((s) => s.name)).toEqual(["DanhMuc", "TCCS01"]);
  });

  it("saves reproducibly with a fixed date: same sheets, same bytes", async () => {
    const fixedDate = new Date(Date.UTC(2020, 8, 5));
    const save = async () => {
      const port = createXlsxPort(undefined, { fixedDate });
      await port.writeSheet(plan);
      return port.toBuffer();
    };
    const first = await save();
    await new Promise((r) => setTimeout(r, 2100)); // zip times have a 2-second resolution
    const second = await save();
    expect(second.equals(first)).toBe(true);
    // Every central directory entry carries 05/09/2020 00:00 as its DOS date and time.
    let entries = 0;
    for (let i = first.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0; i = first.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)) {
      expect(first.readUInt16LE(i + 12)).toBe(0);
      expect(first.readUInt16LE(i + 14)).toBe(((2020 - 1980) << 9) | (9 << 5) | 5);
      entries++;
    }
    expect(entries).toBeGreaterThan(5);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(first as unknown as ExcelJS.Buffer);
    expect(wb.created.toISOString()).toBe("2020-09-05T00:00:00.000Z");
  });

  it("refuses to save over the file it was opened from", async () => {
    const port = await openXlsxPort(file);
    const before = await fs.readFile(file);
    await expectRejectsVietnamese(port.save(file), "plan.xlsx", "overwrite-input");
    expect((await fs.readFile(file)).equals(before)).toBe(true);
  });
});

describe("cell notes written by the port", () => {
  // Texts ExcelJS treats specially: entities, leading/trailing spaces and line breaks
  // (xml:space="preserve"), control characters (dropped), Vietnamese.
  const tricky = ["a & b <c> \"q\" 'x'", " đầu cách", "cuối cách ", "dòng 1\ndòng 2", "điều\u0001khiển", "Tệp TCCS02.xlsx, ô D15"];
  const manyNotes = (name: string, count: number): SheetPlan => ({
    name,
    rows: Array.from({ length: count }, (_, i) => [
      { value: `Đơn vị ${i + 1}` },
      { value: i, note: tricky[i % tricky.length] + ` #${i}` },
      i % 7 === 0 ? { value: i * 2, note: `Nguồn ${i}` } : undefined,
    ]),
  });
  // 1,500 notes make a VML part of more than 1 MB, so it is written in several deflated pieces.
  const plans = [manyNotes("TongHop", 1500), { name: "Một", rows: [[{ value: 1, note: "chỉ một" }]] }, manyNotes("Khác", 40)];
  const fixedDate = new Date(Date.UTC(2020, 8, 5));
  const write = async (excelJsNotes: boolean) => {
    const port = createXlsxPort(undefined, { fixedDate, excelJsNotes });
    for (const p of plans) await port.writeSheet(p);
    const bytes = await port.toBuffer();
    expect(port.notesWrittenBy).toBe(excelJsNotes ? "exceljs" : "port");
    return bytes;
  };
  const parts = async (bytes: Buffer) => {
    const zip = await JSZip.loadAsync(bytes);
    const out = new Map<string, string>();
    for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async("string"));
    return out;
  };

  it("are the parts ExcelJS writes, byte for byte, in a deflated zip", async () => {
    const ours = await write(false);
    const theirs = await write(true);
    const a = await parts(ours);
    const b = await parts(theirs);
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect([...a.keys()].filter((k) => /comments|vmlDrawing/.test(k))).toHaveLength(6);
    for (const [name, text] of b) expect({ name, text: a.get(name) }).toEqual({ name, text });
    // Every file entry is deflated (method 8; folders stay stored) and the zip passes the port's own guard.
    const methods: string[] = [];
    for (let i = ours.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0; i = ours.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)) {
      const name = ours.subarray(i + 46, i + 46 + ours.readUInt16LE(i + 28)).toString("utf8");
      if (!name.endsWith("/")) methods.push(`${name}:${ours.readUInt16LE(i + 10)}`);
    }
    expect(methods.length).toBe(a.size);
    expect(methods.filter((m) => !m.endsWith(":8"))).toEqual([]);
    expect(() => checkXlsxBytes(ours, "notes.xlsx")).not.toThrow();
  });

  it("read back by ExcelJS with their texts on their cells", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await write(false)) as unknown as ExcelJS.Buffer);
    const text = (c: ExcelJS.Cell) => {
      const n = c.note;
      return typeof n === "string" ? n : n?.texts?.map((t) => t.text).join("");
    };
    const ws = wb.getWorksheet("TongHop")!;
    expect(text(ws.getCell("B1"))).toBe(tricky[0] + " #0");
    expect(text(ws.getCell("B4"))).toBe(tricky[3] + " #3");
    expect(text(ws.getCell("B5"))).toBe("điềukhiển #4");
    expect(text(ws.getCell("B1500"))).toBe(tricky[1499 % tricky.length] + " #1499");
    expect(text(ws.getCell("C1401"))).toBe("Nguồn 1400");
    expect(text(ws.getCell("C2"))).toBeUndefined();
    expect(text(wb.getWorksheet("Một")!.getCell("A1"))).toBe("chỉ một");
    expect(text(wb.getWorksheet("Khác")!.getCell("B40"))).toBe(tricky[39 % tricky.length] + " #39");
  });
});

describe("replacing a sheet", () => {
  async function threeSheets(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet("DanhMuc");
    a.getCell("A1").value = "DB_TEN";
    a.getCell("C1").value = "Đảng bộ huyện Phú Bình";
    a.getCell("C2").value = new Date(Date.UTC(2020, 7, 31));
    a.getCell("C2").numFmt = "dd/mm/yyyy";
    const t = wb.addWorksheet("TongHop");
    t.getCell("A1").value = "cũ";
    t.getCell("B5").value = 99;
    const b = wb.addWorksheet("Tân Đức");
    b.getCell("D9").value = 12;
    b.getCell("D10").value = { formula: "D9*2", result: 24 };
    b.getCell("D10").font = { bold: true, name: "Times New Roman" };
    b.getCell("E3").note = "ghi chú";
    b.getColumn(2).width = 33;
    b.mergeCells("A1:E1");
    return bytesOf(wb);
  }

  it("keeps the position and leaves every other sheet's cells unchanged", async () => {
    const before = await threeSheets();
    // Baseline: the same workbook saved by the adapter without changes.
    const untouched = await createXlsxPort(await loadXlsx(before, "in.xlsx")).toBuffer();
    const port = createXlsxPort(await loadXlsx(before, "in.xlsx"));
    await port.writeSheet({ name: "TongHop", rows: [[{ value: "mới" }]], state: { fingerprint: "f1" } });
    expect((await port.listSheets()).map((s) => s.name)).toEqual(["DanhMuc", "TongHop", "Tân Đức"]);
    const after = await port.toBuffer();

    const xBefore = await sheetXml(untouched);
    const xAfter = await sheetXml(after);
    for (const name of ["DanhMuc", "Tân Đức"]) {
      const cells = (xml: string) => xml.match(/<sheetData>.*<\/sheetData>/s)![0];
      expect(cells(xAfter.get(name)!)).toBe(cells(xBefore.get(name)!));
    }
    expect(xAfter.get("TongHop")).not.toBe(xBefore.get("TongHop"));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(after as unknown as ExcelJS.Buffer);
    const model = (ws: ExcelJS.Worksheet) => {
      const cells: unknown[] = [];
      ws.eachRow((row) => row.eachCell((c) => cells.push([c.address, c.value, c.style, c.note])));
      return JSON.stringify([cells, ws.model.merges, ws.getColumn(2).width]);
    };
    const wbBefore = new ExcelJS.Workbook();
    await wbBefore.xlsx.load(before as unknown as ExcelJS.Buffer);
    for (const name of ["DanhMuc", "Tân Đức"]) {
      expect(model(wb.getWorksheet(name)!)).toBe(model(wbBefore.getWorksheet(name)!));
    }
    const grids = await readXlsx(after, "out.xlsx");
    const t = grids.find((g) => g.name === "TongHop")!;
    expect(t.values).toEqual([["mới"]]); // old B5 gone
  });

  it("leaves the old sheet intact when the new one cannot be built", async () => {
    const port = createXlsxPort(await loadXlsx(await threeSheets(), "in.xlsx"));
    await expect(port.writeSheet({ name: "TongHop", rows: [[{ value: 1, fill: "đỏ" }]] })).rejects.toBeInstanceOf(PortError);
    expect((await port.listSheets()).map((s) => s.name)).toEqual(["DanhMuc", "TongHop", "Tân Đức"]);
    const snap = await port.readWorkbook();
    expect(snap.sheets[1].values[0][0]).toBe("cũ");
    expect(snap.state).toEqual({});
  });

  it("selects a cell", async () => {
    const port = createXlsxPort(await loadXlsx(await threeSheets(), "in.xlsx"));
    await port.selectCell("Tân Đức", "D9");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await port.toBuffer()) as unknown as ExcelJS.Buffer);
    expect(wb.views[0].activeTab).toBe(2);
    expect(wb.getWorksheet("Tân Đức")!.views[0].activeCell).toBe("D9");
    await expect(port.selectCell("Không có", "A1")).rejects.toBeInstanceOf(PortError);
  });
});

/* ------------------------------------------------------------------ bad input */

/** A workbook part naming one sheet (xl/worksheets/sheet1.xml), and its relationships. */
const WORKBOOK_PARTS = [
  {
    name: "xl/workbook.xml",
    data: Buffer.from(
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
  },
  {
    name: "xl/_rels/workbook.xml.rels",
    data: Buffer.from(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
  },
];

/** A minimal zip writer (stored or deflated entries) with optional lies about sizes. */
function makeZip(entries: { name: string; data: Buffer; deflate?: boolean; declaredSize?: number; flags?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const body = e.deflate ? deflateRawSync(e.data) : e.data;
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.flags ?? 0, 6);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt32LE(0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.flags ?? 0, 8);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

describe("bad input files", () => {
  it("accepts a real workbook", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("A").getCell("A1").value = 1;
    expect(() => checkXlsxBytes(new Uint8Array(0), "x.xlsx")).toThrow(PortError);
    const bytes = await bytesOf(wb);
    expect(() => checkXlsxBytes(bytes, "ok.xlsx")).not.toThrow();
    expect(() => checkXlsxBytes(new Uint8Array(bytes), "ok.xlsx")).not.toThrow();
  });

  it("refuses an empty file", async () => {
    await expectRejectsVietnamese(readXlsx(Buffer.alloc(0), "rong.xlsx"), "rong.xlsx", "empty");
  });

  it("refuses a text file and names a CSV as such", async () => {
    await expectRejectsVietnamese(readXlsx(Buffer.from("hello, world\n"), "vanban.xlsx"), "vanban.xlsx", "not-xlsx");
    await expectRejectsVietnamese(readXlsx(Buffer.from("MA_DV,TEN_DV\nTCCS01,Xã A\n"), "danh-sach.csv"), "danh-sach.csv", "csv");
  });

  it("refuses an OLE2 container (.xls, or an encrypted .xlsx)", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    await expectRejectsVietnamese(readXlsx(ole, "mat-khau.xlsx"), "mat-khau.xlsx", "ole2");
    await expectRejectsVietnamese(readXlsx(ole, "cu.xls"), "cu.xls", "ole2");
  });

  it("refuses a corrupt (truncated) zip", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("A").getCell("A1").value = "x".repeat(5000);
    const bytes = await bytesOf(wb);
    await expectRejectsVietnamese(readXlsx(bytes.subarray(0, Math.floor(bytes.length / 2)), "hong.xlsx"), "hong.xlsx", "corrupt");
    const garbled = Buffer.from(bytes);
    // Damage the worksheet's compressed data (a part the reader must inflate).
    const at = garbled.indexOf("xl/worksheets/sheet1.xml") + "xl/worksheets/sheet1.xml".length;
    for (let i = at + 4; i < at + 300; i++) garbled[i] ^= 0x5a;
    await expectRejectsVietnamese(readXlsx(garbled, "hong2.xlsx"), "hong2.xlsx", "corrupt");
  });

  it("refuses a zip bomb by its declared sizes, before inflating", async () => {
    const bomb = makeZip([
      ...WORKBOOK_PARTS,
      { name: "xl/worksheets/sheet1.xml", data: Buffer.from("x"), deflate: true, declaredSize: 0xfffffff0 },
    ]);
    await expectRejectsVietnamese(readXlsx(bomb, "bom.xlsx"), "bom.xlsx", "too-large");
  });

  it("refuses an entry that inflates beyond its declared size", async () => {
    const lying = makeZip([
      ...WORKBOOK_PARTS,
      { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(20 * 1024 * 1024), deflate: true, declaredSize: 1024 },
    ]);
    expect(lying.length).toBeLessThan(100 * 1024);
    await expectRejectsVietnamese(readXlsx(lying, "bom2.xlsx"), "bom2.xlsx", "too-large");
  });

  it("refuses macro-enabled, binary, encrypted-entry and non-Excel zips", async () => {
    const wbXml = { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") };
    await expectRejectsVietnamese(
      readXlsx(makeZip([wbXml, { name: "xl/vbaProject.bin", data: Buffer.from("vba") }]), "macro.xlsx"),
      "macro.xlsx",
      "macro",
    );
    await expectRejectsVietnamese(readXlsx(makeZip([wbXml]), "so.xlsm"), "so.xlsm", "macro");
    await expectRejectsVietnamese(readXlsx(makeZip([{ name: "xl/workbook.bin", data: Buffer.from("b") }]), "b.xlsb"), "b.xlsb", "xlsb");
    await expectRejectsVietnamese(readXlsx(makeZip([{ name: "word/document.xml", data: Buffer.from("<w/>") }]), "van-ban.xlsx"), "van-ban.xlsx", "not-xlsx");
    await expectRejectsVietnamese(readXlsx(makeZip([{ ...wbXml, flags: 1 }]), "ma-hoa.xlsx"), "ma-hoa.xlsx", "ole2");
  });

  it("refuses a well-formed zip that ExcelJS cannot parse as a workbook", async () => {
    const odd = makeZip([{ name: "xl/workbook.xml", data: Buffer.from("<not-closed") }]);
    await expectRejectsVietnamese(readXlsx(odd, "la.xlsx"), "la.xlsx");
  });

  it("names a missing file", async () => {
    await expectRejectsVietnamese(openXlsxPort(path.join(dir, "khong-co.xlsx")), "khong-co.xlsx", "io");
  });
});
