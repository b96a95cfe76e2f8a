/**
 * The reader: .xlsx bytes → the workbook's worksheets as SheetGrids (typed cell values; formulas
 * and fonts on request), plus the add-in state and the date system. One job, shared by the `pdv`
 * command, the task pane's import and the preview; pure bytes (fflate + saxes), no Node, no ExcelJS.
 *
 * Only the parts a value reader needs are inflated: the package relationships, the workbook and
 * its relationships, the shared strings, the styles and the worksheets asked for. Pictures,
 * charts, tables, pivot caches, external links, custom XML, drawings (whatever their namespaces)
 * are never opened, so they can never make a file unreadable.
 */
import type { SheetGrid } from "../../core/types";
import type { ReadOptions, SheetInfo } from "../port";
import { PortError } from "../port";
import { findEntry, openPackage } from "./zip";
import type { ZipEntry, ZipPackage } from "./zip";
import { attr, isSml, OFFICE_REL, PACKAGE_REL, parsePart } from "./xml";
import type { Tag } from "./xml";
import { readStyles } from "./styles";
import { readSharedStrings } from "./strings";
import { readSheet } from "./sheet";
import { parseOnce } from "./part-cache";

/** The styles part, parsed once for every file holding the same bytes (see `./part-cache`). */
function readStylesOnce(pkg: ZipPackage, e: ZipEntry | undefined) {
  return e ? parseOnce("styles", pkg, e, readStyles) : readStyles(pkg, undefined);
}

/** The very hidden sheet holding the add-in state (key in A, value in B). */
export const STATE_SHEET = "_pdv_state";

export interface Relationship {
  id: string;
  /** The type's last segment: "worksheet", "sharedStrings", "styles", "officeDocument"… */
  type: string;
  /** The target part's name inside the package (resolved, no leading "/"); "" for external targets. */
  part: string;
}

export interface WorkbookSheet {
  name: string;
  visibility: SheetInfo["visibility"];
  /** The worksheet part; null for chart sheets, dialog and macro sheets (no cells to read). */
  part: string | null;
  sheetId: number;
  relId: string;
}

export interface BookStructure {
  /** The workbook part's name ("xl/workbook.xml"). */
  workbookPart: string;
  sheets: WorkbookSheet[];
  rels: readonly Relationship[];
  date1904: boolean;
  /** `<calcPr fullCalcOnLoad="1">`: the writer asks for a recalculation, stored results may be placeholders. */
  fullCalcOnLoad: boolean;
}

export interface ReadBook {
  /** The worksheets read (state sheet and `skip` left out), in workbook order, visibility set. */
  sheets: SheetGrid[];
  /** Add-in state read from STATE_SHEET (empty when there is none). */
  state: Record<string, string>;
  date1904: boolean;
}

/** The folder of a part ("xl/" for "xl/workbook.xml"). */
function folderOf(part: string): string {
  const at = part.lastIndexOf("/");
  return at < 0 ? "" : part.slice(0, at + 1);
}

