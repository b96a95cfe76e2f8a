/**
 * A worksheet's cells as they are read: the cell being read (its position, type, style, stored
 * value, formula) and, when it ends, its value (ECMA-376 Part 1, 18.3.1.4) added to the sheet's
 * list. Fed by the parse events of `./sheet` (saxes or the fast tokenizer) and by `scanSheetData`
 * (`./sheet-scan`), which reads the usual `<sheetData>` straight from the text: both end in
 * `finish`, so both give the same cells.
 */
import type { CellValue } from "../../core/types";
import { NO_STORED_RESULT } from "../../core/types";
import { keepText } from "./xml";
import type { CellStyles } from "./styles";
import type { SharedStrings } from "./strings";
import { constantFormula, DAYS_1904, isoToSerial, shiftFormula } from "./sheet-values";

export interface SheetContext {
  strings: SharedStrings;
  styles: CellStyles;
  date1904: boolean;
  /** The workbook asks for a full recalculation on load: stored results are not to be trusted. */
  fullCalcOnLoad: boolean;
  formulas: boolean;
  fonts: boolean;
}

/** A non-blank cell read (1-based row and column); `f` with its leading "=" when formulas are read. */
export interface ReadCell {
  r: number;
  c: number;
  v: CellValue;
  f: string | null;
  font: string | null;
}

/** A formula cell saved without a result, to compute once the sheet is read (`./formula`). */
export interface PendingFormula {
  r: number;
  c: number;
  f: string;
  /** Its index among the cells read. */
  at: number;
}

/**
 * The non-blank cells read, in reading order, as parallel lists (no object per cell): row and
 * column (1-based), value, formula, font; the first `n` count. Reused from sheet to sheet.
 */
export class CellLists {
  readonly rows: number[] = [];
  readonly cols: number[] = [];
  readonly values: CellValue[] = [];
  readonly formulas: (string | null)[] = [];
  readonly fonts: (string | null)[] = [];
  n = 0;
}

/** Lists this large are not kept for the next sheet (their memory would stay taken). */
const KEEP_LISTS_MAX = 100_000;
let spareLists: CellLists | null = null;

export class CellReader {
  /** The cells read (`lists.n` of them); give them back with `release` once the grid is built. */
  readonly lists: CellLists;
  readonly pending: PendingFormula[] = [];
  readonly shared = new Map<string, { f: string; r: number; c: number }>();
  maxRow = 0;
  maxCol = 0;
  row = 0;
  col = 0;
  // The cell being read.
  type = "n";
  style = 0;
  v: string | null = null;
  f: string | null = null;
  /** The cell has an `<f>`; `fShared` is its shared formula index (t="shared" si="…") when it has one. */
  hasF = false;
  fShared: string | undefined = undefined;
  inline: string | null = null;

  constructor(readonly ctx: SheetContext) {
    this.lists = spareLists ?? new CellLists();
    spareLists = null;
    this.lists.n = 0;
  }

  /** Cells read so far. */
  get count(): number {
    return this.lists.n;
  }

  /** Forget the cells read after the first `n` (pending formulas are the caller's). */
  truncate(n: number): void {
    this.lists.n = n;
  }

  /** The cells read, one object each (for the uncommon paths: formulas to compute, far cells). */
  cellList(): ReadCell[] {
    const { rows, cols, values, formulas, fonts, n } = this.lists;
    const out: ReadCell[] = [];
    for (let i = 0; i < n; i++) out.push({ r: rows[i], c: cols[i], v: values[i], f: formulas[i], font: fonts[i] });
    return out;
  }

  /** The lists are no longer read: kept (holding no text) for the next sheet, unless large. */
  release(): void {
    const l = this.lists;
    if (l.values.length > KEEP_LISTS_MAX) return;
    // fill, not a loop: a loop here was compiled on the stack (OSR) at the first large sheet and
    // thrown away as it ended (V8 had never seen the code after it run).
    l.values.fill(null, 0, l.n);
    l.formulas.fill(null, 0, l.n);
    l.fonts.fill(null, 0, l.n);
    l.n = 0;
    spareLists = l;
  }

