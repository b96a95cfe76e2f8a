/**
 * Who the Board is, for the texts it sends out (feedback to units, its report, the upward export):
 * the party committee (DanhMuc DB_TEN) and the body that receives the units' reports (DanhMuc
 * CO_QUAN, e.g. "Ban Tổ chức Huyện ủy Phú Bình"; optional). The level and the body are data,
 * never words in the code (../shared/notes/domain-2025.md: the same tool serves every level).
 */
import type { SheetGrid } from "./types";
import type { DistrictParams } from "./model";
import { readText } from "./cells";
import { PARAM_CODE_COLUMN, PARAM_VALUE_COLUMN } from "./template";
import { bodyOf } from "./level";

export interface Board {
  /** The party committee, e.g. "Đảng bộ huyện Phú Bình" (DB_TEN). */
  committee: string;
  /** The receiving body, e.g. "Ban Tổ chức Huyện ủy Phú Bình" (CO_QUAN), or null when not given. */
  body: string | null;
}

/** The parameter code of the receiving body in DanhMuc (column A; value in column C). */
export const PARAM_BODY = "CO_QUAN";

/**
 * The receiving body named in DanhMuc (row with CO_QUAN in column A, value in column C), or null
 * when the sheet has no such row or it is blank. For parameters built without the roster reader
 * (which sets `params.board`, issue 13).
 */
export function receivingBody(roster: SheetGrid | undefined): string | null {
  if (!roster) return null;
  for (const row of roster.values) {
    const code = row[PARAM_CODE_COLUMN - 1];
    if (typeof code === "string" && code.trim().toUpperCase() === PARAM_BODY) {
      const text = readText(row[PARAM_VALUE_COLUMN - 1] ?? null);
      return text === null ? null : text.normalize("NFC").replace(/\s+/g, " ").trim();
    }
  }
  return null;
}

/**
 * The Board of a workbook: DB_TEN and CO_QUAN from the parameters read (`params.board`, null when
 * blank); the DanhMuc grid is read only when the parameters do not carry the field at all.
 */
export function boardOf(params: DistrictParams, roster: SheetGrid | undefined): Board {
  const body = params.board === undefined ? receivingBody(roster) : bodyOf(params);
  return { committee: params.name.normalize("NFC").replace(/\s+/g, " ").trim(), body };
}

/**
 * Who sends a text, in a sentence: the receiving body when known, else a neutral phrase built
 * from the committee's name ("bộ phận tổng hợp báo cáo của Đảng bộ huyện Phú Bình").
 */
export function senderName(board: Board): string {
  return board.body ?? `bộ phận tổng hợp báo cáo của ${board.committee}`;
}

/** Uppercase as Vietnamese prints headings ("Đảng bộ huyện Phú Bình" → "ĐẢNG BỘ HUYỆN PHÚ BÌNH"). */
export function upperVi(text: string): string {
  return text.toLocaleUpperCase("vi");
}
