/**
 * The upward export in the layout of the official statistical forms (../shared/notes/domain-2025.md:
 * issuing body top left, "Biểu số …" top right, title, "Đvt: Người", a two-row header with "Kỳ này",
 * "Cùng kỳ năm trước" and "% so với cùng kỳ", a row of column numbers, row labels without codes,
 * a signature block), values only, from the Summary — the same numbers as TongHop's total row.
 */
import type { PlanCell, SheetPlan } from "./types";
import type { Summary } from "./model";
import type { Board } from "./board";
import { upperVi } from "./board";
import type { CountCode } from "./template";
import { SHEET_EXPORT } from "./template";
import { formatDate, yearOf } from "./dates";
import { COUNT_FORMAT, RATIO_FORMAT } from "./layout";
import { pagePrint } from "./print";
import { givenRatio } from "./consolidate";
import { periodPhrase, placeDateLine, signerTitle } from "./report-doc";
import type { ReportOptions } from "./report-doc";

export interface UpwardOptions extends ReportOptions {
  /** The form's number as the level above names it ("Biểu số 02-TCTW"); dots to fill in when absent. */
  formNumber?: string | null;
  /** Sheet name (TongHop_GuiTinh by default). */
  name?: string;
}

/** One line of the form: its label and the summary figure it shows. */
interface FormLine {
  label: string;
  /** A count code of the totals, or a figure computed from the summary. */
  value: (s: Summary) => number | null;
  format: string;
  /** "Cùng kỳ năm trước" of this line, when known. */
  previous?: (s: Summary) => number | null;
  /** A "trong đó" line: indented, no running number. */
  sub?: boolean;
}

const total = (code: CountCode) => (s: Summary) => s.totals[code];

/** The form's lines, in the order of the unit form PDV-01 (labels without codes or level words). */
export const UPWARD_LINES: readonly FormLine[] = [
  { label: "Tổng số đảng viên", value: total("DV_TONG"), format: COUNT_FORMAT },
  { label: "Quần chúng ưu tú trong nguồn", value: total("QC_NGUON"), format: COUNT_FORMAT },
  { label: "Quần chúng đã học lớp bồi dưỡng nhận thức về Đảng", value: total("QC_BOIDUONG"), format: COUNT_FORMAT },
  { label: "Hồ sơ đề nghị kết nạp đã gửi cấp ủy có thẩm quyền", value: total("HS_DENGHI"), format: COUNT_FORMAT },
  // The target given by the level above (CHITIEU_DB), as GuiCapTren's KN_CHITIEU (issue 14), never
  // the allocations of the units included (TongHop's total row when some units are missing).
  { label: "Chỉ tiêu kết nạp năm được giao", value: (s) => s.params.target, format: COUNT_FORMAT },
  {
    label: "Số đảng viên đã kết nạp",
    value: total("KN_DAKETNAP"),
    format: COUNT_FORMAT,
    previous: (s) => (s.hasPrev ? s.total.prevAdmitted : null),
  },
  { label: "Trong đó: nữ", value: total("KN_NU"), format: COUNT_FORMAT, sub: true },
  { label: "Trong đó: dân tộc thiểu số", value: total("KN_DTTS"), format: COUNT_FORMAT, sub: true },
  { label: "Trong đó: người có đạo", value: total("KN_TONGIAO"), format: COUNT_FORMAT, sub: true },
  { label: "Trong đó: đoàn viên thanh niên", value: total("KN_DOANVIEN"), format: COUNT_FORMAT, sub: true },
  { label: "Trong đó: kết nạp lại", value: total("KN_KETNAPLAI"), format: COUNT_FORMAT, sub: true },
  { label: "Tỷ lệ đạt so với chỉ tiêu được giao (%)", value: (s) => givenRatio(s), format: RATIO_FORMAT },
  { label: "Đảng viên dự bị được công nhận chính thức", value: total("DV_CHINHTHUC"), format: COUNT_FORMAT },
  { label: "Số đơn vị trực thuộc", value: (s) => s.expected, format: COUNT_FORMAT },
  { label: "Số đơn vị đã báo cáo, được tổng hợp", value: (s) => s.included.length, format: COUNT_FORMAT },
  {
    label: "Số đơn vị có kết nạp đảng viên trong kỳ",
    value: (s) => s.rows.filter((r) => r.kind === "unit" && r.included && (r.values.KN_DAKETNAP ?? 0) > 0).length,
    format: COUNT_FORMAT,
  },
];

