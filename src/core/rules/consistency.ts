/**
 * Consistency rules: figures that cannot all be right together. C01 ("trong đó" over admitted),
 * C02 (admitted over dossiers), C03 (dossiers over trained), C05 (KN_TYLE typed over), C07
 * (admitted over members) within one report; C04 (the unit's target against the roster's); C06
 * (the roster's allocations against CHITIEU_DB). C02, C03 and C06 are warnings or information
 * whose messages give the legitimate reasons (dossiers from the previous period; a course
 * certificate is valid 5 years; committees allocate more than they are given:
 * ../shared/notes/domain-2025.md), so that nobody "corrects" right figures.
 */
import type { Finding } from "../types";
import type { Place, Roster, RosterUnit, UnitReport } from "../model";
import { BREAKDOWN_CODES, ITEM_BY_CODE } from "../template";
import type { CountCode, ItemCode } from "../template";
import { ratio } from "../indicators";
import { formatInteger, formatNumber, formatPercent } from "../vi";
import { quoteTyped } from "../typed";
import { defineFamily, describePlace, itemPlace } from "./define";

export const consistency = defineFamily([
  { id: "C01", severity: "error", title: "Số \"trong đó\" lớn hơn số đã kết nạp" },
  { id: "C02", severity: "warning", title: "Số đã kết nạp lớn hơn số hồ sơ đề nghị" },
  { id: "C03", severity: "warning", title: "Số hồ sơ đề nghị lớn hơn số quần chúng đã học lớp bồi dưỡng" },
  { id: "C04", severity: "warning", title: "Chỉ tiêu của đơn vị khác chỉ tiêu được giao trong danh mục" },
  { id: "C05", severity: "error", title: "Tỷ lệ đạt bị gõ đè, không khớp công thức" },
  { id: "C06", severity: "warning", title: "Tổng chỉ tiêu phân bổ cho các đơn vị khác chỉ tiêu cấp trên giao" },
  { id: "C07", severity: "error", title: "Số đã kết nạp lớn hơn tổng số đảng viên" },
]);
const finding = consistency.finding;

/** Tolerance of the KN_TYLE check: other spreadsheet programs keep 15 significant digits. */
export const RATIO_TOLERANCE = 1e-9;

const placeOf = itemPlace;

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
      if (wrong) out.push(finding("C05", p, unit, ratioMessage(report, p, typed, expected, admitted, target)));
    } else if (Number.isNaN(report.ratio)) {
      out.push(
        finding("C05", p, unit, `Tỷ lệ đạt tại ${describePlace(p)} bị gõ đè bằng chữ. Khôi phục công thức =IF(chỉ tiêu=0;"";đã kết nạp/chỉ tiêu).`),
      );
    }
  }
  return out;
}

/**
 * C05's message for a KN_TYLE (`typed`, a fraction; NaN for text) that is not admitted/target
 * (`expected`, a fraction; null when the target is 0). It shows what the cell holds as the user
 * sees it ("8,33%", and the number 0,0833 or the text "8,33%") and says it was typed over unless
 * the cell is known to hold a formula; the expected ratio gets enough decimals (up to 6) to
 * differ visibly from the value found. The comparison itself is the caller's (RATIO_TOLERANCE).
 */
function ratioMessage(report: UnitReport, p: Place, typed: number, expected: number | null, admitted: number, target: number): string {
  const restore = 'Khôi phục công thức của mẫu =IF(chỉ tiêu=0;"";đã kết nạp/chỉ tiêu), ví dụ chép lại ô này từ mẫu báo cáo.';
  const text = report.ratioCell?.text;
  let decimals = 2;
  while (expected !== null && !Number.isNaN(typed) && decimals < 6 && formatPercent(expected, decimals) === formatPercent(typed, decimals)) decimals++;
  const should =
    expected === null ? "để trống (chỉ tiêu bằng 0)" : `bằng ${formatInteger(admitted)}/${formatInteger(target)} = ${formatPercent(expected, decimals)} (số đã kết nạp chia chỉ tiêu)`;
  if (report.ratioCell?.formula === true) {
    const shown = text !== undefined ? quoteTyped(text) : formatPercent(typed, 2);
    return `Tỷ lệ đạt tại ${describePlace(p)} là ${shown}, không khớp công thức của mẫu: phải ${should}. ${restore}`;
  }
  const found = text !== undefined ? `chữ ${quoteTyped(text)} (chữ, không phải số)` : `${formatPercent(typed, 2)} (số ${formatNumber(typed, 6)})`;
  return `Tỷ lệ đạt tại ${describePlace(p)} đang ghi ${found} gõ đè lên công thức, nên ô không tự tính nữa; đúng ra phải ${should}. ${restore}`;
}

/** C04: the unit's own KN_CHITIEU against the roster's (the roster's is used). */
export function checkTarget(report: UnitReport, unit: RosterUnit): Finding[] {
  const out: Finding[] = [];
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

/**
 * C06: the committee's allocations (roster KN_CHITIEU) against the target given by the level above
 * (CHITIEU_DB). Committees usually allocate more than they were given, and some units get no
 * target ("không giao", a blank roster cell): that is information, not a fault
 * (../shared/notes/domain-2025.md). Allocations that add up to less than the target given are a
 * warning: the units' targets do not cover the committee's. The finding is at `place` (the roster
 * sheet); null when the allocations equal CHITIEU_DB.
 */
export function checkAllocations(roster: Roster, place: Place): Finding | null {
  const allocated = roster.units.reduce((s, u) => s + (u.target ?? 0), 0);
  const given = roster.params.target;
  if (allocated === given) return null;
  const none = roster.units.filter((u) => u.target === null).length;
  const noneText = none > 0 ? ` ${formatInteger(none)} đơn vị không được giao chỉ tiêu (ô KN_CHITIEU để trống).` : "";
  const sums = `Tổng chỉ tiêu phân bổ cho các đơn vị trong danh mục là ${formatInteger(allocated)}, chỉ tiêu cấp trên giao (CHITIEU_DB) là ${formatInteger(given)}.`;
  if (allocated > given) {
    return finding(
      "C06",
      place,
      null,
      `${sums}${noneText} Phân bổ nhiều hơn chỉ tiêu được giao là bình thường: tỷ lệ toàn đảng bộ tính trên chỉ tiêu cấp trên giao, bảng tổng hợp ghi thêm tỷ lệ trên tổng chỉ tiêu phân bổ. Không cần sửa.`,
      "info",
    );
  }
  return finding(
    "C06",
    place,
    null,
    `${sums}${noneText} Chỉ tiêu phân bổ cho các đơn vị chưa đủ chỉ tiêu cấp trên giao: kiểm tra lại cột KN_CHITIEU hoặc tham số CHITIEU_DB.`,
  );
}
