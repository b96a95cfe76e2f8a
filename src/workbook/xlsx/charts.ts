/**
 * Native Excel charts in a package ExcelJS wrote (ExcelJS writes no charts; issue 15 point 4):
 * for each sheet with a planned chart, the chart part (`xl/charts/chartN.xml`), a drawing part
 * anchoring it (`xl/drawings/drawingN.xml` and its relationships), the sheet's `<drawing r:id>`
 * and relationship, and the content types. Every other part is copied byte for byte. Node only
 * (zlib, through the zip writer).
 */
import type { SheetPlan } from "../../core/types";
import { PortError } from "../port";
import { findEntry, openPackage, partKey, partText } from "./zip";
import { readStructure, relsPartOf } from "./reader";
import { writeZip } from "./zipwrite";
import type { OutPart } from "./zipwrite";
import { CHART_CT, DRAWING_CT, DRAWING_REL, chartPartXml, drawingPartXml, drawingRelsXml } from "./chart-xml";
import { freeName, insertBeforeClose, relativeTarget } from "./package-edit";

const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const EMPTY_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
/** Worksheet children that follow `<drawing>` (ECMA-376 Part 1, CT_Worksheet): it goes before the first present. */
const AFTER_DRAWING = ["legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

const encoder = new TextEncoder();

/** The worksheet XML with `<drawing r:id="rid"/>` in its place (the relationships namespace declared on it). */
export function withDrawing(sheetXml: string, rid: string, fileName: string): string {
  const prefix = /<((?:[\w.-]+:)?)worksheet[\s>]/.exec(sheetXml)?.[1] ?? "";
  const tag = `<${prefix}drawing xmlns:r="${REL_NS}" r:id="${rid}"/>`;
  let at = -1;
  for (const local of AFTER_DRAWING) {
    const m = new RegExp(`<${prefix}${local}[\\s/>]`).exec(sheetXml);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at >= 0) return sheetXml.slice(0, at) + tag + sheetXml.slice(at);
  return insertBeforeClose(sheetXml, "worksheet", tag, fileName);
}

/**
 * `bytes` (a package written by ExcelJS) with the chart of every plan in `plans` that has one,
 * drawn on the sheet of the plan's name. Throws PortError("write") when such a sheet is missing.
 * `date`: the zip entries' time (reproducible output).
 */
export function addCharts(bytes: Uint8Array, plans: SheetPlan[], date?: Date): Uint8Array {
  const withChart = plans.filter((p) => p.chart && p.chart.series.length > 0);
  if (withChart.length === 0) return bytes;
  const fileName = "sổ tính.xlsx";
  const pkg = openPackage(bytes, fileName);
  const book = readStructure(pkg);
  const typesEntry = pkg.entries.find((e) => partKey(e.name) === "[content_types].xml");
  if (!typesEntry) throw new PortError("Không ghi được biểu đồ: sổ thiếu [Content_Types].xml.", "write");
  let types = partText(pkg, typesEntry);
  const taken = new Set(pkg.entries.map((e) => partKey(e.name)));
  const replaced = new Map<string, string>(); // part name → new text
  const added: { name: string; data: Uint8Array }[] = [];

  for (const plan of withChart) {
    const sheet = book.sheets.find((s) => s.name === plan.name);
    const sheetEntry = sheet?.part ? findEntry(pkg, sheet.part) : undefined;
    if (!sheet?.part || !sheetEntry) throw new PortError(`Không ghi được biểu đồ: không thấy sheet '${plan.name}'.`, "write");
    const chartPart = freeName(taken, "xl/charts/", "chart", ".xml");
    const drawingPart = freeName(taken, "xl/drawings/", "drawing", ".xml");
    added.push({ name: chartPart, data: encoder.encode(chartPartXml(plan.name, plan, plan.chart!)) });
    added.push({ name: drawingPart, data: encoder.encode(drawingPartXml(plan.chart!, "rId1")) });
    added.push({ name: relsPartOf(drawingPart), data: encoder.encode(drawingRelsXml(relativeTarget("xl/drawings/", chartPart))) });
    types = insertBeforeClose(types, "Types", `<Override PartName="/${chartPart}" ContentType="${CHART_CT}"/><Override PartName="/${drawingPart}" ContentType="${DRAWING_CT}"/>`, fileName);

    const relsName = relsPartOf(sheet.part);
    const relsEntry = findEntry(pkg, relsName);
    let rels = replaced.get(relsName) ?? (relsEntry ? partText(pkg, relsEntry) : EMPTY_RELS);
    let rid = "rIdPdvChart1";
    for (let i = 2; rels.includes(`Id="${rid}"`); i++) rid = `rIdPdvChart${i}`;
    const target = relativeTarget(sheet.part.replace(/[^/]*$/, ""), drawingPart);
    rels = insertBeforeClose(rels, "Relationships", `<Relationship Id="${rid}" Type="${DRAWING_REL}" Target="${target}"/>`, fileName);
    replaced.set(relsName, rels);
    replaced.set(sheet.part, withDrawing(replaced.get(sheet.part) ?? partText(pkg, sheetEntry), rid, fileName));
  }
  replaced.set(typesEntry.name, types);

  const parts: OutPart[] = [];
  for (const e of pkg.entries) {
    const fresh = replaced.get(e.name);
    if (fresh !== undefined) {
      parts.push({ name: e.name, data: encoder.encode(fresh) });
      replaced.delete(e.name);
    } else parts.push({ name: e.name, copy: e });
  }
  for (const [name, text] of replaced) parts.push({ name, data: encoder.encode(text) }); // new .rels parts
  parts.push(...added);
  return writeZip(pkg, parts, date);
}