/** Rows of the form's header (1-based): the two header rows, the column numbers, the first line. */
export const UPWARD_HEADER_ROW = 8;
export const UPWARD_FIRST_LINE_ROW = 11;

/**
 * The statistical form for the level above, as a values-only SheetPlan (no formulas, links or
 * notes), A4 portrait, one page wide. Columns: STT | Tiêu chí | Kỳ này | Cùng kỳ năm trước |
 * % so với cùng kỳ (column 4 = column 2 / column 3 × 100, shown as a percentage).
 */
export function upwardPlan(summary: Summary, board: Board, options: UpwardOptions = {}): SheetPlan {
  const params = summary.params;
  const period = periodPhrase(params.from, params.to);
  const rows: (PlanCell | undefined)[][] = [];
  const merges: string[] = [];
  const centred = (value: string, extra: Partial<PlanCell> = {}): PlanCell => ({ value, align: "center", ...extra });
  const header = (value: string): PlanCell => ({ value, bold: true, wrap: true, align: "center", fill: "#D9E1F2" });

  rows.push([centred(upperVi(board.committee)), undefined, undefined, centred(options.formNumber?.trim() || "Biểu số: ……", { bold: true })]);
  rows.push([centred(board.body ? upperVi(board.body) : "", { bold: true }), undefined, undefined, centred(`Kỳ báo cáo: ${period}`, { italic: true })]);
  rows.push([centred("*")]);
  rows.push([]);
  rows.push([centred("KẾT QUẢ CÔNG TÁC PHÁT TRIỂN ĐẢNG VIÊN", { bold: true })]);
  rows.push([centred(`${period.charAt(0).toUpperCase()}${period.slice(1)} (số liệu tính đến ngày ${formatDate(params.to)})`, { italic: true })]);
  rows.push([undefined, undefined, undefined, undefined, { value: "Đvt: Người", italic: true, align: "right" }]);
  merges.push("A1:C1", "D1:E1", "A2:C2", "D2:E2", "A3:C3", "A5:E5", "A6:E6");

  const h = UPWARD_HEADER_ROW;
  rows.push([header("STT"), header("Tiêu chí"), header("Số lượng"), header(""), header("% so với cùng kỳ")]);
  rows.push([header(""), header(""), header("Kỳ này"), header("Cùng kỳ năm trước"), header("")]);
  merges.push(`A${h}:A${h + 1}`, `B${h}:B${h + 1}`, `C${h}:D${h}`, `E${h}:E${h + 1}`);
  rows.push(["A", "1", "2", "3", "4=(2/3)×100"].map((v) => centred(v, { italic: true })));

  let stt = 0;
  for (const line of UPWARD_LINES) {
    const now = line.value(summary);
    const prev = line.previous ? line.previous(summary) : null;
    rows.push([
      centred(line.sub ? "" : String(++stt)),
      { value: line.label, italic: line.sub, wrap: true },
      { value: now, numberFormat: line.format },
      { value: prev, numberFormat: COUNT_FORMAT },
      { value: now !== null && prev !== null && prev > 0 ? now / prev : null, numberFormat: RATIO_FORMAT },
    ]);
  }
  rows.push([]);
  const sign = rows.length + 1;
  rows.push([undefined, centred("NGƯỜI LẬP BIỂU", { bold: true }), centred(placeDateLine(yearOf(params.to), options), { italic: true })]);
  rows.push([undefined, centred("(Ký, ghi rõ họ tên)", { italic: true }), centred(signerTitle(board), { bold: true })]);
  rows.push([undefined, undefined, centred("(Ký tên, đóng dấu)", { italic: true })]);
  merges.push(`C${sign}:E${sign}`, `C${sign + 1}:E${sign + 1}`, `C${sign + 2}:E${sign + 2}`);

  const columnWidths = [6, 48, 12, 14, 14];
  return {
    name: options.name ?? SHEET_EXPORT,
    rows,
    columnWidths,
    merges,
    frozenRows: 0,
    print: pagePrint({ rows, columnWidths }, { orientation: "portrait", repeatRows: { from: h, to: h + 2 } }),
  };
}
