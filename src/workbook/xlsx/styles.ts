/**
 * What PDV needs from a workbook's styles part: for each cell format (`cellXfs`, the index a
 * cell's `s` attribute gives) its font name (rule E01: legacy Vietnamese encodings are recognised
 * by font) and whether its number format shows a date (values of the 1904 date system are moved
 * to the 1900 system only for those).
 */
import { attr, isSml, parsePart } from "./xml";
import type { Tag } from "./xml";
import type { ZipEntry, ZipPackage } from "./zip";

export interface CellStyles {
  /** Font name per cell format index; null when none is named. */
  font: (string | null)[];
  /** The cell format's number format shows a date or a time. */
  date: boolean[];
}

/**
 * Built-in number formats that show dates or times (ECMA-376 Part 1, 18.8.30: 14–22, 45–47; the
 * East Asian locales' 27–36 and 50–58; Thai 71–81).
 */
function builtInDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58) || (id >= 71 && id <= 81);
}

/**
 * A number format code shows a date or time when, outside quoted text, escaped characters,
 * fill/padding characters, the exponent of scientific formats (E+) and bracketed parts other than elapsed time ([h], [mm], [ss]), its
 * first section holds a date or time letter (d, m, y, h, s, e, g, b: Japanese and Thai eras and
 * the Buddhist year included). Locale tags such as [$-42A] or [$-F800] are dropped first, so the
 * format of any locale is recognised.
 */
export function isDateFormatCode(code: string): boolean {
  const section = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "")
    .replace(/E[+-]/gi, "")
    .split(";")[0];
  const bare = section.replace(/\[(h+|m+|s+)\]/gi, "h").replace(/\[[^\]]*\]/g, "").replace(/general/gi, "");
  return /[dmyhsegb]/i.test(bare);
}

/** Read the styles part (absent: no fonts, no dates). */
export function readStyles(pkg: ZipPackage, e: ZipEntry | undefined): CellStyles {
  const styles: CellStyles = { font: [], date: [] };
  if (!e) return styles;
  const fonts: (string | null)[] = [];
  const custom = new Map<number, boolean>();
  let section: "" | "fonts" | "cellXfs" = "";
  let inFont = false;
  parsePart(pkg, e, {
    reset() {
      styles.font.length = 0;
      styles.date.length = 0;
      fonts.length = 0;
      custom.clear();
      section = "";
      inFont = false;
    },
    open(tag: Tag) {
      if (isSml(tag, "fonts")) section = "fonts";
      else if (isSml(tag, "cellXfs")) section = "cellXfs";
      else if (isSml(tag, "numFmt")) {
        const id = Number(attr(tag, "numFmtId"));
        if (Number.isInteger(id)) custom.set(id, isDateFormatCode(attr(tag, "formatCode") ?? ""));
      } else if (section === "fonts" && isSml(tag, "font")) {
        inFont = true;
        fonts.push(null);
      } else if (inFont && isSml(tag, "name")) fonts[fonts.length - 1] = attr(tag, "val") ?? null;
      else if (section === "cellXfs" && isSml(tag, "xf")) {
        const fontId = Number(attr(tag, "fontId") ?? 0);
        const numFmtId = Number(attr(tag, "numFmtId") ?? 0);
        styles.font.push(fonts[fontId] ?? null);
        styles.date.push(custom.has(numFmtId) ? custom.get(numFmtId)! : builtInDate(numFmtId));
      }
    },
    close(tag: Tag) {
      if (isSml(tag, "fonts") || isSml(tag, "cellXfs")) section = "";
      else if (isSml(tag, "font")) inFont = false;
    },
  }, { fast: true });
  return styles;
}
