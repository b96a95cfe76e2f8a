/**
 * The committee's report to the level above (issue 14), as a SheetPlan: a PDV-01 v1 report of the
 * committee as a whole, values only, that the level above reads and consolidates like any unit's
 * report (items found by code in column C, value in column D), then the coverage rows (template.ts
 * COVERAGE_ITEMS), then the committee's unit table as values so that the level above can look
 * inside. Opens without the add-in: no formula, no link.
 *
 * The report: MA_DV = MA_DB, TEN_DV = DB_TEN, NGAY_LAP = the day of consolidation, NGUOI_LAP =
 * CO_QUAN, each count summed over the units included (a breakdown no included unit reported stays
 * blank, never 0), KN_CHITIEU = CHITIEU_DB (the target the level above gave), KN_TYLE = admitted
 * over that target (a fraction).
 */
import type { PlanCell, SheetPlan } from "./types";
import type { Summary, SummaryRow } from "./model";
import { COUNT_CODES, COVERAGE_ITEMS, SHEET_REPORT_UP, UNIT_CODE_COLUMN, UNIT_VALUE_COLUMN, isItemCode } from "./template";
import type { CountCode, CoverageCode } from "./template";
import { unitSheetPlan } from "./blank";
import type { UnitValues } from "./blank";
import { COUNT_FORMAT, NO_TARGET, RATIO_FORMAT, exportPlan } from "./layout";
import { rowLabel } from "./summary-text";
import { UNIT_STATE_LABELS } from "./model";
import { formatDate } from "./dates";
import { formatInteger } from "./vi";

/** Code in column C of the row that opens the unit table (not an item code: readers skip it). */
export const UNIT_TABLE_CODE = "DS_DONVI";

/** The unit table's columns: header, code (column C's is not an item code), width, count code. */
const TABLE: { header: string; key: string; width: number; count?: CountCode }[] = [
  { header: "STT", key: "STT", width: 5 },
  { header: "Tên đơn vị", key: "TEN_DONVI", width: 52 },
  { header: "Mã", key: "MA_DONVI", width: 14 },
  { header: "Tổng số đảng viên", key: "DV_TONG", width: 14, count: "DV_TONG" },
  { header: "Quần chúng đã học lớp bồi dưỡng", key: "QC_BOIDUONG", width: 28, count: "QC_BOIDUONG" },
  { header: "Hồ sơ đề nghị kết nạp", key: "HS_DENGHI", width: 12, count: "HS_DENGHI" },
  { header: "Chỉ tiêu kết nạp", key: "KN_CHITIEU", width: 12, count: "KN_CHITIEU" },
  { header: "Đã kết nạp", key: "KN_DAKETNAP", width: 12, count: "KN_DAKETNAP" },
  { header: "Tỷ lệ đạt", key: "TYLE", width: 10 },
  { header: "Khối", key: "KHOI", width: 16 },
  { header: "Trạng thái", key: "TRANGTHAI", width: 12 },
];

function tableRow(row: SummaryRow, summary: Summary): PlanCell[] {
  const bold = row.kind !== "unit";
  return TABLE.map((c): PlanCell => {
    let cell: PlanCell;
    if (c.count) {
      const v = row.values[c.count];
      cell = { value: row.kind === "unit" && !row.included ? null : v, numberFormat: COUNT_FORMAT };
    } else if (c.key === "STT") cell = { value: row.stt ?? null };
    else if (c.key === "TEN_DONVI") cell = { value: rowLabel(row, summary) };
    else if (c.key === "MA_DONVI") cell = { value: row.code ?? null };
    else if (c.key === "TYLE") {
      cell =
        row.kind === "unit" && row.noTarget && row.included
          ? { value: NO_TARGET }
          : { value: row.ratio, numberFormat: RATIO_FORMAT };
    } else if (c.key === "KHOI") cell = { value: row.kind === "unit" ? row.group : null };
    else cell = { value: row.state ? UNIT_STATE_LABELS[row.state] : null };
    if (bold) cell.bold = true;
    return cell;
  });
}

/** How many included units reported each count (a breakdown nobody reported is exported blank). */
function reporters(summary: Summary): Record<CountCode, number> {
  const n = {} as Record<CountCode, number>;
  for (const code of COUNT_CODES) n[code] = 0;
  for (const r of summary.rows) {
    if (r.kind !== "unit" || !r.included) continue;
    for (const code of COUNT_CODES) if (r.values[code] !== null) n[code]++;
  }
  return n;
}

