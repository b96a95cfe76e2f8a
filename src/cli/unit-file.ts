/**
 * Reading one unit file of a folder input (cli/input.ts): what the main thread does for each file,
 * and what a reading thread (cli/read-pool.ts) does for its share. The result is plain data (it
 * crosses threads by structured clone).
 */
import * as path from "path";
import type { SheetGrid, UnreadableFile } from "../core/types";
import { SHEET_CHECK, SHEET_FEEDBACK, SHEET_REPORT_UP, SHEET_ROSTER, SHEET_SUMMARY, UNIT_CODE_COLUMN } from "../core/template";
import { prepareSheet } from "../core/prepare";
import type { PreparedSheet } from "../core/prepare";
import { columnLetters } from "../core/a1";
import { committeeSheets } from "../core/committee-file";
import { findRosterSheet } from "../core/roster";
import { ownOutputKind } from "../core/own-output";
import { PortError } from "../workbook/port";
import { readBook } from "../workbook/xlsx/reader";
import { readFileBytesSync } from "../workbook/xlsx/files";
import { oneLine } from "./text";

/** What a folder reading keeps of each sheet that counts, and whether that sheet is a unit report. */
export interface Keeper<T> {
  take(sheet: SheetGrid): T;
  isReport(kept: T): boolean;
}

/**
 * One unit file as read:
 * - "skipped": PDV's own output (unedited feedback file, this folder's summary), neither report nor
 *   input; `unstamped`: a feedback file of an older PDV, which cannot tell whether it was edited;
 * - "unreadable": the reason line (rule S09), `notReport` when it was read but holds no PDV-01 sheet;
 * - "read": what the keeper kept of each sheet that counts, in sheet order.
 * `roster`: the first sheet named DanhMuc among those the keeper took (see preparedKeeper).
 */
export type UnitFileResult<T> =
  | { kind: "skipped"; unstamped?: true; roster?: SheetGrid }
  | { kind: "unreadable"; reason: string; notReport?: true; roster?: SheetGrid }
  | { kind: "read"; items: T[]; roster?: SheetGrid };

/** Why a readable .xlsx of a folder is not used: it has no sheet in the PDV-01 form. */
function notReportReason(name: string): string {
  return (
    `Tệp ${name} không có sheet nào theo mẫu PDV-01 (không thấy ô "MA_DV" ở cột ${columnLetters(UNIT_CODE_COLUMN)}). ` +
    `Nếu đây là báo cáo của một đơn vị, đơn vị cần điền vào sổ mẫu PDV-01 (pdv template) và gửi lại; ` +
    `nếu tệp do Excel báo hỏng, mở rồi lưu lại bằng Excel; nếu không phải báo cáo, hãy chuyển tệp ra khỏi thư mục.`
  );
}

/**
 * Read the unit file `name` (a path relative to `dir`) and turn each of its sheets that count into
 * what `keeper` keeps. `ownRoster` is the folder's DanhMuc grid (to recognise PDV's own output).
 * Throws nothing: whatever goes wrong becomes that file's one Vietnamese line. Synchronous (the
 * file is read with one synchronous call anyway): no async function resumed per file.
 */
export function readUnitFile<T>(dir: string, name: string, ownRoster: SheetGrid | undefined, keeper: Keeper<T>): UnitFileResult<T> {
  const full = path.join(dir, name);
  try {
    // A committee's file (one level up, issue 14) counts by its report to the level above only.
    const { sheets: grids, state } = readBook(readFileBytesSync(full), name, { formulas: false, fonts: true, skip: [SHEET_SUMMARY, SHEET_CHECK] });
    // PDV's own output kept in the folder (feedback copies, this folder's summary) is no report;
    // it is not an input either, so a later run may write it again.
    // A feedback file whose report copy the unit edited is its report (PhanHoi itself is not read).
    const own = ownOutputKind(grids, ownRoster, state);
    if (own === "feedback-unstamped") return { kind: "skipped", unstamped: true };
    if (own) return { kind: "skipped" };
    for (const g of grids) g.source = { file: name };
    const rest = grids.filter((g) => ![SHEET_ROSTER, SHEET_REPORT_UP, SHEET_FEEDBACK].some((s) => s.toLowerCase() === g.name.toLowerCase()));
    const used = committeeSheets(grids, state) ?? rest;
    // A file without any PDV-01 sheet would otherwise vanish without a word (rule S09 names it).
    const items = used.map((g) => keeper.take(g));
    if (!items.some((k) => keeper.isReport(k))) return { kind: "unreadable", reason: notReportReason(name), notReport: true };
    return { kind: "read", items };
  } catch (err) {
    // No file stops the others: whatever went wrong becomes that file's one Vietnamese line.
    const reason = err instanceof PortError ? err.message : `Tệp ${name} không đọc được (lỗi không mong đợi khi đọc: ${oneLine(String((err as Error)?.message ?? err)).slice(0, 120)}).`;
    return { kind: "unreadable", reason };
  }
}

/**
 * The keeper of the commands that need only the analysis: each sheet becomes its PreparedSheet
 * (core/prepare.ts). With `watchRoster` (the folder's roster file has no DanhMuc sheet), the first
 * DanhMuc grid it is given is kept too, for `UnitFileResult.roster`.
 */
export function preparedKeeper(watchRoster: boolean): Keeper<PreparedSheet> & { roster(): SheetGrid | undefined } {
  let found: SheetGrid | undefined;
  return {
    take: (g) => {
      if (watchRoster) found ??= findRosterSheet([g]);
      return prepareSheet(g);
    },
    isReport: (p) => p.reading !== null,
    roster: () => found,
  };
}

/** readUnitFile with a fresh preparedKeeper, its roster attached to the result. */
export function readPreparedUnit(dir: string, name: string, ownRoster: SheetGrid | undefined, watchRoster: boolean): UnitFileResult<PreparedSheet> {
  const keeper = preparedKeeper(watchRoster);
  const result = readUnitFile(dir, name, ownRoster, keeper);
  const roster = keeper.roster();
  if (roster) result.roster = roster;
  return result;
}

/** The reason line of an unreadable file (UnreadableFile) from a result. */
export function unreadableOf(name: string, r: Extract<UnitFileResult<unknown>, { kind: "unreadable" }>): UnreadableFile {
  return r.notReport ? { file: name, reason: r.reason, notReport: true } : { file: name, reason: r.reason };
}
