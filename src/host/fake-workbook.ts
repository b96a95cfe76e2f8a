/**
 * Workbook, Application and the workbook's settings (ExcelApi 1.4) of the fake Excel host.
 */
import { type Book, type Sheet, key } from "./fake-model";
import { ServerError, serverError } from "./fake-server-error";
import { findSheet } from "./fake-book";
import { invalidRequestContext } from "./fake-errors";
import { type SeedSheet, type Runtime } from "./fake-host";
import { type TypeSpec, ClientObject, FakeClientResult, clientResult, ClientCollection } from "./fake-client";
import { FakeWorksheetCollection, FakeWorksheet } from "./fake-worksheets";

export function encodeSetting(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, k: string, v: unknown) {
    const raw = this[k];
    return raw instanceof Date ? `Date(${raw.getTime()})` : v;
  });
}

export function decodeSetting(text: string): unknown {
  return JSON.parse(text, (_k, v) => {
    const m = typeof v === "string" ? /^Date\((-?\d+)\)$/.exec(v) : null;
    return m ? new Date(Number(m[1])) : v;
  });
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

  /**
   * Recalculates (ExcelApi 1.1; "Recalculate", "Full", "FullRebuild"): in the fake, the formulas
   * written while calculation was suspended get their values.
   */
  calculate(calculationType: "Recalculate" | "Full" | "FullRebuild"): void {
    this._call("calculate", [calculationType], (_t, rt) => {
      if (!["Recalculate", "Full", "FullRebuild"].includes(calculationType)) throw serverError("InvalidArgument");
      rt.host.calculatePending();
    });
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this._ctx._require("1.9", "Application.suspendScreenUpdatingUntilNextSync");
    this._call("suspendScreenUpdatingUntilNextSync", [], (_t, rt) => {
      rt.book.screenUpdatingSuspended = true;
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

