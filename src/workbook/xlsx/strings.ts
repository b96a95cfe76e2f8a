/**
 * The shared strings part: each item's plain text (runs joined; phonetic runs `<rPh>` left out,
 * as Excel shows them) and, for rich text, the font of its runs (rule E01 must see a legacy font
 * set on a run inside the cell, not only on the cell's style).
 */
import { attr, isSml, keepText, parsePart } from "./xml";
import type { Tag } from "./xml";
import type { ZipEntry, ZipPackage } from "./zip";
import type { FastTag } from "./xml-fast-tag";
import * as scan from "./xml-scan";
import type { PrefixBound } from "./xml-scan";

// Module constants, not imports (an imported name is a property load at every use once compiled to CommonJS).
const LT = 0x3c;
const SLASH = 0x2f;
const { attributes, closeTag, last, openTag, skipSpace, textEnd, textOf } = scan;

export interface SharedStrings {
  text: string[];
  /** Font of the item's longest run that names one (rich text only); null otherwise. */
  font: (string | null)[];
}

/**
 * The texts of the shared strings part read last. Units fill in one template, so item i is most
 * often the text item i was in the previous file: comparing with it (equal strings are equal) is
 * much cheaper than interning (`keepText` hashes every text), and shares the kept copy.
 */
let previous: string[] = [];

export function readSharedStrings(pkg: ZipPackage, e: ZipEntry | undefined): SharedStrings {
  const out: SharedStrings = { text: [], font: [] };
  if (!e) return out;
  let text = "";
  let inT = false;
  let phonetic = 0;
  let runText = "";
  let runFont: string | null = null;
  let best: { font: string; length: number } | null = null;
  let inRun = false;
  const push = (item: string, font: string | null) => {
    const before = previous[out.text.length];
    out.text.push(before !== undefined && before === item ? before : keepText(item));
    out.font.push(font);
  };
  parsePart(pkg, e, {
    reset() {
      out.text.length = 0;
      out.font.length = 0;
      text = runText = "";
      inT = inRun = false;
      phonetic = 0;
      runFont = null;
      best = null;
    },
    open(tag: Tag) {
      if (!tag.uri || !isSml(tag, tag.local)) return;
      switch (tag.local) {
        case "sst": {
          // The usual items read straight from the text; the tokenizer reports the rest.
          const fast = tag as FastTag;
          if (fast.fast !== true || fast.contentStart < 0 || fast.name !== "sst" || inT || inRun || phonetic !== 0) break;
          fast.resume = scanItems(fast.src, fast.contentStart, (s, e) => fast.prefixUri(s, e) !== undefined, push);
          break;
        }
        case "si":
          text = "";
          best = null;
          break;
        case "rPh":
          phonetic++;
          break;
        case "r":
          inRun = true;
          runText = "";
          runFont = null;
          break;
        case "rFont":
          if (inRun) runFont = attr(tag, "val") ?? null;
          break;
        case "t":
          inT = phonetic === 0;
          break;
      }
    },
    text(t: string) {
      if (!inT) return;
      text += t;
      if (inRun) runText += t;
    },
    close(tag: Tag) {
      if (!isSml(tag, tag.local)) return;
      switch (tag.local) {
        case "t":
          inT = false;
          break;
        case "rPh":
          phonetic--;
          break;
        case "r":
          inRun = false;
          if (runFont && (!best || runText.length > best.length)) best = { font: runFont, length: runText.length };
          break;
        case "si":
          push(text, best ? keepText((best as { font: string }).font) : null);
          break;
      }
    },
  }, { fast: true });
  previous = out.text;
  return out;
}

/** Items read by `scanItems` and scans that left items to the tokenizer, for tests and diagnostics. */
export const itemCounts = { items: 0, declined: 0 };

/**
 * Read the items of an unprefixed `<sst>` whose content starts at `start` as far as they are plain
 * (`<si><t>text</t></si>`, `<t>` with attributes such as xml:space, white space between tags, or
 * an empty `<si/>`), each handed to `push` with no font; returns where the tokenizer is to go on:
 * the closing tag's '<' when every item was read, else the start of the first item not read (a
 * rich or phonetic one, or anything `./xml-scan` declines). `bound` tells whether a prefix is bound
 * where the sst element is.
 */
export function scanItems(src: string, start: number, bound: PrefixBound, push: (text: string, font: null) => void): number {
  let done = start;
  for (;;) {
    let i = skipSpace(src, done);
    if (src.charCodeAt(i) === LT && src.charCodeAt(i + 1) === SLASH) return i;
    if (!openTag(src, i, "si")) return declined(done);
    i = attributes(src, i + 3, bound);
    if (i < 0) return declined(done);
    let text = "";
    if (!last.selfClosing) {
      i = skipSpace(src, i);
      if (!openTag(src, i, "t")) return declined(done);
      i = attributes(src, i + 2, bound);
      if (i < 0) return declined(done);
      if (!last.selfClosing) {
        const e = textEnd(src, i);
        if (e < 0) return declined(done);
        const t = textOf(src, i, e);
        if (t === null) return declined(done);
        text = t;
        i = closeTag(src, e, "t");
        if (i < 0) return declined(done);
      }
      i = closeTag(src, skipSpace(src, i), "si");
      if (i < 0) return declined(done);
    }
    push(text, null);
    itemCounts.items++;
    done = i;
  }
}

function declined(at: number): number {
  itemCounts.declined++;
  return at;
}
