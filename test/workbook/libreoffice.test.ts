/**
 * Plans written by the .xlsx adapter, recalculated by LibreOffice: every cached result the plan
 * wrote (sums, cross-sheet links to sheets with diacritics and apostrophes, ratios) must be what a
 * spreadsheet computes. PDV.* cells are skipped (LibreOffice does not know them).
 * LibreOffice is required: when soffice is missing this test fails (CI installs it).
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { compareFormulaResults, findSoffice, formulaCells, recalculateAll } from "../helpers/libreoffice";
import { createXlsxPort, readXlsx } from "../../src/workbook/xlsx";
import { sheetRef } from "../../src/core/a1";
import type { PlanCell, SheetPlan } from "../../src/core/types";
import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate } from "../../src/core/consolidate";
import { summaryPlan } from "../../src/core/layout";
import { DEFAULT_PARAMS, rosterSheetPlan, unitSheetPlan } from "../../src/core/blank";
import { sampleRoster, sampleValues } from "../helpers/sample";

jest.setTimeout(180_000);

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "pdv-lo-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const units = [
  { sheet: "Tân Đức", admitted: 1, target: 10, members: 279 },
  { sheet: "Chi bộ K'Long", admitted: 2, target: 3, members: 41 },
  { sheet: "Xã Điềm Thụy", admitted: 2, target: 0, members: 303 },
];

function unitPlan(u: (typeof units)[number]): SheetPlan {
  const rows: (PlanCell | undefined)[][] = [];
  for (let r = 0; r < 8; r++) rows.push([]);
  rows.push([undefined, undefined, { value: "KN_DAKETNAP" }, { value: u.admitted }]); // row 9
  rows.push([undefined, undefined, { value: "KN_CHITIEU" }, { value: u.target }]); // row 10
  rows.push([undefined, undefined, { value: "DV_TONG" }, { value: u.members }]); // row 11
  rows.push([
    undefined,
    undefined,
    { value: "KN_TYLE" },
    { formula: "=IF(D10=0,\"\",D9/D10)", value: u.target === 0 ? "" : u.admitted / u.target, numberFormat: "0.00%" },
  ]);
  return { name: u.sheet, rows };
}

/** A summary sheet linking to the unit sheets; cached results computed here, independently. */
function summaryOf(stale = false): SheetPlan {
  const rows: (PlanCell | undefined)[][] = [[{ value: "Đơn vị" }, { value: "Đã kết nạp" }, { value: "Chỉ tiêu" }, { value: "Đảng viên" }, { value: "Tỷ lệ" }]];
  units.forEach((u, i) => {
    const r = i + 2;
    rows.push([
      { value: u.sheet },
      { formula: `=${sheetRef(u.sheet, "D9")}`, value: u.admitted },
      { formula: `=${sheetRef(u.sheet, "D10")}`, value: u.target },
      { formula: `=${sheetRef(u.sheet, "D11")}`, value: u.members },
      { formula: `=IF(C${r}=0,"",B${r}/C${r})`, value: u.target === 0 ? "" : u.admitted / u.target },
    ]);
  });
  const sum = (k: "admitted" | "target" | "members") => units.reduce((s, u) => s + u[k], 0);
  const last = units.length + 1;
  rows.push([
    { value: "Tổng" },
    { formula: `=SUM(B2:B${last})`, value: stale ? 999 : sum("admitted") },
    { formula: `=SUM(C2:C${last})`, value: sum("target") },
    { formula: `=SUM(D2:D${last})`, value: sum("members") },
    { formula: `=IF(C${last + 1}=0,"",B${last + 1}/C${last + 1})`, value: sum("admitted") / sum("target") },
  ]);
  rows.push([{ value: "PDV" }, { formula: `=PDV.TYLE(B${last + 1},C${last + 1})`, value: sum("admitted") / sum("target") }]);
  return { name: "TongHop", rows };
}

async function writeBook(file: string, stale: boolean): Promise<void> {
  const port = createXlsxPort();
  await port.addSheets(units.map(unitPlan));
  await port.writeSheet(summaryOf(stale));
  await port.save(file);
}

describe("LibreOffice recalculation", () => {
  it("finds soffice (LibreOffice Calc is required for these tests)", () => {
    if (!findSoffice()) {
      throw new Error("LibreOffice (soffice) không có trên máy: cài gói Debian libreoffice-calc-nogui (bash .ci/run) hoặc đặt biến SOFFICE.");
    }
  });

  let small: { file: string; recalculated: string }[] = [];
  beforeAll(async () => {
    if (!findSoffice()) return; // the first test fails with the reason
    const files = [path.join(dir, "links.xlsx"), path.join(dir, "stale.xlsx")];
    await writeBook(files[0], false);
    await writeBook(files[1], true);
    const out = await recalculateAll(files, path.join(dir, "out"));
    small = files.map((file, i) => ({ file, recalculated: out[i] }));
  });

  it("agrees with every cached result the adapter wrote (links, sums, ratios)", async () => {
    const { file, recalculated } = small[0];
    const { checked, mismatches } = await compareFormulaResults(file, recalculated);
    expect(checked).toBe(units.length * 5 + 4); // 3 per link row + ratio, unit KN_TYLE, total row; PDV skipped
    expect(mismatches).toEqual([]);
    // The links resolved (no #REF! for the apostrophe or diacritics) and LibreOffice kept the sheets.
    const grids = await readXlsx(await fs.readFile(recalculated), "links.xlsx");
    expect(grids.map((g) => g.name)).toEqual([...units.map((u) => u.sheet), "TongHop"]);
    expect(grids[3].values[2][1]).toBe(2);
  });

  it("really recalculates: a stale cached result is corrected and reported", async () => {
    const { file, recalculated } = small[1];
    const { mismatches } = await compareFormulaResults(file, recalculated);
    expect(mismatches).toEqual([
      { sheet: "TongHop", cell: "B5", formula: "SUM(B2:B4)", written: 999, recalculated: 5 },
    ]);
    const cells = await formulaCells(recalculated);
    expect(cells.find((c) => c.sheet === "TongHop" && c.cell === "B6")?.result).toBe("#NAME?");
  });

  it("agrees with the sample district's TongHop (links to 48 unit sheets)", async () => {
    const roster = sampleRoster();
    const port = createXlsxPort();
    await port.addSheets([rosterSheetPlan(DEFAULT_PARAMS, roster), ...roster.map((r) => unitSheetPlan(DEFAULT_PARAMS, r, sampleValues(r)))]);
    const snap = await port.readWorkbook();
    const summary = consolidate(analyzeWorkbook({ sheets: snap.sheets }));
    await port.writeSheet(summaryPlan(summary, { links: true }));
    const file = path.join(dir, "sample.xlsx");
    await port.save(file);
    const [recalculated] = await recalculateAll([file], path.join(dir, "out-sample"));
    const { checked, mismatches } = await compareFormulaResults(file, recalculated);
    expect(checked).toBeGreaterThan(48 * 5);
    expect(mismatches).toEqual([]);
  });
});
