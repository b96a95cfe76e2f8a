/**
 * Styled empty cells cost nothing: a sheet formatted down to row 1,048,576 holds a million
 * `<row r="…"><c r="D…" s="8"/></row>`. They are cut from the worksheet's bytes before anything
 * is decoded or parsed. Only cells and rows that name their position (`r`) are cut, and never one
 * whose next sibling lacks `r` (a cell or row without `r` follows the previous one, so cutting
 * that one would move it): what is read after the cut is exactly what was written.
 */

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const COLON = 0x3a;

/** The local name of the tag starting at `lt` ("c" for `<x:c …>`), as [start, end) byte offsets. */
function localName(b: Uint8Array, lt: number, gt: number): [number, number] {
  let i = lt + 1;
  if (b[i] === SLASH) i++;
  let start = i;
  while (i < gt && b[i] !== 0x20 && b[i] !== 0x09 && b[i] !== 0x0a && b[i] !== 0x0d && b[i] !== SLASH && b[i] !== GT) {
    if (b[i] === COLON) start = i + 1;
    i++;
  }
  return [start, i];
}

/** Where the value of the tag's attribute ` r="` starts; -1 when it has none. */
function rAt(b: Uint8Array, from: number, gt: number): number {
  for (let i = from; i + 3 < gt; i++) {
    if (b[i + 1] === 0x72 && b[i + 2] === 0x3d && b[i + 3] === 0x22 && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) return i + 4;
  }
  return -1;
}

/** The tag holds the attribute ` r="`. */
function hasR(b: Uint8Array, from: number, gt: number): boolean {
  return rAt(b, from, gt) >= 0;
}

/**
 * The tag's r is one the reader places it by (`./sheet`): for a row, digits for 1 to 1,048,576;
 * for a cell, 1 to 3 letters up to XFD, then such digits. Anything else (r="x", r="0", "$A$1",
 * "1e2", " 5") counts as no r: the empty element before such a tag is then kept, which only costs
 * its bytes (the reader would count on from it).
 */
function placedBy(b: Uint8Array, from: number, gt: number, cell: boolean): boolean {
  let i = rAt(b, from, gt);
  if (i < 0) return false;
  let col = 0;
  if (cell) {
    const letters = i;
    for (; i < gt && ((b[i] >= 0x41 && b[i] <= 0x5a) || (b[i] >= 0x61 && b[i] <= 0x7a)); i++) col = col * 26 + (b[i] | 0x20) - 0x60;
    if (i === letters || i - letters > 3 || col > 16_384) return false;
  }
  const digits = i;
  let row = 0;
  for (; i < gt && b[i] !== 0x22; i++) {
    if (b[i] < 0x30 || b[i] > 0x39) return false;
    row = row * 10 + b[i] - 0x30;
    if (row > 1_048_576) return false;
  }
  return i > digits && row >= 1 && b[i] === 0x22;
}

function isName(b: Uint8Array, [s, e]: [number, number], name: string): boolean {
  if (e - s !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (b[s + i] !== name.charCodeAt(i)) return false;
  return true;
}

/**
 * Cut, from whole tags of a worksheet's bytes, self-closing cells that carry their `r` (a styled
 * empty cell, `<c r="D9" s="8"/>`) and rows left with nothing but such cells, before anything is
 * decoded or parsed (see the module's comment). `b` must end at a tag's '>'.
 */
export function dropEmptyCells(b: Uint8Array): Uint8Array {
  // Bytes are copied only around what is cut, a run at a time; nothing cut, nothing copied.
  let out: Uint8Array | null = null;
  let o = 0;
  let copyFrom = 0;
  const cut = (from: number, to: number) => {
    if (!out) out = new Uint8Array(b.length);
    out.set(b.subarray(copyFrom, from), o);
    o += from - copyFrom;
    copyFrom = to;
  };
  let i = 0;
  const n = b.length;
  // An empty self-closing cell with its r, at lt; returns the offset after it, or -1.
  const emptyCell = (lt: number): number => {
    const gt = b.indexOf(GT, lt);
    if (gt < 0 || b[gt - 1] !== SLASH || b[lt + 1] === SLASH) return -1;
    const name = localName(b, lt, gt);
    return isName(b, name, "c") && hasR(b, name[1], gt) ? gt + 1 : -1;
  };
  // The tag after `at` is a start tag of `name` without r: it is placed after what precedes it.
  const nextUnplaced = (at: number, name: string): boolean => {
    const lt = b.indexOf(LT, at);
    if (lt < 0 || b[lt + 1] === SLASH) return false;
    const gt = b.indexOf(GT, lt);
    if (gt < 0) return false;
    const tag = localName(b, lt, gt);
    return isName(b, tag, name) && !placedBy(b, tag[1], gt, name === "c");
  };
  while (i < n) {
    const lt = b.indexOf(LT, i);
    if (lt < 0) break;
    const gt = b.indexOf(GT, lt);
    if (gt < 0) break;
    const name = localName(b, lt, gt);
    let next = gt + 1;
    if (b[lt + 1] !== SLASH && isName(b, name, "c")) {
      if (b[gt - 1] === SLASH && hasR(b, name[1], gt) && !nextUnplaced(next, "c")) cut(lt, next);
    } else if (b[lt + 1] !== SLASH && isName(b, name, "row") && hasR(b, name[1], gt)) {
      if (b[gt - 1] === SLASH) {
        if (!nextUnplaced(next, "row")) cut(lt, next);
      }
      else {
        // Skip the row's empty cells; drop the row when its end tag follows.
        let j = gt + 1;
        for (let k = emptyCell(j); b[j] === LT && k > 0; k = emptyCell(j)) j = k;
        if (b[j] === LT && b[j + 1] === SLASH) {
          const end = b.indexOf(GT, j);
          if (end > 0 && isName(b, localName(b, j, end), "row") && !nextUnplaced(end + 1, "row")) {
            next = end + 1;
            cut(lt, next);
          }
        }
      }
    }
    i = next;
  }
  if (!out) return b;
  cut(n, n);
  return (out as Uint8Array).subarray(0, o);
}
