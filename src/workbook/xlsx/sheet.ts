/**
 * One worksheet part → a SheetGrid, streamed. Every legal cell form of ECMA-376 Part 1, 18.3.1.4:
 * shared strings (`t="s"`), inline strings (`t="inlineStr"`, rich runs joined), formula strings
 * (`t="str"`), booleans (`t="b"`), errors (`t="e"`), ISO 8601 dates (`t="d"`, to a serial of the
 * 1900 system) and numbers (the default; date-formatted ones of a 1904 workbook moved to the
 * 1900 system by 1,462 days). Rows and cells without the optional `r` follow the previous one.
 *
 * A formula cell carries its stored result (0 included). A formula saved without a result
 * (scripts write these, `<v/>` or no `<v>`), or in a workbook that asks for a full recalculation
 * on load (XlsxWriter stores 0 then), is computed when it can be known for sure (`./formula`);
 * otherwise the cell holds the error value `NO_RESULT`, whose text tells the user what to do.
 *
 * Empty cells cost nothing: styled empty cells and the rows they leave empty are cut from the
 * bytes before parsing (`./empty-cells`), so a sheet formatted down to row 1,048,576 parses like
 * an ordinary one.
 */
import type { CellValue, SheetGrid } from "../../core/types";
import { NO_STORED_RESULT } from "../../core/types";
import { attr, isSmlUri, parsePart } from "./xml";
import type { Tag } from "./xml";
import type { FastTag } from "./xml-fast-tag";
import type { ZipEntry, ZipPackage } from "./zip";
import { computePending } from "./formula";
import { dropEmptyCells } from "./empty-cells";
import { CellReader } from "./sheet-cells";
import type { ReadCell, SheetContext } from "./sheet-cells";
import { scanSheetData } from "./sheet-scan";
import { colLetters, DAYS_1904, isoToSerial, parseRef, readRefAt, REF_ROW, shiftFormula } from "./sheet-values";

export type { SheetContext };
export { DAYS_1904, isoToSerial, parseRef, shiftFormula };

/** The value of a formula cell whose file holds no result (read as an error value, rule V04). */
export const NO_RESULT = NO_STORED_RESULT;

/**
 * Largest grid (rows × columns from A1 to the last kept cell) a sheet may give: the core works
 * on dense grids, and a stray value far away (XFD1048576) would ask for billions of cells. Cells
 * beyond it are handed over as `SheetGrid.far` (see `splitFar`), never dropped silently.
 */
export const MAX_GRID_CELLS = 6_000_000;
/** Read one worksheet part into a grid named `name` (values; formulas and fonts on request). */
export function readSheet(pkg: ZipPackage, e: ZipEntry, name: string, ctx: SheetContext): SheetGrid {
  const reader = new CellReader(ctx);
  const { pending } = reader;
  let inData = false;
  let capture: "" | "v" | "f" | "t" = "";
  let phonetic = 0;
  let text = "";

  parsePart(
    pkg,
    e,
    {
      reset() {
        reader.clear();
        phonetic = 0;
        inData = false;
        capture = "";
      },
      open(tag: Tag) {
        if (!isSmlUri(tag.uri)) return;
        switch (tag.local) {
          case "sheetData":
            inData = true;
            // Not inside a <v>, <f> or <t> (whose text the rows would then be part of).
            if ((tag as FastTag).fast === true && capture === "") scanData(tag as FastTag, reader);
            break;
          case "row": {
            if (!inData) break;
            const r = Number(attr(tag, "r"));
            reader.row = Number.isInteger(r) && r >= 1 ? r : reader.row + 1;
            reader.col = 0;
            break;
          }
          case "c": {
            if (!inData) break;
            const ref = attr(tag, "r");
            const at = ref ? readRefAt(ref, 0, ref.length) : -1;
            if (at >= 0) {
              reader.row = Math.floor(at / REF_ROW);
              reader.col = at % REF_ROW;
            } else reader.col += 1;
            reader.startCell();
            reader.type = attr(tag, "t") ?? "n";
            reader.style = Number(attr(tag, "s") ?? 0) || 0;
            break;
          }
          case "v":
            capture = "v";
            text = "";
            break;
          case "f":
            capture = "f";
            reader.hasF = true;
            reader.fShared = attr(tag, "t") === "shared" ? attr(tag, "si") : undefined;
            text = "";
            break;
          case "is":
            reader.inline = "";
            break;
          case "rPh":
            phonetic++;
            break;
          case "t":
            if (reader.inline !== null && phonetic === 0) {
              capture = "t";
              text = "";
            }
            break;
        }
      },
      text(t: string) {
        if (capture) text += t;
      },
      close(tag: Tag) {
        if (!isSmlUri(tag.uri)) return;
        switch (tag.local) {
          case "sheetData":
            inData = false;
            break;
          case "v":
            if (capture === "v") reader.v = text;
            capture = "";
            break;
          case "f":
            if (capture === "f") reader.f = text === "" ? null : text;
            capture = "";
            break;
          case "t":
            if (capture === "t") reader.inline += text;
            capture = "";
            break;
          case "rPh":
            phonetic--;
            break;
          case "c":
            if (inData) reader.finish();
            break;
        }
      },
    },
    { filter: dropEmptyCells, fast: true },
  );
  let { maxRow, maxCol } = reader;
  const lists = reader.lists;

  if (pending.length) {
    const at = new Map<string, number>();
    for (let i = 0; i < lists.n; i++) at.set(`${lists.rows[i]},${lists.cols[i]}`, i);
    const computed = computePending(pending, (r, c) => {
      const i = at.get(`${r},${c}`);
      return i === undefined ? null : lists.values[i];
    });
    for (const p of pending) {
      const v = computed.get(`${p.r},${p.c}`);
      if (v !== undefined) lists.values[p.at] = v;
    }
  }

  // A stray value far away (a key pressed at XFD1048576) stays out of the dense grid and is
  // handed over as a far cell, for the core to report (S10).
  let kept: ReadCell[] | null = null;
  let far: ReadCell[] = [];
  if (maxRow * maxCol > MAX_GRID_CELLS) {
    ({ kept, far } = splitFar(reader.cellList(), MAX_GRID_CELLS));
    maxRow = kept.reduce((m, x) => Math.max(m, x.r), 0);
    maxCol = kept.reduce((m, x) => Math.max(m, x.c), 0);
  }
  // The loops over rows and cells are small functions of their own: as loops in this function they
  // were compiled on the stack (OSR) at a large sheet, and V8 then entered that code again at
  // every large sheet and threw it away at the loop's end (hundreds of times a run).
  const values = emptyRows<CellValue>(maxRow, maxCol);
  const formulas = ctx.formulas ? emptyRows<string | null>(maxRow, maxCol) : [];
  const fonts = ctx.fonts ? emptyRows<string | null>(maxRow, maxCol) : [];
  if (kept) {
    for (const x of kept) {
      values[x.r - 1][x.c - 1] = x.v;
      if (ctx.formulas) formulas[x.r - 1][x.c - 1] = x.f;
      if (ctx.fonts) fonts[x.r - 1][x.c - 1] = x.font;
    }
  } else {
    // The usual sheet: straight from the lists, in reading order (a cell read twice: the last wins).
    const { rows, cols, n } = lists;
    place(values, rows, cols, lists.values, n);
    if (ctx.formulas) place(formulas, rows, cols, lists.formulas, n);
    if (ctx.fonts) place(fonts, rows, cols, lists.fonts, n);
  }
  reader.release();
  const grid: SheetGrid = { name, values };
  if (ctx.formulas) grid.formulas = formulas;
  if (ctx.fonts) grid.fonts = fonts;
  if (far.length) grid.far = far.map((x) => ({ cell: `${colLetters(x.c)}${x.r}`, value: x.v }));
  return grid;
}

