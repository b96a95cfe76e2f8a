/**
 * Adding PDV's generated sheets (TongHop, KiemTra, the state sheet…) into a user's own workbook
 * package, keeping every other part byte for byte: charts, pictures, pivot tables, data
 * validation, conditional formats, notes, defined names, custom XML all stay as the user had
 * them. ExcelJS renders the new sheets into a workbook of their own; their parts are moved into
 * the original package, their cell formats appended to its styles, and only these parts of the
 * original are edited: the workbook (one `<sheet>` per new sheet, and the sheets' print names:
 * `./defined-names`), its relationships, `[Content_Types].xml` and the styles. A sheet's own
 * parts come with it (notes; its chart: drawing, chart). A sheet of the same name is replaced in
 * place (same position, same relationship), its own notes and drawing go with it; the
 * calculation chain, a cache Excel rebuilds, is dropped then because it may name cells of the
 * old sheet.
 *
 * Edits are textual insertions before closing tags, whatever prefix the writer used; nothing of
 * the original is re-serialised. Node only (zlib).
 */
import { PortError } from "../port";
import { findEntry, openPackage, partBytes, partKey, partText } from "./zip";
import type { ZipEntry, ZipPackage } from "./zip";
import { readRels, readStructure, relsPartOf } from "./reader";
import type { Relationship } from "./reader";
import { writeZip } from "./zipwrite";
import { deflatePieces } from "./notes";
import type { PackedData } from "./notes";
import type { OutPart } from "./zipwrite";
import { cannotWrite, contentTypeOf, esc, freeName, insertBeforeClose, relativeTarget, section } from "./package-edit";
import { movePrintNames, printNames } from "./defined-names";

const SML_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORKSHEET_TYPE = `${REL_NS}/worksheet`;
const WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
/**
 * Relationship types of a generated sheet's own parts, removed with the sheet they belong to (and
 * what they own in turn: the drawing's charts, a chart's style and colours). Pictures are left:
 * another drawing may share them.
 */
const OWN_PARTS = new Set(["comments", "vmlDrawing", "drawing", "chart", "chartStyle", "chartColorStyle", "chartUserShapes"]);

const encoder = new TextEncoder();
/**
 * zlib level of the generated large parts (sheets written from plans, notes): the fastest. A
 * summary's 40 MB of note shapes deflate in a fifth of the default level's time, the file about
 * 15 % larger (README, "Writing").
 */
export const GENERATED_LEVEL = 1;

/** Count the direct items `<p:item` of a section's inner text. */
function countItems(inner: string, prefix: string, item: string): number {
  return (inner.match(new RegExp(`<${prefix}${item}(?=[\\s/>])`, "g")) ?? []).length;
}

/** Insert `items` at the end of section `local`, updating its count; created after `after` when absent. */
function appendToSection(xml: string, local: string, items: string, added: number, create: () => string): string {
  const s = section(xml, local);
  if (!s) return create();
  const openTag = xml.slice(s.openStart, s.openEnd);
  const inner = s.selfClosing ? "" : xml.slice(s.openEnd, s.closeStart);
  const item = local === "cellXfs" ? "xf" : local.replace(/s$/, "");
  const count = countItems(inner, s.prefix, item) + added;
  let tag = openTag.replace(/\s*\/>$/, ">");
  tag = /\scount="\d*"/.test(tag) ? tag.replace(/\scount="\d*"/, ` count="${count}"`) : tag.replace(/>$/, ` count="${count}">`);
  const end = s.selfClosing ? s.openEnd : s.closeStart + `</${s.prefix}${local}>`.length;
  return xml.slice(0, s.openStart) + tag + inner + items + `</${s.prefix}${local}>` + xml.slice(end);
}

