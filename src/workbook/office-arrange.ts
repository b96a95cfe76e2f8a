/**
 * Arranging sheets through Office.js (rename, move, show/hide, delete): each is queued on a sheet
 * list loaded in the same batch and applied in one more sync, whatever the number of sheets. The
 * names are checked against that fresh list first, so a missing sheet fails the call before any
 * command is sent (Excel applies the commands of a batch up to the one that fails).
 */
import { PortError, type SheetMove } from "./port";
import type { XContext } from "./office-api";
import type { KnownSheet } from "./office-grid";

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The sheet of `list` named `name` (ignoring case), or undefined. */
export function known(list: readonly KnownSheet[], name: string): KnownSheet | undefined {
  return list.find((s) => same(s.name, name));
}

/** The first of `names` that `list` lacks, or null. */
export function firstMissing(list: readonly KnownSheet[], names: readonly string[]): string | null {
  return names.find((n) => !known(list, n)) ?? null;
}

/**
 * Queues the moves as `Worksheet.position` writes (Excel: the sheet is taken out and put at that
 * index), computed on `list` as each earlier move left it. Returns the order after them.
 */
export function queueMoves(ctx: XContext, list: readonly KnownSheet[], moves: readonly SheetMove[]): KnownSheet[] {
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
export function queueVisibility(ctx: XContext, list: readonly KnownSheet[], names: readonly string[], visibility: "Visible" | "Hidden"): KnownSheet[] {
  const targets = names.map((n) => known(list, n)!);
  keepOneVisible(list.map((s) => (targets.includes(s) ? { ...s, visibility } : s)), "ẩn được");
  for (const s of targets) if (s.visibility !== visibility) ctx.workbook.worksheets.getItem(s.name).visibility = visibility;
  return list.map((s) => (targets.includes(s) ? { ...s, visibility } : s));
}

/** Queues the deletes; returns the list as it will be. */
export function queueDeletes(ctx: XContext, list: readonly KnownSheet[], names: readonly string[]): KnownSheet[] {
  const targets = names.map((n) => known(list, n)!);
  keepOneVisible(list.filter((s) => !targets.includes(s)), "xóa được");
  for (const s of targets) ctx.workbook.worksheets.getItem(s.name).delete();
  return list.filter((s) => !targets.includes(s));
}
