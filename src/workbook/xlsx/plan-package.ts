/**
 * SheetPlans as a small package for the splice (`./splice`), without ExcelJS (issue 11): the
 * shape `spliceSheets` reads from ExcelJS's output (workbook, its relationships, styles, content
 * types, each sheet with its own parts), stored without compression, in which only the small
 * parts hold their text. The large ones come deflated beside it, each written once, piece by
 * piece, straight into the deflater: each worksheet (`./sheet-writer`, its formats already where
 * they land in the package's styles) and each sheet's notes (comments and VML drawing, `./notes`).
 * A planned chart comes as its drawing and chart parts (`./chart-xml`). Node only (the zip writer).
 */
import type { SheetPlan } from "../../core/types";
import { sheetNameProblem } from "../../core/a1";
import { PortError } from "../port";
import { STATE_SHEET } from "./reader";
import { CHART_CT, DRAWING_CT, DRAWING_REL, chartPartXml, drawingPartXml, drawingRelsXml } from "./chart-xml";
import { notePartPieces } from "./notes";
import type { PendingNote } from "./notes";
import { deflatePieces } from "./deflate";
import type { PackedData } from "./deflate";
import { printNamesXml, worksheetPieces } from "./sheet-writer";
import { StyleTable } from "./cell-formats";
import { writeZip } from "./zipwrite";
import type { OutPart } from "./zipwrite";
import { esc } from "./package-edit";

const SML_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
const CT = "application/vnd.openxmlformats-officedocument";

export interface PlannedPackage {
  /** The package (every part stored); a worksheet's and a note part's entry is empty: its content is in `sheets` / `notes`. */
  bytes: Uint8Array;
  /** Worksheets by part name, deflated, their formats moved by `xfOffset`. */
  sheets: Map<string, { xfOffset: number; packed: PackedData }>;
  /** Note parts (comments, VML drawing) by part name, deflated. */
  notes: Map<string, PackedData>;
}

/** How the large parts are deflated (given in pieces; `./deflate`). */
export type Deflater = (pieces: Iterable<string | Uint8Array>) => PackedData;

/** Refuse a sheet name Excel would refuse, or the state sheet's (PortError "sheet-name"). */
function checkName(name: string, isState: boolean): void {
  const problem = sheetNameProblem(name);
  if (problem) throw new PortError(`Không tạo được sheet '${name}': ${problem}.`, "sheet-name");
  if (!isState && name.toLowerCase() === STATE_SHEET) throw new PortError(`Tên sheet '${name}' dành riêng cho PDV.`, "sheet-name");
}

/** The state sheet's plan: one key per row, key in column A, value (text) in column B. */
export function statePlan(state: Record<string, string>): SheetPlan {
  return { name: STATE_SHEET, rows: Object.entries(state).map(([k, v]) => [{ value: k }, { value: v }]) };
}

/**
 * The package of `plans`, in order (names unique, ignoring case), and of the state sheet when
 * `state` is given (last, very hidden), each worksheet written once, straight into `deflate`, with
 * its formats moved by `xfOffset` (`splicedXfOffset` of the package it goes into); the styles part
 * is written after them. Throws PortError("sheet-name") for an invalid or reserved name,
 * PortError("plan") for a plan that cannot be written (a text over 32,767 characters, a number
 * that is not finite, a bad colour), naming the sheet and cell; nothing is written then.
 */
export function planPackage(plans: SheetPlan[], state: Record<string, string> | undefined, xfOffset: number, deflate: Deflater): PlannedPackage {
  const steps = packageSteps<PackedData>(plans, state, xfOffset);
  let step = steps.next();
  while (!step.done) step = steps.next(deflate(step.value));
  return step.value;
}

/** A package being planned whose large parts are deflated as `P` (their data, or to come). */
interface Planned<P> {
  bytes: Uint8Array;
  sheets: Map<string, { xfOffset: number; packed: P }>;
  notes: Map<string, P>;
}

/**
 * planPackage's work, the deflating left to its driver: yields each large part's pieces (to be
 * used up before the next step) and takes back what the deflater made of them.
 */
