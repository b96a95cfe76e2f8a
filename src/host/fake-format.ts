/**
 * RangeFormat, its font and fill, and per-cell formats (getCellProperties/setCellProperties), in the
 * fake Excel host.
 */
import { type Cell, type CellFont, DEFAULT_COLUMN_WIDTH, DEFAULT_FONT, MAX_COLS, MAX_ROWS } from "./fake-model";
import { serverError } from "./fake-server-error";
import { uniform } from "./fake-cells";
import { type TypeSpec, ClientObject } from "./fake-client";
import { type RangeTarget, forCells, rowsUniform } from "./fake-range";

/** The standard row height of a new sheet (Calibri 11), points. */
export const STANDARD_ROW_HEIGHT = 15;
/** Excel's largest row height, points. */
const MAX_ROW_HEIGHT = 409;

export interface CellPropertiesSpec {
  address?: boolean;
  format?: {
    font?: { name?: boolean; bold?: boolean; italic?: boolean; color?: boolean };
    fill?: { color?: boolean };
    horizontalAlignment?: boolean;
    wrapText?: boolean;
  };
}

export function cellProperties(spec: CellPropertiesSpec, c: Cell | undefined, address: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (spec.address) out.address = address;
  const f = spec.format;
  if (f) {
    const fmt: Record<string, unknown> = {};
    if (f.font) {
      const font: Record<string, unknown> = {};
      if (f.font.name) font.name = c?.font?.name ?? DEFAULT_FONT;
      if (f.font.bold) font.bold = c?.font?.bold ?? false;
      if (f.font.italic) font.italic = c?.font?.italic ?? false;
      if (f.font.color) font.color = c?.font?.color ?? "#000000";
      fmt.font = font;
    }
    if (f.fill?.color) fmt.fill = { color: c?.fill ?? "#FFFFFF" };
    if (f.horizontalAlignment) fmt.horizontalAlignment = c?.halign ?? "General";
    if (f.wrapText) fmt.wrapText = c?.wrap ?? false;
    out.format = fmt;
  }
  return out;
}

const H_ALIGN = ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"];

export function applyCellProperties(cell: Cell, props: unknown): void {
  if (props === null || props === undefined) return;
  if (typeof props !== "object") throw serverError("InvalidArgument");
  const format = (props as { format?: Record<string, unknown> }).format;
  if (!format) return;
  const font = format.font as CellFont | undefined;
  if (font) {
    for (const [k, v] of Object.entries(font)) {
      if (!["name", "bold", "italic", "color", "size"].includes(k)) throw serverError("InvalidArgument");
      setFont(cell, k as keyof CellFont, v);
    }
  }
  const fill = format.fill as { color?: unknown } | undefined;
  if (fill?.color !== undefined) setFill(cell, fill.color);
  if (format.horizontalAlignment !== undefined) setAlign(cell, format.horizontalAlignment);
  if (format.wrapText !== undefined) setWrap(cell, format.wrapText);
}

function setFont(cell: Cell, prop: keyof CellFont, v: unknown): void {
  const okType = prop === "name" || prop === "color" ? typeof v === "string" : prop === "size" ? typeof v === "number" : typeof v === "boolean";
  if (!okType) throw serverError("InvalidArgument");
  cell.font = { ...cell.font, [prop]: v };
}

function setFill(cell: Cell, v: unknown): void {
  if (typeof v !== "string") throw serverError("InvalidArgument");
  cell.fill = v === "" ? undefined : v.toUpperCase();
}

export function setAlign(cell: Cell, v: unknown): void {
  if (typeof v !== "string" || !H_ALIGN.includes(v)) throw serverError("InvalidArgument");
  cell.halign = v;
}

export function setWrap(cell: Cell, v: unknown): void {
  if (typeof v !== "boolean") throw serverError("InvalidArgument");
  cell.wrap = v;
}