/** `rows` rows of `cols` nulls each. */
function emptyRows<T>(rows: number, cols: number): T[][] {
  const out: T[][] = [];
  for (let r = 0; r < rows; r++) out.push(new Array<T>(cols).fill(null as T));
  return out;
}

/** The first `n` of `items` put into `grid` at their 1-based `rows` and `cols` (in order: a later one wins). */
function place<T>(grid: T[][], rows: number[], cols: number[], items: T[], n: number): void {
  for (let i = 0; i < n; i++) grid[rows[i] - 1][cols[i] - 1] = items[i];
}

/**
 * The fast tokenizer opened an unprefixed `<sheetData>` (its rows in its own namespace): read the
 * rows of the usual shape straight from the text (`./sheet-scan`); the tokenizer reports the rest.
 */
function scanData(tag: FastTag, reader: CellReader): void {
  if (tag.contentStart < 0 || tag.name !== "sheetData") return;
  tag.resume = scanSheetData(tag.src, tag.contentStart, reader, (s, e) => tag.prefixUri(s, e) !== undefined);
}

/**
 * Split a sheet's non-blank cells (1-based `r`, `c`) into those kept in the dense grid and the
 * far ones. Of the rectangles from A1 holding at most `limit` cells (for each last column C, the
 * rows up to ⌊limit / C⌋), the one keeping the most cells wins, the narrowest on a tie: one
 * stray cell costs that cell, a far column of values costs that column, never the data. Far
 * cells come back in sheet order (row, then column).
 */
export function splitFar<T extends { r: number; c: number }>(cells: readonly T[], limit: number): { kept: T[]; far: T[] } {
  const byCol = [...cells].sort((a, b) => a.c - b.c);
  const maxRow = cells.reduce((m, x) => Math.max(m, x.r), 0);
  // Fenwick tree over rows: how many cells of the columns seen so far lie in rows 1..r.
  const tree = new Int32Array(maxRow + 1);
  const add = (r: number) => {
    for (; r <= maxRow; r += r & -r) tree[r]++;
  };
  const upTo = (r: number) => {
    let n = 0;
    for (r = Math.min(r, maxRow); r > 0; r -= r & -r) n += tree[r];
    return n;
  };
  let best = { count: 0, rows: 0, cols: 0 };
  for (let i = 0; i < byCol.length; ) {
    const c = byCol[i].c;
    for (; i < byCol.length && byCol[i].c === c; i++) add(byCol[i].r);
    const rows = Math.floor(limit / c);
    const count = upTo(rows);
    if (count > best.count) best = { count, rows, cols: c };
  }
  const kept: T[] = [];
  const far: T[] = [];
  for (const x of cells) (x.r <= best.rows && x.c <= best.cols ? kept : far).push(x);
  far.sort((a, b) => a.r - b.r || a.c - b.c);
  return { kept, far };
}
