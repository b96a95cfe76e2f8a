/**
 * Replacing a unit's report through the Office.js adapter on the strict fake Excel (ExcelApi 1.17,
 * the file's sheet copied as it is): the backup hidden right after the new sheet, the workbook as
 * it was after a failure midway, the backup deleted by the next Tổng hợp.
 */
import { createFakeExcel, type FakeGlobals } from "../../src/host/fake-excel";
import { createOfficePort, type OfficePort } from "../../src/workbook/office";
import { base64ToBytes } from "../../src/workbook/base64";
import { createXlsxPort, readXlsx } from "../../src/workbook/xlsx";
import { PortError } from "../../src/workbook/port";
import { importReportFiles } from "../../src/flows/import";
import { previewReplacement, replaceReport, ReplaceError, type ReplacementRequest } from "../../src/flows/replace";
import { runConsolidation } from "../../src/flows/consolidate";
import { DEFAULT_PARAMS, unitSheetPlan } from "../../src/core/blank";
import { sampleGrids, sampleRoster, sampleValues } from "../helpers/sample";
import { rowOfCode } from "../helpers/grids";

const rows = sampleRoster();
const FILE = "TCCS07 gửi lại.xlsx";

/** TCCS07's corrected file: one more admitted. */
async function correctedFile(): Promise<Uint8Array> {
  const row = rows.find((r) => r.code === "TCCS07")!;
  const values = sampleValues(row);
  const port = createXlsxPort();
  await port.writeSheet({ ...unitSheetPlan(DEFAULT_PARAMS, row, { ...values, KN_DAKETNAP: Number(values.KN_DAKETNAP ?? 0) + 1 }), name: "PDV-01" });
  return new Uint8Array(await port.toBuffer());
}

let bytes: Uint8Array;
beforeAll(async () => {
  bytes = await correctedFile();
});

async function setup(): Promise<{ g: FakeGlobals; port: OfficePort; request: ReplacementRequest }> {
  const g = createFakeExcel({
    sheets: sampleGrids(rows).map((s) => ({ name: s.name, values: s.values, formulas: s.formulas })),
    decodeWorkbook: (b64) => readXlsx(base64ToBytes(b64), "chen.xlsx"),
  });
  const port = createOfficePort(g.Excel, { isSetSupported: g.Office.context.requirements.isSetSupported });
  const services = { readFile: async () => bytes, readXlsx: (b: Uint8Array, name: string) => readXlsx(b, name), pause: async () => undefined };
  const [o] = await importReportFiles(port, [{ name: FILE } as File], services, () => undefined);
  if (o.kind !== "exists" || !o.incoming) throw new Error(`expected 'exists', got ${o.kind}`);
  return { g, port, request: { unit: o.unit, file: o.file, sheet: o.sheet, incoming: o.incoming } };
}

const admitted = (g: FakeGlobals, sheet: string) => {
  const d = g.host.dump(sheet);
  return d.values[d.values.findIndex((r) => r[2] === "KN_DAKETNAP")][3];
};

test("confirmed: the file's sheet takes TCCS07's name and place, the old one hidden right after it; Tổng hợp counts the new figure and deletes the backup", async () => {
  const { g, port, request } = await setup();
  const was = admitted(g, "TCCS07") as number;
  const order = g.host.sheetNames();
  const preview = await previewReplacement(port, request);
  expect(preview.backup).toBe("TCCS07 (cũ)");
  expect(preview.changes).toEqual([expect.objectContaining({ code: "KN_DAKETNAP", before: String(was), after: String(was + 1) })]);

  expect(await replaceReport(port, request, preview)).toEqual({ done: true, preview });
  const at = order.indexOf("TCCS07");
  expect(g.host.sheetNames()).toEqual([...order.slice(0, at), "TCCS07", "TCCS07 (cũ)", ...order.slice(at + 1)]);
  expect(g.host.dump("TCCS07 (cũ)").visibility).toBe("Hidden");
  expect(admitted(g, "TCCS07 (cũ)")).toBe(was);
  expect(admitted(g, "TCCS07")).toBe(was + 1);
  const copied = g.host.dump("TCCS07");
  expect(copied.formulas[rowOfCode({ name: "x", values: copied.values }, "KN_TYLE") - 1][3]).toMatch(/^=IF\(/); // copied as it is

  const r = await runConsolidation(port);
  expect(r.summary.totals.KN_DAKETNAP).toBe(32);
  expect(r.summary.included).toHaveLength(48);
  expect(g.host.sheetNames()).not.toContain("TCCS07 (cũ)");
});

test("a failure midway (hiding the backup) leaves the workbook as it was", async () => {
  const { g, port, request } = await setup();
  const before = g.host.snapshot();
  const preview = await previewReplacement(port, request);
  jest.spyOn(port, "setSheetsVisibility").mockRejectedValueOnce(new PortError("Không ẩn được sheet (mã lỗi GeneralException).", "write"));
  const err = await replaceReport(port, request, preview).catch((e) => e);
  expect(err).toBeInstanceOf(ReplaceError);
  expect(err.message).toBe("Không thay được báo cáo của đơn vị TCCS07 (Không ẩn được sheet (mã lỗi GeneralException)). Sổ giữ nguyên như trước.");
  expect(g.host.snapshot()).toBe(before);
});

test("a backup that is not a report of anyone: hidden or shown, Kiểm tra and Tổng hợp ignore it", async () => {
  const { g, port, request } = await setup();
  await replaceReport(port, request, await previewReplacement(port, request));
  await port.setSheetsVisibility!(["TCCS07 (cũ)"], "Visible");
  const r = await runConsolidation(port);
  expect(r.analysis.findings.filter((f) => f.sheet.includes("(cũ)"))).toEqual([]);
  expect(r.summary.totals.KN_DAKETNAP).toBe(32);
  expect(g.host.sheetNames()).not.toContain("TCCS07 (cũ)");
});
