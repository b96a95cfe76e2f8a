/**
 * Worksheet.pageLayout (ExcelApi 1.9) in the fake Excel host: PageLayout (orientation, paper size,
 * zoom, print titles, print area) and its HeaderFooterGroup / HeaderFooter (the default centre
 * footer). What Excel documents is enforced: `zoom` is set as a whole object (the typings: "use
 * x.zoom = {...} instead of x.zoom.scale = ..."), a scale is 10–400, fit counts are whole numbers.
 * UNVERIFIED and chosen strict here: a scale together with fit-to-pages counts, print title rows
 * that are not whole rows, and a footer over 255 characters (Excel's limit in its dialog) are
 * InvalidArgument.
 */
import { type PageSetup, type Sheet, MAX_COLS, MAX_ROWS } from "./fake-model";
import { serverError } from "./fake-server-error";
import { type Rect, parseAddress, splitSheetPrefix } from "./fake-address";
import { type TypeSpec, ClientObject } from "./fake-client";
import { FakeRange, type RangeTarget, rangeTargetOf } from "./fake-range";
import type { Runtime } from "./fake-host";

/** Excel.PaperType, as the office-js typings list it. */
const PAPER_TYPES = [
  "Letter", "LetterSmall", "Tabloid", "Ledger", "Legal", "Statement", "Executive", "A3", "A4", "A4Small", "A5", "B4", "B5",
  "Folio", "Quatro", "Paper10x14", "Paper11x17", "Note", "Envelope9", "Envelope10", "Envelope11", "Envelope12", "Envelope14",
  "Csheet", "Dsheet", "Esheet", "EnvelopeDL", "EnvelopeC5", "EnvelopeC3", "EnvelopeC4", "EnvelopeC6", "EnvelopeC65",
  "EnvelopeB4", "EnvelopeB5", "EnvelopeB6", "EnvelopeItaly", "EnvelopeMonarch", "EnvelopePersonal", "FanfoldUS",
  "FanfoldStdGerman", "FanfoldLegalGerman",
];
const MAX_FOOTER = 255;

type Zoom = PageSetup["zoom"];

function checkZoom(v: unknown): Zoom {
  if (!v || typeof v !== "object" || Array.isArray(v)) throw serverError("InvalidArgument");
  const z = v as Record<string, unknown>;
  const keys = Object.keys(z).filter((k) => z[k] !== undefined && z[k] !== null);
  if (keys.length === 0 || keys.some((k) => !["scale", "horizontalFitToPages", "verticalFitToPages"].includes(k))) throw serverError("InvalidArgument");
  const out: Zoom = {};
  if (keys.includes("scale")) {
    const s = z.scale;
    if (typeof s !== "number" || !Number.isInteger(s) || s < 10 || s > 400 || keys.length > 1) throw serverError("InvalidArgument");
    out.scale = s;
    return out;
  }
  for (const k of ["horizontalFitToPages", "verticalFitToPages"] as const) {
    if (!keys.includes(k)) continue;
    const n = z[k];
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > 32767) throw serverError("InvalidArgument");
    out[k] = n;
  }
  return out;
}

/** A Range argument or an address string, resolved on the sheet `s` (another sheet is InvalidArgument). */
function rectOn(ctxRange: FakeRange | null, address: unknown, s: Sheet, rt: Runtime): Rect {
  if (ctxRange) {
    const t = ctxRange._resolve(rt) as RangeTarget;
    if (t.sheet !== s) throw serverError("InvalidArgument");
    return t.rect;
  }
  if (typeof address !== "string") throw serverError("InvalidArgument");
  const { sheet, local } = splitSheetPrefix(address);
  if (sheet !== null && sheet.toLowerCase() !== s.name.toLowerCase()) throw serverError("InvalidArgument");
  const rect = parseAddress(local);
  if (!rect) throw serverError("InvalidArgument");
  return rect;
}

