/**
 * Summary → SheetPlan: the one place that decides what TongHop and KiemTra look like (the report
 * to the level above is export-up.ts), for every adapter. Formulas are en-US with "," separators;
 * every formula cell also carries the value the core computed, so a file opened without
 * recalculation shows the right numbers.
 */
import type { Finding, PlanCell, SheetPlan } from "./types";
import type { Analysis, Summary, SummaryRow } from "./model";
import { UNIT_STATE_LABELS } from "./model";
import { a1, columnLetters, sheetRef } from "./a1";
import { ITEM_BY_CODE, SHEET_CHECK, SHEET_SUMMARY } from "./template";
import type { CountCode } from "./template";
import { formatDate, serialToYmd } from "./dates";
import { STATE_FINGERPRINT, STATE_TIME } from "./state";
import { compareFindings, countFindings } from "./findings";
import { RULES } from "./rules/catalog";
import { headerRowHeight, pagePrint, textRowHeight } from "./print";
import { NEUTRAL_UNIT_NOUN, NO_TARGET, capitalise } from "./level";
import { headlineBasisText, summaryParagraphInput } from "./narrative";
import { formatInteger } from "./vi";
import { rowLabel } from "./summary-text";

export const COUNT_FORMAT = "#,##0";
export const RATIO_FORMAT = "0.00%";
export const DATE_FORMAT = "dd/mm/yyyy";

type ColumnKind = "stt" | "code" | "name" | "group" | "count" | "ratio" | "remaining" | "class" | "prev" | "start" | "state";

