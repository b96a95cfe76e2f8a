/**
 * Arranging sheets through Office.js (office.ts renameSheet, moveSheets, setSheetsVisibility,
 * deleteSheets): each is queued on a sheet list loaded in the same batch and applied in one more
 * sync, whatever the number of sheets. The names are checked against that fresh list first, so a missing sheet fails the call before any
 * command is sent (Excel applies the commands of a batch up to the one that fails).
 */
import { PortError, type SheetMove } from "./port";
import { type XContext, RUN_OPTIONS } from "./office-api";
import type { KnownSheet } from "./office-grid";
import { errorCode, portError } from "./office-errors";
import { type OfficeSession, checkName, same } from "./office-session";

/** The sheet of `list` named `name` (ignoring case), or undefined. */
function known(list: readonly KnownSheet[], name: string): KnownSheet | undefined {
  return list.find((s) => same(s.name, name));
}

/** The first of `names` that `list` lacks, or null. */
function firstMissing(list: readonly KnownSheet[], names: readonly string[]): string | null {
  return names.find((n) => !known(list, n)) ?? null;
}

/**
 * Queues the moves as `Worksheet.position` writes (Excel: the sheet is taken out and put at that
 * index), computed on `list` as each earlier move left it. Returns the order after them.
 */
function queueMoves(ctx: XContext, list: readonly KnownSheet[], moves: readonly SheetMove[]): KnownSheet[] {
  let order = [...list];
  for (const m of moves) {
    const sheet = known(order, m.sheet)!;
    const rest = order.filter((s) => s !== sheet);
    const at = m.after === null ? 0 : rest.indexOf(known(rest, m.after)!) + 1;
    if (order.indexOf(sheet) === at) continue;
    ctx.workbook.worksheets.getItem(sheet.name).position = at;
    order = [...rest.slice(0, at), sheet, ...rest.slice(at)];
  }
  return order;
}

/** Excel keeps at least one visible sheet: refused here, before any command is sent. */
function keepOneVisible(after: readonly KnownSheet[], what: string): void {
  if (!after.some((s) => s.visibility === "Visible")) throw new PortError(`Sổ phải còn ít nhất một sheet hiện: không ${what}.`, "last-visible");
}

/** Queues each sheet's visibility; returns the list as it will be. */
function queueVisibility(ctx: XContext, list: readonly KnownSheet[], names: readonly string[], visibility: "Visible" | "Hidden"): KnownSheet[] {
  const targets = names.map((n) => known(list, n)!);
  keepOneVisible(list.map((s) => (targets.includes(s) ? { ...s, visibility } : s)), "ẩn được");
  for (const s of targets) if (s.visibility !== visibility) ctx.workbook.worksheets.getItem(s.name).visibility = visibility;
  return list.map((s) => (targets.includes(s) ? { ...s, visibility } : s));
}

/** Queues the deletes; returns the list as it will be. */
function queueDeletes(ctx: XContext, list: readonly KnownSheet[], names: readonly string[]): KnownSheet[] {
  const targets = names.map((n) => known(list, n)!);
  keepOneVisible(list.filter((s) => !targets.includes(s)), "xóa được");
  for (const s of targets) ctx.workbook.worksheets.getItem(s.name).delete();
  return list.filter((s) => !targets.includes(s));
}

/**
 * One arrangement: sync 1 loads the sheet list (a cached one may be stale, and positions must be
 * right), every name is checked there, then `queue` sends all its commands in sync 2.
 */
async function arrange(session: OfficeSession, names: string[], what: string, queue: (ctx: XContext, list: KnownSheet[]) => KnownSheet[]): Promise<void> {
  session.lastSyncs = 0;
  try {
    await session.excel.run(RUN_OPTIONS, async (ctx) => {
      const list = await session.loadSheetList(ctx);
      const missing = firstMissing(list, names);
      if (missing !== null) throw new PortError(`Không tìm thấy sheet '${missing}' trong sổ.`, "no-sheet");
      const next = queue(ctx, list);
      await session.sync(ctx);
      session.known = next;
    });
  } catch (e) {
    session.known = null;
    if (e instanceof PortError) throw e;
    const code = errorCode(e);
    if (code === "ItemAlreadyExists") throw portError(`Không ${what}: tên sheet đã có trong sổ.`, "sheet-exists", e);
    if (code === "ItemNotFound") throw portError(`Không ${what}: không tìm thấy sheet (sổ vừa thay đổi?).`, "no-sheet", e);
    if (code === "InvalidOperation") throw portError(`Không ${what}: sổ phải còn ít nhất một sheet hiện.`, "last-visible", e);
    throw portError(`Không ${what} (mã lỗi ${code}).`, "write", e);
  }
}

/** WorkbookPort.renameSheet through `session`. */
export async function renameSheet(session: OfficeSession, from: string, to: string): Promise<void> {
  checkName(to);
  await arrange(session, [from], `đổi được tên sheet '${from}' thành '${to}'`, (ctx, list) => {
    const other = known(list, to);
    if (other && !same(other.name, from)) throw new PortError(`Sheet '${to}' đã có trong sổ.`, "sheet-exists");
    ctx.workbook.worksheets.getItem(known(list, from)!.name).name = to;
    return list.map((s) => (same(s.name, from) ? { ...s, name: to } : s));
  });
}

/** WorkbookPort.moveSheets through `session`. */
export async function moveSheets(session: OfficeSession, moves: SheetMove[]): Promise<void> {
  if (moves.length === 0) return;
  const names = moves.flatMap((m) => (m.after === null ? [m.sheet] : [m.sheet, m.after]));
  await arrange(session, names, "sắp xếp được các sheet", (ctx, list) => queueMoves(ctx, list, moves));
}

/** WorkbookPort.setSheetsVisibility through `session`. */
export async function setSheetsVisibility(session: OfficeSession, sheets: string[], visibility: "Visible" | "Hidden"): Promise<void> {
  if (sheets.length === 0) return;
  await arrange(session, sheets, visibility === "Hidden" ? "ẩn được sheet" : "hiện được sheet", (ctx, list) => queueVisibility(ctx, list, sheets, visibility));
}

/** WorkbookPort.deleteSheets through `session`. */
export async function deleteSheets(session: OfficeSession, sheets: string[]): Promise<void> {
  if (sheets.length === 0) return;
  await arrange(session, sheets, "xóa được sheet", (ctx, list) => queueDeletes(ctx, list, sheets));
}
