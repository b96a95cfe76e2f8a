/**
 * The proxy model shared by every fake Excel object: load() forms, PropertyNotLoaded, write-through
 * setters, methods that queue commands, proxies made by methods (getItem, getRange…), *OrNullObject,
 * ClientResult and collections (`items`).
 */
import type { Sheet } from "./fake-model";
import { MESSAGES, ServerError, serverError } from "./fake-server-error";
import { FakeOfficeError, invalidLoadArgument, invalidObjectPath, propertyNotLoaded, valueNotLoaded } from "./fake-errors";
import { type Runtime } from "./fake-host";
import { FakeRequestContext } from "./fake-context";

/* ================================================================== client objects */

export type Reader = (target: never, rt: Runtime) => unknown;
export type Writer = (target: never, value: unknown, rt: Runtime) => void;

export interface TypeSpec {
  scalars: Record<string, Reader>;
  writers?: Record<string, Writer>;
  /** Navigation properties (child proxies), loadable through paths like "format/font/name". */
  navs?: string[];
  /** Scalars left out of a plain load() (as Office does for a few expensive ones). */
  notByDefault?: string[];
}

export type LoadOption = string | string[] | Record<string, unknown> | undefined;

/** Splits a load option into paths ("values", "format/font/name"); "*" = all scalars. */
export function loadPaths(option: LoadOption, collection: boolean): { paths: string[]; top?: number; skip?: number } {
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

export function clientResult<T>(obj: ClientObject, name: string, args: unknown[], run: (target: never, rt: Runtime) => T): FakeClientResult<T> {
  const result = new FakeClientResult<T>();
  obj._call(name, args, run as (t: never, rt: Runtime) => unknown, (r) => {
    result._value = r as T;
    result._loaded = true;
  });
  return result;
}

export abstract class ClientCollection<Item extends ClientObject> extends ClientObject {
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

