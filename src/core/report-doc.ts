/**
 * The Board's report as data: the Party document layout (Hướng dẫn 36-HD/VPTW, 2018; see
 * ../shared/notes/domain-2025.md) — heading block, place and date, title, the narrative
 * paragraphs (results, the funnel, pace and forecast, units behind schedule, units not reported),
 * the signature block, and the summary table as an A4 landscape appendix. Every figure is the
 * Summary's (the same numbers as TongHop), written with vi.ts. A renderer (src/report/docx.ts)
 * turns it into a .docx without deciding any text.
 */
import type { WorkbookInput } from "./types";
import type { Summary, SummaryRow } from "./model";
import { analyzeWorkbook } from "./analyze";
import { consolidate } from "./consolidate";
import { findRosterSheet } from "./roster";
import type { Board } from "./board";
import { boardOf, upperVi } from "./board";
import { formatDate, isLastDayOfMonth, serialToYmd, startOfYear, yearOf } from "./dates";
import { CLASS_LABELS, CLASS_ORDER } from "./indicators";
import {
  allocationSentence,
  behindClasses,
  coverageSentence,
  funnelSentence,
  givenTargetOf,
  headlineSentence,
  outlookSentence,
  previousSentence,
  summaryParagraphInput,
} from "./narrative";
import { formatInteger } from "./vi";
import { countText, rowFigures, rowLabel } from "./summary-text";

export interface DocRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export interface DocParagraph {
  runs: DocRun[];
  align?: "left" | "center" | "right" | "justify";
  /** Body text: first line indented. */
  indent?: boolean;
  /** Font size in points (the renderer's body size when absent). */
  size?: number;
}

export interface DocTable {
  /** Header texts and relative widths (the renderer scales them to the page). */
  columns: { header: string; width: number; align: "left" | "center" | "right" }[];
  rows: { cells: string[]; bold?: boolean; shade?: string }[];
}

export interface ReportDocument {
  /** Top left: committee and issuing body, "*", number; top right: "ĐẢNG CỘNG SẢN VIỆT NAM", place and date. */
  heading: { left: DocParagraph[]; right: DocParagraph[] };
  title: DocParagraph[];
  body: DocParagraph[];
  /** Bottom left: "Nơi nhận"; bottom right: the signer. */
  signature: { left: DocParagraph[]; right: DocParagraph[] };
  /** On its own A4 landscape pages. */
  appendix: { title: DocParagraph[]; table: DocTable; notes: DocParagraph[] };
}

export interface ReportOptions {
  /** Place name of the date line ("Phú Bình"); dots to fill in when absent. */
  place?: string | null;
  /** Date of the report (serial); "ngày … tháng … năm <year>" when absent. */
  date?: number | null;
}

const p = (text: string, extra: Partial<DocParagraph> & Omit<DocRun, "text"> = {}): DocParagraph => {
  const { align, indent, size, ...run } = extra;
  const para: DocParagraph = { runs: [{ text, ...run }] };
  if (align) para.align = align;
  if (indent) para.indent = indent;
  if (size) para.size = size;
  return para;
};

/** "8 tháng đầu năm 2020", "năm 2020", or "từ ngày 01/03/2020 đến ngày 15/08/2020" (period of the figures). */
export function periodPhrase(from: number, to: number): string {
  const y = yearOf(to);
  if (from === startOfYear(y) && isLastDayOfMonth(to)) {
    const m = serialToYmd(to).m;
    return m === 12 ? `năm ${y}` : `${m} tháng đầu năm ${y}`;
  }
  return `từ ngày ${formatDate(from)} đến ngày ${formatDate(to)}`;
}

/** "<place>, ngày 05 tháng 9 năm 2020", with dots where the Board fills in. */
export function placeDateLine(year: number, options: ReportOptions): string {
  const place = options.place?.trim() || "…………";
  if (options.date) {
    const { y, m, d } = serialToYmd(options.date);
    return `${place}, ngày ${d < 10 ? `0${d}` : d} tháng ${m} năm ${y}`;
  }
  return `${place}, ngày … tháng … năm ${year}`;
}

function unitRows(summary: Summary): SummaryRow[] {
  return summary.rows.filter((r) => r.kind === "unit");
}