function* packageSteps<P>(plans: SheetPlan[], state: Record<string, string> | undefined, xfOffset: number): Generator<Iterable<string | Uint8Array>, Planned<P>, P> {
  const all = state ? [...plans, statePlan(state)] : plans;
  all.forEach((p, i) => checkName(p.name, state !== undefined && i === all.length - 1));
  const styles = new StyleTable();
  const parts: OutPart[] = [];
  const text = (name: string, xml: string) => parts.push({ name, stored: new TextEncoder().encode(xml) });
  const types: string[] = [
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>`,
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>`,
  ];
  const sheets: Planned<P>["sheets"] = new Map();
  const notes: Planned<P>["notes"] = new Map();
  const sheetEls: string[] = [];
  const bookRels: string[] = [];
  let names = "";
  let charts = 0;
  for (let i = 0; i < all.length; i++) {
    const plan = all[i];
    const n = i + 1;
    const part = `xl/worksheets/sheet${n}.xml`;
    const rels: string[] = [];
    const chart = plan.chart && plan.chart.series.length > 0 ? plan.chart : undefined;
    const own: PendingNote[] = [];
    sheets.set(part, { xfOffset, packed: yield worksheetPieces(plan, styles, xfOffset, own, chart ? "rId3" : undefined) });
    parts.push({ name: part, stored: new Uint8Array(0) });
    if (own.length) {
      const pieces = notePartPieces(own);
      rels.push(`<Relationship Id="rId1" Type="${REL_NS}/comments" Target="../comments${n}.xml"/>`);
      rels.push(`<Relationship Id="rId2" Type="${REL_NS}/vmlDrawing" Target="../drawings/vmlDrawing${n}.vml"/>`);
      parts.push({ name: `xl/comments${n}.xml`, stored: new Uint8Array(0) }, { name: `xl/drawings/vmlDrawing${n}.vml`, stored: new Uint8Array(0) });
      notes.set(`xl/comments${n}.xml`, yield pieces.comments());
      notes.set(`xl/drawings/vmlDrawing${n}.vml`, yield pieces.vml());
      types.push(`<Override PartName="/xl/comments${n}.xml" ContentType="${CT}.spreadsheetml.comments+xml"/>`);
    }
    if (chart) {
      const c = ++charts;
      rels.push(`<Relationship Id="rId3" Type="${DRAWING_REL}" Target="../drawings/drawing${c}.xml"/>`);
      text(`xl/drawings/drawing${c}.xml`, drawingPartXml(chart, "rId1"));
      text(`xl/drawings/_rels/drawing${c}.xml.rels`, drawingRelsXml(`../charts/chart${c}.xml`));
      text(`xl/charts/chart${c}.xml`, chartPartXml(plan.name, plan, chart));
      types.push(`<Override PartName="/xl/drawings/drawing${c}.xml" ContentType="${DRAWING_CT}"/>`, `<Override PartName="/xl/charts/chart${c}.xml" ContentType="${CHART_CT}"/>`);
    }
    if (rels.length) text(`xl/worksheets/_rels/sheet${n}.xml.rels`, `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${rels.join("")}</Relationships>`);
    types.push(`<Override PartName="/${part}" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`);
    const hidden = state !== undefined && i === all.length - 1 ? ` state="veryHidden"` : "";
    sheetEls.push(`<sheet name="${esc(plan.name)}" sheetId="${n}"${hidden} r:id="rId${n}"/>`);
    bookRels.push(`<Relationship Id="rId${n}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${n}.xml"/>`);
    names += printNamesXml(plan, i);
  }
  bookRels.push(`<Relationship Id="rId${all.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`);
  text(
    "[Content_Types].xml",
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Default Extension="vml" ContentType="${CT}.vmlDrawing"/>${types.join("")}</Types>`,
  );
  text("_rels/.rels", `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  text(
    "xl/workbook.xml",
    `${XML_HEAD}<workbook xmlns="${SML_NS}" xmlns:r="${REL_NS}"><sheets>${sheetEls.join("")}</sheets>` + (names ? `<definedNames>${names}</definedNames>` : "") + `</workbook>`,
  );
  text("xl/_rels/workbook.xml.rels", `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${bookRels.join("")}</Relationships>`);
  text("xl/styles.xml", styles.stylesXml());
  return { bytes: writeZip(null, parts), sheets, notes };
}
