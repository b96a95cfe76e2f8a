/**
 * The columns of TongHop as data (summaryColumns), and the cells each kind of column makes for a
 * summary row (a unit, a group subtotal, the committee's total): a unit's figures link to their
 * source cells (or name them in a note), subtotals and the total are formulas over the rows above,
 * indicators are PDV.* formulas with the value the core computed. layout.ts puts them in rows.
 */
import type { PlanCell } from "./types";
import type { Summary, SummaryRow } from "./model";
import { UNIT_STATE_LABELS } from "./model";
import { sheetRef } from "./a1";
import type { CountCode } from "./template";
import { NEUTRAL_UNIT_NOUN, NO_TARGET, capitalise } from "./level";
import { headlineBasisText, summaryParagraphInput } from "./narrative";
import { formatInteger } from "./vi";
import { rowLabel } from "./summary-text";

export const COUNT_FORMAT = "#,##0";
export const RATIO_FORMAT = "0.00%";
export const DATE_FORMAT = "dd/mm/yyyy";

export type ColumnKind = "stt" | "code" | "name" | "group" | "count" | "ratio" | "remaining" | "class" | "prev" | "start" | "state";

export interface Column {
  kind: ColumnKind;
  header: string;
  /** Code row under the header (the count code, or a short key). */
  key: string;
  count?: CountCode;
  width: number;
}

/**
 * The summary's columns, in the order of the spec. `unitNoun` names the units in the name
 * column's header (Summary.unitNoun, from the roster's LOAI_HINH); `hasStart` adds the ratio of
 * admissions to members at the start of the period (roster DV_DAUNAM).
 */
export function summaryColumns(hasPrev: boolean, unitNoun = NEUTRAL_UNIT_NOUN, hasStart = false): Column[] {
  const count = (code: CountCode, header: string, width = 11): Column => ({ kind: "count", header, key: code, count: code, width });
  const cols: Column[] = [
    { kind: "stt", header: "STT", key: "STT", width: 5 },
    { kind: "code", header: "Mã", key: "MA_DV", width: 9 },
    { kind: "name", header: `Tên ${unitNoun}`, key: "TEN_DV", width: 40 },
    { kind: "group", header: "Khối", key: "KHOI", width: 16 },
    count("DV_TONG", "Tổng số đảng viên"),
    count("QC_BOIDUONG", "Quần chúng đã học lớp bồi dưỡng"),
    count("HS_DENGHI", "Hồ sơ đề nghị kết nạp"),
    count("KN_CHITIEU", "Chỉ tiêu kết nạp"),
    count("KN_DAKETNAP", "Đã kết nạp"),
    { kind: "ratio", header: "Tỷ lệ đạt", key: "TYLE", width: 10 },
    { kind: "remaining", header: "Còn lại", key: "CONLAI", width: 9 },
    { kind: "class", header: "Xếp loại tiến độ", key: "XEPLOAI", width: 16 },
    count("KN_NU", "Trong đó: nữ", 9),
    count("KN_DTTS", "Trong đó: dân tộc thiểu số", 9),
    count("KN_TONGIAO", "Trong đó: người có đạo", 9),
    count("KN_DOANVIEN", "Trong đó: đoàn viên", 9),
    count("KN_KETNAPLAI", "Trong đó: kết nạp lại", 9),
    count("QC_NGUON", "Quần chúng ưu tú trong nguồn"),
    count("DV_CHINHTHUC", "Đảng viên được công nhận chính thức"),
  ];
  if (hasPrev) cols.push({ kind: "prev", header: "So với cùng kỳ", key: "CUNGKY", width: 11 });
  if (hasStart) cols.push({ kind: "start", header: "Tỷ lệ so với đảng viên đầu kỳ", key: "DAUNAM", width: 11 });
  cols.push({ kind: "state", header: "Trạng thái", key: "TRANGTHAI", width: 12 });
  return cols;
}

const NO_TARGET_NOTE = "Không giao chỉ tiêu: ô KN_CHITIEU của đơn vị trong danh mục để trống";

/** What the cells of a row need beyond the row: the summary, where the other columns are, the groups so far. */
export interface ColumnContext {
  summary: Summary;
  /** Unit figures are formulas pointing at their source cells (reports are sheets of this workbook). */
  links: boolean;
  /** The column letter of a column key ("KN_DAKETNAP" → "J"). */
  letter(key: string): string;
  /** The report date as an Excel DATE(…) formula (PDV.XEPLOAI's reference date). */
  asOf: string;
  /** The total's target is CHITIEU_DB, not the sum of the allocations. */
  givenDiffers: boolean;
  /** First data row of the current group (1-based). */
  groupStart: number;
  /** Rows of the group subtotals written so far (1-based). */
  groupRows: number[];
}

type CellMaker = (row: SummaryRow, r: number, col: Column, ctx: ColumnContext) => PlanCell;

/** A unit's figure: a link to its source cell, or its value with a note naming the source. */
function unitCount(row: SummaryRow, code: CountCode, ctx: ColumnContext): PlanCell {
  const v = row.values[code];
  const src = row.sources[code];
  if (v === null) return code === "KN_CHITIEU" && row.noTarget && row.included ? { note: NO_TARGET_NOTE } : {};
  if (src && ctx.links && !src.file) return { formula: `=${sheetRef(src.sheet, src.cell)}`, value: v };
  if (src && src.file) return { value: v, note: `Nguồn: tệp ${src.file}, sheet '${src.sheet}', ô ${src.cell}` };
  if (src) return { value: v, note: `Nguồn: sheet '${src.sheet}', ô ${src.cell}` };
  return code === "KN_CHITIEU" ? { value: v, note: "Chỉ tiêu được giao (sheet DanhMuc)" } : { value: v };
}