function classificationSentence(summary: Summary): string | null {
  const included = unitRows(summary).filter((r) => r.included && r.classification);
  if (!included.length) return null;
  const parts = CLASS_ORDER.map((k) => {
    const n = included.filter((r) => r.classification === CLASS_LABELS[k]).length;
    return n ? `${formatInteger(n)} đơn vị ${CLASS_LABELS[k].toLowerCase()}` : null;
  }).filter((x): x is string => x !== null);
  return `Trong ${formatInteger(included.length)} đơn vị đã tổng hợp có chỉ tiêu: ${parts.join(", ")}.`;
}

function figures(r: SummaryRow): string {
  return `${formatInteger(r.values.KN_DAKETNAP ?? 0)}/${formatInteger(r.values.KN_CHITIEU ?? 0)}`;
}

function behindParagraphs(summary: Summary): DocParagraph[] {
  const out: DocParagraph[] = [];
  for (const { label, rows } of behindClasses(summary.rows)) {
    out.push(
      p(
        `Các đơn vị xếp loại “${label.toLowerCase()}” (đã kết nạp/chỉ tiêu): ${rows.map((r) => `${r.name} (${figures(r)})`).join("; ")}.`,
        { indent: true, align: "justify" },
      ),
    );
  }
  if (!out.length) out.push(p("Không có đơn vị nào chậm tiến độ.", { indent: true, align: "justify" }));
  return out;
}

function notReportedParagraph(summary: Summary): DocParagraph {
  const rows = unitRows(summary).filter((r) => !r.included);
  if (!rows.length) return p(`Tất cả ${formatInteger(summary.expected)} đơn vị đã gửi báo cáo đúng mẫu và được tổng hợp.`, { indent: true, align: "justify" });
  const missing = rows.filter((r) => r.state === "missing").map((r) => r.name);
  const blocked = rows.filter((r) => r.state !== "missing").map((r) => r.name);
  const parts: string[] = [];
  if (missing.length) parts.push(`chưa gửi báo cáo: ${missing.join(", ")}`);
  if (blocked.length) parts.push(`báo cáo còn lỗi, chưa đưa vào tổng hợp: ${blocked.join(", ")}`);
  return p(`Có ${formatInteger(rows.length)}/${formatInteger(summary.expected)} đơn vị chưa được tổng hợp — ${parts.join("; ")}.`, { indent: true, align: "justify" });
}

/** The appendix table: every summary row (units, group subtotals, the total), same figures as TongHop. */
export function appendixTable(summary: Summary): DocTable {
  const columns: DocTable["columns"] = [
    { header: "STT", width: 5, align: "center" },
    { header: "Tên đơn vị", width: 25, align: "left" },
    { header: "Tổng số đảng viên", width: 8, align: "right" },
    { header: "Quần chúng đã học lớp bồi dưỡng", width: 9, align: "right" },
    { header: "Hồ sơ đề nghị kết nạp", width: 8, align: "right" },
    { header: "Chỉ tiêu kết nạp", width: 8, align: "right" },
    { header: "Đã kết nạp", width: 8, align: "right" },
    { header: "Tỷ lệ đạt", width: 8, align: "right" },
    { header: "Xếp loại tiến độ", width: 12, align: "left" },
  ];
  if (summary.hasPrev) columns.push({ header: "Cùng kỳ năm trước", width: 8, align: "right" });
  columns.push({ header: "Ghi chú", width: 11, align: "left" });
  const rows = summary.rows.map((r) => {
    const unit = r.kind === "unit";
    const cells = [r.stt !== undefined ? String(r.stt) : "", rowLabel(r), ...rowFigures(r), r.classification ?? ""];
    if (summary.hasPrev) cells.push(countText(r.prevAdmitted));
    cells.push(unit && !r.included ? (r.state === "missing" ? "Chưa nộp" : "Có lỗi, chưa tổng hợp") : "");
    return { cells, bold: !unit, shade: r.kind === "total" ? "FCE4D6" : r.kind === "group" ? "EDEDED" : undefined };
  });
  return { columns, rows };
}

/** The signer's title: "TRƯỞNG BAN" for a Ban, else a neutral title (the Board edits the draft). */
export function signerTitle(board: Board): string {
  return board.body && /^ban\s/i.test(board.body) ? "TRƯỞNG BAN" : "THỦ TRƯỞNG CƠ QUAN";
}

/**
 * The report for a summary. Throws nothing for a summary `consolidate` returned (a total target
 * of 0 gives the narrative without percentages, as TongHop's).
 */