/** Items `<item …/>` or `<item …>…</item>` of an ExcelJS section. */
function itemsOf(xml: string, local: string, item: string): string[] {
  const s = section(xml, local);
  if (!s || s.selfClosing) return [];
  const inner = xml.slice(s.openEnd, s.closeStart);
  return inner.match(new RegExp(`<${item}(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${item}>)`, "g")) ?? [];
}

interface StyleMerge {
  styles: string;
  /** Index of the rendered workbook's first cell format in the merged styles. */
  xfOffset: number;
}

/** The number of items `item` of section `local` of a styles part (0 when absent). */
function sectionCount(styles: string, local: string, item: string): number {
  const s = section(styles, local);
  return s && !s.selfClosing ? countItems(styles.slice(s.openEnd, s.closeStart), s.prefix, item) : 0;
}

/**
 * The index the rendered workbook's first cell format takes in the styles of `original` (its
 * count of cell formats): what `spliceSheets` moves the rendered sheets' formats by. For writing
 * a planned sheet before the splice (`PlannedSheets`). Throws PortError("write") as spliceSheets.
 */
export function splicedXfOffset(original: Uint8Array, fileName: string): number {
  const pkg = openPackage(original, fileName);
  const stylesRel = readStructure(pkg).rels.find((r) => r.type === "styles");
  const e = stylesRel && findEntry(pkg, stylesRel.part);
  if (!e) throw cannotWrite(fileName, "sổ không có phần định dạng (styles.xml)");
  return sectionCount(partText(pkg, e), "cellXfs", "xf");
}

/** Append the rendered workbook's cell formats (with their fonts, fills, borders, number formats) to the original styles. */
function mergeStyles(original: string, rendered: string, fileName: string): StyleMerge {
  const root = section(original, "styleSheet");
  if (!root) throw cannotWrite(fileName, "phần định dạng (styles.xml) không như mong đợi");
  const p = root.prefix;
  // Items written by ExcelJS are unprefixed; under a prefixed original they declare their namespace.
  const ns = p ? ` xmlns="${SML_NS}"` : "";
  const withNs = (item: string) => (ns ? item.replace(/^<([\w]+)/, `<$1${ns}`) : item);
  const inner = (local: string, item: string) => sectionCount(original, local, item);
  const fonts = inner("fonts", "font");
  const fills = inner("fills", "fill");
  const borders = inner("borders", "border");
  const xfOffset = inner("cellXfs", "xf");
  const usedIds = new Set((original.match(/numFmtId="(\d+)"/g) ?? []).map((m) => Number(/\d+/.exec(m)![0])));
  let nextId = Math.max(163, ...usedIds) + 1;
  const fmtMap = new Map<number, number>();
  const newFmts: string[] = [];
  for (const f of itemsOf(rendered, "numFmts", "numFmt")) {
    const id = Number(/numFmtId="(\d+)"/.exec(f)?.[1]);
    const code = /formatCode="([^"]*)"/.exec(f)?.[1] ?? "General";
    fmtMap.set(id, nextId);
    newFmts.push(`<${p}numFmt numFmtId="${nextId}" formatCode="${code}"/>`);
    nextId++;
  }
  const xfs = itemsOf(rendered, "cellXfs", "xf").map((xf) =>
    withNs(
      xf.replace(/\b(fontId|fillId|borderId|numFmtId|xfId)="(\d+)"/g, (_all, key: string, v: string) => {
        const n = Number(v);
        if (key === "fontId") return `fontId="${n + fonts}"`;
        if (key === "fillId") return `fillId="${n + fills}"`;
        if (key === "borderId") return `borderId="${n + borders}"`;
        if (key === "xfId") return `xfId="0"`;
        return `numFmtId="${fmtMap.get(n) ?? n}"`;
      }),
    ),
  );
  const add = (xml: string, local: string, item: string, items: string[]) =>
    appendToSection(xml, local, items.join(""), items.length, () => {
      throw cannotWrite(fileName, `phần định dạng thiếu mục ${local}`);
    });
  let styles = original;
  if (newFmts.length) {
    styles = appendToSection(styles, "numFmts", newFmts.join(""), newFmts.length, () => {
      const r = section(styles, "styleSheet")!;
      return styles.slice(0, r.openEnd) + `<${p}numFmts count="${newFmts.length}">${newFmts.join("")}</${p}numFmts>` + styles.slice(r.openEnd);
    });
  }
  styles = add(styles, "fonts", "font", itemsOf(rendered, "fonts", "font").map(withNs));
  styles = add(styles, "fills", "fill", itemsOf(rendered, "fills", "fill").map(withNs));
  styles = add(styles, "borders", "border", itemsOf(rendered, "borders", "border").map(withNs));
  styles = add(styles, "cellXfs", "xf", xfs);
  return { styles, xfOffset };
}

