/**
 * Rules across the fields of one report, and against its roster entry and the committee's dates:
 * S08 (name), C01–C05, C07 (consistency), D01–D02 (dates). C02 and C03 are warnings whose
 * messages give the legitimate reasons (dossiers from the previous period; a course certificate
 * is valid 5 years: ../shared/notes/domain-2025.md), so that nobody "corrects" right figures.
 */
import type { Finding } from "../types";
import type { DistrictParams, Place, RosterUnit, UnitReport } from "../model";
import { BREAKDOWN_CODES, ITEM_BY_CODE } from "../template";
import type { CountCode, ItemCode } from "../template";
import { describePlace, finding } from "./catalog";
import { ratio } from "../indicators";
import { sameName, formatInteger, formatPercent } from "../vi";
import { formatDate } from "../dates";
import { quoteTyped } from "../typed";

/** Tolerance of the KN_TYLE check: other spreadsheet programs keep 15 significant digits. */
export const RATIO_TOLERANCE = 1e-9;

function placeOf(report: UnitReport, code: ItemCode): Place {
  const p: Place = { sheet: report.sheet, cell: report.cells[code] ?? "" };
  if (report.file) p.file = report.file;
  return p;
}

function label(code: ItemCode): string {
  return `${ITEM_BY_CODE.get(code)!.label} (${code})`;
}

function count(report: UnitReport, code: CountCode): number | null {
  const v = report.counts[code];
  return typeof v === "number" ? v : null;
}

/** Checks that need the report's own numbers only. */
export function checkConsistency(report: UnitReport): Finding[] {
  const out: Finding[] = [];
  const unit = report.code;
  const admitted = count(report, "KN_DAKETNAP");
  const n = formatInteger;
  if (admitted !== null) {
    for (const code of BREAKDOWN_CODES) {
      const part = count(report, code);
      if (part !== null && part > admitted) {
        const p = placeOf(report, code);
        out.push(
          finding(
            "C01",
            p,
            unit,
            `${label(code)} tại ${describePlace(p)} là ${n(part)}, lớn hơn số đã kết nạp (${n(admitted)}). Số "trong đó" không thể vượt tổng: kiểm tra lại hai ô.`,
          ),
        );
      }
    }
    const dossiers = count(report, "HS_DENGHI");
    if (dossiers !== null && admitted > dossiers) {
      const p = placeOf(report, "KN_DAKETNAP");
      out.push(
        finding(
          "C02",
          p,
          unit,
          `Số đã kết nạp (${n(admitted)}, ${describePlace(p)}) lớn hơn số hồ sơ đề nghị kết nạp đã gửi trong kỳ (${n(dossiers)}). ` +
            `Điều này có thể đúng: hồ sơ gửi từ kỳ trước được quyết định kết nạp trong kỳ này. Chỉ sửa khi một trong hai số bị nhập nhầm.`,
        ),
      );
    }
    const members = count(report, "DV_TONG");
    if (members !== null && admitted > members) {
      const p = placeOf(report, "KN_DAKETNAP");
      out.push(
        finding(
          "C07",
          p,
          unit,
          `Số đã kết nạp (${n(admitted)}, ${describePlace(p)}) lớn hơn tổng số đảng viên (${n(members)}). Tổng số đảng viên đã gồm cả đảng viên mới kết nạp: sửa lại một trong hai ô.`,
        ),
      );
    }
  }
  const dossiers = count(report, "HS_DENGHI");
  const trained = count(report, "QC_BOIDUONG");
  if (dossiers !== null && trained !== null && dossiers > trained) {
    const p = placeOf(report, "HS_DENGHI");
    out.push(
      finding(
        "C03",
        p,
        unit,
        `Số hồ sơ đề nghị kết nạp (${n(dossiers)}, ${describePlace(p)}) lớn hơn số quần chúng đã học lớp bồi dưỡng nhận thức về Đảng trong kỳ (${n(trained)}). ` +
          `Điều này có thể đúng: giấy chứng nhận học lớp bồi dưỡng có giá trị 5 năm, nên quần chúng học từ các kỳ trước vẫn được đề nghị kết nạp. Chỉ sửa khi một trong hai số bị nhập nhầm.`,
      ),
    );
  }
  // C05: the KN_TYLE cell, when present, must be the formula's result.
  if (report.ratio !== null && report.cells.KN_TYLE) {
    const target = count(report, "KN_CHITIEU");
    const p = placeOf(report, "KN_TYLE");
    if (admitted !== null && target !== null) {
      const expected = target === 0 ? null : ratio(admitted, target);
      const typed = report.ratio;
      const wrong = expected === null || Number.isNaN(typed) || Math.abs(typed - expected) > RATIO_TOLERANCE;
      if (wrong) {
        const should = expected === null ? "để trống (chỉ tiêu bằng 0)" : `bằng ${formatPercent(expected, 2)} (số đã kết nạp chia chỉ tiêu)`;
        out.push(
          finding(
            "C05",
            p,
            unit,
            `Tỷ lệ đạt tại ${describePlace(p)} không khớp công thức: phải ${should}. Ô này có công thức sẵn, đừng gõ đè; khôi phục công thức =IF(chỉ tiêu=0;"";đã kết nạp/chỉ tiêu).`,
          ),
        );
      }
    } else if (Number.isNaN(report.ratio)) {
      out.push(
        finding("C05", p, unit, `Tỷ lệ đạt tại ${describePlace(p)} bị gõ đè bằng chữ. Khôi phục công thức =IF(chỉ tiêu=0;"";đã kết nạp/chỉ tiêu).`),
      );
    }
  }
  return out;
}

