/**
 * Range.getSpecialCells / getSpecialCellsOrNullObject (ExcelApi 1.9) and the RangeAreas they
 * return, in the fake Excel host. Modelled for the cell types "Constants" (a value typed in: number,
 * text, logical, error; blank cells excluded) and "Formulas" (every formula cell, one showing ""
 * included), without a cellValueType filter. The cells found are merged into rectangles as Excel
 * reports them: runs of adjacent cells in a row, runs of rows with the same column span stacked
 * into one area; areas in sheet order of their top-left cell. How the real Excel splits a shape
 * into areas is not documented beyond "rectangular blocks": callers should rely only on the set
 * of cells covered. RangeAreas loads `address` ("Sheet1!A1:B4, Sheet1!D1:D4", sheet-qualified
 * areas joined by ", ", whole columns as "H:H"), `areaCount` and `cellCount`.
 */
import { type Sheet, MAX_COLS } from "./fake-model";
import { serverError } from "./fake-server-error";
import { type Rect, addressSheetName, rectA1 } from "./fake-address";
import { type TypeSpec, ClientObject } from "./fake-client";

export type SpecialCellType = "Constants" | "Formulas";

export interface AreasTarget {
  sheet: Sheet;
  rects: Rect[];
}

/** The cells of `within` on `sheet` of the given type, as rectangles in sheet order (empty when none). */
export function specialRects(sheet: Sheet, within: Rect, type: SpecialCellType): Rect[] {
  const byRow = new Map<number, number[]>();
  for (const [k, cell] of sheet.cells) {
    const r = Math.floor(k / MAX_COLS), c = k % MAX_COLS;
    if (r < within.r0 || r >= within.r0 + within.nr || c < within.c0 || c >= within.c0 + within.nc) continue;
    const isFormula = cell.f !== undefined;
    const hit = type === "Formulas" ? isFormula : !isFormula && cell.v !== null;
    if (!hit) continue;
    const cols = byRow.get(r);
    if (cols) cols.push(c);
    else byRow.set(r, [c]);
  }
  const done: Rect[] = [];
  // Areas still growing downwards, by column span ("c0:c1"): they reached the previous row.
  let open = new Map<string, Rect>();
  let previous = -2;
  for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
    const cols = byRow.get(r)!.sort((a, b) => a - b);
    const next = new Map<string, Rect>();
    for (let i = 0; i < cols.length; ) {
      let j = i;
      while (j + 1 < cols.length && cols[j + 1] === cols[j] + 1) j++;
      const span = `${cols[i]}:${cols[j]}`;
      const above = r === previous + 1 ? open.get(span) : undefined;
      if (above) {
        above.nr++;
        open.delete(span);
        next.set(span, above);
      } else {
        next.set(span, { r0: r, c0: cols[i], nr: 1, nc: cols[j] - cols[i] + 1 });
      }
      i = j + 1;
    }
    done.push(...open.values());
    open = next;
    previous = r;
  }
  done.push(...open.values());
  return done.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
}

const AREAS_SPEC: TypeSpec = {
  scalars: {
    address: (t: AreasTarget) => t.rects.map((r) => `${addressSheetName(t.sheet.name)}!${rectA1(r)}`).join(", "),
    areaCount: (t: AreasTarget) => t.rects.length,
    cellCount: (t: AreasTarget) => t.rects.reduce((n, r) => n + r.nr * r.nc, 0),
  },
};

export class FakeRangeAreas extends ClientObject {
  readonly _type = "RangeAreas";
  readonly _spec = AREAS_SPEC;

  get address(): string {
    return this._get("address");
  }
  get areaCount(): number {
    return this._get("areaCount");
  }
  get cellCount(): number {
    return this._get("cellCount");
  }
}

/**
 * The server side of getSpecialCells on a range: its areas, ItemNotFound when there is no such
 * cell, OperationCellsExceedLimit when the range is larger than the host's operationCellLimit.
 */
export function specialCellsOf(sheet: Sheet, within: Rect, cellType: unknown, cellValueType: unknown, operationCellLimit: number): AreasTarget {
  if (cellType !== "Constants" && cellType !== "Formulas") {
    if (typeof cellType === "string" && ["Blanks", "ConditionalFormats", "DataValidations", "SameConditionalFormat", "SameDataValidation", "Visible"].includes(cellType)) {
      throw new Error(`FakeExcel: getSpecialCells("${cellType}") is not modelled`);
    }
    throw serverError("InvalidArgument");
  }
  if (cellValueType !== undefined) throw new Error("FakeExcel: getSpecialCells with a cellValueType is not modelled");
  if (within.nr * within.nc > operationCellLimit) {
    throw serverError("OperationCellsExceedLimit", "The attempted operation affects more than the limit of 33554000 cells.");
  }
  const rects = specialRects(sheet, within, cellType);
  if (!rects.length) throw serverError("ItemNotFound");
  return { sheet, rects };
}
