/**
 * A SheetPlan as SpreadsheetML text, without ExcelJS (issue 11: the `pdv` command's writer):
 * the worksheet part (ECMA-376 Part 1, §18.3 CT_Worksheet) in pieces, its cell formats gathered
 * in a `StyleTable` (`./cell-formats`). It draws what `./render` and `./page-setup` draw
 * through ExcelJS, the same way ExcelJS writes it: values (text as inline strings), formulas with
 * their cached results, number formats, bold/italic, fills, alignment and wrap, column widths,
 * merges (every cell of a merged range takes the first cell's format, its own value dropped, as
 * ExcelJS's mergeCells does), frozen rows, row heights, hidden rows, page setup and footer, and
 * the `<legacyDrawing>`/`<drawing>` references of the notes and the chart. The print names and
 * the note and chart parts are written by `./plan-package`. The cells are written straight into
 * byte chunks (`./chunk-writer`): a summary has a hundred thousand of them.
 */
import type { PlanCell, PlanPrint, SheetPlan } from "../../core/types";
import { a1, columnLetters, parseRange, quoteSheet } from "../../core/a1";
import { PortError } from "../port";
import { StyleTable } from "./cell-formats";
import { keepsSpace, xmlEncode } from "./xml-escape";
import type { PendingNote } from "./notes";
import { ChunkWriter } from "./chunk-writer";

/** Excel's limit on a cell's text (characters). */
export const MAX_CELL_TEXT = 32767;

const SML_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** SpreadsheetML paper size codes (ECMA-376 Part 1, §18.3.1.64 pageSetup: 9 = A4 210 × 297 mm). */
const PAPER_CODES: Record<PlanPrint["paper"], number> = { A4: 9 };

function checkValue(sheet: string, row: number, col: number, v: PlanCell["value"]): void {
  if (typeof v === "string" && v.length > MAX_CELL_TEXT) {
    throw new PortError(`Ô ${a1(row, col)} của sheet '${sheet}' dài quá 32.767 ký tự.`, "plan");
  }
  if (typeof v === "number" && !Number.isFinite(v)) {
    throw new PortError(`Ô ${a1(row, col)} của sheet '${sheet}' có số không hợp lệ (${v}); PDV không ghi số sai.`, "plan");
  }
}

/**
 * The cells of a plan's merged ranges other than their first: row → column → the range's first
 * cell (0-based positions). They are written empty with the first cell's format, their own value
 * dropped, as ExcelJS's mergeCells does (Excel draws a merged range's fill from them).
 */
function coveredCells(plan: SheetPlan): Map<number, Map<number, PlanCell | undefined>> {
  const covered = new Map<number, Map<number, PlanCell | undefined>>();
  for (const m of plan.merges ?? []) {
    const r = parseRange(m);
    if (r.top === r.bottom && r.left === r.right) continue;
    const first = plan.rows[r.top - 1]?.[r.left - 1];
    for (let row = r.top; row <= r.bottom; row++) {
      let cols = covered.get(row - 1);
      if (!cols) covered.set(row - 1, (cols = new Map()));
      for (let col = r.left; col <= r.right; col++) if (row !== r.top || col !== r.left) cols.set(col - 1, first);
    }
  }
  return covered;
}

/** The last row and column (1-based) holding a cell or a merged range; 0 when none. */
function extent(plan: SheetPlan): { lastRow: number; lastCol: number } {
  let lastRow = 0;
  let lastCol = 0;
  plan.rows.forEach((row, i) => {
    if (!row) return;
    for (let j = row.length - 1; j >= 0; j--) {
      if (!row[j]) continue;
      lastRow = i + 1;
      lastCol = Math.max(lastCol, j + 1);
      break;
    }
  });
  for (const m of plan.merges ?? []) {
    const r = parseRange(m);
    lastRow = Math.max(lastRow, r.bottom);
    lastCol = Math.max(lastCol, r.right);
  }
  return { lastRow, lastCol };
}

