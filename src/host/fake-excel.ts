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
 */
import type { CellValue } from "../core/types";
import {
  type Book,
  type Cell,
  type CellFont,
  type ChartRecord,
  type Evaluate,
  type Prim,
  type Rect,
  type Sheet,
  type SheetRef,
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_FONT,
  MAX_COLS,
  MAX_ROWS,
  MESSAGES,
  ServerError,
  addressSheetName,
  cloneSheet,
  defaultSheetName,
  findSheet,
  isUnbounded,
  key,
  newSheet,
  parseAddress,
  readFormula,
  readText,
  readValue,
  readValueType,
  rectA1,
  seedValue,
  serverError,
  sheetNameValid,
  splitSheetPrefix,
  uniform,
  usedRect,
  writeInput,
} from "./fake-model";
import {
  ErrorCodes,
  FakeOfficeError,
  apiNotFound,
  invalidLoadArgument,
  invalidObjectPath,
  invalidRequestContext,
  payloadTooLarge,
  propertyNotLoaded,
  runMustReturnPromise,
  valueNotLoaded,
} from "./fake-errors";

export { FakeOfficeError } from "./fake-errors";

/* ================================================================== host options, stats */

export interface SeedSheet {
  name: string;
  values?: CellValue[][];
  formulas?: (string | null)[][];
  fonts?: (string | null)[][];
  numberFormats?: (string | null)[][];
  bold?: (boolean | null)[][];
  visibility?: "Visible" | "Hidden" | "VeryHidden";
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

export interface SheetDump {
  name: string;
  id: string;
  position: number;
  visibility: string;
  tabColor: string;
  /** From A1 to the bottom-right of everything stored (values or formats). */
  values: (Prim | null)[][];
  formulas: (string | null)[][];
  numberFormats: string[][];
  text: string[][];
  bold: boolean[][];
  italic: boolean[][];
  fonts: string[][];
  fills: (string | null)[][];
  align: (string | null)[][];
  wrap: boolean[][];
  columnWidths: Record<string, number>;
  merges: string[];
  frozenRows: number;
  /** Charts with their references printed as sheet-qualified addresses ("TongHop!B4:B63"). */
  charts: ChartRecord<string>[];
}

const utf8 = new TextEncoder();
export function jsonBytes(value: unknown): number {
  return utf8.encode(JSON.stringify(value) ?? "null").length;
}

function versionAtLeast(have: string, want: string): boolean {
  const a = have.split(".").map(Number);
  const b = want.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0, y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

function encodeSetting(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, k: string, v: unknown) {
    const raw = this[k];
    return raw instanceof Date ? `Date(${raw.getTime()})` : v;
  });
}

function decodeSetting(text: string): unknown {
  return JSON.parse(text, (_k, v) => {
    const m = typeof v === "string" ? /^Date\((-?\d+)\)$/.exec(v) : null;
    return m ? new Date(Number(m[1])) : v;
  });
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
  readonly config = { extendedErrorLogging: false };
  readonly stats = { syncs: 0, emptySyncs: 0, log: [] as SyncRecord[] };
  private readonly faults = new Map<number, Fault>();

  constructor(options: FakeExcelOptions = {}) {
    this.book = {
      sheets: [],
      settings: new Map(),
      activeSheetId: null,
      selection: null,
      nextSheetNumber: 1,
      calculationSuspended: false,
      screenUpdatingSuspended: false,
    };
    this.apiVersion = options.apiVersion ?? "1.17";
    this.payloadLimit = options.payloadLimit ?? 5 * 1024 * 1024;
    this.latencyMs = options.latencyMs ?? 0;
    this.evaluate = options.evaluate ?? (() => null);
    this.platform = options.platform ?? "OfficeOnline";
    this.decodeWorkbook = options.decodeWorkbook;
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
    writeInput(cell, input, () => this.evaluate(String(input), { sheet: sheet.name, row: rect.r0 + 1, column: rect.c0 + 1 }));
    sheet.cells.set(k, cell);
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
    const sheet = this.requireSheet(name);
    const used = usedRect(sheet, false);
    const rows = used ? used.r0 + used.nr : 0;
    const cols = used ? used.c0 + used.nc : 0;
    const grid = <T>(pick: (c: Cell | undefined) => T): T[][] =>
      Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => pick(sheet.cells.get(key(r, c)))));
    const widths: Record<string, number> = {};
    for (const [c, w] of [...sheet.columnWidths].sort((a, b) => a[0] - b[0])) widths[rectA1({ r0: 0, c0: c, nr: 1, nc: 1 }).replace(/\d+/, "")] = w;
    return {
      name: sheet.name,
      id: sheet.id,
      position: this.book.sheets.indexOf(sheet),
      visibility: sheet.visibility,
      tabColor: sheet.tabColor,
      values: grid((c) => (c === undefined ? null : c.v)),
      formulas: grid((c) => c?.f ?? null),
      numberFormats: grid((c) => c?.nf ?? "General"),
      text: grid((c) => readText(c)),
      bold: grid((c) => c?.font?.bold ?? false),
      italic: grid((c) => c?.font?.italic ?? false),
      fonts: grid((c) => c?.font?.name ?? DEFAULT_FONT),
      fills: grid((c) => c?.fill ?? null),
      align: grid((c) => c?.halign ?? null),
      wrap: grid((c) => c?.wrap ?? false),
      columnWidths: widths,
      merges: [...sheet.merges],
      frozenRows: sheet.frozenRows,
      charts: this.printCharts(sheet),
    };
  }

  private printCharts(sheet: Sheet): ChartRecord<string>[] {
    const ref = (r: SheetRef | null): string | null => {
      if (!r) return null;
      const s = this.book.sheets.find((x) => x.id === r.sheetId);
      return s ? `${addressSheetName(s.name)}!${r.a1}` : `#REF!`;
    };
    return sheet.charts.map((c) => ({
      ...c,
      source: ref(c.source) as string,
      series: c.series.map((x) => ({ name: x.name, values: ref(x.values), xValues: ref(x.xValues) })),
    }));
  }

  /** Canonical JSON of one sheet (everything stored), for equality checks. */
  snapshotSheet(name: string): string {
    const sheet = this.requireSheet(name);
    const cells = [...sheet.cells.entries()]
      .filter(([, c]) => Object.entries(c).some(([k, v]) => k !== "v" && v !== undefined) || c.v !== null)
      .sort((a, b) => a[0] - b[0]);
    return JSON.stringify({
      name: sheet.name,
      position: this.book.sheets.indexOf(sheet),
      visibility: sheet.visibility,
      tabColor: sheet.tabColor,
      cells,
      widths: [...sheet.columnWidths].sort((a, b) => a[0] - b[0]),
      merges: sheet.merges,
      frozenRows: sheet.frozenRows,
      charts: this.printCharts(sheet),
    });
  }

  /** Canonical JSON of the whole workbook (sheets in order, contents without ids, settings). */
  snapshot(): string {
    return JSON.stringify({
      sheets: this.book.sheets.map((s) => this.snapshotSheet(s.name)),
      settings: [...this.book.settings].sort(),
    });
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
  async roundTrip(actions: Action[], statements: string[]): Promise<void> {
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

/* ================================================================== actions, context */

export interface Action {
  kind: "Instantiate" | "SetProperty" | "Method" | "Query";
  obj: ClientObject;
  name: string;
  args: unknown;
  /** Index of this action's line in the batch's statements. */
  statement: number;
  location: string;
  /** Runs on the "server"; the return value is this action's part of the response. */
  run(rt: Runtime): unknown;
  /** Runs on the client once the response arrived. */
  apply?(result: unknown): void;
  /** Awaited before the batch runs (the fake's stand-in for server work that takes time). */
  prepare?(): Promise<void>;
}

export class FakeRequestContext {
  /** @internal */ readonly _host: FakeExcelHost;
  /** @internal */ _queue: Action[] = [];
  /** @internal */ _statements: string[] = [];
  /** @internal */ _autoTracked = new Set<ClientObject>();
  /** @internal */ _varCounts = new Map<string, number>();
  readonly workbook: FakeWorkbook;
  readonly trackedObjects = {
    add: (obj: ClientObject | ClientObject[]) => {
      for (const o of Array.isArray(obj) ? obj : [obj]) {
        if (o._ctx !== this) throw invalidRequestContext();
        o._tracked = true;
      }
    },
    remove: (obj: ClientObject | ClientObject[]) => {
      for (const o of Array.isArray(obj) ? obj : [obj]) o._tracked = false;
    },
  };

  constructor(host: FakeExcelHost) {
    this._host = host;
    this.workbook = new FakeWorkbook(this, null, "workbook");
    this._statements.push("var workbook=context.workbook;");
  }

  get application(): FakeApplication {
    return this.workbook.application;
  }

  /** Sends the queued commands. Resolves when they ran; rejects with the first failing one. */
  async sync<T>(passThroughValue?: T): Promise<T | undefined> {
    const actions = this._queue;
    const statements = this._statements;
    this._queue = [];
    this._statements = [];
    if (actions.length === 0) {
      this._host.stats.emptySyncs++;
      await Promise.resolve();
      return passThroughValue;
    }
    await this._host.roundTrip(actions, statements);
    return passThroughValue;
  }

  /** @internal */ _varName(base: string): string {
    const n = this._varCounts.get(base) ?? 0;
    this._varCounts.set(base, n + 1);
    return n === 0 ? base : `${base}${n}`;
  }

  /** @internal */ _statement(text: string): number {
    this._statements.push(text);
    return this._statements.length - 1;
  }

  /** @internal */ _enqueue(a: Omit<Action, "statement">, statement: string): void {
    this._queue.push({ ...a, statement: this._statement(statement) } as Action);
  }

  /** @internal */ _require(version: string, api: string): void {
    if (!this._host.supports(version)) throw apiNotFound(api, version);
  }

  /** @internal Called when an Excel.run batch ends: auto-tracked ranges die. */
  _endRun(): void {
    for (const o of this._autoTracked) if (!o._tracked) o._invalidPath = o._var;
    this._autoTracked.clear();
  }

  /** @internal Drops queued commands (a failed Excel.run batch). */
  _discard(): void {
    this._queue = [];
    this._statements = [];
  }
}

/* ================================================================== client objects */

type Reader = (target: never, rt: Runtime) => unknown;
type Writer = (target: never, value: unknown, rt: Runtime) => void;

interface TypeSpec {
  scalars: Record<string, Reader>;
  writers?: Record<string, Writer>;
  /** Navigation properties (child proxies), loadable through paths like "format/font/name". */
  navs?: string[];
  /** Scalars left out of a plain load() (as Office does for a few expensive ones). */
  notByDefault?: string[];
}

type LoadOption = string | string[] | Record<string, unknown> | undefined;

/** Splits a load option into paths ("values", "format/font/name"); "*" = all scalars. */
function loadPaths(option: LoadOption, collection: boolean): { paths: string[]; top?: number; skip?: number } {
  if (option === undefined || option === null) return { paths: ["*"] };
  if (typeof option === "string") return { paths: splitList(option, collection) };
  if (Array.isArray(option)) {
    if (!option.every((p) => typeof p === "string")) throw invalidLoadArgument("option");
    return { paths: option.map((p) => stripItems(p.trim(), collection)) };
  }
  if (typeof option !== "object") throw invalidLoadArgument("option");
  const o = option as Record<string, unknown>;
  if ("select" in o || "expand" in o || "top" in o || "skip" in o) {
    const paths: string[] = [];
    for (const k of ["select", "expand"] as const) {
      const v = o[k];
      if (v === undefined) continue;
      if (typeof v === "string") paths.push(...splitList(v, collection).map((p) => (k === "expand" ? `${p}/*` : p)));
      else if (Array.isArray(v) && v.every((x) => typeof x === "string"))
        paths.push(...v.map((p) => stripItems(p, collection)).map((p) => (k === "expand" ? `${p}/*` : p)));
      else throw invalidLoadArgument(`option.${k}`);
    }
    for (const k of ["top", "skip"] as const) {
      if (o[k] !== undefined && (typeof o[k] !== "number" || !collection)) throw invalidLoadArgument(`option.${k}`);
    }
    return { paths: paths.length ? paths : ["*"], top: o.top as number | undefined, skip: o.skip as number | undefined };
  }
  const paths: string[] = [];
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      if (k === "$top" || k === "$skip") {
        if (prefix !== "" || typeof v !== "number" || !collection) throw invalidLoadArgument(`option.${k}`);
        continue;
      }
      if (k === "$all") {
        if (v === true) paths.push(`${prefix}*`);
        continue;
      }
      if (v === true) paths.push(`${prefix}${k}`);
      else if (v && typeof v === "object") walk(v as Record<string, unknown>, `${prefix}${k}/`);
      else if (v !== false) throw invalidLoadArgument(`option.${k}`);
    }
  };
  walk(o, "");
  return { paths, top: o.$top as number | undefined, skip: o.$skip as number | undefined };
}

