/**
 * Small textual edits of package parts, shared by the splice (`./splice`) and the chart writer
 * (`./charts`): finding an element whatever its prefix, inserting before a closing tag, relative
 * relationship targets, free part names, content types. Nothing is re-serialised.
 */
import { PortError } from "../port";
import { partKey } from "./zip";

export function cannotWrite(fileName: string, what: string): PortError {
  return new PortError(`Không ghi được bản sao của ${fileName}: ${what}. Sổ gốc không bị thay đổi.`, "write");
}

export function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The element `local` (any prefix): its opening tag, inner text range and prefix; null when absent. */
export function section(xml: string, local: string): { prefix: string; openStart: number; openEnd: number; closeStart: number; selfClosing: boolean } | null {
  const open = new RegExp(`<((?:[\\w.-]+:)?)${local}(?=[\\s/>])[^>]*?(/?)>`).exec(xml);
  if (!open) return null;
  const prefix = open[1];
  const openEnd = open.index + open[0].length;
  if (open[2] === "/") return { prefix, openStart: open.index, openEnd, closeStart: openEnd, selfClosing: true };
  const closeStart = xml.indexOf(`</${prefix}${local}>`, openEnd);
  if (closeStart < 0) return null;
  return { prefix, openStart: open.index, openEnd, closeStart, selfClosing: false };
}

/** The content type of a part: its Override, else the Default of its extension. */
export function contentTypeOf(typesXml: string, part: string): string | null {
  const override = new RegExp(`<(?:[\\w.-]+:)?Override\\s[^>]*PartName="/?${part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*>`, "i").exec(typesXml);
  const ct = override && /ContentType="([^"]*)"/.exec(override[0]);
  if (ct) return ct[1];
  const ext = part.split(".").pop()!.toLowerCase();
  for (const m of typesXml.matchAll(/<(?:[\w.-]+:)?Default\s[^>]*>/g)) {
    const e = /Extension="([^"]*)"/.exec(m[0]);
    if (e && e[1].toLowerCase() === ext) return /ContentType="([^"]*)"/.exec(m[0])?.[1] ?? null;
  }
  return null;
}

export function insertBeforeClose(xml: string, local: string, fragment: string, fileName: string): string {
  const m = new RegExp(`</((?:[\\w.-]+:)?)${local}\\s*>(?![\\s\\S]*</(?:[\\w.-]+:)?${local}\\s*>)`).exec(xml);
  if (!m) throw cannotWrite(fileName, `không tìm thấy mục ${local}`);
  return xml.slice(0, m.index) + fragment + xml.slice(m.index);
}

/** The target of a relationship from a part in `fromFolder` ("xl/worksheets/") to `part`, relative ("../comments1.xml"). */
export function relativeTarget(fromFolder: string, part: string): string {
  const from = fromFolder.split("/").filter(Boolean);
  const to = part.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

export function freeName(taken: Set<string>, folder: string, stem: string, ext: string): string {
  for (let i = 1; ; i++) {
    const name = `${folder}${stem}${i}${ext}`;
    if (!taken.has(partKey(name))) {
      taken.add(partKey(name));
      return name;
    }
  }
}