const count: CellMaker = (row, r, col, ctx) => {
  const code = col.count!;
  const v = row.values[code];
  let cell: PlanCell;
  if (row.kind === "unit") cell = unitCount(row, code, ctx);
  else if (row.kind === "group") cell = { formula: `=SUM(${ctx.letter(code)}${ctx.groupStart}:${ctx.letter(code)}${r - 1})`, value: v };
  // The headline is over the target given by the level above, not the allocations' sum.
  else if (code === "KN_CHITIEU" && ctx.givenDiffers) cell = { value: v, note: `Chỉ tiêu cấp trên giao (CHITIEU_DB, sheet DanhMuc)` };
  else {
    const L = ctx.letter(code);
    cell = { formula: `=${ctx.groupRows.map((g) => `${L}${g}`).join("+") || "0"}`, value: v };
    const s = ctx.summary;
    if (code === "KN_CHITIEU" && s.headlineBasis === "allocated" && s.params.target > 0) {
      // The allocations of the units included, not the target given: say so where it is read.
      cell.note = `${capitalise(headlineBasisText(summaryParagraphInput(s)))}; chỉ tiêu cấp trên giao (CHITIEU_DB, sheet DanhMuc): ${formatInteger(s.params.target)}`;
    }
  }
  cell.numberFormat = COUNT_FORMAT;
  return cell;
};

/** The indicator columns: empty for a unit left out, "Không giao" for a unit without a target. */
function indicator(make: (row: SummaryRow, adm: string, tgt: string, ctx: ColumnContext) => PlanCell): CellMaker {
  return (row, r, _col, ctx) => {
    if (row.kind === "unit" && !row.included) return {};
    if (row.kind === "unit" && row.noTarget) return make === ratio ? { value: NO_TARGET, align: "center" } : {};
    return make(row, `${ctx.letter("KN_DAKETNAP")}${r}`, `${ctx.letter("KN_CHITIEU")}${r}`, ctx);
  };
}

const ratio = (row: SummaryRow, adm: string, tgt: string): PlanCell => ({
  formula: `=IF(${tgt}=0,"",PDV.TYLE(${adm},${tgt}))`,
  value: row.ratio ?? "",
  numberFormat: RATIO_FORMAT,
});
const remaining = (row: SummaryRow, adm: string, tgt: string): PlanCell => ({
  formula: `=PDV.CONLAI(${adm},${tgt})`,
  value: row.remaining,
  numberFormat: COUNT_FORMAT,
});
const pace = (row: SummaryRow, adm: string, tgt: string, ctx: ColumnContext): PlanCell => ({
  formula: `=IF(${tgt}=0,"",PDV.XEPLOAI(${adm},${tgt},${ctx.asOf}))`,
  value: row.classification ?? "",
});

/** Admitted over a base (last year's admitted, members at the start), with the base in a note. */
function overBase(base: (row: SummaryRow) => number | null, note: (base: number) => string): CellMaker {
  return (row, r, _col, ctx) => {
    const b = base(row);
    if (b === null || (row.kind === "unit" && !row.included)) return {};
    const adm = `${ctx.letter("KN_DAKETNAP")}${r}`;
    return {
      formula: `=IF(${b}=0,"",${adm}/${b})`,
      value: b === 0 ? "" : (row.values.KN_DAKETNAP ?? 0) / b,
      numberFormat: RATIO_FORMAT,
      note: note(b),
    };
  };
}

/** The cells each kind of column makes. */
const CELLS: Record<ColumnKind, CellMaker> = {
  stt: (row) => ({ value: row.stt ?? null }),
  code: (row) => ({ value: row.code ?? null }),
  name: (row, _r, _c, ctx) => ({ value: rowLabel(row, ctx.summary) }),
  group: (row) => ({ value: row.kind === "unit" ? row.group : null }),
  count,
  ratio: indicator(ratio),
  remaining: indicator(remaining),
  class: indicator(pace),
  prev: overBase(
    (row) => row.prevAdmitted,
    (b) => `Kết nạp cùng kỳ năm trước: ${b}`,
  ),
  start: overBase(
    (row) => row.membersAtStart ?? null,
    (b) => `Đảng viên đầu kỳ (DV_DAUNAM): ${b}`,
  ),
  state: (row) => ({ value: row.state ? UNIT_STATE_LABELS[row.state] : null }),
};

/** The cells of one summary row at sheet row `r`: subtotals and the total bold and filled. */
export function rowCells(cols: Column[], row: SummaryRow, r: number, ctx: ColumnContext): PlanCell[] {
  const fill = row.kind === "total" ? "#FCE4D6" : row.kind === "group" ? "#EDEDED" : undefined;
  return cols.map((c) => {
    const cell = CELLS[c.kind](row, r, c, ctx);
    if (row.kind !== "unit") cell.bold = true;
    if (fill) cell.fill = fill;
    // A maker's `note: undefined` goes (no other cell has the key: deleting what is not there costs too).
    if ("note" in cell && cell.note === undefined) delete cell.note;
    return cell;
  });
}