export class FakeRangeFormat extends ClientObject {
  readonly _type = "RangeFormat";
  readonly _spec: TypeSpec = {
    scalars: {
      columnWidth: (t: RangeTarget) => {
        const ws = new Set<number>();
        const cols = Math.min(t.rect.nc, MAX_COLS);
        for (let j = 0; j < cols; j++) ws.add(t.sheet.columnWidths.get(t.rect.c0 + j) ?? DEFAULT_COLUMN_WIDTH);
        return ws.size === 1 ? [...ws][0] : null;
      },
      rowHeight: (t: RangeTarget) => rowsUniform(t, (r) => t.sheet.rowHeights.get(r) ?? STANDARD_ROW_HEIGHT, t.sheet.rowHeights.keys()),
      useStandardHeight: (t: RangeTarget) => rowsUniform(t, (r) => !t.sheet.rowHeights.has(r), t.sheet.rowHeights.keys()),
      horizontalAlignment: (t: RangeTarget) => uniform(t.sheet, t.rect, (c) => c?.halign ?? "General"),
      wrapText: (t: RangeTarget) => uniform(t.sheet, t.rect, (c) => c?.wrap ?? false),
    },
    writers: {
      rowHeight: (t: RangeTarget, v, rt) => {
        if (typeof v !== "number" || !(v >= 0 && v <= MAX_ROW_HEIGHT)) throw serverError("InvalidArgument");
        if (t.rect.nr === MAX_ROWS) throw new Error("FakeExcel: a row height for every row is not modelled");
        rt.touch(t.sheet);
        for (let r = t.rect.r0; r < t.rect.r0 + t.rect.nr; r++) t.sheet.rowHeights.set(r, v);
      },
      // Documented: "only intended to be set to true. Setting it to false has no effect."
      useStandardHeight: (t: RangeTarget, v, rt) => {
        if (typeof v !== "boolean") throw serverError("InvalidArgument");
        if (!v) return;
        rt.touch(t.sheet);
        if (t.rect.nr === MAX_ROWS) t.sheet.rowHeights.clear();
        else for (let r = t.rect.r0; r < t.rect.r0 + t.rect.nr; r++) t.sheet.rowHeights.delete(r);
      },
      columnWidth: (t: RangeTarget, v, rt) => {
        if (typeof v !== "number" || !(v >= 0)) throw serverError("InvalidArgument");
        rt.touch(t.sheet);
        for (let j = 0; j < t.rect.nc; j++) t.sheet.columnWidths.set(t.rect.c0 + j, v);
      },
      horizontalAlignment: (t: RangeTarget, v, rt) => forCells(t, (c) => setAlign(c, v), rt),
      wrapText: (t: RangeTarget, v, rt) => forCells(t, (c) => setWrap(c, v), rt),
    },
    navs: ["font", "fill"],
  };

  get columnWidth(): number {
    return this._get("columnWidth");
  }
  set columnWidth(v: number) {
    this._ctx._require("1.2", "RangeFormat.columnWidth");
    this._set("columnWidth", v);
  }
  get rowHeight(): number {
    return this._get("rowHeight");
  }
  /** ExcelApi 1.2, in points (0 hides the row, at most 409). */
  set rowHeight(v: number) {
    this._ctx._require("1.2", "RangeFormat.rowHeight");
    this._set("rowHeight", v);
  }
  get useStandardHeight(): boolean {
    return this._get("useStandardHeight");
  }
  /** ExcelApi 1.7: true puts the rows back to the sheet's standard height. */
  set useStandardHeight(v: boolean) {
    this._ctx._require("1.7", "RangeFormat.useStandardHeight");
    this._set("useStandardHeight", v);
  }
  get horizontalAlignment(): string {
    return this._get("horizontalAlignment");
  }
  set horizontalAlignment(v: string) {
    this._set("horizontalAlignment", v);
  }
  get wrapText(): boolean {
    return this._get("wrapText");
  }
  set wrapText(v: boolean) {
    this._set("wrapText", v);
  }
  get font(): FakeRangeFont {
    return this._child("font", (v) => new FakeRangeFont(this._ctx, this, v));
  }
  get fill(): FakeRangeFill {
    return this._child("fill", (v) => new FakeRangeFill(this._ctx, this, v));
  }
}

export class FakeRangeFont extends ClientObject {
  readonly _type = "RangeFont";
  readonly _spec: TypeSpec = {
    scalars: {
      name: (t: RangeTarget) => uniform(t.sheet, t.rect, (c) => c?.font?.name ?? DEFAULT_FONT),
      bold: (t: RangeTarget) => uniform(t.sheet, t.rect, (c) => c?.font?.bold ?? false),
      italic: (t: RangeTarget) => uniform(t.sheet, t.rect, (c) => c?.font?.italic ?? false),
      color: (t: RangeTarget) => uniform(t.sheet, t.rect, (c) => c?.font?.color ?? "#000000"),
      size: (t: RangeTarget) => uniform(t.sheet, t.rect, (c) => c?.font?.size ?? 11),
    },
    writers: {
      name: (t: RangeTarget, v, rt) => forCells(t, (c) => setFont(c, "name", v), rt),
      bold: (t: RangeTarget, v, rt) => forCells(t, (c) => setFont(c, "bold", v), rt),
      italic: (t: RangeTarget, v, rt) => forCells(t, (c) => setFont(c, "italic", v), rt),
      color: (t: RangeTarget, v, rt) => forCells(t, (c) => setFont(c, "color", v), rt),
      size: (t: RangeTarget, v, rt) => forCells(t, (c) => setFont(c, "size", v), rt),
    },
  };

  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v);
  }
  get bold(): boolean {
    return this._get("bold");
  }
  set bold(v: boolean) {
    this._set("bold", v);
  }
  get italic(): boolean {
    return this._get("italic");
  }
  set italic(v: boolean) {
    this._set("italic", v);
  }
  get color(): string {
    return this._get("color");
  }
  set color(v: string) {
    this._set("color", v);
  }
  get size(): number {
    return this._get("size");
  }
  set size(v: number) {
    this._set("size", v);
  }
}

export class FakeRangeFill extends ClientObject {
  readonly _type = "RangeFill";
  readonly _spec: TypeSpec = {
    scalars: { color: (t: RangeTarget) => uniform(t.sheet, t.rect, (c) => c?.fill ?? "#FFFFFF") },
    writers: { color: (t: RangeTarget, v, rt) => forCells(t, (c) => setFill(c, v), rt) },
  };

  get color(): string {
    return this._get("color");
  }
  set color(v: string) {
    this._set("color", v);
  }
}
