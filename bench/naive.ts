/**
 * The baseline of the round-trip benchmark: a naive Office.js adapter of the workbook port, written
 * the way Office.js code often starts out. It does the same work as src/workbook/office.ts and
 * writes the same cells, but syncs per item instead of batching:
 *
 * - readWorkbook: one sync for the sheet list and the settings, then one load + sync per sheet
 *   (used range: values, valueTypes);
 * - writeSheet: one sync for the sheet list, one to add the new sheet, then one sync per plan row
 *   (number formats, formulas/values and cell formats of that row), one for column widths, merges,
 *   frozen rows and the chart, and one to delete the old sheet, rename the new one, store state
 *   and (plan.activate) select A1 of the new sheet;
 * - selectCell: one sync (as the real adapter).
 *
 * Cell encoding, cell formats, the chart and grid conversion are the real adapter's (encodeCell,
 * cellProps, queueChart, toGrid), so both adapters read the same grids and write the same values;
 * only the round trips differ.
 */
import type { SheetGrid, SheetPlan } from "../src/core/types";
import { columnLetters } from "../src/core/a1";
import type { ReadOptions, SheetInfo, WorkbookPort, WorkbookSnapshot } from "../src/workbook/port";
import { cellProps, encodeCell, queueChart, STATE_SETTING_PREFIX, toGrid, widthToPoints, type ExcelLike, type XCellProps, type XContext } from "../src/workbook/office";

export class NaivePort implements WorkbookPort {
  syncs = 0;

  constructor(private readonly excel: ExcelLike) {}

  private async sync(ctx: XContext): Promise<void> {
    this.syncs++;
    await ctx.sync();
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets;
      ws.load("items/name,items/visibility");
      await this.sync(ctx);
      return ws.items.map((s) => ({ name: s.name, visibility: s.visibility as SheetInfo["visibility"] }));
    });
  }

  async readWorkbook(options: ReadOptions = {}): Promise<WorkbookSnapshot> {
    const skip = new Set((options.skip ?? []).map((s) => s.toLowerCase()));
    return this.excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets;
      ws.load("items/name,items/visibility");
      const settings = ctx.workbook.settings;
      settings.load("items/key,items/value");
      await this.sync(ctx);
      const sheets: SheetGrid[] = [];
      for (const s of ws.items) {
        if (skip.has(s.name.toLowerCase()) || s.name.startsWith("~")) continue;
        const used = ctx.workbook.worksheets.getItem(s.name).getUsedRange(true);
        used.load("rowIndex,columnIndex,values,valueTypes");
        await this.sync(ctx);
        sheets.push(toGrid({ name: s.name, visibility: s.visibility as SheetInfo["visibility"] }, used.rowIndex, used.columnIndex, used.values, used.valueTypes, null, null));
      }
      const state: Record<string, string> = {};
      for (const s of settings.items) if (s.key.startsWith(STATE_SETTING_PREFIX)) state[s.key.slice(STATE_SETTING_PREFIX.length)] = String(s.value ?? "");
      return { sheets, state };
    });
  }

  async writeSheet(plan: SheetPlan): Promise<void> {
    await this.excel.run(async (ctx) => {
      const wb = ctx.workbook;
      wb.worksheets.load("items/name");
      await this.sync(ctx);
      const old = wb.worksheets.items.find((s) => s.name.toLowerCase() === plan.name.toLowerCase());
      const tmpName = `~${plan.name.slice(0, 26)}_tmp`;
      const tmp = wb.worksheets.add(tmpName);
      await this.sync(ctx);
      const columns = Math.max(1, ...plan.rows.map((r) => r.length));
      const anyFormat = plan.rows.some((r) => r.some((c) => c?.numberFormat));
      const anyProps = plan.rows.some((r) => r.some((c) => cellProps(c).any));
      for (let i = 0; i < plan.rows.length; i++) {
        const row = Array.from({ length: columns }, (_, c) => plan.rows[i][c]);
        const range = tmp.getRangeByIndexes(i, 0, 1, columns);
        if (anyFormat) range.numberFormat = [row.map((c) => c?.numberFormat ?? "General")];
        range.formulas = [row.map(encodeCell)];
        if (anyProps) range.setCellProperties([row.map((c) => cellProps(c).props as XCellProps)]);
        await this.sync(ctx);
      }
      (plan.columnWidths ?? []).forEach((w, c) => {
        if (w > 0) tmp.getRange(`${columnLetters(c + 1)}:${columnLetters(c + 1)}`).format.columnWidth = widthToPoints(w);
      });
      for (const m of plan.merges ?? []) tmp.getRange(m).merge(false);
      if (plan.frozenRows) tmp.freezePanes.freezeRows(plan.frozenRows);
      if (plan.chart) queueChart(tmp, plan.chart);
      await this.sync(ctx);
      if (old) wb.worksheets.getItem(old.name).delete();
      tmp.name = plan.name;
      for (const [k, v] of Object.entries(plan.state ?? {})) wb.settings.add(STATE_SETTING_PREFIX + k, String(v));
      // SheetPlan.activate: bring the written sheet to the front in the same batch, as the real adapter does.
      if (plan.activate) {
        tmp.activate();
        tmp.getRange("A1").select();
      }
      await this.sync(ctx);
    });
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    await this.excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await this.sync(ctx);
    });
  }
}
