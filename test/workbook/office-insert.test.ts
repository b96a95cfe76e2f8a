/**
 * insertSheetFromFile of the Office.js adapter (ExcelApi 1.13 insertWorksheetsFromBase64) against
 * the strict fake Excel host, which reads the inserted file with the .xlsx adapter's readXlsx.
 */
import { createFakeExcel, type FakeGlobals, type SeedSheet } from "../../src/host/fake-excel";
import { createOfficePort } from "../../src/workbook/office";
import { PortError } from "../../src/workbook/port";
import { base64ToBytes, bytesToBase64 } from "../../src/workbook/base64";
import { createXlsxPort, readXlsx } from "../../src/workbook/xlsx";
import { DEFAULT_PARAMS, unitSheetPlan } from "../../src/core/blank";
import type { SheetGrid } from "../../src/core/types";
import { sampleRoster, sampleValues } from "../helpers/sample";
import { rowOfCode } from "../helpers/grids";

const rows = sampleRoster();
const row7 = rows.find((r) => r.code === "TCCS07")!;

/** A unit's file as a unit sends it: a help sheet, then the PDV-01 form named `sheet`. */
async function unitFile(sheet = "PDV-01"): Promise<Uint8Array> {
  const port = createXlsxPort();
  await port.writeSheet({ name: "Hướng dẫn", rows: [[{ value: "Điền số liệu ở sheet bên cạnh." }]] });
  await port.writeSheet({ ...unitSheetPlan(DEFAULT_PARAMS, row7, sampleValues(row7)), name: sheet });
  return new Uint8Array(await port.toBuffer());
}

const decodeWorkbook = (b64: string): Promise<SeedSheet[]> => readXlsx(base64ToBytes(b64), "chen.xlsx");

const EXISTING: SeedSheet[] = [
  { name: "DanhMuc", values: [["MA_DV", "TEN_DV"], ["TCCS07", "Xã Hà Châu"]] },
  { name: "TCCS01", values: [["Mẫu", "PDV-01 v1"], [1, 2]], formulas: [[null, null], [null, "=A2+1"]] },
];

function setup(apiVersion = "1.17", extra: SeedSheet[] = []): { g: FakeGlobals; port: ReturnType<typeof createOfficePort> } {
  const g = createFakeExcel({ sheets: [...EXISTING, ...extra], apiVersion, decodeWorkbook });
  const port = createOfficePort(g.Excel, { isSetSupported: g.Office.context.requirements.isSetSupported });
  return { g, port };
}

function snapshots(g: FakeGlobals, names: string[]): string[] {
  return names.map((n) => g.host.snapshotSheet(n));
}

let fileBytes: Uint8Array;
let formGrid: SheetGrid;
beforeAll(async () => {
  fileBytes = await unitFile();
  formGrid = (await readXlsx(fileBytes, "f.xlsx")).find((s) => s.name === "PDV-01")!;
});

test("base64 round trip without Buffer, also for files larger than one chunk", () => {
  const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 31) % 256);
  const b64 = bytesToBase64(bytes);
  expect(b64).toBe(Buffer.from(bytes).toString("base64"));
  expect(base64ToBytes(b64)).toEqual(bytes);
});

test("ExcelApi 1.13+: the unit's sheet is copied with its formulas and values, renamed, others untouched", async () => {
  const { g, port } = setup("1.17");
  const before = snapshots(g, ["DanhMuc", "TCCS01"]);
  await port.listSheets();
  g.host.resetStats();

  await expect(port.insertSheetFromFile!({ bytes: fileBytes, sheet: "PDV-01" }, "TCCS07")).resolves.toBe(true);

  expect(g.host.sheetNames()).toEqual(["DanhMuc", "TCCS01", "TCCS07"]); // only the PDV-01 sheet, at the end
  expect(g.host.stats.syncs).toBe(2); // insert, rename (the sheet list was known)
  const dump = g.host.dump("TCCS07");
  expect(dump.visibility).toBe("Visible");
  expect(dump.values).toEqual(formGrid.values.map((r) => r.map((v) => (v !== null && typeof v === "object" ? v.error : v))));
  const ratio = rowOfCode(formGrid, "KN_TYLE");
  expect(dump.formulas[ratio - 1][3]).toMatch(/^=IF\(D\d+=0,"",D\d+\/D\d+\)$/);
  expect(dump.formulas[ratio - 1][3]).toBe(formGrid.formulas![ratio - 1][3]);
  expect(dump.values[rowOfCode(formGrid, "MA_DV") - 1][3]).toBe("TCCS07");
  expect(snapshots(g, ["DanhMuc", "TCCS01"])).toEqual(before);

  // The port knows the new sheet: a later write costs no extra sync for the list.
  g.host.resetStats();
  await port.writeSheet({ name: "TongHop", rows: [[{ value: 1 }]] });
  expect(g.host.stats.syncs).toBe(1);
});