interface Column {
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

/** At most this many units: TongHop's chart shows each unit (the included ones), not each group. */
export const CHART_BY_UNIT_MAX = 12;

/** Rows of the title block and the header; the first data row follows. */
export const SUMMARY_HEADER_ROW = 5;
export const SUMMARY_FIRST_DATA_ROW = 7;

function dateFormula(serial: number): string {
  const { y, m, d } = serialToYmd(serial);
  return `DATE(${y},${m},${d})`;
}

export interface SummaryPlanOptions {
  /** Link unit figures to the unit sheets with formulas (reports are sheets of this workbook). */
  links?: boolean;
  /** Text of "lập lúc …" stored with the plan's state (kept out of the sheet so reruns are identical). */
  time?: string;
}

export function summaryPlan(summary: Summary, options: SummaryPlanOptions = {}): SheetPlan {
  const cols = summaryColumns(summary.hasPrev, summary.unitNoun, summary.membersAtStart !== null);
  const last = cols.length;
  const colOf = (key: string) => cols.findIndex((c) => c.key === key) + 1;
  const L = (key: string) => columnLetters(colOf(key));
  const rows: (PlanCell | undefined)[][] = [];
  const title = (text: string, bold = true, italic = false): PlanCell[] => [{ value: text, bold, italic, align: "center" }];

  rows.push(title("BÁO CÁO KẾT QUẢ PHÁT TRIỂN ĐẢNG VIÊN"));
  rows.push(title(summary.params.name));
  rows.push(title(`Số liệu tính đến ngày ${formatDate(summary.params.to)}`, false, true));
  rows.push([]);
  rows.push(cols.map((c) => ({ value: c.header, bold: true, wrap: true, align: "center", fill: "#D9E1F2" })));
  rows.push(cols.map((c) => ({ value: c.key, italic: true, align: "center" })));

  const asOf = dateFormula(summary.params.to);
  const givenDiffers = summary.headlineBasis === "given" && summary.headlineTarget !== summary.totals.KN_CHITIEU;
  const groupRowNumbers: number[] = [];
  let groupStart = SUMMARY_FIRST_DATA_ROW;

  const indicatorCells = (row: SummaryRow, r: number): Record<string, PlanCell> => {
    const adm = `${L("KN_DAKETNAP")}${r}`;
    const tgt = `${L("KN_CHITIEU")}${r}`;
    const blank = row.kind === "unit" && !row.included;
    if (blank) return { TYLE: {}, CONLAI: {}, XEPLOAI: {} };
    // A unit without a target: its ratio reads "Không giao", nothing remains, no pace.
    if (row.kind === "unit" && row.noTarget) return { TYLE: { value: NO_TARGET, align: "center" }, CONLAI: {}, XEPLOAI: {} };
    return {
      TYLE: { formula: `=IF(${tgt}=0,"",PDV.TYLE(${adm},${tgt}))`, value: row.ratio ?? "", numberFormat: RATIO_FORMAT, bold: row.kind !== "unit" },
      CONLAI: { formula: `=PDV.CONLAI(${adm},${tgt})`, value: row.remaining, numberFormat: COUNT_FORMAT, bold: row.kind !== "unit" },
      XEPLOAI: { formula: `=IF(${tgt}=0,"",PDV.XEPLOAI(${adm},${tgt},${asOf}))`, value: row.classification ?? "", bold: row.kind !== "unit" },
    };
  };

  for (const row of summary.rows) {
    const r = rows.length + 1;
    const cells: PlanCell[] = [];
    const ind = indicatorCells(row, r);
    for (const c of cols) {
      const bold = row.kind !== "unit";
      const fill = row.kind === "total" ? "#FCE4D6" : row.kind === "group" ? "#EDEDED" : undefined;
      let cell: PlanCell = {};
      switch (c.kind) {
        case "stt":
          cell = { value: row.stt ?? null };
          break;
        case "code":
          cell = { value: row.code ?? null };
          break;
        case "name":
          cell = {
            value: rowLabel(row, summary),
          };
          break;
        case "group":
          cell = { value: row.kind === "unit" ? row.group : null };
          break;
        case "count": {
          const code = c.count!;
          const v = row.values[code];
          if (row.kind === "unit") {
            const src = row.sources[code];
            if (v === null) cell = code === "KN_CHITIEU" && row.noTarget && row.included ? { note: NO_TARGET_NOTE } : {};
            else if (src && options.links && !src.file) cell = { formula: `=${sheetRef(src.sheet, src.cell)}`, value: v };
            else if (src && src.file) cell = { value: v, note: `Nguồn: tệp ${src.file}, sheet '${src.sheet}', ô ${src.cell}` };
            else if (src) cell = { value: v, note: `Nguồn: sheet '${src.sheet}', ô ${src.cell}` };
            else cell = { value: v, note: code === "KN_CHITIEU" ? "Chỉ tiêu được giao (sheet DanhMuc)" : undefined };
          } else if (row.kind === "group") {
            const col = columnLetters(colOf(code));
            cell = { formula: `=SUM(${col}${groupStart}:${col}${r - 1})`, value: v };
          } else if (code === "KN_CHITIEU" && givenDiffers) {
            // The headline is over the target given by the level above, not the allocations' sum.
            cell = { value: v, note: `Chỉ tiêu cấp trên giao (CHITIEU_DB, sheet DanhMuc)` };
          } else {
            const col = columnLetters(colOf(code));
            cell = { formula: `=${groupRowNumbers.map((g) => `${col}${g}`).join("+") || "0"}`, value: v };
            if (code === "KN_CHITIEU" && summary.headlineBasis === "allocated" && summary.params.target > 0) {
              // The allocations of the units included, not the target given: say so where it is read.
              cell.note = `${capitalise(headlineBasisText(summaryParagraphInput(summary)))}; chỉ tiêu cấp trên giao (CHITIEU_DB, sheet DanhMuc): ${formatInteger(summary.params.target)}`;
            }
          }
          cell.numberFormat = COUNT_FORMAT;
          break;
        }
        case "ratio":
          cell = ind.TYLE;
          break;
        case "remaining":
          cell = ind.CONLAI;
          break;
        case "class":
          cell = ind.XEPLOAI;
          break;
        case "prev": {
          const adm = `${L("KN_DAKETNAP")}${r}`;
          if (row.prevAdmitted === null || (row.kind === "unit" && !row.included)) cell = {};
          else {
            const prevRatio = row.prevAdmitted === 0 ? "" : (row.values.KN_DAKETNAP ?? 0) / row.prevAdmitted;
            cell = {
              formula: `=IF(${row.prevAdmitted}=0,"",${adm}/${row.prevAdmitted})`,
              value: prevRatio,
              numberFormat: RATIO_FORMAT,
              note: `Kết nạp cùng kỳ năm trước: ${row.prevAdmitted}`,
            };
          }
          break;
        }
        case "start": {
          const base = row.membersAtStart ?? null;
          if (base === null || (row.kind === "unit" && !row.included)) cell = {};
          else {
            const adm = `${L("KN_DAKETNAP")}${r}`;
            cell = {
              formula: `=IF(${base}=0,"",${adm}/${base})`,
              value: base === 0 ? "" : (row.values.KN_DAKETNAP ?? 0) / base,
              numberFormat: RATIO_FORMAT,
              note: `Đảng viên đầu kỳ (DV_DAUNAM): ${base}`,
            };
          }
          break;
        }
        case "state":
          cell = { value: row.state ? UNIT_STATE_LABELS[row.state] : null };
          break;
      }
      if (bold) cell.bold = true;
      if (fill) cell.fill = fill;
      if (cell.note === undefined) delete cell.note;
      cells.push(cell);
    }
    rows.push(cells);
    if (row.kind === "group") {
      groupRowNumbers.push(r);
      groupStart = r + 1;
    }
  }

  // Under the total: the ratio over the committee's own allocations, when they differ from the target given.
  if (givenDiffers) rows.push(allocationRow(summary, rows.length, cols, groupRowNumbers));

  // The narrative paragraph, then a small table of admitted vs target per group (per unit when
  // there are few units: only those included), and its chart.
  rows.push([]);
  const narrativeRow = rows.length + 1;
  rows.push([{ value: summary.narrative, wrap: true }]);
  rows.push([]);
  const chartHeaderRow = rows.length + 1;
  const nameCol = colOf("TEN_DV");
  const pad = (cells: PlanCell[]): (PlanCell | undefined)[] => [...Array(nameCol - 1).fill(undefined), ...cells];
  const byUnit = summary.rows.filter((r) => r.kind === "unit").length <= CHART_BY_UNIT_MAX;
  const chartItems = summary.rows
    .map((row, i) => ({ row, at: SUMMARY_FIRST_DATA_ROW + i }))
    .filter(({ row }) => (byUnit ? row.kind === "unit" && row.included : row.kind === "group"));
  rows.push(pad([{ value: byUnit ? "Đơn vị" : "Khối", bold: true }, { value: "Chỉ tiêu", bold: true }, { value: "Đã kết nạp", bold: true }]));
  for (const { row, at } of chartItems) {
    rows.push(
      pad([
        { value: byUnit ? row.name : row.group },
        { formula: `=${L("KN_CHITIEU")}${at}`, value: row.values.KN_CHITIEU, numberFormat: COUNT_FORMAT },
        { formula: `=${L("KN_DAKETNAP")}${at}`, value: row.values.KN_DAKETNAP, numberFormat: COUNT_FORMAT },
      ]),
    );
  }
  const chartLast = rows.length;
  const catCol = columnLetters(nameCol);
  const tgtCol = columnLetters(nameCol + 1);
  const admCol = columnLetters(nameCol + 2);

  const state: Record<string, string> = { [STATE_FINGERPRINT]: summary.fingerprint };
  if (options.time) state[STATE_TIME] = options.time;

  return {
    name: SHEET_SUMMARY,
    rows,
    columnWidths: cols.map((c) => c.width),
    frozenRows: SUMMARY_FIRST_DATA_ROW - 1,
    merges: [
      `A1:${columnLetters(last)}1`,
      `A2:${columnLetters(last)}2`,
      `A3:${columnLetters(last)}3`,
      `A${narrativeRow}:${columnLetters(last)}${narrativeRow}`,
    ],
    chart: {
      type: "ColumnClustered",
      title: `Kết nạp đảng viên so với chỉ tiêu, theo ${byUnit ? "đơn vị" : "khối"}`,
      categories: `${catCol}${chartHeaderRow + 1}:${catCol}${chartLast}`,
      series: [
        { name: "Chỉ tiêu", values: `${tgtCol}${chartHeaderRow + 1}:${tgtCol}${chartLast}` },
        { name: "Đã kết nạp", values: `${admCol}${chartHeaderRow + 1}:${admCol}${chartLast}` },
      ],
      anchor: a1(chartLast + 2, nameCol),
      width: 8,
      height: 16,
    },
    print: pagePrint({ rows, columnWidths: cols.map((c) => c.width) }, {
      repeatRows: { from: SUMMARY_HEADER_ROW, to: SUMMARY_HEADER_ROW },
      omitRows: [SUMMARY_HEADER_ROW + 1],
      lastRow: chartLast + 1 + 16, // the chart: anchored two rows below its table, 16 rows tall
    }),
    rowHeights: {
      [SUMMARY_HEADER_ROW]: headerRowHeight(cols.map((c) => c.header), cols.map((c) => c.width)),
      [narrativeRow]: textRowHeight(summary.narrative, cols.reduce((w, c) => w + c.width, 0)),
    },
    state,
  };
}

/** What a unit without a target shows in the ratio column (level.ts). */
export { NO_TARGET };
const NO_TARGET_NOTE = "Không giao chỉ tiêu: ô KN_CHITIEU của đơn vị trong danh mục để trống";

/**
 * The row under the total (total at row `totalRow`): admitted over the sum of the allocations,
 * "Theo chỉ tiêu phân bổ cho các đơn vị", with the count of units without a target.
 */
function allocationRow(summary: Summary, totalRow: number, cols: Column[], groupRows: number[]): PlanCell[] {
  const r = totalRow + 1;
  const letter = (key: string) => columnLetters(cols.findIndex((c) => c.key === key) + 1);
  const adm = `${letter("KN_DAKETNAP")}${r}`;
  const tgt = `${letter("KN_CHITIEU")}${r}`;
  const none = summary.noTarget > 0 ? `; ${summary.noTarget} ${summary.unitNoun} không giao chỉ tiêu` : "";
  return cols.map((c): PlanCell => {
    const base: PlanCell = { italic: true };
    switch (c.key) {
      case "TEN_DV":
        return { ...base, value: `Theo tổng chỉ tiêu phân bổ cho các ${summary.unitNoun}${none}` };
      case "KN_CHITIEU":
        return { ...base, formula: `=${groupRows.map((g) => `${letter("KN_CHITIEU")}${g}`).join("+") || "0"}`, value: summary.totals.KN_CHITIEU, numberFormat: COUNT_FORMAT };
      case "KN_DAKETNAP":
        return { ...base, formula: `=${letter("KN_DAKETNAP")}${totalRow}`, value: summary.totals.KN_DAKETNAP, numberFormat: COUNT_FORMAT };
      case "TYLE":
        return { ...base, formula: `=IF(${tgt}=0,"",PDV.TYLE(${adm},${tgt}))`, value: summary.allocatedRatio ?? "", numberFormat: RATIO_FORMAT };
      default:
        return base;
    }
  });
}

/** The row of the district total in a summary plan (1-based). */
export function totalRowNumber(summary: Summary): number {
  return SUMMARY_FIRST_DATA_ROW + summary.rows.length - 1;
}

const SEVERITY_TEXT: Record<Finding["severity"], string> = { error: "Lỗi", warning: "Cảnh báo", info: "Thông tin" };
const SEVERITY_FILL: Record<Finding["severity"], string> = { error: "#F8CBAD", warning: "#FFF2CC", info: "#DDEBF7" };

/** KiemTra: the validation report as a sheet. */
export function checkPlan(analysis: Analysis): SheetPlan {
  const { errors, warnings } = countFindings(analysis.findings);
  const rows: (PlanCell | undefined)[][] = [];
  rows.push([{ value: "KẾT QUẢ KIỂM TRA BÁO CÁO PHÁT TRIỂN ĐẢNG VIÊN", bold: true }]);
  rows.push([
    {
      value: `Đã nhận ${analysis.received}/${analysis.expected} báo cáo; ${errors} lỗi, ${warnings} cảnh báo.`,
      italic: true,
    },
  ]);
  rows.push([]);
  const header = ["STT", "Mức độ", "Quy tắc", "Nội dung quy tắc", "Đơn vị", "Tệp", "Sheet", "Ô", "Mô tả và cách sửa"];
  rows.push(header.map((h) => ({ value: h, bold: true, fill: "#D9E1F2" })));
  const sorted = [...analysis.findings].sort(compareFindings);
  sorted.forEach((f, i) => {
    rows.push([
      { value: i + 1 },
      { value: SEVERITY_TEXT[f.severity], fill: SEVERITY_FILL[f.severity] },
      { value: f.rule },
      { value: RULES.get(f.rule)?.title ?? "" },
      { value: f.unit ?? "" },
      { value: f.file ?? "" },
      { value: f.sheet },
      { value: f.cell },
      { value: f.message, wrap: true },
    ]);
  });
  const columnWidths = [5, 9, 7, 32, 9, 14, 16, 6, 80];
  return { name: SHEET_CHECK, rows, columnWidths, frozenRows: 4, print: pagePrint({ rows, columnWidths }, { repeatRows: { from: 4, to: 4 } }) };
}

/** A values-only copy of a plan (no formulas, no links, no notes), for readers without the add-in. */
export function exportPlan(plan: SheetPlan, name: string): SheetPlan {
  const rows = plan.rows.map((r) =>
    r.map((c) => {
      if (!c) return c;
      const copy: PlanCell = { ...c };
      delete copy.formula;
      delete copy.note;
      return copy;
    }),
  );
  const out: SheetPlan = { ...plan, name, rows };
  delete out.state;
  if (out.chart) out.chart = { ...out.chart };
  return out;
}

/** Label of a count code for messages and headers. */
export function codeLabel(code: CountCode): string {
  return ITEM_BY_CODE.get(code)?.label ?? code;
}