/** A rendered sheet's XML with its cell, row and column format indices moved by `offset`. */
function shiftStyles(sheetXml: string, offset: number): string {
  return sheetXml
    .replace(/<(c|row)\s[^>]*>/g, (tag) => tag.replace(/\ss="(\d+)"/, (_a, n: string) => ` s="${Number(n) + offset}"`))
    .replace(/<col\s[^>]*>/g, (tag) => tag.replace(/\sstyle="(\d+)"/, (_a, n: string) => ` style="${Number(n) + offset}"`));
}

/**
 * A rendered sheet's shared-string cells as inline strings: the rendered workbook's shared
 * strings are not the original's. An item `<si>` and an inline string `<is>` have the same content.
 */
function inlineStrings(sheetXml: string, sharedItems: string[]): string {
  return sheetXml.replace(/<c(\s[^>]*?)\st="s"([^>]*)>\s*<v>(\d+)<\/v>\s*<\/c>/g, (all, a: string, b: string, i: string) => {
    const si = sharedItems[Number(i)];
    if (si === undefined) return all;
    const inner = si.replace(/^<si(?=[\s>])[^>]*>/, "").replace(/<\/si>$/, "");
    return `<c${a} t="inlineStr"${b}><is>${inner}</is></c>`;
  });
}

/**
 * The original package `original` (an .xlsx file's bytes, named `fileName` in messages) with
 * the sheets `names` of the `rendered` workbook (ExcelJS output) added or put in place of the
 * sheets of the same names; a rendered part named in `notes` is taken, in full, from there
 * (`XlsxPort.renderForSplice`) or already deflated, a rendered worksheet named in `sheets` likewise
 * deflated, written for the format offset `splicedXfOffset` gives (`./plan-package`: its formats
 * are the rendered styles' formats, its text inline strings). Returns the new package's bytes; throws PortError("write") when the
 * original's structure is one this cannot edit safely (the original is never changed).
 */
