/**
 * A plan's chart as SpreadsheetML parts (ECMA-376 Part 1: §21.2 DrawingML charts, §20.5
 * spreadsheet drawings): the chart part (`c:chartSpace`, a clustered column or bar chart whose
 * series point at the plan's cells, with their values cached so a reader that does not
 * recalculate still draws them) and the drawing part that anchors it to cells. ExcelJS writes no
 * charts, so the .xlsx writers add these parts themselves (`./charts`). Pure text; no Node API.
 */
import type { PlanCell, PlanChart, SheetPlan } from "../../core/types";
import { columnLetters, parseA1, parseRange, quoteSheet } from "../../core/a1";

export const CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
export const DRAWING_CT = "application/vnd.openxmlformats-officedocument.drawing+xml";
export const CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
export const DRAWING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
export const CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";

const A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
/** Series colours: target in blue, admitted in orange (Office's first two accents). */
const SERIES_COLOURS = ["4472C4", "ED7D31", "A5A5A5", "FFC000"];
const CAT_AXIS = 50010;
const VAL_AXIS = 50020;

// eslint-disable-next-line no-control-regex
const XML_BAD = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g;
function esc(text: string): string {
  return text.replace(XML_BAD, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** "B60:B66" on `sheet` → "'TongHop'!$B$60:$B$66". */
function absoluteRef(sheet: string, range: string): string {
  const r = parseRange(range);
  return `${quoteSheet(sheet)}!$${columnLetters(r.left)}$${r.top}:$${columnLetters(r.right)}$${r.bottom}`;
}

/** The plan's cells of a one-column or one-row range, in order. */
function cellsOf(plan: Pick<SheetPlan, "rows">, range: string): (PlanCell | undefined)[] {
  const r = parseRange(range);
  const out: (PlanCell | undefined)[] = [];
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.push(plan.rows[row - 1]?.[col - 1]);
  return out;
}

function strCache(cells: (PlanCell | undefined)[]): string {
  const pts = cells.map((c, i) => (c?.value === null || c?.value === undefined ? "" : `<c:pt idx="${i}"><c:v>${esc(String(c.value))}</c:v></c:pt>`));
  return `<c:strCache><c:ptCount val="${cells.length}"/>${pts.join("")}</c:strCache>`;
}

function numCache(cells: (PlanCell | undefined)[]): string {
  const pts = cells.map((c, i) => (typeof c?.value === "number" && Number.isFinite(c.value) ? `<c:pt idx="${i}"><c:v>${c.value}</c:v></c:pt>` : ""));
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${cells.length}"/>${pts.join("")}</c:numCache>`;
}

/**
 * The chart part for `chart` drawn on sheet `sheet` of `plan`: its title, one series per
 * `chart.series` (name as text, values and categories as references with cached values), value
 * labels on the bars, the legend below. Throws RangeError when a range is not an A1 range.
 */
export function chartPartXml(sheet: string, plan: Pick<SheetPlan, "rows">, chart: PlanChart): string {
  const cats = cellsOf(plan, chart.categories);
  const series = chart.series.map((s, i) => {
    const vals = cellsOf(plan, s.values);
    return (
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${esc(s.name)}</c:v></c:tx>` +
      `<c:spPr><a:solidFill><a:srgbClr val="${SERIES_COLOURS[i % SERIES_COLOURS.length]}"/></a:solidFill></c:spPr>` +
      `<c:invertIfNegative val="0"/>` +
      `<c:cat><c:strRef><c:f>${esc(absoluteRef(sheet, chart.categories))}</c:f>${strCache(cats)}</c:strRef></c:cat>` +
      `<c:val><c:numRef><c:f>${esc(absoluteRef(sheet, s.values))}</c:f>${numCache(vals)}</c:numRef></c:val>` +
      `</c:ser>`
    );
  });
  const barDir = chart.type === "BarClustered" ? "bar" : "col";
  const [catPos, valPos] = barDir === "col" ? ["b", "l"] : ["l", "b"];
  const labels =
    `<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>` +
    `<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${CHART_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}">` +
    `<c:roundedCorners val="0"/>` +
    `<c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="vi-VN" sz="1200" b="1"/><a:t>${esc(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="${barDir}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series.join("")}${labels}` +
    `<c:gapWidth val="80"/><c:axId val="${CAT_AXIS}"/><c:axId val="${VAL_AXIS}"/></c:barChart>` +
    `<c:catAx><c:axId val="${CAT_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${catPos}"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="${VAL_AXIS}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>` +
    `<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${VAL_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${valPos}"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${CAT_AXIS}"/><c:crosses val="autoZero"/>` +
    `<c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>` +
    `</c:chart>` +
    `</c:chartSpace>`
  );
}

/**
 * The drawing part holding one chart (relationship `chartRelId` of the drawing), anchored from
 * `chart.anchor`'s top-left corner over `chart.width` columns and `chart.height` rows; it moves
 * and sizes with its cells.
 */
export function drawingPartXml(chart: PlanChart, chartRelId: string, name = "Biểu đồ 1"): string {
  const tl = parseA1(chart.anchor);
  const col = tl.column - 1;
  const row = tl.row - 1;
  const marker = (tag: string, c: number, r: number) =>
    `<xdr:${tag}><xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}">` +
    `<xdr:twoCellAnchor>` +
    marker("from", col, row) +
    marker("to", col + Math.max(1, chart.width), row + Math.max(1, chart.height)) +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${esc(name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${CHART_NS}"><c:chart xmlns:c="${CHART_NS}" xmlns:r="${R_NS}" r:id="${esc(chartRelId)}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>` +
    `</xdr:wsDr>`
  );
}

/** The relationships part of a drawing holding one chart: `rId1` → `target` (relative, "../charts/chart1.xml"). */
export function drawingRelsXml(target: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${CHART_REL}" Target="${esc(target)}"/></Relationships>`
  );
}
