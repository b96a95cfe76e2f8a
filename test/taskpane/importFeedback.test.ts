/**
 * Importing PDV's feedback file in the task pane, as the CLI reads it (core/own-output.ts): unedited
 * it is refused as PDV's own output, its report copy edited (ExcelJS, as Excel would save it) it
 * is the unit's report with the edited figure, without stamp (an older PDV) refused with a hint.
 * The file is built by the core's feedback for the sample district and written by the .xlsx adapter.
 */
import ExcelJS from "exceljs";
import { analyzeWorkbook } from "../../src/core/analyze";
import { workbookFeedback } from "../../src/core/feedback";
import { createXlsxPort, readXlsx } from "../../src/workbook/xlsx";
import { readBook } from "../../src/workbook/xlsx/reader";
import { plansToXlsx } from "../../src/workbook/xlsx/plans-file";
import { createMemoryPort } from "../../src/workbook/memory";
import { importReportFiles } from "../../src/flows/import";
import { outcomeMessage } from "../../src/flows/import-plan";
import { sampleGrids, sampleRoster } from "../helpers/sample";
import { rowOfCode } from "../helpers/grids";

const rows = sampleRoster();

/**
 * TCCS09's feedback file (its KN_DAKETNAP typed "ba") and that row: as `pdv feedback` writes it
 * (the .xlsx port), or as the pane's "Gửi lại đơn vị" does (plansToXlsx, ExcelJS).
 */
async function feedbackFile(pane = false): Promise<{ bytes: Uint8Array; row: number }> {
  const grids = sampleGrids(rows);
  const tccs09 = grids.find((g) => g.name === "TCCS09")!;
  const row = rowOfCode(tccs09, "KN_DAKETNAP");
  tccs09.values[row - 1][3] = "ba";
  const set = workbookFeedback({ sheets: grids })!;
  const unit = set.units.find((u) => u.code === "TCCS09")!;
  if (pane) return { bytes: await plansToXlsx(unit.sheets), row };
  const port = createXlsxPort();
  await port.addSheets(unit.sheets);
  return { bytes: new Uint8Array(await port.toBuffer()), row };
}

async function edited(bytes: Uint8Array, edit: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  edit(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function importOne(bytes: Uint8Array) {
  const workbook = createMemoryPort(sampleGrids(rows).filter((g) => g.name !== "TCCS09"));
  const services = {
    readFile: async () => bytes,
    readXlsx: (b: Uint8Array, name: string) => readXlsx(b, name),
    readState: async (b: Uint8Array, name: string) => readBook(b, name, { formulas: false }).state,
    pause: async () => undefined,
  };
  const outcomes = await importReportFiles(workbook, [{ name: "TCCS09 - phản hồi.xlsx" }], services, () => undefined);
  return { workbook, outcome: outcomes[0] };
}

test.each([
  ["pdv feedback", false],
  ["the pane's Gửi lại đơn vị", true],
])("an unedited feedback file (%s) is refused; its copy edited, it imports as the unit's report", async (_by, pane) => {
  const { bytes, row } = await feedbackFile(pane);
  const plain = await importOne(bytes);
  expect(plain.outcome).toMatchObject({ kind: "not-report", feedback: "unedited" });
  expect(outcomeMessage(plain.outcome)).toContain("chưa được sửa");
  expect(plain.workbook.planOf("TCCS09")).toBeUndefined();

  const fixed = await importOne(await edited(bytes, (wb) => (wb.getWorksheet("TCCS09")!.getCell(`D${row}`).value = 2)));
  expect(fixed.outcome).toMatchObject({ kind: "added", unit: "TCCS09", sheet: "TCCS09", sourceSheet: "TCCS09" });
  const analysis = analyzeWorkbook({ sheets: (await fixed.workbook.readWorkbook()).sheets });
  expect(analysis.received).toBe(48);
  expect(analysis.reports.find((r) => r.code === "TCCS09")?.counts.KN_DAKETNAP).toBe(2);
});

test("a feedback file without stamp (older PDV) is refused with how to send a correction", async () => {
  const { bytes } = await feedbackFile();
  const old = await importOne(await edited(bytes, (wb) => wb.removeWorksheet(wb.getWorksheet("_pdv_state")!.id)));
  expect(old).toMatchObject({ outcome: { kind: "not-report", feedback: "unstamped" } });
  expect(outcomeMessage(old.outcome)).toContain("Chép sheet báo cáo sang một tệp mới");
});
