/**
 * Files PDV itself wrote, found again inside the input folder they came from (`pdv feedback X
 * --out X/phan-hoi`, `pdv consolidate X --out X/tong-hop.xlsx`): they are never unit reports,
 * unless a unit corrected its report in the copy a feedback file holds and sent that file back.
 */
import type { CellValue, SheetGrid, SheetPlan } from "./types";
import type { DistrictParams } from "./model";
import { SHEET_FEEDBACK } from "./template";
import { findRosterSheet, readRoster } from "./roster";
import { reportSheets } from "./analyze";
import { fingerprintInputs } from "./fingerprint";
import { STATE_FEEDBACK_COPIES } from "./state";

/** The folder's own roster is asked about once per file of the folder: read once per grid (grids are not changed once read). */
const ownParams = new WeakMap<SheetGrid, DistrictParams | undefined>();

function paramsOf(roster: SheetGrid): DistrictParams | undefined {
  if (!ownParams.has(roster)) ownParams.set(roster, readRoster(roster).roster?.params);
  return ownParams.get(roster);
}

/** Whether a sheet is PDV's feedback sheet (SHEET_FEEDBACK, "PhanHoi"), ignoring case. */
export function isFeedbackSheet(name: string): boolean {
  return name.toLowerCase() === SHEET_FEEDBACK.toLowerCase();
}

/**
 * The fingerprint (core/fingerprint.ts, 16 hex digits) of the report copies of a feedback file:
 * every sheet but PhanHoi, by name and values, whatever the file is called (the source file is
 * left out, so a renamed file keeps it). `pdv feedback` stores it under STATE_FEEDBACK_COPIES
 * (feedbackStamp); the reader computes it again from the sheets it read. Pure, throws nothing.
 */
export function copiesFingerprint(sheets: { name: string; values: CellValue[][] }[]): string {
  return fingerprintInputs(sheets.filter((s) => !isFeedbackSheet(s.name)).map((s) => ({ name: s.name, values: s.values }) as SheetGrid));
}

/**
 * The state a feedback file is written with: STATE_FEEDBACK_COPIES → the fingerprint of its report
 * copies as the .xlsx reader will read them back (a planned cell's value, its formula's cached
 * value; blank when it has none). `sheets`: the file's plans (PhanHoi and the copies).
 */
export function feedbackStamp(sheets: SheetPlan[]): Record<string, string> {
  const grids = sheets.map((p) => ({ name: p.name, values: p.rows.map((r) => Array.from(r, (c) => (c?.value ?? null) as CellValue)) }));
  return { [STATE_FEEDBACK_COPIES]: copiesFingerprint(grids) };
}

/**
 * Why one file of a folder is PDV's own output rather than a unit's report, or null.
 * - "feedback": it holds PDV's feedback sheet (SHEET_FEEDBACK, "PhanHoi"; pdv feedback writes it
 *   with a copy of a unit's report, which must not be read as a second report, rule S07) and its
 *   copies are as written (their fingerprint equals the stamp in `state`, STATE_FEEDBACK_COPIES);
 * - "feedback-unstamped": a feedback file without stamp (written by a PDV before the stamp): it
 *   cannot tell an edit, so it is skipped as before, with a hint on how to send a correction;
 * - "summary": it holds a DanhMuc of the same committee (DB_TEN and MA_DB equal to `roster`'s,
 *   the folder's own roster sheet) and no unit report of its own: this folder's consolidation.
 *   A committee's output one level up has its own DanhMuc (another DB_TEN) and stays an input.
 * A feedback file whose copies differ from its stamp (the unit corrected its report there and sent
 * the file back) is null: the unit's report (its reader leaves PhanHoi out).
 * `grids` are the file's sheets as read (generated sheets may be left out); `state` the file's
 * stored add-in state. Pure, throws nothing.
 */
export function ownOutputKind(
  grids: SheetGrid[],
  roster: SheetGrid | undefined,
  state?: Record<string, string>,
): "feedback" | "feedback-unstamped" | "summary" | null {
  if (grids.some((g) => isFeedbackSheet(g.name))) {
    const stamp = state?.[STATE_FEEDBACK_COPIES];
    if (!stamp) return "feedback-unstamped";
    return stamp === copiesFingerprint(grids) ? "feedback" : null;
  }
  const theirs = findRosterSheet(grids);
  if (!theirs || !roster || reportSheets(grids).length > 0) return null;
  const a = paramsOf(roster);
  const b = readRoster(theirs).roster?.params;
  if (!a || !b) return null;
  return a.name === b.name && (a.code ?? null) === (b.code ?? null) ? "summary" : null;
}
