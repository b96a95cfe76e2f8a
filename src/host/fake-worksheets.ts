/**
 * WorksheetCollection, Worksheet and its freeze panes, in the fake Excel host.
 */
import { type Book, type Sheet, MAX_COLS, MAX_ROWS, key } from "./fake-model";
import { serverError } from "./fake-server-error";
import { type Rect, addressSheetName, parseAddress, rewriteSheetRefs, splitSheetPrefix } from "./fake-address";
import { defaultSheetName, findSheet, newSheet, sheetNameValid, usedRect } from "./fake-book";
import { type Runtime } from "./fake-host";
import { type TypeSpec, ClientObject, FakeClientResult, clientResult, ClientCollection } from "./fake-client";
import { FakeRange } from "./fake-range";
import { FakeChartCollection } from "./fake-charts";
import { FakePageLayout } from "./fake-page";

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
      // Excel follows a rename in every formula that refers to the sheet.
      rewriteFormulas(rt, s.name, v);
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
      // Excel never shows a hidden sheet: the next visible one (else the previous) becomes active.
      if (v !== "Visible" && rt.book.activeSheetId === s.id) {
        const i = rt.book.sheets.indexOf(s);
        const next = [...rt.book.sheets.slice(i + 1), ...rt.book.sheets.slice(0, i).reverse()].find((x) => x.visibility === "Visible");
        rt.book.activeSheetId = next?.id ?? null;
        if (rt.book.selection?.sheetId === s.id) rt.book.selection = null;
      }
    },
    tabColor: (s: Sheet, v, rt) => {
      if (typeof v !== "string") throw serverError("InvalidArgument");
      rt.touch(s);
      s.tabColor = v;
    },
  },
  navs: ["freezePanes", "charts", "pageLayout"],
};

/** Rewrites references to sheet `name` in every formula of the workbook (see rewriteSheetRefs). */
function rewriteFormulas(rt: Runtime, name: string, to: string | null): void {
  for (const sheet of rt.book.sheets) {
    for (const cell of sheet.cells.values()) {
      if (cell.f === undefined) continue;
      const f = rewriteSheetRefs(cell.f, name, to);
      if (f === null) continue;
      rt.touch(sheet);
      cell.f = f;
      if (to === null) {
        cell.v = "#REF!";
        cell.err = true;
        rt.book.pendingCalc.delete(cell);
      }
    }
  }
}

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

  get pageLayout(): FakePageLayout {
    this._ctx._require("1.9", "Worksheet.pageLayout");
    return this._child("pageLayout", (v) => new FakePageLayout(this._ctx, this, v));
  }

  private _range(name: string, args: unknown[], rect: (s: Sheet) => Rect | null, nullable = false): FakeRange {
    const r = new FakeRange(this._ctx, this, this._ctx._varName("range"));
    return this._make(
      r,
      name,
      args,
      (s: Sheet) => {
        if (s.kind) throw serverError("UnsupportedSheet");
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
      // Formulas that referred to the sheet now say #REF! (a new sheet of that name does not mend them).
      rewriteFormulas(rt, s.name, null);
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