export function spliceSheets(
  original: Uint8Array,
  fileName: string,
  rendered: Uint8Array,
  names: string[],
  hidden: Set<string> = new Set(),
  notes: Map<string, (() => Iterable<string | Uint8Array>) | PackedData> = new Map(),
  sheets: Map<string, { xfOffset: number; packed: PackedData }> = new Map(),
): Buffer {
  const pkg = openPackage(original, fileName);
  const src = openPackage(rendered, "TongHop.xlsx");
  const book = readStructure(pkg);
  const made = readStructure(src);
  const text = (p: ZipPackage, name: string) => {
    const e = findEntry(p, name);
    if (!e) throw cannotWrite(fileName, `thiếu thành phần ${name}`);
    return partText(p, e);
  };
  const typesName = pkg.entries.find((e) => partKey(e.name) === "[content_types].xml")?.name ?? "[Content_Types].xml";
  let types = text(pkg, typesName);
  const srcTypes = text(src, "[Content_Types].xml");
  let workbook = text(pkg, book.workbookPart);
  const wbRelsName = relsPartOf(book.workbookPart);
  let wbRels = findEntry(pkg, wbRelsName) ? text(pkg, wbRelsName) : `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  const stylesRel = book.rels.find((r) => r.type === "styles");
  const madeStylesRel = made.rels.find((r) => r.type === "styles");
  if (!stylesRel || !madeStylesRel) throw cannotWrite(fileName, "sổ không có phần định dạng (styles.xml)");
  const sstRel = made.rels.find((r) => r.type === "sharedStrings");
  const sharedItems = sstRel ? itemsOf(text(src, sstRel.part), "sst", "si") : [];
  const merge = mergeStyles(text(pkg, stylesRel.part), text(src, madeStylesRel.part), fileName);

  const replaced = new Map<string, Uint8Array | PackedData>(); // part key → new content
  const removed = new Set<string>(); // part keys dropped
  const added: OutPart[] = [];
  const taken = new Set(pkg.entries.map((e) => partKey(e.name)));
  replaced.set(partKey(stylesRel.part), encoder.encode(merge.styles));
  const wbPrefix = section(workbook, "workbook")?.prefix ?? "";
  const relPrefix = /xmlns:([\w.-]+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(workbook)?.[1];
  const rootTag = /<(?:[\w.-]+:)?workbook\b[^>]*>/.exec(workbook)?.[0] ?? "";
  const rootRelPrefix = /xmlns:([\w.-]+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(rootTag)?.[1];
  let maxSheetId = Math.max(0, ...book.sheets.map((s) => s.sheetId));
  const relIds = new Set(book.rels.map((r) => r.id));
  let changedExisting = false;
  /** Rendered sheet position → position in the original (for the sheets' print names). */
  const moves = new Map<number, number>();
  let appended = 0;

  for (const name of names) {
    const sheet = made.sheets.find((s) => s.name === name);
    if (!sheet?.part) throw cannotWrite(fileName, `không dựng được sheet ${name}`);
    const planned = sheets.get(sheet.part);
    if (planned && planned.xfOffset !== merge.xfOffset) throw cannotWrite(fileName, `định dạng của sheet ${name} không khớp`);
    const sheetData: Uint8Array | PackedData = planned ? planned.packed : encoder.encode(inlineStrings(shiftStyles(text(src, sheet.part), merge.xfOffset), sharedItems));
    const old = book.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    let partName: string;
    if (old?.part) {
      partName = old.part;
      changedExisting = true;
      const drop = (part: string): void => {
        for (const r of readRels(pkg, part)) {
          if (!OWN_PARTS.has(r.type) || !r.part || removed.has(partKey(r.part))) continue;
          removed.add(partKey(r.part));
          drop(r.part);
        }
        removed.add(partKey(relsPartOf(part)));
      };
      drop(old.part);
    } else if (old) {
      throw cannotWrite(fileName, `sổ đã có một trang '${old.name}' không phải trang tính`);
    } else {
      partName = freeName(taken, "xl/worksheets/", "sheet", ".xml");
      let rid = "rIdPdv1";
      for (let i = 2; relIds.has(rid); i++) rid = `rIdPdv${i}`;
      relIds.add(rid);
      wbRels = insertBeforeClose(wbRels, "Relationships", `<Relationship Id="${rid}" Type="${WORKSHEET_TYPE}" Target="${relativeTarget(book.workbookPart.replace(/[^/]*$/, ""), partName)}"/>`, fileName);
      // A prefix declared on the root is in scope; one declared only on other elements (openpyxl
      // declares it on each <sheet>) is not, so the new element then declares its own.
      const rAttr = rootRelPrefix ? `${rootRelPrefix}:id="${rid}"` : `xmlns:${relPrefix ?? "pdvr"}="${REL_NS}" ${relPrefix ?? "pdvr"}:id="${rid}"`;
      const state = hidden.has(name) ? ` state="veryHidden"` : "";
      workbook = insertBeforeClose(workbook, "sheets", `<${wbPrefix}sheet name="${esc(name)}" sheetId="${++maxSheetId}"${state} ${rAttr}/>`, fileName);
      types = insertBeforeClose(types, "Types", `<Override PartName="/${partName}" ContentType="${WORKSHEET_CT}"/>`, fileName);
    }
    // The rendered sheet's own parts (notes: comments + VML; the chart: drawing → chart), under free names of the original.
    const copyOwn = (from: string, to: string): void => {
      const own: readonly Relationship[] = readRels(src, from);
      let rels = own.length ? text(src, relsPartOf(from)) : "";
      for (const r of own) {
        if (!r.part) continue;
        const slash = r.part.lastIndexOf("/");
        const base = r.part.slice(slash + 1);
        const m = /^(.*?)(\d*)(\.[^.]+)$/.exec(base)!;
        const srcEntry: ZipEntry | undefined = findEntry(src, r.part);
        if (!srcEntry) continue;
        const target = freeName(taken, r.part.slice(0, slash + 1), m[1], m[3]);
        const pieces = notes.get(r.part);
        const deflated = typeof pieces === "function" ? deflatePieces(pieces(), GENERATED_LEVEL) : pieces;
        added.push(deflated ? { name: target, deflated } : { name: target, data: partBytes(src, srcEntry) });
        const ct = contentTypeOf(srcTypes, r.part);
        if (ct) types = insertBeforeClose(types, "Types", `<Override PartName="/${target}" ContentType="${ct}"/>`, fileName);
        const rel = relativeTarget(to.replace(/[^/]*$/, ""), target);
        rels = rels.replace(new RegExp(`(Id="${r.id}"[^>]*Target=")[^"]*"|(Target=")[^"]*("[^>]*Id="${r.id}")`), (_all, a, b, c) =>
          a ? `${a}${rel}"` : `${b}${rel}${c}`,
        );
        copyOwn(r.part, target);
      }
      if (rels) added.push({ name: relsPartOf(to), data: encoder.encode(rels) });
    };
    copyOwn(sheet.part, partName);
    if (old?.part) replaced.set(partKey(partName), sheetData);
    else added.push(sheetData instanceof Uint8Array ? { name: partName, data: sheetData } : { name: partName, deflated: sheetData });
    moves.set(made.sheets.indexOf(sheet), old ? book.sheets.indexOf(old) : book.sheets.length + appended++);
  }
  workbook = movePrintNames(workbook, printNames(text(src, made.workbookPart)), moves, fileName);

  if (changedExisting) {
    const chain = book.rels.find((r) => r.type === "calcChain");
    if (chain) {
      removed.add(partKey(chain.part));
      wbRels = wbRels.replace(new RegExp(`<(?:[\\w.-]+:)?Relationship\\s[^>]*Id="${chain.id}"[^>]*/>`), "");
    }
  }
  for (const key of removed) {
    types = types.replace(new RegExp(`<(?:[\\w.-]+:)?Override\\s[^>]*PartName="/${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*/>`, "i"), "");
  }
  replaced.set(partKey(book.workbookPart), encoder.encode(workbook));
  replaced.set(partKey(wbRelsName), encoder.encode(wbRels));
  replaced.set(partKey(typesName), encoder.encode(types));

  const parts: OutPart[] = [];
  for (const e of pkg.entries) {
    const key = partKey(e.name);
    if (removed.has(key)) continue;
    const fresh = replaced.get(key);
    if (fresh) {
      parts.push(fresh instanceof Uint8Array ? { name: e.name, data: fresh } : { name: e.name, deflated: fresh });
      replaced.delete(key);
    } else parts.push({ name: e.name, copy: e });
  }
  for (const [key, data] of replaced) {
    const name = key === partKey(wbRelsName) ? wbRelsName : key;
    parts.push(data instanceof Uint8Array ? { name, data } : { name, deflated: data });
  }
  for (const a of added) parts.push(a);
  return writeZip(pkg, parts);
}
