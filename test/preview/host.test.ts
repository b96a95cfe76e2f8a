/**
 * The preview host (src/preview/host.ts) wires what the add-in's import needs: its Office global
 * answers isSetSupported, so the Office.js adapter's default check finds ExcelApi 1.13, and its
 * fake reads inserted .xlsx files (workbook.insertWorksheetsFromBase64) with the .xlsx adapter.
 */
import { createPreviewHost, installGlobals } from "../../src/preview/host";
import { createOfficePort } from "../../src/workbook/office";
import { createXlsxPort } from "../../src/workbook/xlsx";

const GLOBALS: string[] = ["Office", "Excel", "OfficeExtension", "CustomFunctions"];
afterEach(() => {
  for (const k of GLOBALS) delete (globalThis as Record<string, unknown>)[k];
});

test("a unit's sheet is copied from its file through the installed globals, formulas calculated", async () => {
  const file = createXlsxPort();
  await file.writeSheet({ name: "Hướng dẫn", rows: [[{ value: "Đọc kỹ" }]] });
  await file.writeSheet({ name: "PDV-01", rows: [[{ value: 3 }, { value: 4 }, { formula: "=A1+B1", value: 0 }]] });
  const bytes = new Uint8Array(await file.toBuffer());

  const preview = createPreviewHost([{ name: "DanhMuc", values: [["MA_DV"], ["TCCS07"]] }]);
  installGlobals(globalThis as unknown as Record<string, unknown>, preview);
  const port = createOfficePort(preview.fake.Excel); // the default requirement check: the global Office

  await expect(port.insertSheetFromFile!({ bytes, sheet: "PDV-01" }, "TCCS07")).resolves.toBe(true);
  expect(preview.host.sheetNames()).toEqual(["DanhMuc", "TCCS07"]);
  const dump = preview.host.dump("TCCS07");
  expect(dump.formulas[0][2]).toBe("=A1+B1");
  expect(dump.values[0]).toEqual([3, 4, 7]); // recalculated by the preview, not the file's cached 0
});
