/**
 * The blank standard workbook: the DanhMuc sheet (parameters + roster) and one PDV-01 form per
 * unit, as SheetPlans. With values, the same plans make the sample district's filled reports.
 * The unit form opens without the add-in: its KN_TYLE cell is a plain Excel formula.
 */
import type { PlanCell, SheetPlan } from "./types";
import type { DistrictParams } from "./model";
import { COUNT_CODES, FORM_ID, ITEMS, PARAMS, ROSTER_COLUMNS, SHEET_ROSTER, UNIT_VALUE_COLUMN } from "./template";
import type { CountCode } from "./template";
import { a1 } from "./a1";
import { formatDate, parseDateText, ymdToSerial } from "./dates";
import { parseViNumber } from "./vi";
import { COUNT_FORMAT, DATE_FORMAT, RATIO_FORMAT } from "./layout";
import { headerRowHeight, pagePrint } from "./print";
import { dossierLabel, unitNoun } from "./level";

/** The reference district (published report): figures as of 31/08/2020, due 05/09/2020. */
export const DEFAULT_PARAMS: DistrictParams = {
  name: "Đảng bộ huyện Phú Bình",
  year: 2020,
  from: ymdToSerial(2020, 1, 1)!,
  to: ymdToSerial(2020, 8, 31)!,
  deadline: ymdToSerial(2020, 9, 5)!,
  target: 253,
  board: "Ban Tổ chức Huyện ủy Phú Bình",
  code: null,
};

/** One roster line as the Board types it (CSV or the task pane), before it is a sheet. */
export interface RosterRow {
  code: string;
  name: string;
  type: string;
  group: string;
  target: number | null;
  sheetName?: string;
  prevAdmitted?: number | null;
  /** Members at the start of the period (DV_DAUNAM), when the roster gives it. */
  membersAtStart?: number | null;
  /** Other columns of the source (e.g. a sample's DV_TONG, NGAY_LAP), by column code. */
  values?: Record<string, string>;
}

/** First row of the unit form's table header; items follow. */
export const UNIT_HEADER_ROW = 5;

const HINTS: Partial<Record<string, string>> = {
  MAU: "Không sửa",
  MA_DV: "Theo danh mục đơn vị (sheet DanhMuc)",
  NGAY_LAP: "dd/mm/yyyy",
  KN_CHITIEU: "Chỉ tiêu được giao (trống: không giao)",
  KN_TYLE: "Công thức, không gõ đè",
};

function upperVi(s: string): string {
  return s.toLocaleUpperCase("vi");
}

export type UnitValues = Partial<Record<CountCode | "NGAY_LAP" | "NGUOI_LAP", string | number | null>>;

/** What a unit reports, from the other columns of its roster line (a sample CSV): counts, NGAY_LAP, NGUOI_LAP. */
export function reportedValues(row: RosterRow): UnitValues {
  const v: UnitValues = {};
  for (const code of COUNT_CODES) {
    const t = row.values?.[code];
    if (t === undefined || t === "") continue;
    const n = parseViNumber(t);
    v[code] = n ? n.value : t;
  }
  if (row.values?.NGAY_LAP) v.NGAY_LAP = row.values.NGAY_LAP;
  if (row.values?.NGUOI_LAP) v.NGUOI_LAP = row.values.NGUOI_LAP;
  return v;
}

/**
 * The PDV-01 form of one unit, blank or filled with `values`. Labels that name the level come from
 * the data: HS_DENGHI names CO_QUAN, TEN_DV the unit's LOAI_HINH (level.ts).
 */
export function unitSheetPlan(params: DistrictParams, unit: RosterRow, values: UnitValues = {}): SheetPlan {
  const itemLabel = (code: string, label: string): string => {
    if (code === "HS_DENGHI") return dossierLabel(params);
    if (code === "TEN_DV") return `Tên ${unitNoun([unit.type])}`;
    return label;
  };
  const rows: (PlanCell | undefined)[][] = [];
  rows.push([{ value: upperVi(params.name), bold: true }]);
  rows.push([{ value: unit.name, bold: true }]);
  rows.push([{ value: "BÁO CÁO KẾT QUẢ PHÁT TRIỂN ĐẢNG VIÊN", bold: true, align: "center" }]);
  rows.push([
    {
      value: `Từ ngày ${formatDate(params.from)} đến ngày ${formatDate(params.to)}; hạn nộp ${formatDate(params.deadline)}`,
      italic: true,
      align: "center",
    },
  ]);
  rows.push(["STT", "Nội dung", "Mã", "Số liệu", "Ghi chú"].map((h) => ({ value: h, bold: true, align: "center", fill: "#D9E1F2" })));
  const rowOf = new Map<string, number>();
  ITEMS.forEach((item, i) => rowOf.set(item.code, UNIT_HEADER_ROW + 1 + i));
  const countValue = (code: string): number | null => {
    const v = values[code as CountCode];
    if (v === undefined || v === null || v === "") return null;
    if (typeof v === "number") return v;
    return parseViNumber(v)?.value ?? null;
  };
  let stt = 0;
  for (const item of ITEMS) {
    const isBreakdown = item.label.startsWith("trong đó");
    const sttCell: PlanCell = { value: isBreakdown ? "-" : String(++stt), align: "center" };
    let value: PlanCell;
    switch (item.code) {
      case "MAU":
        value = { value: FORM_ID };
        break;
      case "MA_DV":
        value = { value: unit.code };
        break;
      case "TEN_DV":
        value = { value: unit.name };
        break;
      case "NGAY_LAP": {
        const raw = values.NGAY_LAP;
        const serial = typeof raw === "number" ? raw : typeof raw === "string" ? parseDateText(raw) : null;
        value = { value: serial, numberFormat: DATE_FORMAT };
        break;
      }
      case "NGUOI_LAP":
        value = { value: typeof values.NGUOI_LAP === "string" ? values.NGUOI_LAP : null };
        break;
      case "KN_CHITIEU": {
        const own = countValue("KN_CHITIEU");
        value = { value: own ?? unit.target, numberFormat: COUNT_FORMAT };
        break;
      }
      case "KN_TYLE": {
        const adm = a1(rowOf.get("KN_DAKETNAP")!, UNIT_VALUE_COLUMN);
        const tgt = a1(rowOf.get("KN_CHITIEU")!, UNIT_VALUE_COLUMN);
        const a = countValue("KN_DAKETNAP");
        const t = countValue("KN_CHITIEU") ?? unit.target;
        const cached = a === null || t === null || t === 0 ? "" : a / t;
        value = { formula: `=IF(${tgt}=0,"",${adm}/${tgt})`, value: cached, numberFormat: RATIO_FORMAT };
        break;
      }
      default:
        value = { value: countValue(item.code), numberFormat: COUNT_FORMAT };
    }
    const hint = HINTS[item.code] ?? (item.required ? "Bắt buộc" : "");
    rows.push([
      sttCell,
      { value: itemLabel(item.code, item.label), bold: item.required && !isBreakdown },
      { value: item.code, align: "center" },
      value,
      { value: hint || null, italic: true },
    ]);
  }
  return {
    name: unit.sheetName || unit.code,
    rows,
    columnWidths: [5, 52, 14, 14, 28],
    frozenRows: UNIT_HEADER_ROW,
  };
}

