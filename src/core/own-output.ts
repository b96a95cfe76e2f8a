/**
 * Files PDV itself wrote, found again inside the input folder they came from (`pdv feedback X
 * --out X/phan-hoi`, `pdv consolidate X --out X/tong-hop.xlsx`): they are never unit reports.
 */
import type { SheetGrid } from "./types";
import type { DistrictParams } from "./model";
import { SHEET_FEEDBACK } from "./template";
import { findRosterSheet, readRoster } from "./roster";
import { reportSheets } from "./analyze";

/** The folder's own roster is asked about once per file of the folder: read once per grid (grids are not changed once read). */
const ownParams = new WeakMap<SheetGrid, DistrictParams | undefined>();

function paramsOf(roster: SheetGrid): DistrictParams | undefined {
  if (!ownParams.has(roster)) ownParams.set(roster, readRoster(roster).roster?.params);
  return ownParams.get(roster);
}

/**
 * Why one file of a folder is PDV's own output rather than a unit's report, or null.
 * - "feedback": it holds PDV's feedback sheet (SHEET_FEEDBACK, "PhanHoi"; pdv feedback writes it
 *   with a copy of a unit's report, which must not be read as a second report, rule S07);
 * - "summary": it holds a DanhMuc of the same committee (DB_TEN and MA_DB equal to `roster`'s,
 *   the folder's own roster sheet) and no unit report of its own: this folder's consolidation.
 *   A committee's output one level up has its own DanhMuc (another DB_TEN) and stays an input.
 * `grids` are the file's sheets as read (generated sheets may be left out); pure, throws nothing.
 */
export function ownOutputKind(grids: SheetGrid[], roster: SheetGrid | undefined): "feedback" | "summary" | null {
  if (grids.some((g) => g.name.toLowerCase() === SHEET_FEEDBACK.toLowerCase())) return "feedback";
  const theirs = findRosterSheet(grids);
  if (!theirs || !roster || reportSheets(grids).length > 0) return null;
  const a = paramsOf(roster);
  const b = readRoster(theirs).roster?.params;
  if (!a || !b) return null;
  return a.name === b.name && (a.code ?? null) === (b.code ?? null) ? "summary" : null;
}
