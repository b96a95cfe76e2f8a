/**
 * The validation rules as a table: id, severity, and the short Vietnamese title shown in lists.
 * Checks live in the modules of their family (structure, values, consistency, dates); each
 * builds its message (what is wrong, where, how to fix it) and calls `finding`.
 */
import type { Finding, RuleId, Severity } from "../types";
import type { Place } from "../model";

export interface RuleDef {
  id: RuleId;
  severity: Severity;
  title: string;
}

const defs: RuleDef[] = [
  { id: "S01", severity: "error", title: "Thiếu sheet DanhMuc, tham số hoặc cột danh mục" },
  { id: "S02", severity: "error", title: "Mã đơn vị hoặc tên sheet trong danh mục bị trùng hoặc để trống" },
  { id: "S03", severity: "error", title: "Đơn vị chưa nộp báo cáo" },
  { id: "S04", severity: "warning", title: "Báo cáo của đơn vị không có trong danh mục" },
  { id: "S05", severity: "error", title: "Thiếu dòng mã bắt buộc hoặc mã bị lặp" },
  { id: "S06", severity: "error", title: "Không đúng mẫu biểu PDV-01 v1" },
  { id: "S07", severity: "error", title: "Mã đơn vị không khớp danh mục hoặc hai báo cáo cùng một đơn vị" },
  { id: "S08", severity: "warning", title: "Tên đơn vị khác với danh mục" },
  { id: "S09", severity: "error", title: "Tệp báo cáo đơn vị đã gửi không đọc được" },
  { id: "V01", severity: "error", title: "Bỏ trống chỉ tiêu bắt buộc" },
  { id: "V02", severity: "error", title: "Số liệu không phải là số" },
  { id: "V03", severity: "error", title: "Số liệu âm hoặc không nguyên" },
  { id: "V04", severity: "error", title: "Ô chứa giá trị lỗi của Excel" },
  { id: "C01", severity: "error", title: "Số \"trong đó\" lớn hơn số đã kết nạp" },
  { id: "C02", severity: "warning", title: "Số đã kết nạp lớn hơn số hồ sơ đề nghị" },
  { id: "C03", severity: "warning", title: "Số hồ sơ đề nghị lớn hơn số quần chúng đã học lớp bồi dưỡng" },
  { id: "C04", severity: "warning", title: "Chỉ tiêu của đơn vị khác chỉ tiêu được giao trong danh mục" },
  { id: "C05", severity: "error", title: "Tỷ lệ đạt bị gõ đè, không khớp công thức" },
  { id: "C06", severity: "warning", title: "Tổng chỉ tiêu phân bổ cho các đơn vị khác chỉ tiêu cấp trên giao" },
  { id: "C07", severity: "error", title: "Số đã kết nạp lớn hơn tổng số đảng viên" },
  { id: "D01", severity: "warning", title: "Nộp muộn" },
  { id: "D02", severity: "warning", title: "Ngày lập trước ngày chốt số liệu" },
  { id: "D03", severity: "error", title: "Ngày lập không phải là ngày" },
  { id: "G01", severity: "warning", title: "Bảng tổng hợp đã cũ" },
  { id: "E01", severity: "warning", title: "Văn bản dùng bảng mã cũ (TCVN3/VNI) đã được chuyển sang Unicode" },
  { id: "R01", severity: "warning", title: "Báo cáo của đảng bộ cấp dưới mới tổng hợp một phần đơn vị" },
  { id: "R02", severity: "warning", title: "Báo cáo gửi cấp trên đã cũ so với số liệu trong sổ của đảng bộ cấp dưới" },
];

export const RULES: ReadonlyMap<RuleId, RuleDef> = new Map(defs.map((d) => [d.id, d]));

/** A finding at a place, with the rule's own severity unless the check says otherwise. */
export function finding(
  rule: RuleId,
  place: Place | { sheet: string; cell: string; file?: string },
  unit: string | null,
  message: string,
  severity?: Severity,
): Finding {
  const def = RULES.get(rule);
  if (!def) throw new Error(`unknown rule ${rule}`);
  const f: Finding = { severity: severity ?? def.severity, rule, sheet: place.sheet, cell: place.cell, unit, message };
  if (place.file) f.file = place.file;
  return f;
}

/** "sheet 'Tân Đức', ô D9" or "tệp TCCS12.xlsx, sheet 'TCCS12', ô D9": how a message names a place. */
export function describePlace(place: { sheet: string; cell: string; file?: string }): string {
  const parts: string[] = [];
  if (place.file) parts.push(`tệp ${place.file}`);
  if (place.sheet) parts.push(`sheet '${place.sheet}'`);
  if (place.cell) parts.push(`ô ${place.cell}`);
  return parts.join(", ");
}
