/**
 * The print names of spliced sheets (`_xlnm.Print_Titles`, `_xlnm.Print_Area`: ECMA-376 Part 1,
 * §18.2.5 definedName, built-in names local to a sheet by its `localSheetId`, the sheet's
 * zero-based position in `<sheets>`). ExcelJS writes them in the rendered workbook part; the
 * splice moves them into the original workbook part under the sheets' positions there, replacing
 * the print names a replaced sheet had. Other defined names of the original are kept as they are.
 */
import { esc, insertBeforeClose, section } from "./package-edit";

/** Built-in names that belong to a sheet's page setup. */
const PRINT_NAMES = ["_xlnm.Print_Titles", "_xlnm.Print_Area"];

interface DefinedName {
  name: string;
  localSheetId: number;
  formula: string;
}

function unescape(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

/** The print names of a workbook part (any prefix), with their sheet positions. */
export function printNames(workbookXml: string): DefinedName[] {
  const out: DefinedName[] = [];
  for (const m of workbookXml.matchAll(/<((?:[\w.-]+:)?)definedName(\s[^>]*)>([\s\S]*?)<\/\1definedName>/g)) {
    const name = /\sname="([^"]*)"/.exec(m[2])?.[1];
    const local = /\slocalSheetId="(\d+)"/.exec(m[2])?.[1];
    if (!name || local === undefined || !PRINT_NAMES.includes(name)) continue;
    out.push({ name, localSheetId: Number(local), formula: unescape(m[3]) });
  }
  return out;
}

/**
 * `workbookXml` (the original workbook part) with the print names of the rendered sheets moved in:
 * `moves` maps a rendered sheet's position to its position in the original. Print names the
 * original had at those positions are removed first. `fileName` names the file in errors.
 */
export function movePrintNames(workbookXml: string, rendered: DefinedName[], moves: Map<number, number>, fileName: string): string {
  const targets = new Set(moves.values());
  let xml = workbookXml.replace(/<((?:[\w.-]+:)?)definedName(\s[^>]*)>[\s\S]*?<\/\1definedName>/g, (all, _p: string, attrs: string) => {
    const name = /\sname="([^"]*)"/.exec(attrs)?.[1] ?? "";
    const local = /\slocalSheetId="(\d+)"/.exec(attrs)?.[1];
    return PRINT_NAMES.includes(name) && local !== undefined && targets.has(Number(local)) ? "" : all;
  });
  const prefix = section(xml, "workbook")?.prefix ?? "";
  const items = rendered
    .filter((d) => moves.has(d.localSheetId))
    .map((d) => `<${prefix}definedName name="${d.name}" localSheetId="${moves.get(d.localSheetId)}">${esc(d.formula)}</${prefix}definedName>`)
    .join("");
  if (!items) return xml;
  const names = section(xml, "definedNames");
  if (names && !names.selfClosing) return insertBeforeClose(xml, "definedNames", items, fileName);
  if (names) return xml.slice(0, names.openStart) + `<${prefix}definedNames>${items}</${prefix}definedNames>` + xml.slice(names.openEnd);
  // CT_Workbook: sheets, functionGroups?, externalReferences?, definedNames?: after the last present.
  for (const before of ["externalReferences", "functionGroups", "sheets"]) {
    const s = section(xml, before);
    if (!s) continue;
    const end = s.selfClosing ? s.openEnd : s.closeStart + `</${s.prefix}${before}>`.length;
    return xml.slice(0, end) + `<${prefix}definedNames>${items}</${prefix}definedNames>` + xml.slice(end);
  }
  return insertBeforeClose(xml, "workbook", `<${prefix}definedNames>${items}</${prefix}definedNames>`, fileName);
}