  /** Forget every cell read (the part is about to be read again from its start). */
  clear(): void {
    this.lists.n = 0;
    this.pending.length = 0;
    this.shared.clear();
    this.maxRow = this.maxCol = this.row = this.col = 0;
    this.startCell();
  }

  /** A new cell begins (its position set by the caller). */
  startCell(): void {
    this.type = "n";
    this.style = 0;
    this.v = this.f = this.inline = null;
    this.hasF = false;
    this.fShared = undefined;
  }

  /**
   * `finish` for a cell without a formula whose type is "s" and whose `<v>` is the whole number
   * `i` (the same value and font, without the text of `v`).
   */
  finishShared(i: number): void {
    const { ctx, style } = this;
    let font = ctx.fonts ? (ctx.styles.font[style] ?? null) : null;
    const value = ctx.strings.text[i] ?? null;
    if (ctx.fonts && ctx.strings.font[i]) font = ctx.strings.font[i];
    if (value === null || value === "") return;
    this.add(value, font);
  }

  /** `finish` for a cell without a formula, of the default type, whose `<v>` is the whole number `n`. */
  finishNumber(n: number): void {
    const { ctx, style } = this;
    const font = ctx.fonts ? (ctx.styles.font[style] ?? null) : null;
    this.add(ctx.date1904 && ctx.styles.date[style] ? n + DAYS_1904 : n, font);
  }

  private add(value: CellValue, font: string | null): void {
    this.push(value, null, font);
  }

  private push(value: CellValue, formula: string | null, font: string | null): void {
    const { row, col, lists } = this;
    const i = lists.n++;
    lists.rows[i] = row;
    lists.cols[i] = col;
    lists.values[i] = value;
    lists.formulas[i] = formula;
    lists.fonts[i] = font;
    if (row > this.maxRow) this.maxRow = row;
    if (col > this.maxCol) this.maxCol = col;
  }

  /** The cell being read ends: its value (or formula) is added to the cells read unless it is blank. */
  finish(): void {
    const { ctx, row, col, type, style, v, hasF } = this;
    let f = this.f;
    let value: CellValue = null;
    let font = ctx.fonts ? (ctx.styles.font[style] ?? null) : null;
    if (hasF) {
      const si = this.fShared;
      if (si !== undefined) {
        const master = this.shared.get(si);
        if (f) this.shared.set(si, { f, r: row, c: col });
        else if (master) f = shiftFormula(master.f, row - master.r, col - master.c);
      }
    }
    const unsure = hasF && (v === null || (v === "" && type !== "str") || ctx.fullCalcOnLoad);
    if (unsure) {
      const known = f === null ? undefined : constantFormula(f);
      value = known === undefined ? { error: NO_STORED_RESULT } : known;
      if (known === undefined && f !== null) this.pending.push({ r: row, c: col, f, at: this.lists.n });
    } else if (v !== null) {
      switch (type) {
        case "s": {
          const i = Number(v);
          value = ctx.strings.text[i] ?? null;
          if (ctx.fonts && ctx.strings.font[i]) font = ctx.strings.font[i];
          break;
        }
        case "str":
        case "inlineStr":
          value = v === "" ? null : keepText(v);
          break;
        case "b":
          value = v.trim() === "1" || v.trim().toLowerCase() === "true";
          break;
        case "e":
          value = { error: keepText(v.trim()) };
          break;
        case "d": {
          const serial = isoToSerial(v);
          value = serial === null ? keepText(v) : serial;
          break;
        }
        default: {
          const n = v.trim() === "" ? NaN : Number(v);
          if (Number.isFinite(n)) value = ctx.date1904 && ctx.styles.date[style] ? n + DAYS_1904 : n;
          else value = v.trim() === "" ? null : keepText(v);
        }
      }
      if (value === "") value = null;
    } else if (this.inline !== null) {
      value = this.inline === "" ? null : keepText(this.inline);
    }
    const formula = ctx.formulas && f ? keepText(`=${f}`) : null;
    if (value === null && formula === null && !unsure) return;
    this.push(value, formula, font);
  }
}
