/**
 * Sheet plans as a new .xlsx file, and several files as one .zip, in the browser (the task pane's
 * "Gửi lại đơn vị", loaded as a lazy chunk: ExcelJS's browser build, fflate) as in Node. Every
 * note is set through ExcelJS itself (the port's faster note writer needs Node's zlib); no charts
 * (feedback files have none).
 */
import * as ExcelJS from "exceljs";
import { zipSync } from "fflate";
import type { SheetPlan } from "../../core/types";
import { renderPlan } from "./render";
import { STATE_SHEET } from "./reader";

/** The .xlsx bytes of a workbook holding `plans`, in order, their `state` in the very hidden `_pdv_state` sheet. Throws PortError for a plan ExcelJS cannot hold (a text over 32,767 characters). */
export async function plansToXlsx(plans: SheetPlan[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "PDV";
  for (const plan of plans) {
    const ws = wb.addWorksheet(plan.name);
    const notes = renderPlan(ws, plan);
    for (const n of notes.slice(1)) ws.getRow(n.row).getCell(n.col).note = n.text;
  }
  // The plans' add-in state (a feedback file's stamp, core/own-output.ts), last and very hidden, as the port keeps it.
  const state = Object.assign({}, ...plans.map((p) => p.state ?? {})) as Record<string, string>;
  if (Object.keys(state).length > 0) {
    const ws = wb.addWorksheet(STATE_SHEET, { state: "veryHidden" });
    for (const [k, v] of Object.entries(state)) ws.addRow([k, v]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** One .zip (deflated, names in UTF-8) holding `files` under their names. */
export function filesZip(files: { name: string; bytes: Uint8Array }[]): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[f.name] = f.bytes;
  return zipSync(entries, { level: 6 });
}
