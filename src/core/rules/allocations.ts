/**
 * C06: the committee's allocations (roster KN_CHITIEU) against the target given by the level above
 * (CHITIEU_DB). Committees usually allocate more than they were given, and some units get no
 * target ("không giao", a blank roster cell): that is information, not a fault
 * (../shared/notes/domain-2025.md). Allocations that add up to less than the target given are a
 * warning: the units' targets do not cover the committee's.
 */
import type { Finding } from "../types";
import type { Place, Roster } from "../model";
import { finding } from "./catalog";
import { formatInteger } from "../vi";

/** The C06 finding at `place` (the roster sheet), or null when the allocations equal CHITIEU_DB. */
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
