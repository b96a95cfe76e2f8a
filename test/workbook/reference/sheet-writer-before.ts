/**
 * A frozen copy of `src/workbook/xlsx/sheet-writer.ts` as it was before its cells were written
 * through per-format byte pieces (s12): the reference the new writer is compared with, byte for
 * byte, on random plans (test/workbook/sheet-writer-speed.test.ts). Not used by PDV itself.
 */
import type { PlanCell, PlanPrint, SheetPlan } from "../../../src/core/types";
import { a1, columnLetters, parseRange, quoteSheet } from "../../../src/core/a1";
import { PortError } from "../../../src/workbook/port";
import { StyleTable } from "../../../src/workbook/xlsx/cell-formats";
import { keepsSpace, xmlEncode } from "../../../src/workbook/xlsx/xml-escape";
import type { PendingNote } from "../../../src/workbook/xlsx/notes";
import { ChunkWriter } from "../../../src/workbook/xlsx/chunk-writer";

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
  sOpen: enc.encode(`" s="`),
  close: enc.encode(`"/>`),
  end: enc.encode(`">`),
  f: enc.encode(`<f>`),
  fEnd: enc.encode(`</f>`),
  v: enc.encode(`<v>`),
  vEnd: enc.encode(`</v></c>`),
  cEnd: enc.encode(`</c>`),
  bool: enc.encode(`" t="b">`),
  str: enc.encode(`" t="str">`),
  inline: enc.encode(`" t="inlineStr"><is><t>`),
  inlineKeep: enc.encode(`" t="inlineStr"><is><t xml:space="preserve">`),
  inlineEnd: enc.encode(`</t></is></c>`),
  rowOpen: enc.encode(`<row r="`),
  rowEnd: enc.encode(`</row>`),
  // Two pieces that always come together, as one (a summary has a hundred thousand numbers).
  endV: enc.encode(`"><v>`),
  boolV: enc.encode(`" t="b"><v>`),
};


/**
 * One cell's `<c>` element (`open`: the bytes of `<c r="` and its column letters, then the row
 * number); nothing for a cell with neither value nor format. `s`: its format index, final.
 */
function writeCell(out: ChunkWriter, open: Uint8Array, r: number, pc: PlanCell, s: number): void {
  const v = pc.value ?? null;
  if (v === null && !pc.formula && !s) return;
  out.bytes(open);
  out.int(r);
  if (s) {
    out.bytes(B.sOpen);
    out.int(s);
  }
  if (pc.formula) {
    out.bytes(typeof v === "boolean" ? B.bool : typeof v === "string" ? B.str : B.end);
    out.bytes(B.f);
    out.xmlText(pc.formula.startsWith("=") ? pc.formula.slice(1) : pc.formula);
    out.bytes(B.fEnd);
    if (v === null) {
      out.bytes(B.cEnd);
      return;
    }
    out.bytes(B.v);
    if (typeof v === "number") out.int(v);
    else if (typeof v === "boolean") out.int(v ? 1 : 0);
    else out.xmlText(v);
    out.bytes(B.vEnd);
    return;
  }
  if (v === null) out.bytes(B.close);
  else if (typeof v === "number") {
    out.bytes(B.endV);
    out.int(v);
    out.bytes(B.vEnd);
  } else if (typeof v === "boolean") {
    out.bytes(B.boolV);
    out.int(v ? 1 : 0);
    out.bytes(B.vEnd);
  } else {
    // Text is always text: an inline string never becomes a formula, whatever it starts with.
    out.bytes(keepsSpace(v) ? B.inlineKeep : B.inline);
    out.xmlText(v);
    out.bytes(B.inlineEnd);
  }
}

/** An empty cell with a format (a merged-over cell). */
function writeStyleOnly(out: ChunkWriter, open: Uint8Array, r: number, s: number): void {
  out.bytes(open);
  out.int(r);
  out.bytes(B.sOpen);
  out.int(s);
  out.bytes(B.close);
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
  const last = Math.max(lastRow, ...extraRows, 0);
  const opens: Uint8Array[] = [];
  const open = (j: number) => (opens[j] ??= enc.encode(`<c r="${columnLetters(j + 1)}`));
  for (let i = 0; i < last; i++) {
    const r = i + 1;
    const row = plan.rows[i];
    const covered = coveredBy.get(i);
    const ht = heights[r];
    const attrs = (ht !== undefined ? ` ht="${ht}" customHeight="1"` : "") + (hidden.has(r) ? ` hidden="1"` : "");
    if (!row?.length && !covered && !attrs) continue;
    out.bytes(B.rowOpen);
    out.int(r);
    out.ascii(`"${attrs}>`);
    const width = Math.max(row ? row.length : 0, covered ? Math.max(...covered.keys()) + 1 : 0);
    for (let j = 0; j < width; j++) {
      if (covered?.has(j)) {
        // Its own value is dropped, but still checked; its note kept (as the ExcelJS rendering did).
        const own = row?.[j];
        if (own) checkValue(plan.name, r, j + 1, own.value);
        if (own?.note) notes.push({ row: r, col: j + 1, text: own.note });
        const first = covered.get(j);
        const s = first ? styles.indexOf(first) : 0;
        if (s) writeStyleOnly(out, open(j), r, s + xfOffset);
        continue;
      }
      const pc = row?.[j];
      if (!pc) continue;
      checkValue(plan.name, r, j + 1, pc.value);
      const s = styles.indexOf(pc);
      if (pc.note) notes.push({ row: r, col: j + 1, text: pc.note });
      writeCell(out, open(j), r, pc, s && s + xfOffset);
    }
    out.bytes(B.rowEnd);
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
