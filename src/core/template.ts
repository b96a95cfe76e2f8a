/**
 * Template PDV-01 v1: the standard reporting workbook, as ../spec/standard-workbook.md defines it.
 * Codes, labels, types, and where things are on a sheet (found by code, never by position).
 */

export const FORM_ID = "PDV-01 v1";

export const SHEET_ROSTER = "DanhMuc";
export const SHEET_SUMMARY = "TongHop";
export const SHEET_CHECK = "KiemTra";
/** The statistical form for the level above, values only (upward.ts, `pdv export`). */
export const SHEET_EXPORT = "TongHop_GuiTinh";
/**
 * The report the committee sends to the level above ("Xuất gửi cấp trên", and `pdv consolidate`):
 * a PDV-01 v1 report of the committee as a whole, plus coverage rows and its unit table as values
 * (export-up.ts), machine-readable, unlike the printable form SHEET_EXPORT. Never read as one of
 * the committee's own units; at the level above it is the committee's report (rollup.ts).
 */
export const SHEET_REPORT_UP = "GuiCapTren";
/** The first sheet of every feedback file (feedback.ts); a file holding it is PDV's own output. */
export const SHEET_FEEDBACK = "PhanHoi";
/** Sheets the add-in writes; never read as unit reports. */
export const GENERATED_SHEETS = [SHEET_SUMMARY, SHEET_CHECK, SHEET_EXPORT, SHEET_REPORT_UP];

/** On a unit sheet: codes in column C, values in column D (1-based). */
export const UNIT_CODE_COLUMN = 3;
export const UNIT_VALUE_COLUMN = 4;

/** In DanhMuc: parameter code in A, label in B, value in C. */
export const PARAM_CODE_COLUMN = 1;
export const PARAM_LABEL_COLUMN = 2;
export const PARAM_VALUE_COLUMN = 3;

export type ItemType = "text" | "date" | "count" | "ratio";

export type CountCode =
  | "DV_TONG" | "QC_NGUON" | "QC_BOIDUONG" | "HS_DENGHI" | "KN_CHITIEU" | "KN_DAKETNAP"
  | "KN_NU" | "KN_DTTS" | "KN_TONGIAO" | "KN_DOANVIEN" | "KN_KETNAPLAI" | "DV_CHINHTHUC";

export type ItemCode = "MAU" | "MA_DV" | "TEN_DV" | "NGAY_LAP" | "NGUOI_LAP" | CountCode | "KN_TYLE";

export interface TemplateItem {
  code: ItemCode;
  label: string;
  type: ItemType;
  required: boolean;
}

/** The rows of form PDV-01, in the order of the blank form. */
export const ITEMS: readonly TemplateItem[] = [
  { code: "MAU", label: "Mẫu biểu", type: "text", required: true },
  { code: "MA_DV", label: "Mã đơn vị", type: "text", required: true },
  { code: "TEN_DV", label: "Tên đơn vị", type: "text", required: true },
  { code: "NGAY_LAP", label: "Ngày lập báo cáo", type: "date", required: true },
  { code: "NGUOI_LAP", label: "Người lập", type: "text", required: false },
  { code: "DV_TONG", label: "Tổng số đảng viên", type: "count", required: true },
  { code: "QC_NGUON", label: "Quần chúng ưu tú trong nguồn", type: "count", required: false },
  { code: "QC_BOIDUONG", label: "Quần chúng đã học lớp bồi dưỡng nhận thức về Đảng", type: "count", required: true },
  { code: "HS_DENGHI", label: "Hồ sơ đề nghị kết nạp đã gửi cấp trên", type: "count", required: true },
  { code: "KN_CHITIEU", label: "Chỉ tiêu kết nạp năm", type: "count", required: true },
  { code: "KN_DAKETNAP", label: "Số đảng viên đã kết nạp", type: "count", required: true },
  { code: "KN_NU", label: "trong đó: nữ", type: "count", required: false },
  { code: "KN_DTTS", label: "trong đó: dân tộc thiểu số", type: "count", required: false },
  { code: "KN_TONGIAO", label: "trong đó: người có đạo", type: "count", required: false },
  { code: "KN_DOANVIEN", label: "trong đó: đoàn viên thanh niên", type: "count", required: false },
  { code: "KN_KETNAPLAI", label: "trong đó: kết nạp lại", type: "count", required: false },
  { code: "DV_CHINHTHUC", label: "Đảng viên dự bị được công nhận chính thức", type: "count", required: false },
  { code: "KN_TYLE", label: "Tỷ lệ đạt so với chỉ tiêu", type: "ratio", required: false },
];

export const ITEM_BY_CODE: ReadonlyMap<string, TemplateItem> = new Map(ITEMS.map((i) => [i.code, i]));

export const COUNT_CODES: readonly CountCode[] = ITEMS.filter((i) => i.type === "count").map(
  (i) => i.code as CountCode,
);

/** The "trong đó" breakdowns of KN_DAKETNAP (rule C01). */
export const BREAKDOWN_CODES: readonly CountCode[] = ["KN_NU", "KN_DTTS", "KN_TONGIAO", "KN_DOANVIEN", "KN_KETNAPLAI"];

