/**
 * The cell formats of planned sheets as styleSheet items (ECMA-376 Part 1, §18.8), in ExcelJS's
 * shape, for the writer without ExcelJS (`./sheet-writer`): number formats (built-in ones by id),
 * bold/italic fonts, solid fills, alignment and wrap. Pure text.
 */
import type { PlanCell } from "../../core/types";
import { PortError } from "../port";
import { xmlEncode } from "./xml-escape";

const SML_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/**
 * Built-in number formats (ECMA-376 Part 1, §18.8.30 numFmt), by code: written by id, as ExcelJS
 * does, so readers that know a format by its id (dates) see the same one.
 */
const BUILTIN_FORMATS = new Map<string, number>([
  ["General", 0],
  ["0", 1],
  ["0.00", 2],
  ["#,##0", 3],
  ["#,##0.00", 4],
  ["0%", 9],
  ["0.00%", 10],
  ["0.00E+00", 11],
  ["# ?/?", 12],
  ["# ??/??", 13],
  ["mm-dd-yy", 14],
  ["d-mmm-yy", 15],
  ["d-mmm", 16],
  ["mmm-yy", 17],
  ["h:mm AM/PM", 18],
  ["h:mm:ss AM/PM", 19],
  ["h:mm", 20],
  ["h:mm:ss", 21],
  ['m/d/yy "h":mm', 22],
  ["#,##0 ;(#,##0)", 37],
  ["#,##0 ;[Red](#,##0)", 38],
  ["#,##0.00 ;(#,##0.00)", 39],
  ["#,##0.00 ;[Red](#,##0.00)", 40],
  ["mm:ss", 45],
  ["[h]:mm:ss", 46],
  ["mmss.0", 47],
  ["##0.0E+0", 48],
  ["@", 49],
]);

/** "#D9E1F2" → "FFD9E1F2"; PortError("plan") otherwise. */
function argb(hex: string): string {
  const m = /^#?([0-9a-fA-F]{6})$/.exec(hex);
  if (!m) throw new PortError(`Màu không hợp lệ: ${hex}`, "plan");
  return `FF${m[1].toUpperCase()}`;
}

/**
 * The cell formats of the sheets being written, as styleSheet items in ExcelJS's shape (the splice
 * appends them to the package's own styles and moves every index: `./splice` mergeStyles). Format 0
 * is the default one, so a cell without formatting has no `s`. Fonts, fills and number formats are
 * shared between formats.
 */
export class StyleTable {
  private readonly xfs: string[] = [`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`];
  private readonly fontIndex = new Map<string, number>();
  private readonly fonts: string[] = [`<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`];
  private readonly fillIndex = new Map<string, number>();
  private readonly fills: string[] = [`<fill><patternFill patternType="none"/></fill>`, `<fill><patternFill patternType="gray125"/></fill>`];
  private readonly fmtIndex = new Map<string, number>();
  private readonly fmts: string[] = [];

  /** Format index by number format, then fill, then the flags of `flagsOf`. */
  private readonly byFormat = new Map<string, Map<string, Int32Array>>();

  /** The index of the format of `pc` (0 when it has none). Throws PortError("plan") for a bad fill colour. */
  indexOf(pc: PlanCell): number {
    const { numberFormat, bold, italic, fill, align, wrap } = pc;
    if (!numberFormat && !bold && !italic && !fill && !align && !wrap) return 0;
    // Looked up without building a key: a summary has a hundred thousand cells.
    let byFill = this.byFormat.get(numberFormat ?? "");
    if (!byFill) this.byFormat.set(numberFormat ?? "", (byFill = new Map()));
    let byFlags = byFill.get(fill ?? "");
    if (!byFlags) byFill.set(fill ?? "", (byFlags = new Int32Array(32).fill(-1)));
    const flags = (bold ? 1 : 0) | (italic ? 2 : 0) | (wrap ? 4 : 0) | ((align === "left" ? 1 : align === "center" ? 2 : align === "right" ? 3 : 0) << 3);
    const known = byFlags[flags];
    if (known >= 0) return known;
    const index = this.add(pc);
    byFlags[flags] = index;
    return index;
  }

  private add(pc: PlanCell): number {
    const { numberFormat, bold, italic, fill, align, wrap } = pc;
    let attrs = "";
    let numFmtId = 0;
    if (numberFormat) {
      numFmtId = this.formatId(numberFormat);
      attrs += ` applyNumberFormat="1"`;
    }
    let fontId = 0;
    if (bold || italic) {
      fontId = this.indexIn(this.fontIndex, this.fonts, `<font>${bold ? "<b/>" : ""}${italic ? "<i/>" : ""}</font>`);
      attrs += ` applyFont="1"`;
    }
    let fillId = 0;
    if (fill) {
      fillId = this.indexIn(this.fillIndex, this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="${argb(fill)}"/></patternFill></fill>`);
      attrs += ` applyFill="1"`;
    }
    let inner = "";
    if (align || wrap) {
      // ExcelJS's "middle" is SpreadsheetML's "center" (§18.18.88 ST_VerticalAlignment).
      inner = `<alignment${align ? ` horizontal="${align}"` : ""} vertical="center"${wrap ? ` wrapText="1"` : ""}/>`;
      attrs += ` applyAlignment="1"`;
    }
    const xf = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${attrs}${inner ? `>${inner}</xf>` : "/>"}`;
    this.xfs.push(xf);
    return this.xfs.length - 1;
  }

  private indexIn(index: Map<string, number>, items: string[], item: string): number {
    let i = index.get(item);
    if (i === undefined) {
      i = items.length;
      items.push(item);
      index.set(item, i);
    }
    return i;
  }

  private formatId(code: string): number {
    const builtin = BUILTIN_FORMATS.get(code);
    if (builtin !== undefined) return builtin;
    let id = this.fmtIndex.get(code);
    if (id === undefined) {
      id = 164 + this.fmts.length;
      this.fmts.push(`<numFmt numFmtId="${id}" formatCode="${xmlEncode(code)}"/>`);
      this.fmtIndex.set(code, id);
    }
    return id;
  }

  /** The styles part holding these formats (one empty border, the default cell style). */
  stylesXml(): string {
    const list = (tag: string, items: string[]) => `<${tag} count="${items.length}">${items.join("")}</${tag}>`;
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${SML_NS}">` +
      (this.fmts.length ? list("numFmts", this.fmts) : "") +
      list("fonts", this.fonts) +
      list("fills", this.fills) +
      `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      list("cellXfs", this.xfs) +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>` +
      `</styleSheet>`
    );
  }
}
