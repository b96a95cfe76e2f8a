/**
 * The unit list of the "Đơn vị" view for hundreds of units: Vietnamese-aware search (diacritics
 * optional, "ha chau" finds "Hà Châu"), status counts and filter, and the text of the units still
 * to chase (to paste into a message). Pure: no React, no DOM.
 */
import type { UnitState, UnitStatus } from "../core/model";
import { UNIT_STATE_LABELS } from "../core/model";
import { formatInteger } from "../core/vi";

/** The states in the order the filter shows them: what needs the user first. */
export const STATE_ORDER: UnitState[] = ["missing", "error", "late", "submitted"];

/**
 * The form a text is searched in: NFD without combining marks, "đ" as "d", lower case, white
 * space collapsed. "Xã Hà Châu" → "xa ha chau"; "  HÀ   châu " → "ha chau".
 */
export function searchKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Whether a unit matches what the user typed: every word of the query appears in its code or
 * name (searchKey on both sides). Diacritics and case are ignored on both sides, so "hà châu",
 * "ha chau" and "HA CHAU" find the same units. An empty query matches every unit.
 */
export function matchesQuery(unit: Pick<UnitStatus, "code" | "name">, query: string): boolean {
  const words = searchKey(query).split(" ").filter(Boolean);
  if (words.length === 0) return true;
  const hay = `${searchKey(unit.code)} ${searchKey(unit.name)}`;
  return words.every((w) => hay.includes(w));
}

/** How many units are in each state (every state present, 0 when none). */
export function countStates(units: readonly Pick<UnitStatus, "state">[]): Record<UnitState, number> {
  const counts: Record<UnitState, number> = { submitted: 0, missing: 0, error: 0, late: 0 };
  for (const u of units) counts[u.state]++;
  return counts;
}

/** The units shown: those matching the query, in one state when `state` is given; roster order kept. */
export function filterUnits<T extends Pick<UnitStatus, "code" | "name" | "state">>(units: readonly T[], query: string, state: UnitState | null): T[] {
  return units.filter((u) => (state === null || u.state === state) && matchesQuery(u, query));
}

/**
 * The units to chase, one line each, ready to paste into a message: those that have not reported
 * (Chưa nộp) first, then those whose report has errors (Có lỗi), each in roster order.
 * "TCCS02 – Xã Bàn Đạt: Chưa nộp". Empty string when every unit reported without errors.
 */
export function chaseList(units: readonly Pick<UnitStatus, "code" | "name" | "state" | "errors">[]): string {
  const line = (u: (typeof units)[number]) =>
    `${u.code} – ${u.name}: ${UNIT_STATE_LABELS[u.state]}${u.state === "error" ? ` (${formatInteger(u.errors)} lỗi)` : ""}`;
  return [...units.filter((u) => u.state === "missing"), ...units.filter((u) => u.state === "error")].map(line).join("\n");
}
