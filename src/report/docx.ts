/**
 * ReportDocument (src/core/report-doc.ts) → .docx bytes, with the `docx` library. Layout only:
 * A4 portrait body with the margins of Hướng dẫn 36-HD/VPTW (top/bottom 20 mm, left 30 mm,
 * right 15 mm), Times New Roman 14 pt, the heading and signature blocks as borderless two-column
 * tables, and the appendix in its own A4 landscape section. Every text comes from the core.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import type { DocParagraph, DocTable, ReportDocument } from "../core/report-doc";

const FONT = "Times New Roman";
const BODY_PT = 14;
const TABLE_PT = 11;
/** Twips per millimetre. */
const MM = 56.693;
const A4 = { width: Math.round(210 * MM), height: Math.round(297 * MM) };

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

function paragraph(d: DocParagraph, defaultPt = BODY_PT): Paragraph {
  const size = (d.size ?? defaultPt) * 2; // half-points
  return new Paragraph({
    alignment: ALIGN[d.align ?? "left"],
    indent: d.indent ? { firstLine: Math.round(10 * MM) } : undefined,
    spacing: { after: d.indent ? 120 : 0, line: 300 },
    children: d.runs.map(
      (r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic, underline: r.underline ? {} : undefined, font: FONT, size }),
    ),
  });
}

const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

/** Two blocks side by side (heading, signature), without borders, over `width` twips. */
function twoBlocks(left: DocParagraph[], right: DocParagraph[], width: number, split = 0.45): Table {
  const lw = Math.round(width * split);
  const cell = (ps: DocParagraph[], w: number) =>
    new TableCell({ width: { size: w, type: WidthType.DXA }, borders: NO_BORDERS, children: ps.length ? ps.map((x) => paragraph(x)) : [new Paragraph("")] });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [lw, width - lw],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, lw), cell(right, width - lw)] })],
  });
}

function dataTable(t: DocTable, width: number): Table {
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const widths = t.columns.map((c) => Math.floor((c.width / total) * width));
  const text = (s: string, align: DocTable["columns"][number]["align"], bold: boolean) =>
    new Paragraph({ alignment: ALIGN[align], children: [new TextRun({ text: s, bold, font: FONT, size: TABLE_PT * 2 })] });
  const header = new TableRow({
    tableHeader: true,
    children: t.columns.map(
      (c, i) =>
        new TableCell({
          width: { size: widths[i], type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          shading: { type: ShadingType.CLEAR, color: "auto", fill: "D9E1F2" },
          children: [text(c.header, "center", true)],
        }),
    ),
  });
  const rows = t.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: r.cells.map(
          (s, i) =>
            new TableCell({
              width: { size: widths[i], type: WidthType.DXA },
              shading: r.shade ? { type: ShadingType.CLEAR, color: "auto", fill: r.shade } : undefined,
              children: [text(s, t.columns[i].align, Boolean(r.bold))],
            }),
        ),
      }),
  );
  return new Table({ width: { size: width, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, rows: [header, ...rows] });
}

/** The report as .docx bytes (Node or browser: no Node API used, so the task pane can save it too). */
export async function renderReportDocx(doc: ReportDocument): Promise<Uint8Array> {
  const portrait = { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) };
  const bodyWidth = A4.width - portrait.left - portrait.right;
  const landscape = { top: Math.round(15 * MM), bottom: Math.round(15 * MM), left: Math.round(15 * MM), right: Math.round(15 * MM) };
  const appendixWidth = A4.height - landscape.left - landscape.right;
  const blank = () => new Paragraph("");
  const document = new Document({
    creator: "PDV",
    styles: { default: { document: { run: { font: FONT, size: BODY_PT * 2 } } } },
    sections: [
      {
        properties: { page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT }, margin: portrait } },
        children: [
          twoBlocks(doc.heading.left, doc.heading.right, bodyWidth),
          blank(),
          ...doc.title.map((x) => paragraph(x)),
          blank(),
          ...doc.body.map((x) => paragraph(x)),
          blank(),
          twoBlocks(doc.signature.left, doc.signature.right, bodyWidth, 0.5),
        ],
      },
      {
        properties: { page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE }, margin: landscape } },
        children: [...doc.appendix.title.map((x) => paragraph(x)), blank(), dataTable(doc.appendix.table, appendixWidth), blank(), ...doc.appendix.notes.map((x) => paragraph(x))],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
