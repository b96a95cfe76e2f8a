/**
 * What the parts of the Office.js adapter (office.ts) share: the `Excel` namespace and payload
 * budget it was made with, the sheet list as of the last round trip that saw it, the count of
 * round trips of the current call, and the names PDV keeps to itself (temporary sheets, the
 * .xlsx adapter's state sheet, the state settings).
 */
import type { SheetInfo } from "./port";
import { PortError } from "./port";
import { sheetNameProblem } from "../core/a1";
import type { ExcelLike, XContext } from "./office-api";
import type { KnownSheet } from "./office-grid";

/** Settings key prefix of the add-in state (one setting per state key). */
export const STATE_SETTING_PREFIX = "pdv.state.";
/** The very hidden sheet where the .xlsx adapter keeps the state; read here too, never written. */
export const XLSX_STATE_SHEET = "_pdv_state";

/** The temporary sheet a plan is built on: "~TongHop_tmp". */
export function tempSheetName(name: string): string {
  return `~${name.slice(0, 26)}_tmp`;
}
const isTempSheet = (name: string): boolean => /^~.*_tmp$/.test(name);
export const isInternalSheet = (name: string): boolean => isTempSheet(name) || name.toLowerCase() === XLSX_STATE_SHEET;

/** Sheet names compared as Excel compares them (ignoring case). */
export const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Throws PortError "sheet-name" when `name` is no valid sheet name or one PDV keeps to itself. */
export function checkName(name: string): void {
  const problem = sheetNameProblem(name);
  if (problem) throw new PortError(`Không tạo được sheet '${name}': ${problem}.`, "sheet-name");
  if (isInternalSheet(name)) throw new PortError(`Tên sheet '${name}' dành riêng cho PDV.`, "sheet-name");
}

/** The state of one Office.js port between and during its calls. */
export class OfficeSession {
  /** Sheet list as of the last round trip that saw it (all sheets, in order). */
  known: KnownSheet[] | null = null;
  /** Round trips the current (or last) call made. */
  lastSyncs = 0;

  constructor(
    readonly excel: ExcelLike,
    /** Bytes allowed per request and per response. */
    readonly budget: number,
  ) {}

  /** One round trip, counted. */
  async sync(ctx: XContext): Promise<void> {
    this.lastSyncs++;
    await ctx.sync();
  }

  /** Loads the sheet list (one sync) and keeps it as `known`. */
  async loadSheetList(ctx: XContext): Promise<KnownSheet[]> {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/name,items/visibility");
    await this.sync(ctx);
    this.known = sheets.items.map((s) => ({ name: s.name, visibility: s.visibility as SheetInfo["visibility"] }));
    return this.known;
  }
}