/** The DanhMuc sheet: parameters, then the roster table (labels row, codes row, one row per unit). */
export function rosterSheetPlan(params: DistrictParams, units: RosterRow[]): SheetPlan {
  const rows: (PlanCell | undefined)[][] = [];
  rows.push([{ value: "DANH MỤC ĐƠN VỊ VÀ THAM SỐ BÁO CÁO PHÁT TRIỂN ĐẢNG VIÊN", bold: true }]);
  rows.push(["Mã", "Tham số", "Giá trị"].map((h) => ({ value: h, bold: true, fill: "#D9E1F2" })));
  for (const def of PARAMS) {
    let value: PlanCell;
    switch (def.code) {
      case "DB_TEN":
        value = { value: params.name };
        break;
      case "NAM":
        value = { value: params.year };
        break;
      case "KY_TU":
        value = { value: params.from, numberFormat: DATE_FORMAT };
        break;
      case "KY_DEN":
        value = { value: params.to, numberFormat: DATE_FORMAT };
        break;
      case "HAN_NOP":
        value = { value: params.deadline, numberFormat: DATE_FORMAT };
        break;
      case "CHITIEU_DB":
        value = { value: params.target, numberFormat: COUNT_FORMAT };
        break;
      case "CO_QUAN":
        value = { value: params.board ?? null };
        break;
      case "MA_DB":
        value = { value: params.code ?? null };
        break;
    }
    rows.push([{ value: def.code }, { value: def.label }, value]);
  }
  rows.push([]);
  const has = (get: (u: RosterRow) => number | null | undefined) => units.some((u) => get(u) !== undefined && get(u) !== null);
  const hasPrev = has((u) => u.prevAdmitted);
  const hasStart = has((u) => u.membersAtStart);
  const columns = ROSTER_COLUMNS.filter(
    (c) => c.required || (c.code === "KN_CUNGKY" && hasPrev) || (c.code === "DV_DAUNAM" && hasStart),
  );
  const noun = unitNoun(units.map((u) => u.type));
  const labelOf = (code: string, label: string) => (code === "TEN_DV" ? `Tên ${noun}` : label);
  rows.push(columns.map((c) => ({ value: labelOf(c.code, c.label), bold: true, wrap: true, fill: "#D9E1F2" })));
  rows.push(columns.map((c) => ({ value: c.code, italic: true })));
  for (const u of units) {
    rows.push(
      columns.map((c): PlanCell => {
        switch (c.code) {
          case "MA_DV":
            return { value: u.code };
          case "TEN_DV":
            return { value: u.name };
          case "LOAI_HINH":
            return { value: u.type };
          case "KHOI":
            return { value: u.group };
          case "KN_CHITIEU":
            return { value: u.target, numberFormat: COUNT_FORMAT };
          case "TEN_SHEET":
            return { value: u.sheetName || u.code };
          case "KN_CUNGKY":
            return { value: u.prevAdmitted ?? null, numberFormat: COUNT_FORMAT };
          case "DV_DAUNAM":
            return { value: u.membersAtStart ?? null, numberFormat: COUNT_FORMAT };
        }
      }),
    );
  }
  const columnWidths = [12, 44, 16, 18, 10, 14, 10, 10];
  const header = PARAMS.length + 4; // title, parameter header, parameters, blank row, then the roster's labels
  return {
    name: SHEET_ROSTER,
    rows,
    columnWidths,
    frozenRows: 0,
    print: pagePrint({ rows, columnWidths }, { repeatRows: { from: header, to: header }, omitRows: [header + 1] }),
    rowHeights: { [header]: headerRowHeight(columns.map((c) => c.label), columnWidths) },
  };
}
