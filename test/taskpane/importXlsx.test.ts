/**
 * Importing real .xlsx files: a unit's file written by the ExcelJS adapter, read back with readXlsx
 * (as the task pane does), matched by its MA_DV and added to an in-memory workbook.
 */
import { DEFAULT_PARAMS, unitSheetPlan } from "../../src/core/blank";
import { analyzeWorkbook } from "../../src/core/analyze";
import { createXlsxPort, readXlsx } from "../../src/workbook/xlsx";
import { createMemoryPort } from "../../src/workbook/memory";
import { importReportFiles } from "../../src/flows/import";
import { sampleGrids, sampleRoster, sampleValues } from "../helpers/sample";
import { rowOfCode } from "../helpers/grids";

const rows = sampleRoster();

async function unitFileBytes(code: string, sheetName: string): Promise<Uint8Array> {
  const row = rows.find((r) => r.code === code)!;
  const port = createXlsxPort();
  await port.writeSheet({ name: "Hướng dẫn", rows: [[{ value: "Điền số liệu ở sheet bên cạnh." }]] });
  await port.writeSheet({ ...unitSheetPlan(DEFAULT_PARAMS, row, sampleValues(row)), name: sheetName });
  return new Uint8Array(await port.toBuffer());
}

test("a unit's .xlsx file becomes its sheet, formulas kept, and the workbook then has all 48 reports", async () => {
  const workbook = createMemoryPort(sampleGrids(rows).filter((g) => g.name !== "TCCS09"));
  const bytes = new Map<string, Uint8Array>([
    ["Bao cao thang 9.xlsx", await unitFileBytes("TCCS09", "PDV-01")],
    ["khong-phai.xlsx", new TextEncoder().encode("MA_DV,TEN_DV\n")],
  ]);
  const files = [...bytes.keys()].map((name) => ({ name }) as File);
  const outcomes = await importReportFiles(
    workbook,
    files,
    { readFile: async (f) => bytes.get(f.name)!, readXlsx: (b, name) => readXlsx(b, name), pause: async () => undefined },
    () => undefined,
  );
  expect(outcomes.map((o) => o.kind)).toEqual(["added", "unreadable"]);
  expect(outcomes[0]).toMatchObject({ unit: "TCCS09", sheet: "TCCS09", sourceSheet: "PDV-01" });

  const plan = workbook.planOf("TCCS09")!;
  const ratioRow = rowOfCode({ name: "x", values: plan.rows.map((r) => r.map((c) => (c?.value ?? null) as string | null)) }, "KN_TYLE");
  expect(plan.rows[ratioRow - 1][3]?.formula).toMatch(/^=IF\(D\d+=0,"",D\d+\/D\d+\)$/);

  const analysis = analyzeWorkbook({ sheets: (await workbook.readWorkbook()).sheets });
  expect(analysis.received).toBe(48);
  expect(analysis.units.find((u) => u.code === "TCCS09")?.state).toBe("submitted");
  expect(analysis.findings.filter((f) => f.severity === "error")).toEqual([]);
});