const enc = new TextEncoder();
const B = {
  rowOpen: enc.encode(`<row r="`),
  rowOpenEnd: enc.encode(`">`),
  rowEnd: enc.encode(`</row>`),
  fClose: enc.encode(`</f></c>`),
  fValue: enc.encode(`</f><v>`),
  vEnd: enc.encode(`</v></c>`),
  inlineEnd: enc.encode(`</t></is></c>`),
};

/**
 * What follows a cell's reference (`<c r="A1`) up to its value, by kind: the cell's format (its
 * ` s="…"`, when it has one) is written before these. Formulas: the kind of their cached result.
 */
const HEAD_KINDS = [
  `"/>`, // 0: empty, with a format (nothing follows)
  `"><v>`, // 1: number
  `" t="b"><v>`, // 2: boolean
  `" t="inlineStr"><is><t>`, // 3: text
  `" t="inlineStr"><is><t xml:space="preserve">`, // 4: text kept with its spaces
  `"><f>`, // 5: formula, number or no result
  `" t="b"><f>`, // 6: formula, boolean result
  `" t="str"><f>`, // 7: formula, text result
];
const KINDS = 8;

/** The state of a worksheet being written row by row (`writeRows`). */
interface RowJob {
  /** The plan's rows and sheet name (not the plan itself: plans differ in shape, and one field
   * seeing several shapes made V8 throw `writeRow`'s compiled code away from sheet to sheet). */
  rows: SheetPlan["rows"];
  name: string;
  styles: StyleTable;
  xfOffset: number;
  notes: PendingNote[];
  coveredBy: Map<number, Map<number, PlanCell | undefined>>;
  hidden: Set<number>;
  /** The plan's row heights by row number (a Map: one shape whatever the plan's record looks like). */
  heights: Map<number, number>;
  /** Rows to write: 0 … last - 1 (0-based). */
  last: number;
  /** `<c r="` and a column's letters, by 0-based column. */
  opens: Uint8Array[];
  /** A cell's head after its reference, by its format's index in `styles` × KINDS + kind. */
  heads: (Uint8Array | undefined)[];
  /** The current row's number in ASCII digits (its first `digitCount` bytes). */
  digits: Uint8Array;
  digitCount: number;
}

/** The bytes between a cell's reference and its value, for its format (index in the table) and kind. */
function cellHead(job: RowJob, local: number, kind: number): Uint8Array {
  const at = local * KINDS + kind;
  return (job.heads[at] ??= enc.encode((local ? `" s="${local + job.xfOffset}` : "") + HEAD_KINDS[kind]));
}

/** A merged-over cell: written empty, with its range's first cell's format. */
const COVERED: PlanCell = { value: null };

/**
 * One cell's `<c>` element (0-based column `j`, of the job's current row); nothing for a cell
 * with neither value nor format. `local`: its format's index in the table (0: none). Each piece
 * has one call site: V8 compiles this once per run, and the compile counts (issue 11: the
 * command runs the writer once, cold).
 */
function writeCell(out: ChunkWriter, job: RowJob, j: number, pc: PlanCell, local: number): void {
  const v = pc.value ?? null;
  const formula = pc.formula;
  if (v === null && !formula && !local) return;
  const type = typeof v;
  let kind: number;
  if (formula) kind = type === "boolean" ? 6 : type === "string" ? 7 : 5;
  else kind = v === null ? 0 : type === "number" ? 1 : type === "boolean" ? 2 : keepsSpace(v as string) ? 4 : 3;
  out.ref((job.opens[j] ??= enc.encode(`<c r="${columnLetters(j + 1)}`)), job.digits, job.digitCount);
  out.bytes(cellHead(job, local, kind));
  if (formula) {
    out.xmlText(formula.charCodeAt(0) === 0x3d ? formula.slice(1) : formula);
    out.bytes(v === null ? B.fClose : B.fValue);
  }
  if (v === null) return;
  // Text is always text: an inline string never becomes a formula, whatever it starts with.
  if (type === "string") out.xmlText(v as string);
  else out.int(type === "boolean" ? (v ? 1 : 0) : (v as number));
  out.bytes(kind === 3 || kind === 4 ? B.inlineEnd : B.vEnd);
}