/** Checks against the roster entry of the unit: S08 (name), C04 (target). */
export function checkAgainstRoster(report: UnitReport, unit: RosterUnit): Finding[] {
  const out: Finding[] = [];
  if (report.name !== null && unit.name && !sameName(report.name, unit.name)) {
    const p = placeOf(report, "TEN_DV");
    out.push(
      finding(
        "S08",
        p,
        unit.code,
        `Tên đơn vị tại ${describePlace(p)} là ${quoteTyped(report.name)}, danh mục ghi ${quoteTyped(unit.name)} cho mã ${unit.code}. Có thể báo cáo được sao chép từ đơn vị khác: kiểm tra lại mã và tên.`,
      ),
    );
  }
  const own = count(report, "KN_CHITIEU");
  if (own !== null && own > 0 && unit.target === null) {
    // "Không giao" in the roster: the unit's own figure is not used, and it is said, not dropped silently.
    const p = placeOf(report, "KN_CHITIEU");
    out.push(
      finding(
        "C04",
        p,
        unit.code,
        `Chỉ tiêu kết nạp tại ${describePlace(p)} là ${formatInteger(own)}, nhưng danh mục không giao chỉ tiêu cho đơn vị ${unit.code} (ô KN_CHITIEU để trống). Tổng hợp coi đơn vị là "Không giao"; nếu đơn vị có chỉ tiêu, ghi chỉ tiêu vào danh mục.`,
      ),
    );
  }
  if (own !== null && unit.target !== null && own !== unit.target) {
    const p = placeOf(report, "KN_CHITIEU");
    out.push(
      finding(
        "C04",
        p,
        unit.code,
        `Chỉ tiêu kết nạp tại ${describePlace(p)} là ${formatInteger(own)}, khác chỉ tiêu được giao trong danh mục (${formatInteger(unit.target)}). Tổng hợp dùng chỉ tiêu của danh mục; sửa lại cho khớp.`,
      ),
    );
  }
  return out;
}

/** D01 (late), D02 (dated before the cut-off). */
export function checkDates(report: UnitReport, params: DistrictParams): Finding[] {
  const out: Finding[] = [];
  if (report.date === null) return out;
  const p = placeOf(report, "NGAY_LAP");
  if (report.date > params.deadline) {
    out.push(
      finding(
        "D01",
        p,
        report.code,
        `Nộp muộn: ngày lập báo cáo ${formatDate(report.date)} (${describePlace(p)}) sau hạn nộp ${formatDate(params.deadline)}.`,
      ),
    );
  }
  if (report.date < params.to) {
    out.push(
      finding(
        "D02",
        p,
        report.code,
        `Ngày lập báo cáo ${formatDate(report.date)} (${describePlace(p)}) trước ngày chốt số liệu ${formatDate(params.to)}: số liệu có thể chưa đủ kỳ. Kiểm tra lại ngày lập hoặc số liệu.`,
      ),
    );
  }
  return out;
}
