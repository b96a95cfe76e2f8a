/**
 * The server side of the fake Excel host: the workbook it holds, how it is seeded and inspected by
 * tests and the preview, injected faults, and the round trip that runs one batch of queued
 * commands (payload limits, partial application, rollback of an oversized response).
 */
import { type Book, type Cell, type Sheet, key } from "./fake-model";
import { ServerError, serverError } from "./fake-server-error";
import { parseAddress } from "./fake-address";
import { cloneSheet, findSheet, newSheet, sheetNameValid } from "./fake-book";
import { type Evaluate, seedValue, setResult, writeInput } from "./fake-cells";
import { ErrorCodes, FakeOfficeError, cellEditMode, payloadTooLarge } from "./fake-errors";
import type { CellValue } from "../core/types";
import type { Action } from "./fake-context";
import { encodeSetting, decodeSetting } from "./fake-workbook";
import { type SheetDump, dumpSheet, snapshotSheet } from "./fake-inspect";

export type { SheetDump } from "./fake-inspect";

/* ================================================================== host options, stats */

export interface SeedSheet {
  name: string;
  values?: CellValue[][];
  formulas?: (string | null)[][];
  fonts?: (string | null)[][];
  numberFormats?: (string | null)[][];
  bold?: (boolean | null)[][];
  visibility?: "Visible" | "Hidden" | "VeryHidden";
  /** A macro sheet or chart sheet: listed with the worksheets, but range calls fail (UnsupportedSheet). */
  kind?: "MacroSheet" | "ChartSheet";
}

export interface FakeExcelOptions {
  sheets?: SeedSheet[];
  /** Initial workbook.settings (values are JSON round-tripped). */
  settings?: Record<string, unknown>;
  /** Highest supported ExcelApi requirement set, default "1.17". */
  apiVersion?: string;
  /** Bytes allowed per request and per response, default 5 MiB (Excel on the web); Infinity = desktop. */
  payloadLimit?: number;
  /** Simulated latency per round trip, in ms. */
  latencyMs?: number;
  /** Result of a formula written through the API (no formula engine); default null (blank). */
  evaluate?: Evaluate;
  platform?: "PC" | "OfficeOnline" | "Mac";
  /** Most cells one read may return, default 5,000,000 (all platforms; excel-api-facts §7). */
  readCellLimit?: number;
  /**
   * What a read over readCellLimit does: fail with RangeExceedsLimit (default), or answer `null`
   * for the grid (values, formulas…), which Excel may do instead (§8, docs/excel/performance.md).
   */
  overLimitRead?: "RangeExceedsLimit" | "null";
  /**
   * Most cells Range.getSpecialCells may look through (Excel on the web fails an operation over
   * 33,554,000 cells with OperationCellsExceedLimit, excel-api-facts §7; whether getSpecialCells
   * counts is unverified). Default: no limit.
   */
  operationCellLimit?: number;
  /**
   * Reads the .xlsx file given (base64) to workbook.insertWorksheetsFromBase64 into sheets, in
   * file order. The fake has no .xlsx reader of its own (it must run in a browser without Node);
   * tests and the preview pass one, e.g. `(b64) => readXlsx(base64ToBytes(b64), "f.xlsx")`.
   * Without it, calling insertWorksheetsFromBase64 throws a plain Error (a test set-up mistake).
   * Throwing or rejecting here makes the call fail with InvalidArgument at sync.
   */
  decodeWorkbook?: (base64: string) => SeedSheet[] | Promise<SeedSheet[]>;
}

export interface SyncRecord {
  /** 1-based number of this round trip. */
  n: number;
  actions: number;
  requestBytes: number;
  responseBytes: number;
  /** Error code when the sync failed. */
  error?: string;
}

export interface Fault {
  code: string;
  message?: string;
  /** Commands of the batch executed (and applied) before the failure; default 0. */
  afterActions?: number;
}


const utf8 = new TextEncoder();
export function jsonBytes(value: unknown): number {
  return utf8.encode(JSON.stringify(value) ?? "null").length;
}

export function versionAtLeast(have: string, want: string): boolean {
  const a = have.split(".").map(Number);
  const b = want.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0, y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}


/* ================================================================== the host */

interface Transaction {
  order: Sheet[];
  clones: Map<Sheet, Sheet>;
  settings: Map<string, string>;
  activeSheetId: string | null;
  selection: Book["selection"];
  nextSheetNumber: number;
}

