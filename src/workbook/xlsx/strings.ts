/**
 * The shared strings part: each item's plain text (runs joined; phonetic runs `<rPh>` left out,
 * as Excel shows them) and, for rich text, the font of its runs (rule E01 must see a legacy font
 * set on a run inside the cell, not only on the cell's style).
 */
import { attr, isSml, keepText, parsePart } from "./xml";
import type { Tag } from "./xml";
import type { ZipEntry, ZipPackage } from "./zip";

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
          {
            const before = previous[out.text.length];
            out.text.push(before !== undefined && before === text ? before : keepText(text));
          }
          out.font.push(best ? keepText((best as { font: string }).font) : null);
          break;
      }
    },
  }, { fast: true });
  previous = out.text;
  return out;
}
