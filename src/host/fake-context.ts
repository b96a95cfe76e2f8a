/**
 * The request context of the fake Excel host: the queue of commands (Action) proxies add to, and
 * `context.sync()`, which sends them to the host as one round trip.
 */
import { apiNotFound, invalidRequestContext } from "./fake-errors";
import { type Runtime, FakeExcelHost } from "./fake-host";
import { ClientObject } from "./fake-client";
import { FakeWorkbook, FakeApplication } from "./fake-workbook";

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
  /** @internal Set by Excel.run({ delayForCellEdit: true }, …): round trips wait for a cell edit to end. */
  _delayForCellEdit = false;
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
    await this._host.roundTrip(actions, statements, this._delayForCellEdit);
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

