/**
 * The in-memory adapter: a workbook held as grids in page memory (tests, the CLI's folder input,
 * the preview). Writing a plan renders it to a grid (formula cells hold the value the core
 * computed) and keeps the plan itself for inspection.
 */
import type { CellValue, SheetGrid, SheetPlan } from "../core/types";
import type { ReadOptions, SheetInfo, SheetMove, WorkbookPort, WorkbookSnapshot } from "./port";
import { PortError } from "./port";
import { planToGrid } from "../core/plan";
import { sheetNameProblem } from "../core/a1";

export interface MemoryPort extends WorkbookPort {
  /** The current sheets (live objects: read-only for callers). */
  sheets(): SheetGrid[];
  /** The last plan written for a sheet name, if any. */
  planOf(name: string): SheetPlan | undefined;
  /** The last selected cell. */
  selection(): { sheet: string; cell: string } | null;
  state(): Record<string, string>;
}

function cloneGrid(g: SheetGrid): SheetGrid {
  const copy: SheetGrid = { ...g, values: g.values.map((r) => r.map((v) => (v && typeof v === "object" ? { ...v } : v))) };
  if (g.formulas) copy.formulas = g.formulas.map((r) => [...r]);
  if (g.fonts) copy.fonts = g.fonts.map((r) => [...r]);
  return copy;
}

export function createMemoryPort(initial: SheetGrid[], initialState: Record<string, string> = {}): MemoryPort {
  let sheets = initial.map(cloneGrid);
  const plans = new Map<string, SheetPlan>();
  let state = { ...initialState };
  let selected: { sheet: string; cell: string } | null = null;
  const find = (name: string) => sheets.findIndex((s) => s.name.toLowerCase() === name.toLowerCase());
  const must = (name: string) => {
    const i = find(name);
    if (i < 0) throw new PortError(`Không tìm thấy sheet '${name}'.`, "no-sheet");
    return i;
  };

  return {
    async listSheets(): Promise<SheetInfo[]> {
      return sheets.map((s) => ({ name: s.name, visibility: s.visibility ?? "Visible" }));
    },
    async readWorkbook(options: ReadOptions = {}): Promise<WorkbookSnapshot> {
      const skip = new Set((options.skip ?? []).map((s) => s.toLowerCase()));
      const out = sheets.filter((s) => !skip.has(s.name.toLowerCase())).map(cloneGrid);
      for (const g of out) {
        if (!options.fonts) delete g.fonts;
        if (!options.formulas) delete g.formulas;
      }
      return { sheets: out, state: { ...state } };
    },
    async writeSheet(plan: SheetPlan): Promise<void> {
      const problem = sheetNameProblem(plan.name);
      if (problem) throw new PortError(`Không ghi được sheet '${plan.name}': ${problem}.`, "sheet-name");
      const grid = planToGrid(plan);
      const i = find(plan.name);
      if (i >= 0) sheets = [...sheets.slice(0, i), grid, ...sheets.slice(i + 1)];
      else sheets = [...sheets, grid];
      plans.set(plan.name.toLowerCase(), plan);
      if (plan.state) state = { ...state, ...plan.state };
      if (plan.activate) selected = { sheet: plan.name, cell: "A1" };
    },
    async addSheets(newPlans: SheetPlan[]): Promise<void> {
      for (const p of newPlans) {
        const problem = sheetNameProblem(p.name);
        if (problem) throw new PortError(`Không tạo được sheet '${p.name}': ${problem}.`, "sheet-name");
        if (find(p.name) >= 0 || newPlans.filter((q) => q.name.toLowerCase() === p.name.toLowerCase()).length > 1) {
          throw new PortError(`Sheet '${p.name}' đã có trong sổ; không ghi đè báo cáo của đơn vị.`, "sheet-exists");
        }
      }
      for (const p of newPlans) {
        sheets = [...sheets, planToGrid(p)];
        plans.set(p.name.toLowerCase(), p);
      }
    },
    async renameSheet(from: string, to: string): Promise<void> {
      const i = must(from);
      const problem = sheetNameProblem(to);
      if (problem) throw new PortError(`Không đổi được tên sheet '${from}' thành '${to}': ${problem}.`, "sheet-name");
      const j = find(to);
      if (j >= 0 && j !== i) throw new PortError(`Sheet '${to}' đã có trong sổ.`, "sheet-exists");
      const plan = plans.get(from.toLowerCase());
      plans.delete(from.toLowerCase());
      if (plan) plans.set(to.toLowerCase(), plan);
      sheets = sheets.map((s, k) => (k === i ? { ...s, name: to } : s));
    },
    async moveSheets(moves: SheetMove[]): Promise<void> {
      for (const m of moves) {
        must(m.sheet);
        if (m.after !== null) must(m.after);
      }
      for (const m of moves) {
        const moved = sheets[find(m.sheet)];
        const rest = sheets.filter((s) => s !== moved);
        const at = m.after === null ? 0 : rest.findIndex((s) => s.name.toLowerCase() === m.after!.toLowerCase()) + 1;
        sheets = [...rest.slice(0, at), moved, ...rest.slice(at)];
      }
    },
    async setSheetsVisibility(names: string[], visibility: "Visible" | "Hidden"): Promise<void> {
      const targets = new Set(names.map((n) => sheets[must(n)]));
      const visibleLeft = sheets.filter((s) => (s.visibility ?? "Visible") === "Visible" && !(visibility === "Hidden" && targets.has(s)));
      if (visibleLeft.length === 0) throw new PortError("Sổ phải còn ít nhất một sheet hiện: không ẩn được.", "last-visible");
      sheets = sheets.map((s) => (targets.has(s) ? { ...s, visibility } : s));
    },
    async deleteSheets(names: string[]): Promise<void> {
      const targets = new Set(names.map((n) => sheets[must(n)]));
      if (!sheets.some((s) => !targets.has(s) && (s.visibility ?? "Visible") === "Visible")) {
        throw new PortError("Sổ phải còn ít nhất một sheet hiện: không xóa được.", "last-visible");
      }
      for (const s of targets) plans.delete(s.name.toLowerCase());
      sheets = sheets.filter((s) => !targets.has(s));
    },
    async selectCell(sheet: string, cell: string): Promise<void> {
      if (find(sheet) < 0) throw new PortError(`Không tìm thấy sheet '${sheet}'.`, "no-sheet");
      selected = { sheet: sheets[find(sheet)].name, cell };
    },
    sheets: () => sheets,
    planOf: (name: string) => plans.get(name.toLowerCase()),
    selection: () => selected,
    state: () => ({ ...state }),
  };
}

export type { CellValue };