/** Resolve a relationship target against the folder of its source part (RFC 3986 dot segments). */
export function resolveTarget(source: string, target: string): string {
  const raw = target.startsWith("/") ? target.slice(1) : folderOf(source) + target;
  const out: string[] = [];
  for (const seg of raw.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return decodeURIComponent(out.join("/"));
}

/** The relationships part of `source` ("xl/_rels/workbook.xml.rels" for "xl/workbook.xml"). */
export function relsPartOf(source: string): string {
  return `${folderOf(source)}_rels/${source.slice(folderOf(source).length)}.rels`;
}

/** Read the relationships of a part (none when it has no .rels part). */
export function readRels(pkg: ZipPackage, source: string): readonly Relationship[] {
  const e = findEntry(pkg, relsPartOf(source));
  if (!e) return [];
  // Targets resolve against the source part's folder: the source is part of the cache's kind.
  return parseOnce(`rels:${source}`, pkg, e, () => parseRels(pkg, e, source));
}

function parseRels(pkg: ZipPackage, e: ZipEntry, source: string): Relationship[] {
  const rels: Relationship[] = [];
  parsePart(pkg, e, {
    reset() {
      rels.length = 0;
    },
    open(tag: Tag) {
      if (tag.local !== "Relationship" || tag.uri !== PACKAGE_REL) return;
      const id = attr(tag, "Id") ?? "";
      const type = (attr(tag, "Type") ?? "").split("/").pop() ?? "";
      const target = attr(tag, "Target") ?? "";
      const external = attr(tag, "TargetMode") === "External";
      rels.push({ id, type, part: external ? "" : resolveTarget(source, target) });
    },
  });
  return rels;
}

function notWorkbook(fileName: string): PortError {
  return new PortError(`Tệp ${fileName} là tệp nén nhưng không phải sổ tính Excel .xlsx.`, "not-xlsx");
}

/** The workbook part, its sheets (names, visibility, parts) and date system. */
export function readStructure(pkg: ZipPackage): BookStructure {
  const office = readRels(pkg, "").find((r) => r.type === "officeDocument");
  const workbookPart = office?.part || "xl/workbook.xml";
  const wb = findEntry(pkg, workbookPart);
  if (!wb) throw notWorkbook(pkg.fileName);
  const rels = readRels(pkg, workbookPart);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: WorkbookSheet[] = [];
  let date1904 = false;
  let fullCalcOnLoad = false;
  let isWorkbook = false;
  parsePart(pkg, wb, {
    reset() {
      sheets.length = 0;
      date1904 = fullCalcOnLoad = isWorkbook = false;
    },
    open(tag: Tag) {
      if (isSml(tag, "workbook")) isWorkbook = true;
      else if (isSml(tag, "workbookPr")) {
        const d = attr(tag, "date1904");
        date1904 = d === "1" || d === "true";
      } else if (isSml(tag, "calcPr")) {
        const f = attr(tag, "fullCalcOnLoad");
        fullCalcOnLoad = f === "1" || f === "true";
      } else if (isSml(tag, "sheet")) {
        const relId = attr(tag, "id", OFFICE_REL) ?? "";
        const rel = byId.get(relId);
        const state = attr(tag, "state");
        sheets.push({
          name: attr(tag, "name") ?? "",
          visibility: state === "veryHidden" ? "VeryHidden" : state === "hidden" ? "Hidden" : "Visible",
          part: rel && rel.type === "worksheet" && rel.part ? rel.part : null,
          sheetId: Number(attr(tag, "sheetId") ?? 0),
          relId,
        });
      }
    },
  });
  if (!isWorkbook) throw notWorkbook(pkg.fileName);
  return { workbookPart, sheets, rels, date1904, fullCalcOnLoad };
}

function missingPart(fileName: string, part: string): PortError {
  return new PortError(`Tệp ${fileName} bị hỏng (thiếu thành phần ${part}); hãy mở bằng Excel và lưu lại.`, "corrupt");
}

/**
 * Read a workbook's worksheets. `options.skip` names sheets not to read (ignoring case);
 * formulas are read unless `formulas: false`, fonts only with `fonts: true`. Throws PortError
 * (a Vietnamese line naming the file) for anything that is not a readable .xlsx.
 */
export function readBook(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): ReadBook {
  const pkg = openPackage(bytes, fileName);
  const book = readStructure(pkg);
  const skip = new Set((options.skip ?? []).map((s) => s.toLowerCase()));
  const wanted = book.sheets.filter((s) => s.part && (s.name === STATE_SHEET || !skip.has(s.name.toLowerCase())));
  const rel = (type: string) => book.rels.find((r) => r.type === type);
  const sst = rel("sharedStrings");
  const sty = rel("styles");
  const ctx = {
    strings: readSharedStrings(pkg, sst ? findEntry(pkg, sst.part) : undefined),
    styles: readStylesOnce(pkg, sty ? findEntry(pkg, sty.part) : undefined),
    date1904: book.date1904,
    fullCalcOnLoad: book.fullCalcOnLoad,
    formulas: options.formulas !== false,
    fonts: options.fonts === true,
  };
  const sheets: SheetGrid[] = [];
  let state: Record<string, string> = {};
  for (const s of wanted) {
    const e: ZipEntry | undefined = findEntry(pkg, s.part!);
    if (!e) throw missingPart(fileName, s.part!);
    if (s.name === STATE_SHEET) {
      state = stateOf(readSheet(pkg, e, s.name, { ...ctx, formulas: false, fonts: false }));
      continue;
    }
    const grid = readSheet(pkg, e, s.name, ctx);
    grid.visibility = s.visibility;
    sheets.push(grid);
  }
  return { sheets, state, date1904: book.date1904 };
}

function stateOf(grid: SheetGrid): Record<string, string> {
  const state: Record<string, string> = {};
  for (const row of grid.values) {
    const k = row[0];
    const v = row[1] ?? null;
    if (typeof k === "string") state[k] = v === null ? "" : typeof v === "object" ? v.error : String(v);
  }
  return state;
}

/** Names and visibility of a workbook's sheets (worksheets and chart sheets), in order. */
export function listBookSheets(bytes: Uint8Array, fileName: string): SheetInfo[] {
  const book = readStructure(openPackage(bytes, fileName));
  return book.sheets.filter((s) => s.name !== STATE_SHEET).map((s) => ({ name: s.name, visibility: s.visibility }));
}

/**
 * Read a unit's (or the roster's) .xlsx file: one grid per worksheet, each with `source.file`.
 * Formulas are read unless `formulas: false`; fonts only with `fonts: true`.
 */
export async function readXlsx(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<SheetGrid[]> {
  const { sheets } = readBook(bytes, fileName, options);
  for (const g of sheets) g.source = { file: fileName };
  return sheets;
}

