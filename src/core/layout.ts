/**
 * Summary → SheetPlan: the one place that decides what TongHop and KiemTra look like (the report
 * to the level above is export-up.ts), for every adapter. Formulas are en-US with "," separators;
 * every formula cell also carries the value the core computed, so a file opened without
 * recalculation shows the right numbers.
 */
import type { Finding, PlanCell, SheetPlan } from "./types";
import type { Analysis, Summary } from "./model";
import { a1, columnLetters } from "./a1";
import { ITEM_BY_CODE, SHEET_CHECK, SHEET_SUMMARY } from "./template";
import type { CountCode } from "./template";
import { formatDate, serialToYmd } from "./dates";
import { STATE_FINGERPRINT, STATE_TIME } from "./state";
import { compareFindings, countFindings } from "./findings";
import { RULES } from "./rules/catalog";
import { headerRowHeight, pagePrint, textRowHeight } from "./print";
import { NO_TARGET } from "./level";
import { rowCells, summaryColumns } from "./summary-columns";
import type { Column, ColumnContext } from "./summary-columns";
import { COUNT_FORMAT, RATIO_FORMAT } from "./summary-columns";
export { COUNT_FORMAT, DATE_FORMAT, RATIO_FORMAT, summaryColumns } from "./summary-columns";

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

/**
 * TongHop as a plan: the title block and the two header rows, one row per summary row (each
 * column kind makes its own cells: summary-columns.ts), the ratio over the allocations when it
 * differs, then the appendix (narrative, the chart's table and chart, print setup). `options.time`
 * ("14:05 ngày 06/09/2020", core/state.ts) is stored with the fingerprint for rule G01.
 */
export function summaryPlan(summary: Summary, options: SummaryPlanOptions = {}): SheetPlan {
  const cols = summaryColumns(summary.hasPrev, summary.unitNoun, summary.membersAtStart !== null);
  const last = cols.length;
  const colOf = (key: string) => cols.findIndex((c) => c.key === key) + 1;
  // Asked for several times per row: looked up once per column.
  const letters = new Map<string, string>();
  cols.forEach((c, i) => letters.has(c.key) || letters.set(c.key, columnLetters(i + 1)));
  const L = (key: string) => letters.get(key) ?? columnLetters(colOf(key));
  const rows: (PlanCell | undefined)[][] = [];
  const title = (text: string, bold = true, italic = false): PlanCell[] => [{ value: text, bold, italic, align: "center" }];

  rows.push(title("BÁO CÁO KẾT QUẢ PHÁT TRIỂN ĐẢNG VIÊN"));
  rows.push(title(summary.params.name));
  rows.push(title(`Số liệu tính đến ngày ${formatDate(summary.params.to)}`, false, true));
  rows.push([]);
  rows.push(cols.map((c) => ({ value: c.header, bold: true, wrap: true, align: "center", fill: "#D9E1F2" })));
  rows.push(cols.map((c) => ({ value: c.key, italic: true, align: "center" })));

  const givenDiffers = summary.headlineBasis === "given" && summary.headlineTarget !== summary.totals.KN_CHITIEU;
  const groupRowNumbers: number[] = [];

  const ctx: ColumnContext = {
    summary,
    links: options.links === true,
    letter: L,
    asOf: dateFormula(summary.params.to),
    givenDiffers,
    groupStart: SUMMARY_FIRST_DATA_ROW,
    groupRows: groupRowNumbers,
  };
  for (const row of summary.rows) {
    const r = rows.length + 1;
    rows.push(rowCells(cols, row, r, ctx));
    if (row.kind === "group") {
      groupRowNumbers.push(r);
      ctx.groupStart = r + 1;
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
  const { chart, lastRow: chartLast } = chartAppendix(summary, rows, colOf("TEN_DV"), L);

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
    chart,
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

/**
 * Below the narrative: a small table of target and admitted per group (per unit, those included,
 * when there are at most CHART_BY_UNIT_MAX units), each a formula into the summary rows, pushed
 * onto `rows` in the name column and the two after it; and the chart over it, anchored two rows
 * below. Returns the chart and the table's last row (1-based).
 */
function chartAppendix(
  summary: Summary,
  rows: (PlanCell | undefined)[][],
  nameCol: number,
  L: (key: string) => string,
): { chart: NonNullable<SheetPlan["chart"]>; lastRow: number } {
  const headerRow = rows.length + 1;
  const pad = (cells: PlanCell[]): (PlanCell | undefined)[] => [...Array(nameCol - 1).fill(undefined), ...cells];
  const byUnit = summary.rows.filter((r) => r.kind === "unit").length <= CHART_BY_UNIT_MAX;
  const items = summary.rows
    .map((row, i) => ({ row, at: SUMMARY_FIRST_DATA_ROW + i }))
    .filter(({ row }) => (byUnit ? row.kind === "unit" && row.included : row.kind === "group"));
  rows.push(pad([{ value: byUnit ? "Đơn vị" : "Khối", bold: true }, { value: "Chỉ tiêu", bold: true }, { value: "Đã kết nạp", bold: true }]));
  for (const { row, at } of items) {
    rows.push(
      pad([
        { value: byUnit ? row.name : row.group },
        { formula: `=${L("KN_CHITIEU")}${at}`, value: row.values.KN_CHITIEU, numberFormat: COUNT_FORMAT },
        { formula: `=${L("KN_DAKETNAP")}${at}`, value: row.values.KN_DAKETNAP, numberFormat: COUNT_FORMAT },
      ]),
    );
  }
  const lastRow = rows.length;
  const [catCol, tgtCol, admCol] = [0, 1, 2].map((k) => columnLetters(nameCol + k));
  return {
    chart: {
      type: "ColumnClustered",
      title: `Kết nạp đảng viên so với chỉ tiêu, theo ${byUnit ? "đơn vị" : "khối"}`,
      categories: `${catCol}${headerRow + 1}:${catCol}${lastRow}`,
      series: [
        { name: "Chỉ tiêu", values: `${tgtCol}${headerRow + 1}:${tgtCol}${lastRow}` },
        { name: "Đã kết nạp", values: `${admCol}${headerRow + 1}:${admCol}${lastRow}` },
      ],
      anchor: a1(lastRow + 2, nameCol),
      width: 8,
      height: 16,
    },
    lastRow,
  };
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