const PAGE_SPEC: TypeSpec = {
  scalars: {
    orientation: (s: Sheet) => s.page.orientation,
    paperSize: (s: Sheet) => s.page.paperSize,
    zoom: (s: Sheet) => ({ ...s.page.zoom }),
  },
  writers: {
    orientation: (s: Sheet, v, rt) => {
      if (v !== "Portrait" && v !== "Landscape") throw serverError("InvalidArgument");
      rt.touch(s);
      s.page.orientation = v;
    },
    paperSize: (s: Sheet, v, rt) => {
      if (typeof v !== "string" || !PAPER_TYPES.includes(v)) throw serverError("InvalidArgument");
      rt.touch(s);
      s.page.paperSize = v;
    },
    zoom: (s: Sheet, v, rt) => {
      const z = checkZoom(v);
      rt.touch(s);
      s.page.zoom = z;
    },
  },
  navs: ["headersFooters"],
};

export class FakePageLayout extends ClientObject {
  readonly _type = "PageLayout";
  readonly _spec = PAGE_SPEC;

  get orientation(): string {
    return this._get("orientation");
  }
  set orientation(v: string) {
    this._set("orientation", v);
  }
  get paperSize(): string {
    return this._get("paperSize");
  }
  set paperSize(v: string) {
    this._set("paperSize", v);
  }
  /** Frozen: a change must be a new object assigned to `zoom` (Excel ignores `zoom.scale = …`). */
  get zoom(): Zoom {
    return Object.freeze({ ...(this._get("zoom") as Zoom) });
  }
  set zoom(v: Zoom) {
    this._set("zoom", v && typeof v === "object" ? Object.freeze({ ...v }) : v);
  }

  get headersFooters(): FakeHeaderFooterGroup {
    return this._child("headersFooters", (v) => new FakeHeaderFooterGroup(this._ctx, this, v));
  }

  /** Rows repeated at the top of each printed page: whole rows ("$4:$4", "4:5") or a whole-row Range. */
  setPrintTitleRows(rows: FakeRange | string): void {
    const range = typeof rows === "string" ? null : rangeTargetOf(this._ctx, rows);
    this._call("setPrintTitleRows", [range ? range._var : rows], (s: Sheet, rt) => {
      const rect = rectOn(range, rows, s, rt);
      if (rect.nc !== MAX_COLS || rect.nr === MAX_ROWS) throw serverError("InvalidArgument");
      rt.touch(s);
      s.page.titleRows = { r0: rect.r0, nr: rect.nr };
    });
  }

  /** The print area: one bounded rectangle of this sheet (several areas are not modelled). */
  setPrintArea(area: FakeRange | string): void {
    if (typeof area === "string" && /[,;]/.test(area)) throw new Error("FakeExcel: a print area of several ranges is not modelled");
    const range = typeof area === "string" ? null : rangeTargetOf(this._ctx, area);
    this._call("setPrintArea", [range ? range._var : area], (s: Sheet, rt) => {
      const rect = rectOn(range, area, s, rt);
      rt.touch(s);
      s.page.printArea = rect;
    });
  }
}

export class FakeHeaderFooterGroup extends ClientObject {
  readonly _type = "HeaderFooterGroup";
  readonly _spec: TypeSpec = { scalars: {}, navs: ["defaultForAllPages"] };

  get defaultForAllPages(): FakeHeaderFooter {
    return this._child("defaultForAllPages", (v) => new FakeHeaderFooter(this._ctx, this, v));
  }
  get firstPage(): never {
    throw new Error("FakeExcel: HeaderFooterGroup.firstPage is not modelled");
  }
  get evenPages(): never {
    throw new Error("FakeExcel: HeaderFooterGroup.evenPages is not modelled");
  }
  get oddPages(): never {
    throw new Error("FakeExcel: HeaderFooterGroup.oddPages is not modelled");
  }
}

/** The headers and footers used on every page (HeaderFooterGroup state "Default"); the centre footer is modelled. */
export class FakeHeaderFooter extends ClientObject {
  readonly _type = "HeaderFooter";
  readonly _spec: TypeSpec = {
    scalars: { centerFooter: (s: Sheet) => s.page.centerFooter },
    writers: {
      centerFooter: (s: Sheet, v, rt) => {
        if (typeof v !== "string" || v.length > MAX_FOOTER) throw serverError("InvalidArgument");
        rt.touch(s);
        s.page.centerFooter = v;
      },
    },
  };

  get centerFooter(): string {
    return this._get("centerFooter");
  }
  set centerFooter(v: string) {
    this._set("centerFooter", v);
  }
}