test("the file's sheet name taken in the workbook: Excel's 'PDV-01 (2)', then the rename; the existing one untouched", async () => {
  const { g, port } = setup("1.17", [{ name: "PDV-01", values: [["của sổ"]] }]);
  const before = g.host.snapshotSheet("PDV-01");
  let seen: string[] = [];
  const roundTrip = g.host.roundTrip.bind(g.host);
  g.host.roundTrip = async (...args) => {
    await roundTrip(...args);
    seen = g.host.sheetNames();
  };
  await g.Excel.run(async (ctx) => {
    ctx.workbook.insertWorksheetsFromBase64(bytesToBase64(fileBytes), { sheetNamesToInsert: ["PDV-01"] });
    await ctx.sync();
  });
  expect(seen).toContain("PDV-01 (2)");
  await expect(port.insertSheetFromFile!({ bytes: fileBytes, sheet: "PDV-01" }, "TCCS07")).resolves.toBe(true);
  expect(g.host.sheetNames()).toEqual(["DanhMuc", "TCCS01", "PDV-01", "PDV-01 (2)", "TCCS07"]);
  expect(g.host.snapshotSheet("PDV-01")).toBe(before);
});

test("below ExcelApi 1.13: false before any round trip, nothing changed", async () => {
  const { g, port } = setup("1.9");
  const before = g.host.snapshot();
  await expect(port.insertSheetFromFile!({ bytes: fileBytes, sheet: "PDV-01" }, "TCCS07")).resolves.toBe(false);
  expect(g.host.stats.syncs).toBe(0);
  expect(g.host.snapshot()).toBe(before);

  // A host that claims the set but lacks the method (ApiNotFound) is treated the same.
  const liar = createOfficePort(g.Excel, { isSetSupported: () => true });
  await expect(liar.insertSheetFromFile!({ bytes: fileBytes, sheet: "PDV-01" }, "TCCS07")).resolves.toBe(false);
  expect(g.host.snapshot()).toBe(before);
});

test("no global Office: the default requirement check says no", async () => {
  const g = createFakeExcel({ sheets: EXISTING, decodeWorkbook });
  const port = createOfficePort(g.Excel);
  await expect(port.insertSheetFromFile!({ bytes: fileBytes, sheet: "PDV-01" }, "TCCS07")).resolves.toBe(false);
  expect(g.host.stats.syncs).toBe(0);
});

test("Excel declining the file (UnsupportedFeature on the web, payload too large): false, nothing left", async () => {
  const { g, port } = setup("1.17");
  await port.listSheets();
  const before = g.host.snapshot();
  g.host.failNextSync("UnsupportedFeature");
  await expect(port.insertSheetFromFile!({ bytes: fileBytes, sheet: "PDV-01" }, "TCCS07")).resolves.toBe(false);
  expect(g.host.snapshot()).toBe(before);

  const small = createFakeExcel({ sheets: EXISTING, decodeWorkbook, payloadLimit: 2_000 });
  const port2 = createOfficePort(small.Excel, { isSetSupported: () => true });
  const before2 = small.host.snapshot();
  await expect(port2.insertSheetFromFile!({ bytes: fileBytes, sheet: "PDV-01" }, "TCCS07")).resolves.toBe(false);
  expect(small.host.snapshot()).toBe(before2);
});

test("a taken name is refused in Vietnamese and nothing is inserted", async () => {
  const { g, port } = setup("1.17");
  const before = g.host.snapshot();
  const err = await port.insertSheetFromFile!({ bytes: fileBytes, sheet: "PDV-01" }, "tccs01").catch((e) => e);
  expect(err).toBeInstanceOf(PortError);
  expect(err).toMatchObject({ code: "sheet-exists", message: "Sheet 'tccs01' đã có trong sổ tính: không ghi đè." });
  expect(g.host.snapshot()).toBe(before);
  await expect(port.insertSheetFromFile!({ bytes: fileBytes, sheet: "PDV-01" }, "a/b")).rejects.toMatchObject({ code: "sheet-name" });
});

test("a name taken behind the port's back: the rename fails, the copy is removed, refused as taken", async () => {
  const { g, port } = setup("1.17");
  await port.listSheets();
  g.host.addSheet({ name: "TCCS07", values: [["của người dùng"]] });
  const before = g.host.snapshot();
  await expect(port.insertSheetFromFile!({ bytes: fileBytes, sheet: "PDV-01" }, "TCCS07")).rejects.toMatchObject({ code: "sheet-exists" });
  expect(g.host.snapshot()).toBe(before);
  expect(g.host.sheetNames()).toEqual(["DanhMuc", "TCCS01", "TCCS07"]);
});

test.each([
  ["at the rename", 0],
  ["after the rename, at the visibility", 2],
])("a failure %s leaves no extra sheet", async (_label, afterActions) => {
  const { g, port } = setup("1.17");
  await port.listSheets();
  const before = g.host.snapshot();
  g.host.failSync(g.host.stats.syncs + 2, "GeneralException", { afterActions });
  const err = await port.insertSheetFromFile!({ bytes: fileBytes, sheet: "PDV-01" }, "TCCS07").catch((e) => e);
  expect(err).toBeInstanceOf(PortError);
  expect(err.message).toBe("Không chép được sheet 'PDV-01' của tệp vào sổ thành sheet 'TCCS07' (mã lỗi GeneralException).");
  expect(g.host.snapshot()).toBe(before);
});

test("a sheet the file lacks fails at sync and leaves nothing", async () => {
  const { g, port } = setup("1.17");
  const before = g.host.snapshot();
  await expect(port.insertSheetFromFile!({ bytes: fileBytes, sheet: "Không có" }, "TCCS07")).rejects.toMatchObject({ code: "write" });
  expect(g.host.snapshot()).toBe(before);
});
