/**
 * The in-page Excel host of the browser preview: the strict fake Excel (src/host/fake-excel.ts)
 * behind the globals the production bundles expect — `Office`, `Excel`, `OfficeExtension` and
 * `CustomFunctions` — defined before those bundles run. office.js is not loaded at all (outside
 * Office it would either do nothing or, inside a frame, blank the page).
 *
 * Besides the fake, this adds what Excel itself does and the fake leaves out: formulas are
 * calculated (./formulas.ts, PDV.* through the functions the production functions.js registers),
 * and observers hear about every change (after each sync, and after the preview's own edits),
 * and an inserted .xlsx file (workbook.insertWorksheetsFromBase64) is read with ExcelJS.
 */
import { createFakeExcel } from "../host/fake-excel";
import type { FakeExcelHost, FakeGlobals, SeedSheet } from "../host/fake-excel";
import { findSheet } from "../host/fake-book";
import { base64ToBytes } from "../workbook/base64";
import { Evaluator, recalculate } from "./formulas";
import type { CustomFunction, EvalEnv } from "./formulas";

/** What a ribbon button (ExecuteFunction) receives. */
export interface RibbonEvent {
  completed(): void;
}
export type RibbonAction = (event: RibbonEvent) => unknown;

export interface PreviewHost {
  fake: FakeGlobals;
  host: FakeExcelHost;
  /** Ribbon handlers registered by the production commands.js (Office.actions.associate). */
  actions: Map<string, RibbonAction>;
  /** Custom functions registered by the production functions.js (CustomFunctions.associate). */
  functions: Map<string, CustomFunction>;
  /** Called after every change of the workbook; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Replace the whole workbook (sheets, selection, settings) with these sheets. */
  load(seeds: SeedSheet[]): void;
  /** A user's edit of one cell (typing), then recalculation. */
  edit(sheet: string, address: string, input: unknown): void;
  /** A user's click on a cell: activates its sheet and selects it. */
  select(sheet: string, address: string): void;
  /** Calculate every formula now and tell the observers. */
  changed(): void;
}

/** CustomFunctions.Error as the Excel runtime defines it: an error code and an optional message. */
class CustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
    this.name = "CustomFunctions.Error";
  }
}

const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
};

export function createPreviewHost(seeds: SeedSheet[]): PreviewHost {
  const functions = new Map<string, CustomFunction>();
  const actions = new Map<string, RibbonAction>();
  const listeners = new Set<() => void>();
  let fake: FakeGlobals;

  const env = (): EvalEnv => ({
    book: fake.host.book,
    functions,
    errorCode: (e) => (e instanceof CustomFunctionError ? e.code : null),
    // Blank cells reach PDV.* as the simulated platform sends them: 0 on desktop, null on the web.
    blankCells: fake.host.platform === "OfficeOnline" ? null : 0,
  });

  fake = createFakeExcel({
    sheets: seeds,
    // workbook.insertWorksheetsFromBase64 (the import's copy of a unit's sheet) reads the file with
    // the .xlsx adapter, loaded only when a file is first inserted.
    decodeWorkbook: async (base64) => {
      const { readXlsx } = await import(/* webpackChunkName: "preview-xlsx" */ "../workbook/xlsx/reader");
      return readXlsx(base64ToBytes(base64), "insert.xlsx");
    },
    // A formula written through the API gets its value at once, as in Excel.
    evaluate: (formula, where) => {
      const sheet = findSheet(fake.host.book, where.sheet);
      if (!sheet) return { error: "#REF!" };
      return new Evaluator(env()).formula(formula, sheet);
    },
  });
  const host = fake.host;

  const changed = () => {
    recalculate(env());
    for (const l of [...listeners]) {
      try {
        l();
      } catch (e) {
        console.error("PDV preview: observer failed", e);
      }
    }
  };

  // Observe every round trip (the add-in's reads and writes): recalculate, then tell the observers.
  const roundTrip = host.roundTrip.bind(host);
  host.roundTrip = async (...args: Parameters<FakeExcelHost["roundTrip"]>) => {
    try {
      await roundTrip(...args);
    } finally {
      changed();
    }
  };

  return {
    fake,
    host,
    actions,
    functions,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    load(next) {
      const book = host.book;
      book.sheets.splice(0, book.sheets.length);
      book.settings.clear();
      book.activeSheetId = null;
      book.selection = null;
      for (const s of next) host.addSheet(s);
      changed();
    },
    edit(sheet, address, input) {
      host.setCell(sheet, address, input);
      changed();
    },
    select(sheet, address) {
      const s = findSheet(host.book, sheet);
      if (!s) return;
      host.book.activeSheetId = s.id;
      host.book.selection = { sheetId: s.id, address };
      changed();
    },
    changed,
  };
}

/**
 * Defines the globals of the Office runtime on `target` (window) for the production bundles:
 * Office (onReady resolves with host Excel; actions.associate; addin.showAsTaskpane), Excel,
 * OfficeExtension, CustomFunctions. Must run before those bundles.
 */
export function installGlobals(target: Record<string, unknown>, preview: PreviewHost): void {
  const { Excel, Office, OfficeExtension } = preview.fake;
  target.Excel = Excel;
  target.OfficeExtension = OfficeExtension;
  target.Office = {
    ...Office,
    context: { ...Office.context, displayLanguage: "vi-VN", contentLanguage: "vi-VN" },
    actions: {
      associate(id: string, handler: RibbonAction) {
        preview.actions.set(id, handler);
      },
    },
    addin: {
      // The preview's task pane is always shown.
      showAsTaskpane: () => Promise.resolve(),
      hide: () => Promise.resolve(),
    },
  };
  target.CustomFunctions = {
    associate(id: string | Record<string, CustomFunction>, fn?: CustomFunction) {
      if (typeof id === "string") {
        if (fn) preview.functions.set(id.toUpperCase(), fn);
      } else {
        for (const [k, f] of Object.entries(id)) preview.functions.set(k.toUpperCase(), f);
      }
    },
    Error: CustomFunctionError,
    ErrorCode: ERROR_CODES,
  };
}