/**
 * Row `i` (0-based) of the job into `out`, when it has cells, a height or a hidden flag. (A
 * function called per row, not a loop over the rows in one call: V8 then compiles it once,
 * without first compiling the loop on the stack; the command runs the writer once, cold.)
 */
function writeRow(out: ChunkWriter, job: RowJob, i: number): void {
  const { rows, styles, coveredBy, hidden, heights, notes } = job;
  const r = i + 1;
  const row = rows[i];
  const covered = coveredBy.get(i);
  const ht = heights.get(r);
  const attrs = ht !== undefined || hidden.has(r) ? (ht !== undefined ? ` ht="${ht}" customHeight="1"` : "") + (hidden.has(r) ? ` hidden="1"` : "") : "";
  if (!row?.length && !covered && !attrs) return;
  job.digitCount = asciiDigits(r, job.digits);
  out.bytes(B.rowOpen);
  out.int(r);
  if (attrs) out.ascii(`"${attrs}>`);
  else out.bytes(B.rowOpenEnd);
  const width = covered ? Math.max(row ? row.length : 0, Math.max(...covered.keys()) + 1) : row ? row.length : 0;
  for (let j = 0; j < width; j++) {
    const pc = row?.[j];
    // A merged-over cell's own value is dropped, but still checked; its note kept (as the
    // ExcelJS rendering did); it takes its range's first cell's format.
    const first = covered?.has(j) ? covered.get(j) ?? COVERED : undefined;
    if (pc) {
      checkValue(job.name, r, j + 1, pc.value);
      if (pc.note) notes.push({ row: r, col: j + 1, text: pc.note });
    }
    const cell = first ? COVERED : pc;
    const styled = first ?? pc;
    if (cell && styled) writeCell(out, job, j, cell, first === COVERED ? 0 : styles.indexOf(styled));
  }
  out.bytes(B.rowEnd);
}

/** A plan's row heights (record keyed by row number) as a Map, holding exactly the keys that a row number `r` finds as `heights[r]`. */
function heightsByRow(heights: Record<number, number>): Map<number, number> {
  const byRow = new Map<number, number>();
  for (const k of Object.keys(heights)) {
    const r = Number(k);
    if (String(r) === k) byRow.set(r, heights[r]);
  }
  return byRow;
}

/** `n` (a positive integer) in ASCII digits at the start of `into`: how many. */
function asciiDigits(n: number, into: Uint8Array): number {
  const s = String(n);
  for (let k = 0; k < s.length; k++) into[k] = s.charCodeAt(k);
  return s.length;
}

/** `<cols>`: one `<col>` per run of adjacent columns of the same width. */
function colsXml(widths: number[] | undefined): string {
  if (!widths?.length) return "";
  const cols: string[] = [];
  for (let i = 0; i < widths.length; i++) {
    const w = widths[i];
    if (!(w > 0)) continue;
    let j = i;
    while (j + 1 < widths.length && widths[j + 1] === w) j++;
    cols.push(`<col min="${i + 1}" max="${j + 1}" width="${w}" customWidth="1"/>`);
    i = j;
  }
  return cols.length ? `<cols>${cols.join("")}</cols>` : "";
}

/**
 * The worksheet part of `plan`, UTF-8 in chunks of about 1 MB, in one pass over its cells: each
 * cell checked (PortError "plan" naming the sheet and cell: a text over 32,767 characters, a
 * number that is not finite, a bad colour), its format registered in `styles` and written as its
 * index there moved by `xfOffset` (the position of the table's first format in the package's
 * styles), its note appended to `notes` (row-then-column order). The notes' VML drawing is
 * referenced as `rId2` when there are notes, the chart's drawing as `chartRelId` when given. Each
 * chunk is valid until the next is asked for (one buffer, written again).
 */