/** Server side of one round trip. */
export interface Runtime {
  book: Book;
  host: FakeExcelHost;
  /** Call before mutating a sheet, so an oversized response can roll the batch back. */
  touch(sheet: Sheet): void;
}

export class FakeExcelHost {
  readonly book: Book;
  apiVersion: string;
  payloadLimit: number;
  latencyMs: number;
  evaluate: Evaluate;
  platform: string;
  decodeWorkbook: FakeExcelOptions["decodeWorkbook"];
  readCellLimit: number;
  overLimitRead: "RangeExceedsLimit" | "null";
  operationCellLimit: number;
  readonly config = { extendedErrorLogging: false };
  readonly stats = { syncs: 0, emptySyncs: 0, log: [] as SyncRecord[] };
  private readonly faults = new Map<number, Fault>();
  /** Batches waiting for the user's cell edit to end (Excel.run with delayForCellEdit). */
  private editWaiters: (() => void)[] = [];
  private editing = false;

  constructor(options: FakeExcelOptions = {}) {
    this.book = {
      sheets: [],
      settings: new Map(),
      activeSheetId: null,
      selection: null,
      nextSheetNumber: 1,
      calculationSuspended: false,
      screenUpdatingSuspended: false,
      pendingCalc: new Map(),
    };
    this.apiVersion = options.apiVersion ?? "1.17";
    this.payloadLimit = options.payloadLimit ?? 5 * 1024 * 1024;
    this.latencyMs = options.latencyMs ?? 0;
    this.evaluate = options.evaluate ?? (() => null);
    this.platform = options.platform ?? "OfficeOnline";
    this.decodeWorkbook = options.decodeWorkbook;
    this.readCellLimit = options.readCellLimit ?? 5_000_000;
    this.overLimitRead = options.overLimitRead ?? "RangeExceedsLimit";
    this.operationCellLimit = options.operationCellLimit ?? Infinity;
    for (const s of options.sheets ?? []) this.addSheet(s);
    for (const [k, v] of Object.entries(options.settings ?? {})) this.book.settings.set(k, encodeSetting(v));
  }

  /* ---------------------------------------------------------------- seeding */

  /** Adds a sheet directly (no API, no sync counted). */
  addSheet(seed: SeedSheet): void {
    if (!sheetNameValid(seed.name)) throw new Error(`FakeExcel: invalid sheet name ${seed.name}`);
    if (findSheet(this.book, seed.name)) throw new Error(`FakeExcel: sheet ${seed.name} exists`);
    const sheet = this.buildSheet(seed, seed.name);
    this.book.sheets.push(sheet);
    if (this.book.activeSheetId === null && sheet.visibility === "Visible") this.book.activeSheetId = sheet.id;
  }

  /** @internal A new sheet (not yet in the workbook) holding a seed's contents, named `name`. */
  buildSheet(seed: SeedSheet, name: string): Sheet {
    const sheet = newSheet(this.book, name);
    sheet.visibility = seed.visibility ?? "Visible";
    if (seed.kind) sheet.kind = seed.kind;
    const rows = Math.max(
      seed.values?.length ?? 0,
      seed.formulas?.length ?? 0,
      seed.fonts?.length ?? 0,
      seed.numberFormats?.length ?? 0,
      seed.bold?.length ?? 0,
    );
    for (let r = 0; r < rows; r++) {
      const cols = Math.max(
        seed.values?.[r]?.length ?? 0,
        seed.formulas?.[r]?.length ?? 0,
        seed.fonts?.[r]?.length ?? 0,
        seed.numberFormats?.[r]?.length ?? 0,
        seed.bold?.[r]?.length ?? 0,
      );
      for (let c = 0; c < cols; c++) {
        const cell: Cell = { v: null };
        seedValue(cell, seed.values?.[r]?.[c]);
        const f = seed.formulas?.[r]?.[c];
        if (typeof f === "string" && f.startsWith("=")) cell.f = f;
        const font = seed.fonts?.[r]?.[c];
        if (font) cell.font = { name: font };
        const nf = seed.numberFormats?.[r]?.[c];
        if (nf && nf !== "General") cell.nf = nf;
        if (seed.bold?.[r]?.[c]) cell.font = { ...cell.font, bold: true };
        if (cell.v !== null || cell.f !== undefined || cell.font || cell.nf) sheet.cells.set(key(r, c), cell);
      }
    }
    return sheet;
  }

