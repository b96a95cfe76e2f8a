/**
 * A strict in-memory fake of the Excel JavaScript API subset PDV uses (see
 * shared/notes/excel-api-facts.md). Proxy objects only queue; `context.sync()` runs the queue in
 * order against an in-memory workbook; unloaded reads throw PropertyNotLoaded; server errors
 * surface at sync with Office's codes and debugInfo; payload sizes are measured and limited.
 *
 * Used by the adapter tests and by the browser preview: plain TypeScript, no Node or jest APIs.
 *
 *   const { Excel, Office, OfficeExtension, host } = createFakeExcel({ sheets: [...] });
 *   await Excel.run(async (ctx) => { ... });
 *   host.dump("TongHop"); host.stats.syncs; host.failSync(2, "GeneralException");
 *
 * One file per family of the API it imitates: fake-host.ts (the server: workbook, faults, the
 * round trip), fake-context.ts (request context, sync), fake-client.ts (proxies, load, results,
 * collections), fake-workbook.ts (workbook, application, settings), fake-worksheets.ts,
 * fake-range.ts, fake-format.ts (range formats), fake-charts.ts, fake-errors.ts
 * (OfficeExtension.Error); the server's state: fake-model.ts (shapes of book, sheets and cells),
 * fake-address.ts (A1 addresses), fake-book.ts (sheets of the book), fake-cells.ts (Excel's rules
 * for typed input, values read back), fake-server-error.ts. This file makes the `Excel`, `Office`
 * and `OfficeExtension` globals and re-exports the rest.
 */
import { ErrorCodes, FakeOfficeError, invalidRequestContext, runMustReturnPromise } from "./fake-errors";
import { type FakeExcelOptions, FakeExcelHost } from "./fake-host";
import { FakeRequestContext } from "./fake-context";
import { ClientObject, FakeClientResult } from "./fake-client";


export { FakeOfficeError, ErrorCodes } from "./fake-errors";
export type { SeedSheet, FakeExcelOptions, SyncRecord, Fault, SheetDump, Runtime } from "./fake-host";
export { FakeExcelHost, jsonBytes } from "./fake-host";
export type { Action } from "./fake-context";
export { FakeRequestContext } from "./fake-context";
export { ClientObject, FakeClientResult } from "./fake-client";
export { FakeWorkbook, FakeApplication, FakeSettingCollection, FakeSetting, insertedSheetName } from "./fake-workbook";
export type { InsertWorksheetOptions } from "./fake-workbook";
export { FakeWorksheetCollection, FakeWorksheet, FakeFreezePanes } from "./fake-worksheets";
export { FakeRange } from "./fake-range";
export { FakeRangeFormat, FakeRangeFont, FakeRangeFill } from "./fake-format";
export type { CellPropertiesSpec } from "./fake-format";
export { FakeChartCollection, FakeChart, FakeChartTitle, FakeChartSeriesCollection, FakeChartSeries } from "./fake-charts";

/* ================================================================== the globals */

export interface FakeExcelNamespace {
  run<T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T>;
  run<T>(objects: ClientObject | ClientObject[] | FakeRequestContext | FakeRunOptions, batch: (context: FakeRequestContext) => Promise<T>): Promise<T>;
  RequestContext: new () => FakeRequestContext;
  ErrorCodes: typeof ErrorCodes;
}

/** Excel.RunOptions as far as modelled. */
export interface FakeRunOptions {
  previousObjects?: ClientObject[];
  /** Wait while the user edits a cell instead of failing (ExcelApi 1.11, per the docs). */
  delayForCellEdit?: boolean;
}

export interface FakeGlobals {
  Excel: FakeExcelNamespace;
  Office: {
    context: { requirements: { isSetSupported(name: string, minVersion?: string | number): boolean } };
    onReady(callback?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }>;
    HostType: { Excel: "Excel" };
  };
  OfficeExtension: {
    Error: typeof FakeOfficeError;
    ErrorCodes: typeof ErrorCodes;
    ClientResult: typeof FakeClientResult;
    config: { extendedErrorLogging: boolean };
  };
  host: FakeExcelHost;
}

function contextOf(arg: unknown): FakeRequestContext | null {
  if (arg instanceof FakeRequestContext) return arg;
  const objs = Array.isArray(arg)
    ? arg
    : arg instanceof ClientObject
      ? [arg]
      : ((arg as { previousObjects?: ClientObject[] } | null)?.previousObjects ?? []);
  let ctx: FakeRequestContext | null = null;
  for (const o of objs) {
    if (!(o instanceof ClientObject)) continue;
    if (ctx && o._ctx !== ctx) throw invalidRequestContext();
    ctx = o._ctx;
  }
  return ctx;
}

/** Creates a fake workbook and the `Excel`, `Office`, `OfficeExtension` globals that drive it. */
export function createFakeExcel(options: FakeExcelOptions = {}): FakeGlobals {
  const host = new FakeExcelHost(options);

  async function run<T>(a: unknown, b?: unknown): Promise<T> {
    const batch = (typeof a === "function" ? a : b) as (ctx: FakeRequestContext) => unknown;
    const ctx = (typeof a === "function" ? null : contextOf(a)) ?? new FakeRequestContext(host);
    const options = typeof a === "object" && a !== null && !Array.isArray(a) && !(a instanceof ClientObject) && !(a instanceof FakeRequestContext) ? (a as FakeRunOptions) : null;
    const delayBefore = ctx._delayForCellEdit;
    if (options?.delayForCellEdit) ctx._delayForCellEdit = true;
    try {
      const p = batch(ctx) as Promise<T> | undefined;
      if (!p || typeof (p as { then?: unknown }).then !== "function") throw runMustReturnPromise();
      const result = await p;
      await ctx.sync();
      return result;
    } catch (e) {
      ctx._discard();
      throw e;
    } finally {
      ctx._delayForCellEdit = delayBefore;
      ctx._endRun();
    }
  }

  class RequestContext extends FakeRequestContext {
    constructor() {
      super(host);
    }
  }

  const Excel: FakeExcelNamespace = { run: run as FakeExcelNamespace["run"], RequestContext, ErrorCodes };
  const OfficeExtension = { Error: FakeOfficeError, ErrorCodes, ClientResult: FakeClientResult, config: host.config };
  const Office = {
    context: {
      requirements: {
        isSetSupported(name: string, minVersion?: string | number): boolean {
          if (name !== "ExcelApi") return false;
          return host.supports(minVersion === undefined ? "1.1" : String(minVersion));
        },
      },
    },
    onReady(callback?: (info: { host: string; platform: string }) => void) {
      const info = { host: "Excel", platform: host.platform };
      callback?.(info);
      return Promise.resolve(info);
    },
    HostType: { Excel: "Excel" as const },
  };
  return { Excel, Office, OfficeExtension, host };
}