function stripItems(path: string, collection: boolean): string {
  if (!collection) return path;
  if (path === "items" || path === "items/") return "*";
  return path.startsWith("items/") ? path.slice(6) : path;
}

function splitList(text: string, collection: boolean): string[] {
  return text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => stripItems(p, collection));
}

export abstract class ClientObject {
  /** @internal */ _ctx: FakeRequestContext;
  /** @internal */ _parent: ClientObject | null;
  /** @internal */ _var: string;
  /** @internal */ _local = new Map<string, unknown>();
  /** @internal */ _nullFlag: boolean | undefined = undefined;
  /** @internal */ _target: unknown = undefined;
  /** @internal */ _tracked = false;
  /** @internal */ _invalidPath: string | null = null;
  /** @internal */ _children = new Map<string, ClientObject>();
  /** @internal Server-side resolution of a proxy made by a method (getItem, getRange, add...). */
  _maker: ((rt: Runtime) => unknown) | null = null;
  /** @internal */ abstract readonly _type: string;
  /** @internal */ abstract readonly _spec: TypeSpec;

  constructor(ctx: FakeRequestContext, parent: ClientObject | null, varName: string) {
    this._ctx = ctx;
    this._parent = parent;
    this._var = varName;
  }

  get context(): FakeRequestContext {
    return this._ctx;
  }

  get isNullObject(): boolean {
    this._check();
    const flag = this._isNull();
    if (flag === undefined) throw propertyNotLoaded("isNullObject");
    return flag;
  }

  /** @internal */ _isNull(): boolean | undefined {
    if (this._nullFlag !== undefined || this._maker) return this._nullFlag;
    return this._parent ? this._parent._isNull() : false;
  }

  /** @internal Throws InvalidObjectPath when this object (or an ancestor) died with its run. */
  _check(): void {
    for (let o: ClientObject | null = this; o; o = o._parent) {
      if (o._invalidPath !== null) throw invalidObjectPath(o._invalidPath);
    }
  }

  /** @internal Server side: the entity this proxy stands for. */
  _resolve(rt: Runtime): unknown {
    if (this._target === undefined && this._maker) this._target = this._maker(rt);
    if (this._target !== undefined) {
      if (this._target === null) throw serverError("ItemNotFound");
      this._validateTarget(rt, this._target);
      return this._target;
    }
    if (this._parent) return this._parent._resolve(rt);
    return rt.book;
  }

  /** @internal */ _validateTarget(rt: Runtime, target: unknown): void {
    const sheet = (target as { sheet?: Sheet }).sheet ?? (target as Sheet);
    if (sheet && (sheet as Sheet).cells instanceof Map && !rt.book.sheets.includes(sheet as Sheet)) {
      throw serverError("ItemNotFound");
    }
  }

  /** @internal */ _get(prop: string): never {
    this._check();
    if (this._local.has(prop)) return this._local.get(prop) as never;
    if (this._isNull() === true) return undefined as never;
    throw propertyNotLoaded(prop, `${this._type}.${prop}`);
  }

  /** @internal Queues a property set (write-through: readable at once without load). */
  _set(prop: string, value: unknown): void {
    this._check();
    const writer = this._spec.writers?.[prop];
    if (!writer) throw new FakeOfficeError("InvalidArgument", MESSAGES.InvalidArgument, { errorLocation: `${this._type}.${prop}` });
    this._local.set(prop, value);
    this._ctx._enqueue(
      {
        kind: "SetProperty",
        obj: this,
        name: prop,
        args: [value],
        location: `${this._type}.${prop}`,
        run: (rt) => {
          writer(this._resolve(rt) as never, value, rt);
        },
      },
      `${this._var}.${prop}=...;`,
    );
  }