/** The coverage rows' values, by code (TH_CS_* only when some units are committees). */
function coverageValues(summary: Summary): Partial<Record<CoverageCode, string | number>> {
  const v: Partial<Record<CoverageCode, string | number>> = {
    TH_DV_TONGHOP: summary.included.length,
    TH_DV_DANHMUC: summary.expected,
    TH_DV_TENGOI: summary.unitNoun,
    TH_DAUVET: summary.fingerprint,
  };
  if (summary.leaves) {
    v.TH_CS_TONGHOP = summary.leaves.covered;
    v.TH_CS_DANHMUC = summary.leaves.listed;
    v.TH_CS_TENGOI = summary.leaves.noun;
  }
  return v;
}

/**
 * The report to the level above, named SHEET_REPORT_UP. `date` is NGAY_LAP, the day of
 * consolidation (Excel serial). MA_DV is blank when DanhMuc has no MA_DB (the level above then
 * reports V01 on it, naming the cell); callers say so to the user.
 */
export function exportUpPlan(summary: Summary, date: number): SheetPlan {
  const p = summary.params;
  const included = summary.included.length;
  const counted = reporters(summary);
  const values: UnitValues = { NGAY_LAP: date, NGUOI_LAP: p.board ?? null };
  for (const code of COUNT_CODES) values[code] = counted[code] > 0 ? summary.totals[code] : null;
  values.KN_CHITIEU = p.target;
  const form = exportPlan(
    unitSheetPlan(p, { code: p.code ?? "", name: p.name, type: "Đảng bộ", group: "", target: p.target }, values),
    SHEET_REPORT_UP,
  );
  const rows = form.rows.map((r) => [...r]);
  rows[1] = [{ value: `Báo cáo tổng hợp gửi cấp trên, lập ngày ${formatDate(date)}`, italic: true }];

  // Column E: what each figure is, instead of the unit form's input hints.
  const hints: Partial<Record<string, string>> = {
    MA_DV: p.code ? "MA_DB (sheet DanhMuc)" : "Chưa có: nhập MA_DB ở sheet DanhMuc rồi tổng hợp lại",
    TEN_DV: "DB_TEN (sheet DanhMuc)",
    NGAY_LAP: "Ngày tổng hợp",
    KN_CHITIEU: "CHITIEU_DB: chỉ tiêu cấp trên giao",
    KN_TYLE: "Đã kết nạp / chỉ tiêu cấp trên giao",
  };
  for (const r of rows) {
    const code = r[UNIT_CODE_COLUMN - 1]?.value;
    if (typeof code !== "string" || !isItemCode(code) || !r[4]) continue;
    let hint = hints[code] ?? null;
    const count = COUNT_CODES.find((c) => c === code);
    if (count && count !== "KN_CHITIEU") {
      hint = counted[count] === included ? `Tổng của ${formatInteger(included)} đơn vị` : counted[count] === 0 ? "Không đơn vị nào báo cáo" : `Tổng của ${formatInteger(counted[count])}/${formatInteger(included)} đơn vị có số liệu`;
    }
    if (code === "MA_DV" && !p.code) r[UNIT_VALUE_COLUMN - 1] = { value: null };
    r[4] = { value: hint, italic: true };
  }

  const cov = coverageValues(summary);
  for (const item of COVERAGE_ITEMS) {
    const v = cov[item.code];
    if (v === undefined) continue;
    rows.push([
      { value: "-", align: "center" },
      { value: item.label },
      { value: item.code, align: "center" },
      { value: v, numberFormat: item.type === "count" ? COUNT_FORMAT : undefined },
      { value: item.code === "TH_DAUVET" ? "Không sửa" : null, italic: true },
    ]);
  }

  rows.push([]);
  rows.push([
    undefined,
    { value: `Các ${summary.unitNoun} (${summary.params.name}), số liệu tính đến ngày ${formatDate(p.to)}`, bold: true },
    { value: UNIT_TABLE_CODE, align: "center" },
  ]);
  rows.push(TABLE.map((c) => ({ value: c.header, bold: true, wrap: true, align: "center", fill: "#D9E1F2" })));
  rows.push(TABLE.map((c) => ({ value: c.key, italic: true, align: "center" })));
  for (const row of summary.rows) rows.push(tableRow(row, summary));

  return { name: SHEET_REPORT_UP, rows, columnWidths: TABLE.map((c) => c.width), frozenRows: form.frozenRows };
}
