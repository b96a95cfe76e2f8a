/** Rendering a SheetPlan to a grid: what a reader of the written sheet sees (formula cells show their computed value). */
import type { CellValue, SheetGrid, SheetPlan } from "./types";

export function planToGrid(plan: SheetPlan): SheetGrid {
  const width = Math.max(0, ...plan.rows.map((r) => r.length));
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  for (const r of plan.rows) {
    const vr: CellValue[] = [];
    const fr: (string | null)[] = [];
    for (let c = 0; c < width; c++) {
      const cell = r[c];
      const v = cell?.value;
      vr.push(v === undefined || v === "" ? null : v);
      fr.push(cell?.formula ?? null);
    }
    values.push(vr);
    formulas.push(fr);
  }
  return { name: plan.name, values, formulas };
}