  /** @internal Queues a method call with no proxy result. */
  _call(name: string, args: unknown[], run: (target: never, rt: Runtime) => unknown, apply?: (r: unknown) => void): void {
    this._check();
    this._ctx._enqueue(
      {
        kind: "Method",
        obj: this,
        name,
        args,
        location: `${this._type}.${name}`,
        run: (rt) => run(this._resolve(rt) as never, rt),
        apply,
      },
      `${this._var}.${name}(${args.length ? "..." : ""});`,
    );
  }

  /** @internal Creates a proxy whose target the server computes (getItem, getRange, add...). */
  _make<T extends ClientObject>(
    proxy: T,
    name: string,
    args: unknown[],
    resolve: (parentTarget: never, rt: Runtime) => unknown,
    options: { nullable?: boolean; tracked?: boolean } = {},
  ): T {
    this._check();
    if (options.tracked) this._ctx._autoTracked.add(proxy);
    proxy._maker = (rt) => {
      try {
        return resolve(this._resolve(rt) as never, rt);
      } catch (e) {
        if (options.nullable && e instanceof ServerError && e.code === "ItemNotFound") return null;
        throw e;
      }
    };
    this._ctx._enqueue(
      {
        kind: "Instantiate",
        obj: proxy,
        name,
        args,
        location: `${this._type}.${name}`,
        run: (rt) => {
          const t = (proxy._maker as (rt: Runtime) => unknown)(rt);
          proxy._target = t;
          return { isNull: t === null };
        },
        apply: (r) => {
          proxy._nullFlag = (r as { isNull: boolean }).isNull;
        },
      },
      `var ${proxy._var}=${this._var}.${name}(${args.length ? "..." : ""});`,
    );
    if (options.tracked) this._ctx._statement(`// Instantiate {${proxy._var}}`);
    return proxy;
  }

  /** @internal A navigation child (format, font, fill, freezePanes, charts...). */
  _child<T extends ClientObject>(name: string, make: (varName: string) => T): T {
    this._check();
    let c = this._children.get(name) as T | undefined;
    if (!c) {
      c = make(this._ctx._varName(name));
      this._children.set(name, c);
      this._ctx._statement(`var ${c._var}=${this._var}.${name};`);
    }
    return c;
  }

  load(option?: LoadOption): this {
    this._check();
    const { paths } = loadPaths(option, false);
    this._queueLoad(paths);
    return this;
  }

  /** @internal */ _queueLoad(paths: string[]): void {
    const spec = this._spec;
    const scalars = new Set<string>();
    const nav = new Map<string, string[]>();
    for (const p of paths) {
      const [head, ...rest] = p.split("/");
      if (head === "*") {
        for (const s of Object.keys(spec.scalars)) if (!spec.notByDefault?.includes(s)) scalars.add(s);
      } else if (spec.scalars[head] && rest.join("") === "") scalars.add(head);
      else if (spec.navs?.includes(head)) {
        const sub = rest.join("/");
        nav.set(head, [...(nav.get(head) ?? []), sub === "" ? "*" : sub]);
      } else throw invalidLoadArgument(`option.${head}`);
    }
    if (scalars.size > 0) {
      const props = [...scalars];
      this._ctx._enqueue(
        {
          kind: "Query",
          obj: this,
          name: "load",
          args: props,
          location: `${this._type}.load`,
          run: (rt) => {
            if (this._isNullServer(rt)) return null;
            const target = this._resolve(rt);
            const out: Record<string, unknown> = {};
            for (const p of props) out[p] = (spec.scalars[p] as Reader)(target as never, rt);
            return out;
          },
          apply: (r) => {
            if (r === null) return;
            for (const [k, v] of Object.entries(r as Record<string, unknown>)) this._local.set(k, v);
          },
        },
        `${this._var}.load(${JSON.stringify(props)});`,
      );
    }
    for (const [name, sub] of nav) {
      const child = (this as unknown as Record<string, ClientObject>)[name];
      child._queueLoad(sub);
    }
  }

  /** @internal True when this proxy (or an ancestor) is a null object on the server. */
  _isNullServer(_rt: Runtime): boolean {
    for (let o: ClientObject | null = this; o; o = o._parent) if (o._target === null) return true;
    return false;
  }

  set(props: Record<string, unknown>): void {
    this._check();
    for (const [k, v] of Object.entries(props)) {
      if (this._spec.writers?.[k]) this._set(k, v);
      else if (this._spec.navs?.includes(k) && v && typeof v === "object") {
        (this as unknown as Record<string, ClientObject>)[k].set(v as Record<string, unknown>);
      } else {
        throw new FakeOfficeError("InvalidArgument", MESSAGES.InvalidArgument, { errorLocation: `${this._type}.set` });
      }
    }
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of this._local) out[k] = v;
    for (const [k, c] of this._children) out[k] = c.toJSON();
    return out;
  }
}

/** ClientResult<T>: value readable only after sync. */
export class FakeClientResult<T> {
  /** @internal */ _loaded = false;
  /** @internal */ _value: T | undefined;
  get value(): T {
    if (!this._loaded) throw valueNotLoaded();
    return this._value as T;
  }
}

function clientResult<T>(obj: ClientObject, name: string, args: unknown[], run: (target: never, rt: Runtime) => T): FakeClientResult<T> {
  const result = new FakeClientResult<T>();
  obj._call(name, args, run as (t: never, rt: Runtime) => unknown, (r) => {
    result._value = r as T;
    result._loaded = true;
  });
  return result;
}

abstract class ClientCollection<Item extends ClientObject> extends ClientObject {
  /** @internal */ abstract _itemType: TypeSpec;
  /** @internal */ abstract _items(target: never, rt: Runtime): unknown[];
  /** @internal */ abstract _wrap(target: unknown, index: number): Item;

  get items(): Item[] {
    return this._get("items");
  }

  override load(option?: LoadOption): this {
    this._check();
    const { paths, top, skip } = loadPaths(option, true);
    const spec = this._itemType;
    const props = new Set<string>();
    const navPaths: string[] = [];
    for (const p of paths) {
      const [head, ...rest] = p.split("/");
      if (head === "*") for (const s of Object.keys(spec.scalars)) props.add(s);
      else if (spec.scalars[head] && rest.length === 0) props.add(head);
      else if (spec.navs?.includes(head)) navPaths.push(p);
      else throw invalidLoadArgument(`option.${head}`);
    }
    if (navPaths.length) throw new Error("FakeExcel: loading navigation properties of collection items is not modelled");
    const list = [...props];
    // The server keeps the entities; the response carries only the loaded properties.
    let targets: unknown[] = [];
    this._ctx._enqueue(
      {
        kind: "Query",
        obj: this,
        name: "load",
        args: { select: list, top, skip },
        location: `${this._type}.load`,
        run: (rt) => {
          let items = this._items(this._resolve(rt) as never, rt);
          items = items.slice(skip ?? 0, top === undefined ? undefined : (skip ?? 0) + top);
          targets = items;
          return items.map((t) => {
            const out: Record<string, unknown> = {};
            for (const p of list) out[p] = (spec.scalars[p] as Reader)(t as never, rt);
            return out;
          });
        },
        apply: (r) => {
          const rows = r as Record<string, unknown>[];
          this._local.set(
            "items",
            rows.map((props, i) => {
              const item = this._wrap(targets[i], i);
              item._target = targets[i];
              item._nullFlag = false;
              for (const [k, v] of Object.entries(props)) item._local.set(k, v);
              return item;
            }),
          );
        },
      },
      `${this._var}.load(${JSON.stringify(list)});`,
    );
    return this;
  }

  override toJSON(): Record<string, unknown> {
    return this._local.has("items") ? { items: (this._local.get("items") as Item[]).map((i) => i.toJSON()) } : {};
  }
}

/* ------------------------------------------------------------------ Workbook, Application */

export class FakeWorkbook extends ClientObject {
  readonly _type = "Workbook";
  readonly _spec: TypeSpec = { scalars: {}, navs: ["worksheets", "settings", "application"] };

  get worksheets(): FakeWorksheetCollection {
    return this._child("worksheets", (v) => new FakeWorksheetCollection(this._ctx, this, v));
  }

  get settings(): FakeSettingCollection {
    return this._child("settings", (v) => new FakeSettingCollection(this._ctx, this, v));
  }

