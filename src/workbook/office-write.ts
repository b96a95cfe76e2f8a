/**
 * Writing plans through Office.js (office.ts writeSheet and addSheets): a plan is built on a
 * temporary sheet in payload-bounded row bands, then renamed into place (a new sheet) or copied
 * into the existing sheet, which keeps its sheet object so that formulas pointing into it keep
 * working; a failed write is recovered from the temporary sheet or leaves the old sheet as it was.
 */
import type { SheetPlan } from "../core/types";
import { PortError, type SheetInfo } from "./port";
import { type XCellProps, type XContext, type XWorksheet, RUN_OPTIONS } from "./office-api";
import { planBands, planSize, queueActivate, queueSheetLayout } from "./office-plan";
import type { KnownSheet } from "./office-grid";
import { errorCode, portError } from "./office-errors";
import { type OfficeSession, STATE_SETTING_PREFIX, checkName, same, tempSheetName } from "./office-session";

/** Where a write is: false while building the temporary sheet, true once the old one is being replaced. */
interface WriteProgress {
  swapping: boolean;
  /** The sheet existed before this write (then it is never renamed into place, only swapped). */
  oldExisted: boolean;
}

/** WorkbookPort.writeSheet through `session` (its round trips: office.ts's header). */
export async function writeSheet(session: OfficeSession, plan: SheetPlan): Promise<void> {
  checkName(plan.name);
  session.lastSyncs = 0;
  try {
    await session.excel.run(RUN_OPTIONS, async (ctx) => {
      const list = session.known ?? (await session.loadSheetList(ctx));
      const progress: WriteProgress = { swapping: false, oldExisted: list.some((s) => same(s.name, plan.name)) };
      try {
        await writeAttempt(session, ctx, plan, list, progress);
      } catch (e) {
        const after = await recover(session, ctx, plan, progress);
        if (after === null) throw e;
        if (after.completed) return;
        // A sheet list that changed behind our back (user edits): one more try with the fresh one.
        const stale = ["ItemNotFound", "ItemAlreadyExists"].includes(errorCode(e)) && !sameList(list, after.list);
        if (!stale) throw e;
        await writeAttempt(session, ctx, plan, after.list, { swapping: false, oldExisted: after.list.some((s) => same(s.name, plan.name)) });
      }
    });
  } catch (e) {
    session.known = null;
    if (e instanceof PortError) throw e;
    throw portError(`Không ghi được sheet '${plan.name}' (mã lỗi ${errorCode(e)}).`, "write", e);
  }
}

/**
 * Builds the plan on the temporary sheet, then puts it in place. A new sheet: the temporary one
 * is renamed (one sync). An existing sheet keeps its sheet object, so that formulas elsewhere
 * pointing into it keep working (deleting it would turn them into #REF!): sync 1 builds the
 * temporary sheet and lists the old sheet's charts, sync 2 clears the old sheet and copies the
 * temporary one's cells into it (Range.copyFrom), then deletes the temporary sheet.
 *
 * Order inside the last batch (a failed command stops the rest, earlier ones stay applied): the
 * content, then the state (G01 fingerprint) and calculate, then the temporary sheet's delete or
 * rename, and only then activate/select, which may fail for UI reasons without undoing anything.
 */
async function writeAttempt(session: OfficeSession, ctx: XContext, plan: SheetPlan, list: KnownSheet[], progress: WriteProgress): Promise<void> {
  const wb = ctx.workbook;
  const tmpName = tempSheetName(plan.name);
  const oldIndex = list.findIndex((s) => same(s.name, plan.name));
  const leftoverIndex = list.findIndex((s) => same(s.name, tmpName));
  const suspend = () => {
    wb.application.suspendApiCalculationUntilNextSync();
    wb.application.suspendScreenUpdatingUntilNextSync();
  };
  suspend();
  // Instantiating the old sheet first: a stale list fails here, before anything changed.
  const old = oldIndex >= 0 ? wb.worksheets.getItem(list[oldIndex].name) : null;
  if (leftoverIndex >= 0) wb.worksheets.getItem(list[leftoverIndex].name).delete();
  const tmp = wb.worksheets.add(tmpName);
  await render(session, ctx, tmp, plan, suspend);
  const next = list.filter((_, i) => i !== leftoverIndex);
  if (!old) {
    queueState(ctx, plan.state);
    wb.application.calculate("Recalculate");
    tmp.name = plan.name;
    if (plan.activate) queueActivate(tmp);
    await session.sync(ctx);
    session.known = [...next, { name: plan.name, visibility: "Visible" }];
    return;
  }
  const charts = old.charts;
  charts.load("items/name");
  await session.sync(ctx);
  progress.swapping = true;
  const oldSheet = list[oldIndex];
  await swapInto(session, ctx, plan, oldSheet.name, charts.items.map((c) => c.name), oldSheet.visibility);
  session.known = next.map((s) => (same(s.name, plan.name) && plan.activate ? { name: s.name, visibility: "Visible" } : s));
}

/**
 * The last batch for an existing sheet: its charts, cells, merges, frozen rows, row heights,
 * hidden rows and page setup are replaced by the complete temporary sheet's (the plan's), which
 * is then deleted. Column widths of the plan are set; other
 * columns keep theirs. A hidden sheet stays hidden unless it is to be brought to the front.
 */