export function reportDocument(summary: Summary, board: Board, options: ReportOptions = {}): ReportDocument {
  const params = summary.params;
  const period = periodPhrase(params.from, params.to);
  // The same input as TongHop's paragraph: headline target, allocations, the receiving body, the units' noun.
  const input = summaryParagraphInput(summary);
  const left: DocParagraph[] = [p(upperVi(board.committee), { align: "center", size: 13 })];
  if (board.body) left.push(p(upperVi(board.body), { align: "center", bold: true, size: 13 }));
  left.push(p("*", { align: "center", size: 13 }), p("Số:        -BC", { align: "center", size: 13 }));
  const right = [
    p("ĐẢNG CỘNG SẢN VIỆT NAM", { align: "center", bold: true, underline: true, size: 14 }),
    p(""),
    p(placeDateLine(yearOf(params.to), options), { align: "center", italic: true, size: 13 }),
  ];

  const body: DocParagraph[] = [];
  const heading = (text: string) => body.push(p(text, { bold: true, indent: true }));
  const para = (text: string) => body.push(p(text, { indent: true, align: "justify" }));
  heading(`I. KẾT QUẢ CÔNG TÁC PHÁT TRIỂN ĐẢNG VIÊN ${period.toUpperCase()}`);
  heading("1. Kết quả kết nạp đảng viên");
  const first = input.target > 0 ? headlineSentence(input) : summary.narrative;
  const prev = input.prevAdmitted !== null && input.prevAdmitted !== undefined ? ` ${previousSentence(input.admitted, input.prevAdmitted)}` : "";
  const allocation = allocationSentence(input);
  para(`${first}${allocation ? ` ${allocation}` : ""}${prev} ${coverageSentence(input)}`);
  heading("2. Nguồn và hồ sơ đề nghị kết nạp");
  para(funnelSentence(input));
  const outlook = (givenTargetOf(input) ?? input.target) > 0;
  if (outlook) {
    heading("3. Tiến độ và dự báo");
    const classes = classificationSentence(summary);
    para(`${outlookSentence(input)}${classes ? ` ${classes}` : ""}`);
  }
  heading(`${outlook ? 4 : 3}. Các đơn vị chậm tiến độ`);
  body.push(...behindParagraphs(summary));
  heading(`${outlook ? 5 : 4}. Các đơn vị chưa báo cáo`);
  body.push(notReportedParagraph(summary));
  para(`(Số liệu chi tiết từng đơn vị tại Phụ lục kèm theo; số liệu tính đến ngày ${formatDate(params.to)}.)`);

  return {
    heading: { left, right },
    title: [
      p("BÁO CÁO", { align: "center", bold: true, size: 16 }),
      p(`Kết quả công tác phát triển đảng viên ${period}`, { align: "center", bold: true, size: 14 }),
      p("-----", { align: "center" }),
    ],
    body,
    signature: {
      left: [p("Nơi nhận:", { bold: true, underline: true, size: 12 }), p("- ……………,", { size: 11 }), p("- Lưu.", { size: 11 })],
      right: [p(signerTitle(board), { align: "center", bold: true }), p("(Ký, ghi rõ họ tên)", { align: "center", italic: true, size: 12 })],
    },
    appendix: {
      title: [
        p("PHỤ LỤC", { align: "center", bold: true }),
        p(`BẢNG TỔNG HỢP KẾT QUẢ PHÁT TRIỂN ĐẢNG VIÊN ${period.toUpperCase()}`, { align: "center", bold: true }),
        p(`${params.name} — số liệu tính đến ngày ${formatDate(params.to)}`, { align: "center", italic: true }),
      ],
      table: appendixTable(summary),
      notes: [p("Đơn vị tính: người. Tỷ lệ đạt = đã kết nạp/chỉ tiêu; dòng cộng khối và toàn đảng bộ tính trên các đơn vị đã tổng hợp.", { italic: true, size: 11 })],
    },
  };
}

/**
 * The report of a workbook in one call (the task pane's button: read the workbook, call this,
 * render with src/report/docx.ts, save). Throws ConsolidationError (Vietnamese message) when
 * DanhMuc cannot be read, as `consolidate` does.
 */
export function workbookReport(input: WorkbookInput, options: ReportOptions = {}): ReportDocument {
  const summary = consolidate(analyzeWorkbook(input));
  return reportDocument(summary, boardOf(summary.params, findRosterSheet(input.sheets)), options);
}