  get application(): FakeApplication {
    return this._child("application", (v) => new FakeApplication(this._ctx, this, v));
  }

  /**
   * ExcelApi 1.13: copies worksheets of an .xlsx file (base64) into this workbook; the result holds
   * the new sheets' ids, readable after sync. The file is read by the host's `decodeWorkbook`
   * option; one it cannot read fails with InvalidArgument at sync, as does a name in
   * `sheetNamesToInsert` that the file lacks (UNVERIFIED code). All the file's sheets when the list
   * is empty or omitted. A name already in the workbook gets Excel's copy-sheet suffix " (2)",
   * " (3)"…, the base shortened to keep 31 characters (UNVERIFIED for this API, see the notes).
   * Position: "End" (default), "Beginning", "Before"/"After" `relativeTo` (a sheet or its name).
   * Not modelled: the web's UnsupportedFeature for files with charts/PivotTables/comments/slicers
   * (inject it with failSync), styles and defined names brought along.
   */
  insertWorksheetsFromBase64(base64: string, options: InsertWorksheetOptions = {}): FakeClientResult<string[]> {
    this._check();
    this._ctx._require("1.13", "Workbook.insertWorksheetsFromBase64");
    const decode = this._ctx._host.decodeWorkbook;
    if (!decode) {
      throw new Error("FakeExcel: insertWorksheetsFromBase64 needs the decodeWorkbook option (the fake reads no .xlsx by itself)");
    }
    const relativeTo = options.relativeTo;
    if (relativeTo instanceof ClientObject) {
      relativeTo._check();
      if (relativeTo._ctx !== this._ctx) throw invalidRequestContext();
    }
    const result = new FakeClientResult<string[]>();
    let decoded: { sheets: SeedSheet[] } | { error: unknown } = { error: null };
    const name = "insertWorksheetsFromBase64";
    this._ctx._enqueue(
      {
        kind: "Method",
        obj: this,
        name,
        args: [
          base64,
          {
            sheetNamesToInsert: options.sheetNamesToInsert,
            positionType: options.positionType,
            relativeTo: relativeTo instanceof ClientObject ? relativeTo._var : relativeTo,
          },
        ],
        location: `${this._type}.${name}`,
        prepare: async () => {
          try {
            if (typeof base64 !== "string" || base64 === "") throw serverError("InvalidArgument");
            decoded = { sheets: await decode(base64) };
          } catch (e) {
            decoded = { error: e };
          }
        },
        run: (rt) => insertSheets(rt, decoded, options),
        apply: (r) => {
          result._value = r as string[];
          result._loaded = true;
        },
      },
      `${this._var}.${name}(...);`,
    );
    return result;
  }
}

export interface InsertWorksheetOptions {
  sheetNamesToInsert?: string[];
  positionType?: "None" | "Before" | "After" | "Beginning" | "End";
  relativeTo?: FakeWorksheet | string;
}