export function isItemCode(code: string): code is ItemCode {
  return ITEM_BY_CODE.has(code);
}

/**
 * Optional rows of a committee's report to the level above (issue 14), found by code in column C
 * like the items, ignored by readers that do not know them: the committee's coverage (units
 * included and in its roster, and how they are named), the coverage of the grassroots beneath
 * when its units were committees themselves, and the fingerprint of the inputs it was made from.
 */
export type CoverageCode =
  | "TH_DV_TONGHOP" | "TH_DV_DANHMUC" | "TH_DV_TENGOI"
  | "TH_CS_TONGHOP" | "TH_CS_DANHMUC" | "TH_CS_TENGOI"
  | "TH_DAUVET";

export interface CoverageItem {
  code: CoverageCode;
  label: string;
  type: "text" | "count";
}

export const COVERAGE_ITEMS: readonly CoverageItem[] = [
  { code: "TH_DV_TONGHOP", label: "Số đơn vị đã tổng hợp", type: "count" },
  { code: "TH_DV_DANHMUC", label: "Số đơn vị trong danh mục", type: "count" },
  { code: "TH_DV_TENGOI", label: "Tên gọi các đơn vị", type: "text" },
  { code: "TH_CS_TONGHOP", label: "Số tổ chức cơ sở đã tổng hợp (qua các đơn vị)", type: "count" },
  { code: "TH_CS_DANHMUC", label: "Số tổ chức cơ sở trong danh mục của các đơn vị", type: "count" },
  { code: "TH_CS_TENGOI", label: "Tên gọi các tổ chức cơ sở", type: "text" },
  { code: "TH_DAUVET", label: "Dấu vết số liệu nguồn (không sửa)", type: "text" },
];

export function isCoverageCode(code: string): code is CoverageCode {
  return COVERAGE_ITEMS.some((i) => i.code === code);
}

/* ------------------------------------------------------------------ DanhMuc */

export type ParamCode = "DB_TEN" | "NAM" | "KY_TU" | "KY_DEN" | "HAN_NOP" | "CHITIEU_DB" | "CO_QUAN" | "MA_DB";

export interface ParamDef {
  code: ParamCode;
  label: string;
  type: "text" | "integer" | "date";
  /** Optional parameters (added after PDV-01 v1 was issued): a workbook without them stays valid. */
  optional?: boolean;
}

export const PARAMS: readonly ParamDef[] = [
  { code: "DB_TEN", label: "Tên đảng bộ", type: "text" },
  { code: "NAM", label: "Năm", type: "integer" },
  { code: "KY_TU", label: "Từ ngày", type: "date" },
  { code: "KY_DEN", label: "Đến ngày (ngày chốt số liệu)", type: "date" },
  { code: "HAN_NOP", label: "Hạn nộp báo cáo", type: "date" },
  { code: "CHITIEU_DB", label: "Chỉ tiêu kết nạp của đảng bộ (cấp trên giao)", type: "integer" },
  // Issue 13 (../shared/spec/standard-workbook.md, "Additions"): the level is data.
  { code: "CO_QUAN", label: "Cơ quan nhận và tổng hợp báo cáo", type: "text", optional: true },
  { code: "MA_DB", label: "Mã đảng bộ trong danh mục của cấp trên", type: "text", optional: true },
];

export type RosterColumnCode =
  | "MA_DV" | "TEN_DV" | "LOAI_HINH" | "KHOI" | "KN_CHITIEU" | "TEN_SHEET" | "KN_CUNGKY" | "DV_DAUNAM";

export interface RosterColumnDef {
  code: RosterColumnCode;
  label: string;
  required: boolean;
}

export const ROSTER_COLUMNS: readonly RosterColumnDef[] = [
  { code: "MA_DV", label: "Mã đơn vị", required: true },
  { code: "TEN_DV", label: "Tên đơn vị", required: true },
  { code: "LOAI_HINH", label: "Loại hình", required: true },
  { code: "KHOI", label: "Khối", required: true },
  { code: "KN_CHITIEU", label: "Chỉ tiêu kết nạp (để trống: không giao)", required: true },
  { code: "TEN_SHEET", label: "Tên sheet", required: true },
  { code: "KN_CUNGKY", label: "Kết nạp cùng kỳ năm trước", required: false },
  { code: "DV_DAUNAM", label: "Đảng viên đầu kỳ", required: false },
];

/**
 * Unit groups (KHOI) of the district-era roster, in the order the summary lists them. A roster
 * whose groups are all other words keeps its own order; otherwise unknown groups follow the known.
 */
export const GROUP_ORDER: readonly string[] = [
  "Xã, thị trấn",
  "Cơ quan",
  "Sự nghiệp",
  "Doanh nghiệp",
  "Lực lượng vũ trang",
];

/** Unit types (LOAI_HINH) seen in practice; the roster may hold any other text. */
export const UNIT_TYPES: readonly string[] = [
  "Đảng bộ cơ sở",
  "Chi bộ cơ sở",
  "Chi bộ trực thuộc",
  "Đảng bộ bộ phận",
  "Đảng bộ cấp trên cơ sở",
];