  /** Sets one cell directly (a "user edit"), interpreting the input like typing. */
  setCell(sheetName: string, address: string, input: unknown): void {
    const sheet = this.requireSheet(sheetName);
    const rect = parseAddress(address);
    if (!rect || rect.nr !== 1 || rect.nc !== 1) throw new Error(`FakeExcel: not a cell: ${address}`);
    const k = key(rect.r0, rect.c0);
    const cell = sheet.cells.get(k) ?? { v: null };
    this.calculatePending();
    writeInput(cell, input, () => this.evaluate(String(input), { sheet: sheet.name, row: rect.r0 + 1, column: rect.c0 + 1 }));
    sheet.cells.set(k, cell);
  }

  /** Calculates the formulas written while calculation was suspended (Application.calculate). */
  calculatePending(): void {
    const pending = [...this.book.pendingCalc];
    this.book.pendingCalc.clear();
    for (const [cell, calc] of pending) {
      if (cell.f !== undefined) setResult(cell, calc());
    }
  }

  setSetting(k: string, value: unknown): void {
    this.book.settings.set(k, encodeSetting(value));
  }

  /* ---------------------------------------------------------------- inspection */

  sheetNames(): string[] {
    return this.book.sheets.map((s) => s.name);
  }

  settings(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of this.book.settings) out[k] = decodeSetting(v);
    return out;
  }

  get activeSheet(): string | null {
    return this.book.sheets.find((s) => s.id === this.book.activeSheetId)?.name ?? null;
  }

  get selection(): { sheet: string; address: string } | null {
    const sel = this.book.selection;
    if (!sel) return null;
    const sheet = this.book.sheets.find((s) => s.id === sel.sheetId);
    return sheet ? { sheet: sheet.name, address: sel.address } : null;
  }

  private requireSheet(name: string): Sheet {
    const sheet = findSheet(this.book, name);
    if (!sheet) throw new Error(`FakeExcel: no sheet ${name}`);
    return sheet;
  }

  /** Everything stored on a sheet, as plain grids from A1. */
  dump(name: string): SheetDump {
    return dumpSheet(this.book, this.requireSheet(name));
  }

  /** Canonical JSON of one sheet (everything stored), for equality checks. */
  snapshotSheet(name: string): string {
    return snapshotSheet(this.book, this.requireSheet(name));
  }

  /** Canonical JSON of the whole workbook (sheets in order, contents without ids, settings). */
  snapshot(): string {
    return JSON.stringify({
      sheets: this.book.sheets.map((s) => this.snapshotSheet(s.name)),
      settings: [...this.book.settings].sort(),
    });
  }

  /* ---------------------------------------------------------------- the user's cell edit */

  /**
   * The user starts typing in a cell. Until endCellEdit, a round trip of a batch that was not run
   * with `delayForCellEdit: true` fails at once with InvalidOperationInCellEditMode (nothing of it
   * applied); a batch run with it waits for the edit to end (docs: excel-add-ins-delay-in-cell-edit).
   */
  beginCellEdit(): void {
    this.editing = true;
  }

  /** The user commits or cancels the edit: the waiting batches go on. */
  endCellEdit(): void {
    this.editing = false;
    const waiters = this.editWaiters;
    this.editWaiters = [];
    for (const w of waiters) w();
  }

  get inCellEdit(): boolean {
    return this.editing;
  }

  /** How many round trips wait for the cell edit to end. */
  get waitingForCellEdit(): number {
    return this.editWaiters.length;
  }

  /* ---------------------------------------------------------------- faults, stats */

  /** Makes round trip number `n` (1-based, counted over the host's life) fail with `code`. */
  failSync(n: number, code: string, options: { message?: string; afterActions?: number } = {}): void {
    this.faults.set(n, { code, ...options });
  }

  /** Makes the next round trip fail. */
  failNextSync(code: string, options: { message?: string; afterActions?: number } = {}): void {
    this.failSync(this.stats.syncs + 1, code, options);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  resetStats(): void {
    this.stats.syncs = 0;
    this.stats.emptySyncs = 0;
    this.stats.log.length = 0;
    this.faults.clear();
  }

  supports(version: string): boolean {
    return versionAtLeast(this.apiVersion, version);
  }

  /* ---------------------------------------------------------------- the round trip */

  /** @internal Executes one batch; called by FakeRequestContext.sync(). */
  async roundTrip(actions: Action[], statements: string[], delayForCellEdit = false): Promise<void> {
    if (this.editing) {
      if (!delayForCellEdit) {
        const n = ++this.stats.syncs;
        this.stats.log.push({ n, actions: actions.length, requestBytes: 0, responseBytes: 0, error: ErrorCodes.invalidOperationInCellEditMode });
        throw cellEditMode();
      }
      await new Promise<void>((resolve) => this.editWaiters.push(resolve));
    }
    const n = ++this.stats.syncs;
    const record: SyncRecord = { n, actions: actions.length, requestBytes: 0, responseBytes: 0 };
    this.stats.log.push(record);
    record.requestBytes = jsonBytes({
      Actions: actions.map((a, i) => ({ Id: i, ActionType: a.kind, ObjectPathId: a.obj._var, Name: a.name, Args: a.args })),
    });
    if (this.latencyMs > 0) await new Promise<void>((resolve) => setTimeout(resolve, this.latencyMs));
    else await Promise.resolve();

    if (record.requestBytes > this.payloadLimit) {
      record.error = "RequestPayloadSizeLimitExceeded";
      throw payloadTooLarge("RequestPayloadSizeLimitExceeded");
    }

    // Excel calculates what an earlier, suspended batch wrote once that batch's sync is over.
    if (!this.book.calculationSuspended) this.calculatePending();

    // Server-side work that is asynchronous in the fake (reading an inserted .xlsx file).
    for (const a of actions) if (a.prepare) await a.prepare();

    const tx: Transaction = {
      order: [...this.book.sheets],
      clones: new Map(),
      settings: new Map(this.book.settings),
      activeSheetId: this.book.activeSheetId,
      selection: this.book.selection,
      nextSheetNumber: this.book.nextSheetNumber,
    };
    const rt: Runtime = {
      book: this.book,
      host: this,
      touch: (sheet) => {
        if (!tx.clones.has(sheet)) tx.clones.set(sheet, cloneSheet(sheet));
      },
    };
    const fault = this.faults.get(n);
    const results: { action: Action; value: unknown }[] = [];
    let failure: { index: number; error: ServerError } | null = null;
    for (let i = 0; i < actions.length; i++) {
      if (fault && i === (fault.afterActions ?? 0)) {
        failure = { index: i, error: serverError(fault.code, fault.message) };
        break;
      }
      try {
        results.push({ action: actions[i], value: actions[i].run(rt) });
      } catch (e) {
        if (!(e instanceof ServerError)) throw e;
        failure = { index: i, error: e };
        break;
      }
    }
    if (fault && !failure && (fault.afterActions ?? 0) >= actions.length) {
      failure = { index: actions.length - 1, error: serverError(fault.code, fault.message) };
    }
    record.responseBytes = jsonBytes({ Results: results.map((r) => r.value ?? null) });
    if (record.responseBytes > this.payloadLimit) {
      // Roll back everything this batch did: the client never got an answer.
      for (const [sheet, clone] of tx.clones) Object.assign(sheet, clone);
      this.book.sheets.splice(0, this.book.sheets.length, ...tx.order);
      this.book.settings.clear();
      for (const [k, v] of tx.settings) this.book.settings.set(k, v);
      this.book.activeSheetId = tx.activeSheetId;
      this.book.selection = tx.selection;
      this.book.nextSheetNumber = tx.nextSheetNumber;
      record.error = "ResponsePayloadSizeLimitExceeded";
      throw payloadTooLarge("ResponsePayloadSizeLimitExceeded");
    }
    // A sync ends the "until next sync" suspensions.
    this.book.calculationSuspended = false;
    this.book.screenUpdatingSuspended = false;
    for (const r of results) r.action.apply?.(r.value);
    if (failure) {
      record.error = failure.error.code;
      throw this.batchError(failure.error, actions[failure.index], statements);
    }
  }

  private batchError(e: ServerError, action: Action, statements: string[]): FakeOfficeError {
    const at = action.statement;
    const from = Math.max(0, at - 5);
    const to = Math.min(statements.length, at + 6);
    const surrounding: string[] = [];
    if (from > 0) surrounding.push("...");
    for (let i = from; i < to; i++) {
      if (i === at) surrounding.push("// >>>>>", statements[i], "// <<<<<");
      else surrounding.push(statements[i]);
    }
    if (to < statements.length) surrounding.push("...");
    return new FakeOfficeError(e.code, e.message, {
      errorLocation: action.location,
      statement: statements[at],
      surroundingStatements: surrounding,
      fullStatements: this.config.extendedErrorLogging
        ? [...statements]
        : ["Please enable config.extendedErrorLogging to see full statements."],
    });
  }
}