/** A free sheet name for an inserted sheet: the file's, else "Name (2)", "Name (3)"… (max 31 chars). */
export function insertedSheetName(book: Book, name: string): string {
  if (!findSheet(book, name)) return name;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${name.slice(0, 31 - suffix.length)}${suffix}`;
    if (!findSheet(book, candidate)) return candidate;
  }
}

function insertSheets(rt: Runtime, decoded: { sheets: SeedSheet[] } | { error: unknown }, options: InsertWorksheetOptions): string[] {
  if ("error" in decoded) throw decoded.error instanceof ServerError ? decoded.error : serverError("InvalidArgument");
  const book = rt.book;
  const wanted = options.sheetNamesToInsert ?? [];
  if (!Array.isArray(wanted) || !wanted.every((n) => typeof n === "string")) throw serverError("InvalidArgument");
  const lower = new Set(wanted.map((n) => n.toLowerCase()));
  const seeds = wanted.length === 0 ? decoded.sheets : decoded.sheets.filter((s) => lower.has(s.name.toLowerCase()));
  for (const n of lower) if (!decoded.sheets.some((s) => s.name.toLowerCase() === n)) throw serverError("InvalidArgument");

  const position = options.positionType ?? "End";
  let at: number;
  if (position === "End") at = book.sheets.length;
  else if (position === "Beginning") at = 0;
  else if (position === "Before" || position === "After") {
    const rel = options.relativeTo;
    if (rel === undefined || rel === null) throw serverError("InvalidArgument");
    const target = rel instanceof ClientObject ? (rel._resolve(rt) as Sheet) : findSheet(book, String(rel));
    if (!target) throw serverError("ItemNotFound");
    at = book.sheets.indexOf(target) + (position === "After" ? 1 : 0);
  } else throw serverError("InvalidArgument");

  const ids: string[] = [];
  for (const seed of seeds) {
    const sheet = rt.host.buildSheet(seed, insertedSheetName(book, seed.name));
    book.sheets.splice(at++, 0, sheet);
    ids.push(sheet.id);
  }
  return ids;
}

export class FakeApplication extends ClientObject {
  readonly _type = "Application";
  readonly _spec: TypeSpec = { scalars: { calculationMode: () => "Automatic" } };

  get calculationMode(): string {
    return this._get("calculationMode");
  }

  suspendApiCalculationUntilNextSync(): void {
    this._ctx._require("1.6", "Application.suspendApiCalculationUntilNextSync");
    this._call("suspendApiCalculationUntilNextSync", [], (_t, rt) => {
      rt.book.calculationSuspended = true;
    });
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this._ctx._require("1.9", "Application.suspendScreenUpdatingUntilNextSync");
    this._call("suspendScreenUpdatingUntilNextSync", [], (_t, rt) => {
      rt.book.screenUpdatingSuspended = true;
    });
  }
}

/* ------------------------------------------------------------------ Worksheets */

const SHEET_SPEC: TypeSpec = {
  scalars: {
    id: (s: Sheet) => s.id,
    name: (s: Sheet) => s.name,
    position: (s: Sheet, rt) => rt.book.sheets.indexOf(s),
    visibility: (s: Sheet) => s.visibility,
    tabColor: (s: Sheet) => s.tabColor,
  },
  writers: {
    name: (s: Sheet, v, rt) => {
      if (!sheetNameValid(v)) throw serverError("InvalidArgument");
      const other = findSheet(rt.book, v);
      if (other && other !== s) throw serverError("ItemAlreadyExists");
      rt.touch(s);
      s.name = v;
    },
    position: (s: Sheet, v, rt) => {
      const n = rt.book.sheets.length;
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v >= n) throw serverError("InvalidArgument");
      const i = rt.book.sheets.indexOf(s);
      rt.book.sheets.splice(i, 1);
      rt.book.sheets.splice(v, 0, s);
    },
    visibility: (s: Sheet, v, rt) => {
      if (v !== "Visible" && v !== "Hidden" && v !== "VeryHidden") throw serverError("InvalidArgument");
      if (v !== "Visible" && s.visibility === "Visible" && rt.book.sheets.filter((x) => x.visibility === "Visible").length === 1) {
        throw serverError("InvalidOperation");
      }
      rt.touch(s);
      s.visibility = v;
    },
    tabColor: (s: Sheet, v, rt) => {
      if (typeof v !== "string") throw serverError("InvalidArgument");
      rt.touch(s);
      s.tabColor = v;
    },
  },
  navs: ["freezePanes", "charts"],
};

export class FakeWorksheetCollection extends ClientCollection<FakeWorksheet> {
  readonly _type = "WorksheetCollection";
  readonly _spec: TypeSpec = { scalars: {} };
  readonly _itemType = SHEET_SPEC;

  _items(book: Book): unknown[] {
    return [...book.sheets];
  }

  _wrap(_t: unknown, i: number): FakeWorksheet {
    return new FakeWorksheet(this._ctx, this, `${this._var}.items[${i}]`);
  }

  getItem(key: string): FakeWorksheet {
    const ws = new FakeWorksheet(this._ctx, this, this._ctx._varName("worksheet"));
    return this._make(ws, "getItem", [key], (book: Book) => {
      const s = typeof key === "string" ? findSheet(book, key) : undefined;
      if (!s) throw serverError("ItemNotFound");
      return s;
    });
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    this._ctx._require("1.4", "WorksheetCollection.getItemOrNullObject");
    const ws = new FakeWorksheet(this._ctx, this, this._ctx._varName("worksheet"));
    return this._make(
      ws,
      "getItemOrNullObject",
      [key],
      (book: Book) => {
        const s = typeof key === "string" ? findSheet(book, key) : undefined;
        if (!s) throw serverError("ItemNotFound");
        return s;
      },
      { nullable: true },
    );
  }

  getActiveWorksheet(): FakeWorksheet {
    const ws = new FakeWorksheet(this._ctx, this, this._ctx._varName("worksheet"));
    return this._make(ws, "getActiveWorksheet", [], (book: Book) => {
      const s = book.sheets.find((x) => x.id === book.activeSheetId);
      if (!s) throw serverError("ItemNotFound");
      return s;
    });
  }

  add(name?: string): FakeWorksheet {
    const ws = new FakeWorksheet(this._ctx, this, this._ctx._varName("worksheet"));
    return this._make(ws, "add", name === undefined ? [] : [name], (book: Book, rt: Runtime) => {
      let n = name;
      if (n === undefined || n === null) n = defaultSheetName(book);
      if (!sheetNameValid(n)) throw serverError("InvalidArgument");
      if (findSheet(book, n)) throw serverError("ItemAlreadyExists");
      const s = newSheet(book, n);
      rt.book.sheets.push(s);
      return s;
    });
  }

  getCount(visibleOnly?: boolean): FakeClientResult<number> {
    this._ctx._require("1.4", "WorksheetCollection.getCount");
    return clientResult(this, "getCount", [visibleOnly ?? false], (book: Book) =>
      visibleOnly ? book.sheets.filter((s) => s.visibility === "Visible").length : book.sheets.length,
    );
  }
}

export class FakeWorksheet extends ClientObject {
  readonly _type = "Worksheet";
  readonly _spec = SHEET_SPEC;

  get id(): string {
    return this._get("id");
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v);
  }
  get position(): number {
    return this._get("position");
  }
  set position(v: number) {
    this._set("position", v);
  }
  get visibility(): "Visible" | "Hidden" | "VeryHidden" {
    return this._get("visibility");
  }
  set visibility(v: "Visible" | "Hidden" | "VeryHidden") {
    this._ctx._require("1.2", "Worksheet.visibility");
    this._set("visibility", v);
  }
  get tabColor(): string {
    return this._get("tabColor");
  }
  set tabColor(v: string) {
    this._set("tabColor", v);
  }

  get freezePanes(): FakeFreezePanes {
    this._ctx._require("1.7", "Worksheet.freezePanes");
    return this._child("freezePanes", (v) => new FakeFreezePanes(this._ctx, this, v));
  }

  get charts(): FakeChartCollection {
    return this._child("charts", (v) => new FakeChartCollection(this._ctx, this, v));
  }

  private _range(name: string, args: unknown[], rect: (s: Sheet) => Rect | null, nullable = false): FakeRange {
    const r = new FakeRange(this._ctx, this, this._ctx._varName("range"));
    return this._make(
      r,
      name,
      args,
      (s: Sheet) => {
        const rc = rect(s);
        if (rc === null) throw serverError("ItemNotFound");
        return { sheet: s, rect: rc };
      },
      { nullable, tracked: true },
    );
  }

  getRange(address?: string): FakeRange {
    return this._range("getRange", address === undefined ? [] : [address], (s) => {
      if (address === undefined || address === "") return { r0: 0, c0: 0, nr: MAX_ROWS, nc: MAX_COLS };
      if (typeof address !== "string" || address.length > 8192) throw serverError("InvalidArgument");
      const { sheet, local } = splitSheetPrefix(address);
      if (sheet !== null) {
        const quoted = address.trim().startsWith("'");
        if (sheet.toLowerCase() !== s.name.toLowerCase()) throw serverError("InvalidArgument");
        if (!quoted && addressSheetName(sheet) !== sheet) throw serverError("InvalidArgument");
      }
      const rect = parseAddress(local);
      if (!rect) throw serverError("InvalidArgument");
      return rect;
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    this._ctx._require("1.7", "Worksheet.getRangeByIndexes");
    return this._range("getRangeByIndexes", [startRow, startColumn, rowCount, columnCount], () => {
      const ok =
        [startRow, startColumn, rowCount, columnCount].every((x) => Number.isInteger(x)) &&
        startRow >= 0 && startColumn >= 0 && rowCount >= 1 && columnCount >= 1 &&
        startRow + rowCount <= MAX_ROWS && startColumn + columnCount <= MAX_COLS;
      if (!ok) throw serverError("InvalidArgument");
      return { r0: startRow, c0: startColumn, nr: rowCount, nc: columnCount };
    });
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    return this._range("getUsedRange", [valuesOnly ?? false], (s) => usedRect(s, !!valuesOnly) ?? { r0: 0, c0: 0, nr: 1, nc: 1 });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    this._ctx._require("1.4", "Worksheet.getUsedRangeOrNullObject");
    return this._range("getUsedRangeOrNullObject", [valuesOnly ?? false], (s) => usedRect(s, !!valuesOnly), true);
  }

  delete(): void {
    this._call("delete", [], (s: Sheet, rt) => {
      if (s.visibility === "VeryHidden") throw serverError("InvalidOperation");
      const visible = rt.book.sheets.filter((x) => x.visibility === "Visible");
      if (rt.book.sheets.length === 1 || (s.visibility === "Visible" && visible.length === 1)) {
        throw serverError("InvalidOperation");
      }
      rt.book.sheets.splice(rt.book.sheets.indexOf(s), 1);
      if (rt.book.activeSheetId === s.id) {
        rt.book.activeSheetId = rt.book.sheets.find((x) => x.visibility === "Visible")?.id ?? null;
      }
      if (rt.book.selection?.sheetId === s.id) rt.book.selection = null;
    });
  }

  activate(): void {
    this._call("activate", [], (s: Sheet, rt) => {
      if (s.visibility !== "Visible") throw serverError("InvalidOperation");
      rt.book.activeSheetId = s.id;
    });
  }
}

export class FakeFreezePanes extends ClientObject {
  readonly _type = "WorksheetFreezePanes";
  readonly _spec: TypeSpec = { scalars: {} };

  freezeRows(count?: number): void {
    this._call("freezeRows", [count ?? 1], (s: Sheet, rt) => {
      const n = count ?? 1;
      if (!Number.isInteger(n) || n < 0 || n >= MAX_ROWS) throw serverError("InvalidArgument");
      rt.touch(s);
      s.frozenRows = n;
    });
  }

  unfreeze(): void {
    this._call("unfreeze", [], (s: Sheet, rt) => {
      rt.touch(s);
      s.frozenRows = 0;
    });
  }
}

/* ------------------------------------------------------------------ Ranges */

interface RangeTarget {
  sheet: Sheet;
  rect: Rect;
}

const MAX_READ_CELLS = 5_000_000;

function forCells(t: RangeTarget, fn: (cell: Cell, i: number, j: number) => void, rt: Runtime): void {
  if (isUnbounded(t.rect)) throw new Error("FakeExcel: cell-level writes to a whole row/column are not modelled");
  rt.touch(t.sheet);
  for (let i = 0; i < t.rect.nr; i++) {
    for (let j = 0; j < t.rect.nc; j++) {
      const k = key(t.rect.r0 + i, t.rect.c0 + j);
      let cell = t.sheet.cells.get(k);
      if (!cell) {
        cell = { v: null };
        t.sheet.cells.set(k, cell);
      }
      fn(cell, i, j);
    }
  }
}

function readGrid<T>(t: RangeTarget, pick: (c: Cell | undefined) => T): T[][] | null {
  if (isUnbounded(t.rect)) return null;
  if (t.rect.nr * t.rect.nc > MAX_READ_CELLS) throw serverError("RangeExceedsLimit");
  const out: T[][] = [];
  for (let i = 0; i < t.rect.nr; i++) {
    const row: T[] = [];
    for (let j = 0; j < t.rect.nc; j++) row.push(pick(t.sheet.cells.get(key(t.rect.r0 + i, t.rect.c0 + j))));
    out.push(row);
  }
  return out;
}

/** Validates a 2-D input against the range: same dimensions (or a scalar; 1×1 when `broadcast`). */
function inputAt(t: RangeTarget, value: unknown, broadcast: boolean): (i: number, j: number) => unknown {
  if (value === null || value === undefined) throw serverError("InvalidArgument");
  if (!Array.isArray(value)) return () => value;
  const rows = value as unknown[];
  if (broadcast && rows.length === 1 && Array.isArray(rows[0]) && (rows[0] as unknown[]).length === 1) {
    const v = (rows[0] as unknown[])[0];
    return () => v;
  }
  if (rows.length !== t.rect.nr || !rows.every((r) => Array.isArray(r) && r.length === t.rect.nc)) {
    throw serverError("InvalidArgument", MESSAGES.DimensionMismatch);
  }
  return (i, j) => (rows[i] as unknown[])[j];
}

function writeCells(t: RangeTarget, value: unknown, rt: Runtime): void {
  if (isUnbounded(t.rect)) throw serverError("InvalidArgument");
  const at = inputAt(t, value, false);
  forCells(
    t,
    (cell, i, j) => {
      const input = at(i, j);
      writeInput(cell, input, () =>
        rt.host.evaluate(String(input), { sheet: t.sheet.name, row: t.rect.r0 + i + 1, column: t.rect.c0 + j + 1 }),
      );
    },
    rt,
  );
}

const RANGE_SPEC: TypeSpec = {
  scalars: {
    address: (t: RangeTarget) => `${addressSheetName(t.sheet.name)}!${rectA1(t.rect)}`,
    rowCount: (t: RangeTarget) => t.rect.nr,
    columnCount: (t: RangeTarget) => t.rect.nc,
    cellCount: (t: RangeTarget) => t.rect.nr * t.rect.nc,
    rowIndex: (t: RangeTarget) => t.rect.r0,
    columnIndex: (t: RangeTarget) => t.rect.c0,
    values: (t: RangeTarget) => readGrid(t, readValue),
    formulas: (t: RangeTarget) => readGrid(t, readFormula),
    numberFormat: (t: RangeTarget) => readGrid(t, (c) => c?.nf ?? "General"),
    text: (t: RangeTarget) => readGrid(t, readText),
    valueTypes: (t: RangeTarget) => readGrid(t, readValueType),
  },
  writers: {
    values: (t: RangeTarget, v, rt) => writeCells(t, v, rt),
    formulas: (t: RangeTarget, v, rt) => writeCells(t, v, rt),
    numberFormat: (t: RangeTarget, v, rt) => {
      if (isUnbounded(t.rect)) throw serverError("InvalidArgument");
      const at = inputAt(t, v, true);
      forCells(
        t,
        (cell, i, j) => {
          const nf = at(i, j);
          if (nf === null || nf === undefined) return;
          if (typeof nf !== "string") throw serverError("InvalidArgument");
          if (nf === "" || nf === "General") delete cell.nf;
          else cell.nf = nf;
        },
        rt,
      );
    },
  },
  navs: ["format"],
};

export class FakeRange extends ClientObject {
  readonly _type = "Range";
  readonly _spec = RANGE_SPEC;

  get address(): string {
    return this._get("address");
  }
  get rowCount(): number {
    return this._get("rowCount");
  }
  get columnCount(): number {
    return this._get("columnCount");
  }
  get cellCount(): number {
    return this._get("cellCount");
  }
  get rowIndex(): number {
    return this._get("rowIndex");
  }
  get columnIndex(): number {
    return this._get("columnIndex");
  }
  get values(): unknown[][] {
    return this._get("values");
  }
  set values(v: unknown[][]) {
    this._set("values", v);
  }
  get formulas(): unknown[][] {
    return this._get("formulas");
  }
  set formulas(v: unknown[][]) {
    this._set("formulas", v);
  }
  get numberFormat(): unknown[][] {
    return this._get("numberFormat");
  }
  set numberFormat(v: unknown[][]) {
    this._set("numberFormat", v);
  }
  get text(): string[][] {
    return this._get("text");
  }
  get valueTypes(): string[][] {
    return this._get("valueTypes");
  }

  get format(): FakeRangeFormat {
    return this._child("format", (v) => new FakeRangeFormat(this._ctx, this, v));
  }

  merge(across?: boolean): void {
    this._ctx._require("1.2", "Range.merge");
    this._call("merge", [across ?? false], (t: RangeTarget, rt) => {
      if (isUnbounded(t.rect)) throw serverError("InvalidArgument");
      rt.touch(t.sheet);
      if (across) {
        for (let i = 0; i < t.rect.nr; i++) t.sheet.merges.push(rectA1({ ...t.rect, r0: t.rect.r0 + i, nr: 1 }));
      } else {
        t.sheet.merges.push(rectA1(t.rect));
      }
    });
  }

  select(): void {
    this._call("select", [], (t: RangeTarget, rt) => {
      if (t.sheet.visibility !== "Visible") throw serverError("InvalidOperation");
      rt.book.activeSheetId = t.sheet.id;
      rt.book.selection = { sheetId: t.sheet.id, address: rectA1(t.rect) };
    });
  }

  /** Per-cell properties (ExcelApi 1.9); supports format.font.{name,bold,italic,color}, format.fill.color, format.horizontalAlignment, format.wrapText, address. */
  getCellProperties(spec: CellPropertiesSpec): FakeClientResult<Record<string, unknown>[][]> {
    this._ctx._require("1.9", "Range.getCellProperties");
    return clientResult(this, "getCellProperties", [spec], (t: RangeTarget) => {
      if (isUnbounded(t.rect)) throw serverError("InvalidArgument");
      if (t.rect.nr * t.rect.nc > MAX_READ_CELLS) throw serverError("RangeExceedsLimit");
      const out: Record<string, unknown>[][] = [];
      for (let i = 0; i < t.rect.nr; i++) {
        const row: Record<string, unknown>[] = [];
        for (let j = 0; j < t.rect.nc; j++) {
          const c = t.sheet.cells.get(key(t.rect.r0 + i, t.rect.c0 + j));
          row.push(cellProperties(spec, c, `${addressSheetName(t.sheet.name)}!${rectA1({ r0: t.rect.r0 + i, c0: t.rect.c0 + j, nr: 1, nc: 1 })}`));
        }
        out.push(row);
      }
      return out;
    });
  }

  /** Per-cell formatting in one call (ExcelApi 1.9); same keys as getCellProperties. */
  setCellProperties(cellPropertiesData: Record<string, unknown>[][]): void {
    this._ctx._require("1.9", "Range.setCellProperties");
    this._call("setCellProperties", [cellPropertiesData], (t: RangeTarget, rt) => {
      const at = inputAt(t, cellPropertiesData, false);
      forCells(t, (cell, i, j) => applyCellProperties(cell, at(i, j)), rt);
    });
  }
}

export interface CellPropertiesSpec {
  address?: boolean;
  format?: {
    font?: { name?: boolean; bold?: boolean; italic?: boolean; color?: boolean };
    fill?: { color?: boolean };
    horizontalAlignment?: boolean;
    wrapText?: boolean;
  };
}

function cellProperties(spec: CellPropertiesSpec, c: Cell | undefined, address: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (spec.address) out.address = address;
  const f = spec.format;
  if (f) {
    const fmt: Record<string, unknown> = {};
    if (f.font) {
      const font: Record<string, unknown> = {};
      if (f.font.name) font.name = c?.font?.name ?? DEFAULT_FONT;
      if (f.font.bold) font.bold = c?.font?.bold ?? false;
      if (f.font.italic) font.italic = c?.font?.italic ?? false;
      if (f.font.color) font.color = c?.font?.color ?? "#000000";
      fmt.font = font;
    }
    if (f.fill?.color) fmt.fill = { color: c?.fill ?? "#FFFFFF" };
    if (f.horizontalAlignment) fmt.horizontalAlignment = c?.halign ?? "General";
    if (f.wrapText) fmt.wrapText = c?.wrap ?? false;
    out.format = fmt;
  }
  return out;
}

const H_ALIGN = ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"];

function applyCellProperties(cell: Cell, props: unknown): void {
  if (props === null || props === undefined) return;
  if (typeof props !== "object") throw serverError("InvalidArgument");
  const format = (props as { format?: Record<string, unknown> }).format;
  if (!format) return;
  const font = format.font as CellFont | undefined;
  if (font) {
    for (const [k, v] of Object.entries(font)) {
      if (!["name", "bold", "italic", "color", "size"].includes(k)) throw serverError("InvalidArgument");
      setFont(cell, k as keyof CellFont, v);
    }
  }
  const fill = format.fill as { color?: unknown } | undefined;
  if (fill?.color !== undefined) setFill(cell, fill.color);
  if (format.horizontalAlignment !== undefined) setAlign(cell, format.horizontalAlignment);
  if (format.wrapText !== undefined) setWrap(cell, format.wrapText);
}

function setFont(cell: Cell, prop: keyof CellFont, v: unknown): void {
  const okType = prop === "name" || prop === "color" ? typeof v === "string" : prop === "size" ? typeof v === "number" : typeof v === "boolean";
  if (!okType) throw serverError("InvalidArgument");
  cell.font = { ...cell.font, [prop]: v };
}

function setFill(cell: Cell, v: unknown): void {
  if (typeof v !== "string") throw serverError("InvalidArgument");
  cell.fill = v === "" ? undefined : v.toUpperCase();
}

function setAlign(cell: Cell, v: unknown): void {
  if (typeof v !== "string" || !H_ALIGN.includes(v)) throw serverError("InvalidArgument");
  cell.halign = v;
}

function setWrap(cell: Cell, v: unknown): void {
  if (typeof v !== "boolean") throw serverError("InvalidArgument");
  cell.wrap = v;
}

export class FakeRangeFormat extends ClientObject {
  readonly _type = "RangeFormat";
  readonly _spec: TypeSpec = {
    scalars: {
      columnWidth: (t: RangeTarget) => {
        const ws = new Set<number>();
        const cols = Math.min(t.rect.nc, MAX_COLS);
        for (let j = 0; j < cols; j++) ws.add(t.sheet.columnWidths.get(t.rect.c0 + j) ?? DEFAULT_COLUMN_WIDTH);
        return ws.size === 1 ? [...ws][0] : null;
      },
      rowHeight: () => 15,
      horizontalAlignment: (t: RangeTarget) => uniform(t.sheet, t.rect, (c) => c?.halign ?? "General"),
      wrapText: (t: RangeTarget) => uniform(t.sheet, t.rect, (c) => c?.wrap ?? false),
    },
    writers: {
      columnWidth: (t: RangeTarget, v, rt) => {
        if (typeof v !== "number" || !(v >= 0)) throw serverError("InvalidArgument");
        rt.touch(t.sheet);
        for (let j = 0; j < t.rect.nc; j++) t.sheet.columnWidths.set(t.rect.c0 + j, v);
      },
      horizontalAlignment: (t: RangeTarget, v, rt) => forCells(t, (c) => setAlign(c, v), rt),
      wrapText: (t: RangeTarget, v, rt) => forCells(t, (c) => setWrap(c, v), rt),
    },
    navs: ["font", "fill"],
  };

  get columnWidth(): number {
    return this._get("columnWidth");
  }
  set columnWidth(v: number) {
    this._ctx._require("1.2", "RangeFormat.columnWidth");
    this._set("columnWidth", v);
  }
  get rowHeight(): number {
    return this._get("rowHeight");
  }
  get horizontalAlignment(): string {
    return this._get("horizontalAlignment");
  }
  set horizontalAlignment(v: string) {
    this._set("horizontalAlignment", v);
  }
  get wrapText(): boolean {
    return this._get("wrapText");
  }
  set wrapText(v: boolean) {
    this._set("wrapText", v);
  }
  get font(): FakeRangeFont {
    return this._child("font", (v) => new FakeRangeFont(this._ctx, this, v));
  }
  get fill(): FakeRangeFill {
    return this._child("fill", (v) => new FakeRangeFill(this._ctx, this, v));
  }
}

export class FakeRangeFont extends ClientObject {
  readonly _type = "RangeFont";
  readonly _spec: TypeSpec = {
    scalars: {
      name: (t: RangeTarget) => uniform(t.sheet, t.rect, (c) => c?.font?.name ?? DEFAULT_FONT),
      bold: (t: RangeTarget) => uniform(t.sheet, t.rect, (c) => c?.font?.bold ?? false),
      italic: (t: RangeTarget) => uniform(t.sheet, t.rect, (c) => c?.font?.italic ?? false),
      color: (t: RangeTarget) => uniform(t.sheet, t.rect, (c) => c?.font?.color ?? "#000000"),
      size: (t: RangeTarget) => uniform(t.sheet, t.rect, (c) => c?.font?.size ?? 11),
    },
    writers: {
      name: (t: RangeTarget, v, rt) => forCells(t, (c) => setFont(c, "name", v), rt),
      bold: (t: RangeTarget, v, rt) => forCells(t, (c) => setFont(c, "bold", v), rt),
      italic: (t: RangeTarget, v, rt) => forCells(t, (c) => setFont(c, "italic", v), rt),
      color: (t: RangeTarget, v, rt) => forCells(t, (c) => setFont(c, "color", v), rt),
      size: (t: RangeTarget, v, rt) => forCells(t, (c) => setFont(c, "size", v), rt),
    },
  };

  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v);
  }
  get bold(): boolean {
    return this._get("bold");
  }
  set bold(v: boolean) {
    this._set("bold", v);
  }
  get italic(): boolean {
    return this._get("italic");
  }
  set italic(v: boolean) {
    this._set("italic", v);
  }
  get color(): string {
    return this._get("color");
  }
  set color(v: string) {
    this._set("color", v);
  }
  get size(): number {
    return this._get("size");
  }
  set size(v: number) {
    this._set("size", v);
  }
}

export class FakeRangeFill extends ClientObject {
  readonly _type = "RangeFill";
  readonly _spec: TypeSpec = {
    scalars: { color: (t: RangeTarget) => uniform(t.sheet, t.rect, (c) => c?.fill ?? "#FFFFFF") },
    writers: { color: (t: RangeTarget, v, rt) => forCells(t, (c) => setFill(c, v), rt) },
  };

  get color(): string {
    return this._get("color");
  }
  set color(v: string) {
    this._set("color", v);
  }
}

/* ------------------------------------------------------------------ Charts */

const CHART_TYPES = ["ColumnClustered", "BarClustered", "ColumnStacked", "BarStacked", "Line", "Pie", "XYScatter", "Area"];

interface ChartTarget {
  sheet: Sheet;
  chart: ChartRecord;
}

function rangeTargetOf(ctx: FakeRequestContext, r: unknown): FakeRange {
  if (!(r instanceof FakeRange)) throw new FakeOfficeError("InvalidArgument", MESSAGES.InvalidArgument);
  r._check();
  if (r._ctx !== ctx) throw invalidRequestContext();
  return r;
}

function rangeRef(rt: Runtime, r: FakeRange): SheetRef {
  const t = r._resolve(rt) as RangeTarget;
  return { sheetId: t.sheet.id, a1: rectA1(t.rect) };
}

export class FakeChartCollection extends ClientCollection<FakeChart> {
  readonly _type = "ChartCollection";
  readonly _spec: TypeSpec = { scalars: {} };
  readonly _itemType: TypeSpec = CHART_SPEC;

  _items(s: Sheet): unknown[] {
    return s.charts.map((chart) => ({ sheet: s, chart }));
  }

  _wrap(_t: unknown, i: number): FakeChart {
    return new FakeChart(this._ctx, this, `${this._var}.items[${i}]`);
  }

  add(type: string, sourceData: FakeRange, seriesBy?: string): FakeChart {
    const source = rangeTargetOf(this._ctx, sourceData);
    const chart = new FakeChart(this._ctx, this, this._ctx._varName("chart"));
    return this._make(chart, "add", [type, source._var, seriesBy ?? "Auto"], (s: Sheet, rt: Runtime) => {
      if (!CHART_TYPES.includes(type)) throw serverError("InvalidArgument");
      if (seriesBy !== undefined && !["Auto", "Columns", "Rows"].includes(seriesBy)) throw serverError("InvalidArgument");
      const src = source._resolve(rt) as RangeTarget;
      if (src.sheet !== s) throw serverError("InvalidArgument");
      rt.touch(s);
      const byRows = seriesBy === "Rows";
      const count = byRows ? src.rect.nr : src.rect.nc;
      const series = Array.from({ length: count }, (_, i) => ({
        name: null,
        values: { sheetId: s.id, a1: rectA1(byRows ? { ...src.rect, r0: src.rect.r0 + i, nr: 1 } : { ...src.rect, c0: src.rect.c0 + i, nc: 1 }) },
        xValues: null,
      }));
      const record: ChartRecord = {
        name: `Chart ${s.charts.length + 1}`,
        type,
        source: { sheetId: s.id, a1: rectA1(src.rect) },
        seriesBy: seriesBy ?? "Auto",
        title: null,
        position: null,
        series,
      };
      s.charts.push(record);
      return { sheet: s, chart: record };
    });
  }
}

const CHART_SPEC: TypeSpec = {
  scalars: { name: (t: ChartTarget) => t.chart.name, chartType: (t: ChartTarget) => t.chart.type },
  writers: {
    name: (t: ChartTarget, v, rt) => {
      if (typeof v !== "string") throw serverError("InvalidArgument");
      rt.touch(t.sheet);
      t.chart.name = v;
    },
  },
  navs: ["title", "series"],
};

export class FakeChart extends ClientObject {
  readonly _type = "Chart";
  readonly _spec = CHART_SPEC;

  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v);
  }
  get chartType(): string {
    return this._get("chartType");
  }
  get title(): FakeChartTitle {
    return this._child("title", (v) => new FakeChartTitle(this._ctx, this, v));
  }
  get series(): FakeChartSeriesCollection {
    return this._child("series", (v) => new FakeChartSeriesCollection(this._ctx, this, v));
  }

  setPosition(startCell: string, endCell?: string): void {
    this._call("setPosition", endCell === undefined ? [startCell] : [startCell, endCell], (t: ChartTarget, rt) => {
      for (const c of [startCell, endCell]) if (c !== undefined && !parseAddress(String(c))) throw serverError("InvalidArgument");
      rt.touch(t.sheet);
      t.chart.position = { start: startCell, end: endCell ?? null };
    });
  }
}

export class FakeChartTitle extends ClientObject {
  readonly _type = "ChartTitle";
  readonly _spec: TypeSpec = {
    scalars: { text: (t: ChartTarget) => t.chart.title ?? "" },
    writers: {
      text: (t: ChartTarget, v, rt) => {
        if (typeof v !== "string") throw serverError("InvalidArgument");
        rt.touch(t.sheet);
        t.chart.title = v;
      },
    },
  };

  get text(): string {
    return this._get("text");
  }
  set text(v: string) {
    this._set("text", v);
  }
}

interface SeriesTarget extends ChartTarget {
  index: number;
}

const SERIES_SPEC: TypeSpec = {
  scalars: { name: (t: SeriesTarget) => t.chart.series[t.index]?.name ?? "" },
  writers: {
    name: (t: SeriesTarget, v, rt) => {
      if (typeof v !== "string") throw serverError("InvalidArgument");
      rt.touch(t.sheet);
      t.chart.series[t.index].name = v;
    },
  },
};

export class FakeChartSeriesCollection extends ClientCollection<FakeChartSeries> {
  readonly _type = "ChartSeriesCollection";
  readonly _spec: TypeSpec = { scalars: {} };
  readonly _itemType = SERIES_SPEC;

  _items(t: ChartTarget): unknown[] {
    return t.chart.series.map((_s, index) => ({ ...t, index }));
  }

  _wrap(_t: unknown, i: number): FakeChartSeries {
    return new FakeChartSeries(this._ctx, this, `${this._var}.items[${i}]`);
  }

  getItemAt(index: number): FakeChartSeries {
    const s = new FakeChartSeries(this._ctx, this, this._ctx._varName("series"));
    return this._make(s, "getItemAt", [index], (t: ChartTarget) => {
      if (!Number.isInteger(index) || index < 0 || index >= t.chart.series.length) throw serverError("InvalidArgument");
      return { ...t, index };
    });
  }

  add(name?: string): FakeChartSeries {
    this._ctx._require("1.7", "ChartSeriesCollection.add");
    const s = new FakeChartSeries(this._ctx, this, this._ctx._varName("series"));
    return this._make(s, "add", name === undefined ? [] : [name], (t: ChartTarget, rt: Runtime) => {
      rt.touch(t.sheet);
      t.chart.series.push({ name: name ?? null, values: null, xValues: null });
      return { ...t, index: t.chart.series.length - 1 };
    });
  }
}

export class FakeChartSeries extends ClientObject {
  readonly _type = "ChartSeries";
  readonly _spec = SERIES_SPEC;

  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v);
  }

  setValues(sourceData: FakeRange): void {
    this._ctx._require("1.7", "ChartSeries.setValues");
    const r = rangeTargetOf(this._ctx, sourceData);
    this._call("setValues", [r._var], (t: SeriesTarget, rt) => {
      rt.touch(t.sheet);
      t.chart.series[t.index].values = rangeRef(rt, r);
    });
  }

  setXAxisValues(sourceData: FakeRange): void {
    this._ctx._require("1.7", "ChartSeries.setXAxisValues");
    const r = rangeTargetOf(this._ctx, sourceData);
    this._call("setXAxisValues", [r._var], (t: SeriesTarget, rt) => {
      rt.touch(t.sheet);
      t.chart.series[t.index].xValues = rangeRef(rt, r);
    });
  }
}

/* ------------------------------------------------------------------ Settings */

const SETTING_SPEC: TypeSpec = {
  scalars: {
    key: (t: { key: string }) => t.key,
    value: (t: { key: string }, rt) => {
      const raw = rt.book.settings.get(t.key);
      if (raw === undefined) throw serverError("ItemNotFound");
      return decodeSetting(raw);
    },
  },
  writers: {
    value: (t: { key: string }, v, rt) => {
      rt.book.settings.set(t.key, encodeSetting(v));
    },
  },
};

export class FakeSettingCollection extends ClientCollection<FakeSetting> {
  readonly _type = "SettingCollection";
  readonly _spec: TypeSpec = { scalars: {} };
  readonly _itemType = SETTING_SPEC;

  _items(_b: Book, rt: Runtime): unknown[] {
    return [...rt.book.settings.keys()].map((k) => ({ key: k }));
  }

  _wrap(_t: unknown, i: number): FakeSetting {
    return new FakeSetting(this._ctx, this, `${this._var}.items[${i}]`);
  }

  add(key: string, value: unknown): FakeSetting {
    this._ctx._require("1.4", "SettingCollection.add");
    const s = new FakeSetting(this._ctx, this, this._ctx._varName("setting"));
    const encoded = value === undefined ? undefined : encodeSetting(value);
    return this._make(s, "add", [key, value], (_b: Book, rt: Runtime) => {
      if (typeof key !== "string" || key.length === 0 || encoded === undefined) throw serverError("InvalidArgument");
      rt.book.settings.set(key, encoded);
      return { key };
    });
  }

  getItem(key: string): FakeSetting {
    this._ctx._require("1.4", "SettingCollection.getItem");
    const s = new FakeSetting(this._ctx, this, this._ctx._varName("setting"));
    return this._make(s, "getItem", [key], (_b: Book, rt: Runtime) => {
      if (!rt.book.settings.has(key)) throw serverError("ItemNotFound");
      return { key };
    });
  }

  getItemOrNullObject(key: string): FakeSetting {
    this._ctx._require("1.4", "SettingCollection.getItemOrNullObject");
    const s = new FakeSetting(this._ctx, this, this._ctx._varName("setting"));
    return this._make(
      s,
      "getItemOrNullObject",
      [key],
      (_b: Book, rt: Runtime) => {
        if (!rt.book.settings.has(key)) throw serverError("ItemNotFound");
        return { key };
      },
      { nullable: true },
    );
  }

  getCount(): FakeClientResult<number> {
    return clientResult(this, "getCount", [], (_b: Book, rt: Runtime) => rt.book.settings.size);
  }
}

export class FakeSetting extends ClientObject {
  readonly _type = "Setting";
  readonly _spec = SETTING_SPEC;

  get key(): string {
    return this._get("key");
  }
  get value(): unknown {
    return this._get("value");
  }
  set value(v: unknown) {
    this._set("value", v);
  }

  delete(): void {
    this._call("delete", [], (t: { key: string }, rt) => {
      rt.book.settings.delete(t.key);
    });
  }
}

/* ================================================================== the globals */

export interface FakeExcelNamespace {
  run<T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T>;
  run<T>(objects: ClientObject | ClientObject[] | FakeRequestContext | { previousObjects?: ClientObject[] }, batch: (context: FakeRequestContext) => Promise<T>): Promise<T>;
  RequestContext: new () => FakeRequestContext;
  ErrorCodes: typeof ErrorCodes;
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
