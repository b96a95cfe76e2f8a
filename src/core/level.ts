/**
 * The level of the consolidating committee as data (issue 13): every text a user reads that names
 * the receiving body or the kind of units takes it from the workbook (DanhMuc's CO_QUAN, the
 * roster's LOAI_HINH), with neutral wording for PDV-01 v1 workbooks made before CO_QUAN existed.
 * Since 1 July 2025 the consolidating body is a Ban Tổ chức Tỉnh ủy or a commune/ward committee's
 * Ban Xây dựng Đảng (../shared/notes/domain-2025.md); no level is ever written in code.
 */
import type { DistrictParams } from "./model";
import { nameKey, nfc } from "./vi";

/** Neutral name of the receiving body when CO_QUAN is not set. */
export const NEUTRAL_BOARD = "cấp ủy cấp trên";

/** CO_QUAN, trimmed and in NFC, or null when not set. */
export function bodyOf(params: Pick<DistrictParams, "board">): string | null {
  const b = params.board ? nfc(params.board).replace(/\s+/g, " ").trim() : "";
  return b === "" ? null : b;
}

/** Whom the units send their dossiers and reports to: CO_QUAN, else NEUTRAL_BOARD. */
export function receiver(params: Pick<DistrictParams, "board">): string {
  return bodyOf(params) ?? NEUTRAL_BOARD;
}

/** The label of HS_DENGHI on a unit's form and in messages: "Hồ sơ đề nghị kết nạp đã gửi <CO_QUAN>". */
export function dossierLabel(params: Pick<DistrictParams, "board">): string {
  return `Hồ sơ đề nghị kết nạp đã gửi ${receiver(params)}`;
}

/** Grassroots unit types: units of these types are all "tổ chức cơ sở đảng". */
const GRASSROOTS = ["Đảng bộ cơ sở", "Chi bộ cơ sở"].map(nameKey);

/** Neutral noun for units of mixed or unknown types. */
export const NEUTRAL_UNIT_NOUN = "tổ chức đảng trực thuộc";

/**
 * How texts name the units of a roster, from their LOAI_HINH: "tổ chức cơ sở đảng" when every
 * unit is a grassroots committee or cell (the district-era roster), the type itself in lower case
 * when all units share one type ("chi bộ trực thuộc"), else "tổ chức đảng trực thuộc".
 */
export function unitNoun(types: readonly string[]): string {
  // Each distinct type once (a roster of thousands of units has a handful), first-seen order kept.
  const keys = [...new Set([...new Set(types)].map((t) => nfc(t).replace(/\s+/g, " ").trim()))].filter((t) => t !== "");
  if (keys.length === 0) return NEUTRAL_UNIT_NOUN;
  if (keys.every((t) => GRASSROOTS.includes(nameKey(t)))) return "tổ chức cơ sở đảng";
  const first = keys[0];
  if (keys.every((t) => nameKey(t) === nameKey(first))) return first.toLocaleLowerCase("vi");
  return NEUTRAL_UNIT_NOUN;
}

/** "Tổ chức cơ sở đảng" → capitalised first letter, for a label or a sentence start. */
export function capitalise(text: string): string {
  return text ? text.charAt(0).toLocaleUpperCase("vi") + text.slice(1) : text;
}

/** What a unit without a target ("không giao": a blank roster KN_CHITIEU) shows in the ratio column. */
export const NO_TARGET = "Không giao";
