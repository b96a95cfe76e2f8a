/**
 * Replacing a unit's report with the corrected file it sent, and where imported sheets go.
 *
 * - The old sheet is kept, hidden, as a backup named "<sheet> (cũ)" until the next consolidation
 *   deletes it. A backup is never read as a report (analyze.ts `reportSheets` skips it by name).
 * - What the user confirms is computed here: every figure of the form (the counts, and the report
 *   date) whose value differs between the sheet in the workbook and the file.
 * - Imported sheets follow the roster's order: each goes right after the sheet of the nearest
 *   earlier roster unit that exists, else right after DanhMuc.
 */
import type { SheetGrid } from "./types";
import type { RosterUnit } from "./model";
import { readReport } from "./report";
import { COUNT_CODES, ITEM_BY_CODE, SHEET_ROSTER } from "./template";
import { formatDate } from "./dates";
import { formatInteger, nfc } from "./vi";

/** Excel's longest sheet name (characters, i.e. UTF-16 units of the NFC name). */
const MAX_SHEET_NAME = 31;
const BACKUP_MARK = "cũ";
/** "<anything> (cũ)" or "<anything> (cũ 2)", compared after NFC. */
const BACKUP_PATTERN = new RegExp(`\\s\\(${BACKUP_MARK}(?: \\d+)?\\)$`, "u");

/** Whether a sheet is a backup left by a replacement ("TCCS07 (cũ)"): never a report. */
export function isBackupSheet(name: string): boolean {
  // No character's canonical (NFC/NFD) form holds ")": a name without one is no backup, and most
  // sheet names are read without normalising them (issue 11: every sheet of 4,800 files).
  if (!name.includes(")")) return false;
  return BACKUP_PATTERN.test(nfc(name));
}

/**
 * The backup name of `sheet`: "<sheet> (cũ)", or "(cũ 2)", "(cũ 3)"… when taken (`taken` compared
 * ignoring case), the sheet's own name cut (by whole characters, never inside a surrogate pair,
 * never leaving a trailing apostrophe or space) so that the whole fits Excel's 31 characters. The
 * suffix holds only characters Excel allows in a sheet name.
 */
export function backupSheetName(sheet: string, taken: readonly string[]): string {
  const used = new Set(taken.map((s) => nfc(s).toLowerCase()));
  for (let n = 1; ; n++) {
    const suffix = ` (${BACKUP_MARK}${n === 1 ? "" : ` ${n}`})`;
    let base = [...nfc(sheet)];
    while (base.join("").length + suffix.length > MAX_SHEET_NAME) base = base.slice(0, -1);
    const head = base.join("").replace(/['\s]+$/u, "");
    const name = `${head}${suffix}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

/** One figure of a report that a replacement changes. Values are as the user reads them (vi-VN). */
export interface ReportChange {
  /** The form's item code (KN_DAKETNAP…, NGAY_LAP). */
  code: string;
  /** The form's label for it ("Số đảng viên mới đã kết nạp"). */
  label: string;
  /** "31", "07/09/2020", or "trống" when blank or unusable. */
  before: string;
  after: string;
}

const BLANK = "trống";

function countText(n: number | null | undefined): string {
  return typeof n === "number" ? formatInteger(n) : BLANK;
}

function dateText(serial: number | null): string {
  return serial === null ? BLANK : formatDate(serial);
}

/**
 * Every figure of the PDV-01 form that differs between `current` (the unit's sheet in the workbook)
 * and `incoming` (the file's report sheet), in the form's order: the report date, then each count.
 * A count that cannot be read (text, error) reads "trống", as the summary would not count it.
 * Empty when the two reports carry the same figures.
 */
export function reportChanges(current: SheetGrid, incoming: SheetGrid): ReportChange[] {
  const was = readReport(current).report;
  const now = readReport(incoming).report;
  const out: ReportChange[] = [];
  const date = { before: dateText(was.date), after: dateText(now.date) };
  if (date.before !== date.after) out.push({ code: "NGAY_LAP", label: ITEM_BY_CODE.get("NGAY_LAP")?.label ?? "NGAY_LAP", ...date });
  for (const code of COUNT_CODES) {
    const before = countText(was.counts[code]);
    const after = countText(now.counts[code]);
    if (before !== after) out.push({ code, label: ITEM_BY_CODE.get(code)?.label ?? code, before, after });
  }
  return out;
}

/** A sheet to move right after another one (`after` null: to the front). */
export interface SheetMove {
  sheet: string;
  after: string | null;
}

/**
 * Where newly added unit sheets go: in roster order, each right after the sheet of the nearest
 * earlier roster unit that exists (counting those placed before it), else right after DanhMuc
 * (else to the front). `order` is the workbook's sheets as they are now (the new ones included,
 * wherever they are); `added` the new sheets' names. Names are compared ignoring case. A new sheet
 * that is no roster unit's is left where it is. Returns the moves to make, in order.
 */
export function placeNewSheets(order: readonly string[], units: readonly RosterUnit[], added: readonly string[]): SheetMove[] {
  const key = (s: string) => s.toLowerCase();
  const present = new Map(order.map((s) => [key(s), s]));
  const isNew = new Set(added.map(key));
  const roster = order.find((s) => key(s) === key(SHEET_ROSTER)) ?? null;
  const moves: SheetMove[] = [];
  const now = [...order];
  let previous: string | null = roster;
  for (const u of units) {
    const sheet = present.get(key(u.sheetName || u.code));
    if (sheet === undefined) continue;
    if (isNew.has(key(sheet))) {
      const from = now.indexOf(sheet);
      const to = previous === null ? 0 : now.indexOf(previous) + 1;
      // Already in place: no move (a batch of 400 sheets in roster order moves none).
      if (from !== to) {
        now.splice(from, 1);
        now.splice(previous === null ? 0 : now.indexOf(previous) + 1, 0, sheet);
        moves.push({ sheet, after: previous });
      }
    }
    previous = sheet;
  }
  return moves;
}