export function* worksheetPieces(plan: SheetPlan, styles: StyleTable, xfOffset: number, notes: PendingNote[], chartRelId?: string): Generator<Uint8Array> {
  const print = plan.print;
  const { lastRow, lastCol } = extent(plan);
  const coveredBy = coveredCells(plan);
  const hidden = new Set(print?.omitRows ?? []);
  const heights = plan.rowHeights ?? {};
  let head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${SML_NS}" xmlns:r="${REL_NS}">`;
  if (print) head += `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`;
  head += `<dimension ref="${lastRow ? `A1:${a1(lastRow, Math.max(1, lastCol))}` : "A1"}"/>`;
  const frozen = plan.frozenRows && plan.frozenRows > 0 ? plan.frozenRows : 0;
  if (frozen) {
    head += `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>`;
  }
  head += `<sheetFormatPr defaultRowHeight="15"/>` + colsXml(plan.columnWidths) + `<sheetData>`;
  const out = new ChunkWriter();
  out.text(head);
  // Rows holding cells, or only a height or a hidden flag.
  const extraRows = [...Object.keys(heights).map(Number), ...hidden].filter((r) => r > 0);
  const job: RowJob = {
    rows: plan.rows,
    name: plan.name,
    styles,
    xfOffset,
    notes,
    coveredBy,
    hidden,
    heights: heightsByRow(heights),
    last: Math.max(lastRow, ...extraRows, 0),
    opens: [],
    // Filled (not holey) from the start: the array keeps one shape as heads are added.
    heads: new Array<Uint8Array | undefined>(32 * KINDS).fill(undefined),
    digits: new Uint8Array(24),
    digitCount: 0,
  };
  for (let i = 0; i < job.last; i++) {
    writeRow(out, job, i);
    if (out.full) yield* out.take();
  }
  let buf = "";
  buf += `</sheetData>`;
  const merges = (plan.merges ?? []).filter((m) => {
    const r = parseRange(m);
    return r.top !== r.bottom || r.left !== r.right;
  });
  if (merges.length) buf += `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`;
  buf += `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`;
  if (print) {
    buf += `<pageSetup paperSize="${PAPER_CODES[print.paper]}" orientation="${print.orientation}" fitToWidth="${print.fitWidth}" fitToHeight="${print.fitHeight}"/>`;
    if (print.footer !== undefined) buf += `<headerFooter><oddFooter>${xmlEncode(`&C${print.footer}`)}</oddFooter></headerFooter>`;
  } else {
    // ExcelJS's default page setup (the spec's defaults, written out).
    buf += `<pageSetup orientation="portrait" fitToWidth="1" fitToHeight="1"/>`;
  }
  if (chartRelId) buf += `<drawing r:id="${chartRelId}"/>`;
  if (notes.length) buf += `<legacyDrawing r:id="rId2"/>`;
  out.text(buf + `</worksheet>`);
  yield* out.take();
  out.done();
}

/** A print name of a sheet (workbook part, `localSheetId` = the sheet's position): area and titles. */
export function printNamesXml(plan: SheetPlan, position: number): string {
  const p = plan.print;
  if (!p) return "";
  let out = "";
  const sheet = xmlEncode(quoteSheet(plan.name));
  if (p.area) {
    const abs = p.area.replace(/\$/g, "").replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
    out += `<definedName name="_xlnm.Print_Area" localSheetId="${position}">${sheet}!${abs}</definedName>`;
  }
  if (p.repeatRows) {
    out += `<definedName name="_xlnm.Print_Titles" localSheetId="${position}">${sheet}!$${p.repeatRows.from}:$${p.repeatRows.to}</definedName>`;
  }
  return out;
}