async function swapInto(session: OfficeSession, ctx: XContext, plan: SheetPlan, name: string, chartNames: string[], visibility: SheetInfo["visibility"]): Promise<void> {
  const wb = ctx.workbook;
  wb.application.suspendApiCalculationUntilNextSync();
  wb.application.suspendScreenUpdatingUntilNextSync();
  const ws = wb.worksheets.getItem(name);
  const tmp = wb.worksheets.getItem(tempSheetName(plan.name));
  for (const c of chartNames) ws.charts.getItem(c).delete();
  ws.getRange().clear();
  ws.freezePanes.unfreeze();
  // Rows the old summary hid (its codes row) or raised (its narrative) may hold other things now.
  ws.getRange().rowHidden = false;
  ws.getRange().format.useStandardHeight = true;
  const { rows, columns } = planSize(plan);
  if (rows > 0) ws.getRangeByIndexes(0, 0, rows, columns).copyFrom(tmp.getRangeByIndexes(0, 0, rows, columns), "All");
  queueSheetLayout(ws, plan);
  queueState(ctx, plan.state);
  wb.application.calculate("Recalculate");
  tmp.delete();
  if (plan.activate) {
    if (visibility !== "Visible") ws.visibility = "Visible";
    queueActivate(ws);
  }
  await session.sync(ctx);
}

function queueState(ctx: XContext, state: Record<string, string> | undefined): void {
  for (const [k, v] of Object.entries(state ?? {})) ctx.workbook.settings.add(STATE_SETTING_PREFIX + k, String(v));
}

/**
 * After a failed write. The temporary sheet is deleted or renamed only after the content and
 * the state are in place, so when it is gone and the sheet is there, the write is complete (what
 * failed was activate/select: not a failed write). When it is still there: during the swap the old
 * sheet may be half replaced, so the swap is done again from the complete temporary sheet; before
 * it, the old sheet is untouched and the temporary one is dropped. Returns the fresh sheet list and
 * whether the write ended up complete, or null when even this failed (the next write removes the
 * leftover).
 */
async function recover(session: OfficeSession, ctx: XContext, plan: SheetPlan, progress: WriteProgress): Promise<{ list: KnownSheet[]; completed: boolean } | null> {
  try {
    const list = await session.loadSheetList(ctx);
    const tmpName = tempSheetName(plan.name);
    const tmp = list.find((s) => same(s.name, tmpName));
    const target = list.find((s) => same(s.name, plan.name));
    // Gone: deleted after the swap, or renamed into place (a new sheet), both after the state.
    if (!tmp) return { list, completed: target !== undefined && (progress.swapping || !progress.oldExisted) };
    if (progress.swapping && target) {
      const charts = ctx.workbook.worksheets.getItem(target.name).charts;
      charts.load("items/name");
      await session.sync(ctx);
      await swapInto(session, ctx, plan, target.name, charts.items.map((c) => c.name), target.visibility);
      return { list: await session.loadSheetList(ctx), completed: true };
    }
    ctx.workbook.worksheets.getItem(tmp.name).delete();
    await session.sync(ctx);
    return { list: await session.loadSheetList(ctx), completed: false };
  } catch {
    session.known = null;
    return null;
  }
}

/** Queues the whole plan on `ws`; syncs between row bands only when the plan is too big for one request. */
async function render(session: OfficeSession, ctx: XContext, ws: XWorksheet, plan: SheetPlan, suspend: () => void): Promise<void> {
  const { bands, columns } = planBands(plan, session.budget - 20_000);
  let pending = 0;
  for (const band of bands) {
    if (pending > 0 && pending + band.bytes > session.budget - 20_000) {
      await session.sync(ctx);
      suspend();
      pending = 0;
    }
    const range = ws.getRangeByIndexes(band.row0, 0, band.rows, columns);
    // Number formats first: a date format must be in place when the value arrives.
    if (band.numberFormat) range.numberFormat = band.numberFormat;
    range.formulas = band.formulas;
    if (band.props) range.setCellProperties(band.props as XCellProps[][]);
    pending += band.bytes;
  }
  queueSheetLayout(ws, plan);
}

/** WorkbookPort.addSheets through `session`: all the plans' sheets or none. */
export async function addSheets(session: OfficeSession, plans: SheetPlan[]): Promise<void> {
  const seen = new Set<string>();
  for (const p of plans) {
    checkName(p.name);
    if (seen.has(p.name.toLowerCase())) throw new PortError(`Sheet '${p.name}' bị trùng tên.`, "sheet-exists");
    seen.add(p.name.toLowerCase());
  }
  session.lastSyncs = 0;
  try {
    await session.excel.run(RUN_OPTIONS, async (ctx) => {
      const list = await session.loadSheetList(ctx);
      const taken = plans.find((p) => list.some((s) => same(s.name, p.name)));
      if (taken) throw new PortError(`Sheet '${taken.name}' đã có trong sổ tính.`, "sheet-exists");
      const suspend = () => {
        ctx.workbook.application.suspendApiCalculationUntilNextSync();
        ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
      };
      try {
        suspend();
        for (const p of plans) {
          const ws = ctx.workbook.worksheets.add(p.name);
          await render(session, ctx, ws, p, suspend);
          queueState(ctx, p.state);
        }
        await session.sync(ctx);
        session.known = [...list, ...plans.map((p) => ({ name: p.name, visibility: "Visible" as const }))];
      } catch (e) {
        // All or nothing: remove whatever of the new sheets got created.
        try {
          const now = await session.loadSheetList(ctx);
          for (const s of now) if (plans.some((p) => same(p.name, s.name))) ctx.workbook.worksheets.getItem(s.name).delete();
          await session.sync(ctx);
        } catch {
          /* the user sees the first error */
        }
        throw e;
      }
    });
  } catch (e) {
    session.known = null;
    if (e instanceof PortError) throw e;
    throw portError(`Không thêm được sheet (mã lỗi ${errorCode(e)}).`, "write", e);
  }
}

function sameList(a: KnownSheet[], b: KnownSheet[]): boolean {
  return a.length === b.length && a.every((s, i) => s.name === b[i].name && s.visibility === b[i].visibility);
}
