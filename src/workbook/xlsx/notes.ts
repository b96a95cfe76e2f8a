/**
 * Cell notes and the zip, when the ExcelJS port saves (Node only: zlib).
 *
 * ExcelJS renders cell notes (comments part + VML drawing) through its XmlStream, one small string
 * per tag and attribute, all held until the part is joined: for a summary of 4,800 units (57,600
 * traceability notes, a 42 MB VML part) that took 4 s and about 500 MB. The port therefore lets
 * ExcelJS write each sheet with its first note only (so ExcelJS still emits the sheet's
 * <legacyDrawing>, relationships and content types), then writes the two note parts itself,
 * note by note, into the zip. Its parts are the bytes ExcelJS writes (test/workbook/xlsx.test.ts
 * compares them); before replacing anything, `toBuffer` checks that its rendering of the first
 * note is exactly ExcelJS's, and falls back to ExcelJS for every note otherwise.
 */
import * as zlib from "zlib";
import { a1, columnLetters } from "../../core/a1";
import { PortError } from "../port";
import { localHeaderLength, readCentralDirectory, u32 } from "./zip";
import type { ZipEntry } from "./zip";
import { crc32, endOfCentralDirectory } from "./zipwrite";
import { ChunkWriter } from "./chunk-writer";
import { deflatePieces } from "./deflate";
import type { PackedData } from "./deflate";
import { keepsSpace, xmlEncode } from "./xml-escape";
/** A plain-text note of a rendered plan cell (1-based row and column). */
export interface PendingNote {
  row: number;
  col: number;
  text: string;
}




export { xmlEncode, xmlEncodeByRegex } from "./xml-escape";

const COMMENT_TEXT_STR = `" authorId="0"><text><r><t>`;
const COMMENT_TEXT_PRESERVE_STR = `" authorId="0"><text><r><t xml:space="preserve">`;
const COMMENT_CLOSE_STR = `</t></r></text></comment>`;

/** One note in the comments part, as ExcelJS's CommentXform renders a plain-text note. */
export function commentXml(n: PendingNote): string {
  const space = /^\s|\n|\s$/.test(n.text) ? ' xml:space="preserve"' : "";
  return `<comment ref="${a1(n.row, n.col)}" authorId="0"><text><r><t${space}>${xmlEncode(n.text)}</t></r></text></comment>`;
}

/**
 * A note's shape in the VML drawing, as ExcelJS's VmlShapeXform renders a note with default
 * settings: these texts around the seven numbers of `vmlNumbers`.
 */
const VML_SHAPE_TEXT = [
  `<v:shape id="_x0000_s`,
  `" type="#_x0000_t202" style="position:absolute; margin-left:105.3pt;margin-top:10.5pt;width:97.8pt;height:59.1pt;z-index:1;visibility:hidden" fillcolor="infoBackground [80]" strokecolor="none [81]" o:insetmode="auto">` +
    `<v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/><v:path o:connecttype="none"/>` +
    `<v:textbox style="mso-direction-alt:auto" inset="1.3mm,1.3mm,2.5mm,2.5mm"><div style="text-align:left"/></v:textbox>` +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>`,
  `, 6, `,
  `, 14, `,
  `, 2, `,
  `, 16</x:Anchor><x:Locked>True</x:Locked><x:AutoFill>False</x:AutoFill><x:LockText>True</x:LockText><x:Row>`,
  `</x:Row><x:Column>`,
  `</x:Column></x:ClientData></v:shape>`,
];

/** The numbers of a note's VML shape: its id, its anchor (from column, row; to column, row) and its cell (0-based). */
function vmlNumbers(n: PendingNote, index: number): number[] {
  const top = Math.max(n.row - 2, 0);
  return [1025 + index, n.col, top, n.col + 2, top + 4, n.row - 1, n.col - 1];
}

/** One note's shape in the VML drawing, as ExcelJS's VmlShapeXform renders a note with default settings. */
export function vmlShapeXml(n: PendingNote, index: number): string {
  const v = vmlNumbers(n, index);
  let out = VML_SHAPE_TEXT[0];
  for (let i = 0; i < v.length; i++) out += v[i] + VML_SHAPE_TEXT[i + 1];
  return out;
}

/** The comments part around its notes (ExcelJS's head and tail, one author). */
const COMMENTS_HEAD =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
  `<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Author</author></authors><commentList>`;
const COMMENTS_TAIL = `</commentList></comments>`;
/** The VML drawing around its note shapes (ExcelJS's head: shape layout and the note shape type). */
const VML_HEAD =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
  `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
  `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>` +
  `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>` +
  `<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`;
const VML_TAIL = `</xml>`;

/**
 * A sheet's two note parts written from scratch (the writer without ExcelJS, `./plan-package`),
 * each as a generator of its UTF-8 bytes in chunks of about 1 MB: the comments part and the VML
 * drawing, the same bytes ExcelJS writes for the same notes (commentXml, vmlShapeXml; compared in
 * test/workbook/plan-writer.test.ts). Written straight into byte chunks: a summary has tens of
 * thousands of notes, 50 MB of text. Each chunk is valid until the next is asked for (one buffer).
 */
export function notePartPieces(notes: PendingNote[]): { comments: () => Iterable<Uint8Array>; vml: () => Iterable<Uint8Array> } {
  return { comments: () => commentChunks(notes), vml: () => vmlChunks(notes) };
}

/**
 * A note part in chunks: `head`, then `count` notes written by `write` (from a note's index until
 * the chunk is full: the index of the next), then `tail`.
 */
function* partChunks(out: ChunkWriter, head: string, count: number, write: (from: number) => number, tail: string): Generator<Uint8Array> {
  out.text(head);
  for (let i = 0; i < count; ) {
    i = write(i);
    if (out.full) yield* out.take();
  }
  out.text(tail);
  yield* out.take();
  out.done();
}

function commentChunks(notes: PendingNote[]): Generator<Uint8Array> {
  const out = new ChunkWriter();
  const job: CommentJob = {
    notes,
    opens: [],
    text: out.encode(COMMENT_TEXT_STR),
    textPreserve: out.encode(COMMENT_TEXT_PRESERVE_STR),
    close: out.encode(COMMENT_CLOSE_STR),
  };
  return partChunks(out, COMMENTS_HEAD, notes.length, (from) => writeComments(out, job, from), COMMENTS_TAIL);
}

/** The state of a comments part being written (`writeComments`). */
interface CommentJob {
  notes: PendingNote[];
  /** `<comment ref="` and a column's letters, by column: a note's reference is those and its row. */
  opens: Uint8Array[];
  text: Uint8Array;
  textPreserve: Uint8Array;
  close: Uint8Array;
}

/**
 * Notes `from` … into `out` until the chunk is full or the notes are done: the index of the next
 * note. (A plain function, not the generator's loop, so that V8 optimizes it early in the one run
 * that counts; the same for `writeShapes`.)
 */
function writeComments(out: ChunkWriter, job: CommentJob, from: number): number {
  const { notes, opens } = job;
  for (let i = from; i < notes.length; ) {
    const n = notes[i++];
    const text = n.text;
    out.bytes((opens[n.col] ??= out.encode(`<comment ref="${columnLetters(n.col)}`)));
    out.int(n.row);
    out.bytes(keepsSpace(text) ? job.textPreserve : job.text);
    out.xmlText(text);
    out.bytes(job.close);
    // `i` counted above, not `i + 1` here: an expression first run after V8 optimized the loop would undo that.
    if (out.full) return i;
  }
  return notes.length;
}

function vmlChunks(notes: PendingNote[]): Generator<Uint8Array> {
  const out = new ChunkWriter();
  const job: ShapeJob = { notes, first: out.encode(VML_SHAPE_TEXT[0]), fifth: out.encode(VML_SHAPE_TEXT[5]), byCol: [] };
  return partChunks(out, VML_HEAD, notes.length, (from) => writeShapes(out, job, from), VML_TAIL);
}

/** The state of a VML drawing being written (`writeShapes`). */
interface ShapeJob {
  notes: PendingNote[];
  /** VML_SHAPE_TEXT[0] and [5], encoded. */
  first: Uint8Array;
  fifth: Uint8Array;
  /**
   * The texts around the numbers that depend on the column only, with those numbers, by column:
   * a shape is then nine pieces, not fifteen (vmlNumbers: id, col, top, col + 2, top + 4, row - 1, col - 1).
   */
  byCol: Uint8Array[][];
}

/** Shapes `from` … into `out` until the chunk is full or the notes are done: the index of the next note. */
function writeShapes(out: ChunkWriter, job: ShapeJob, from: number): number {
  const { notes, byCol } = job;
  for (let i = from; i < notes.length; ) {
    const n = notes[i];
    const id = 1025 + i++;
    const row = n.row;
    const col = n.col;
    const top = row > 2 ? row - 2 : 0;
    const seg = (byCol[col] ??= [
      `${VML_SHAPE_TEXT[1]}${col}${VML_SHAPE_TEXT[2]}`,
      `${VML_SHAPE_TEXT[3]}${col + 2}${VML_SHAPE_TEXT[4]}`,
      `${VML_SHAPE_TEXT[6]}${col - 1}${VML_SHAPE_TEXT[7]}`,
    ].map((t) => out.encode(t)));
    out.bytes(job.first);
    out.int(id);
    out.long(seg[0]);
    out.int(top);
    out.bytes(seg[1]);
    out.int(top + 4);
    out.long(job.fifth);
    out.int(row - 1);
    out.bytes(seg[2]);
    if (out.full) return i;
  }
  return notes.length;
}

/**
 * A part holding one note as ExcelJS wrote it, split around that note: `head` + `one` + `tail`.
 * Null when the part does not consist of exactly `one` between a head and a tail.
 */
function splitPart(part: string, one: string): { head: string; tail: string } | null {
  const at = part.indexOf(one);
  if (at < 0 || part.indexOf(one, at + 1) >= 0) return null;
  return { head: part.slice(0, at), tail: part.slice(at + one.length) };
}

/** A part's text in pieces of about 1 MB: head, every note's fragment, tail. */
function* partPieces(head: string, notes: PendingNote[], render: (n: PendingNote, i: number) => string, tail: string): Generator<string> {
  let buf = head;
  for (let i = 0; i < notes.length; i++) {
    buf += render(notes[i], i);
    if (buf.length >= 1 << 20) {
      yield buf;
      buf = "";
    }
  }
  yield buf + tail;
}

export { deflatePieces } from "./deflate";
export type { PackedData } from "./deflate";

/**
 * Rewrite a zip written by ExcelJS with every entry stored (JSZip, compression STORE) as a
 * deflated zip, with zlib (native, several times faster than JSZip's JavaScript deflate), and with
 * the entries named in `replace` given new content. Headers are JSZip's, with only the method,
 * CRC and sizes changed. Entries keep their order.
 */
function repackZip(stored: Uint8Array, replace: Map<string, () => Iterable<string | Uint8Array>>): Buffer {
  const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  const entries = readCentralDirectory(stored, "");
  const out: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  let centralSize = 0;
  for (const e of entries) {
    const lh = e.localOffset;
    const localLen = localHeaderLength(view, lh);
    const centralLen = e.centralLength;
    const local = Buffer.from(stored.subarray(lh, lh + localLen));
    const cent = Buffer.from(stored.subarray(e.centralOffset, e.centralOffset + centralLen));
    const start = lh + localLen;
    let packed: PackedData;
    const fresh = replace.get(e.name);
    if (fresh) packed = deflatePieces(fresh());
    else if (e.method === 0 && !e.name.endsWith("/") && !(e.flags & 0x0008)) {
      const data = stored.subarray(start, start + e.compressedSize);
      const deflated = zlib.deflateRawSync(data);
      packed = { chunks: [deflated], compressedSize: deflated.length, uncompressedSize: data.length, crc: u32(view, e.centralOffset + 16) };
    } else {
      // A directory (or anything not plainly stored): copied as it is.
      if (e.flags & 0x0008) throw new PortError("Không ghi được sổ tính (cấu trúc nén không như mong đợi).", "write");
      packed = { chunks: [stored.subarray(start, start + e.compressedSize)], compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize, crc: u32(view, e.centralOffset + 16) };
    }
    const method = fresh || (e.method === 0 && !e.name.endsWith("/")) ? 8 : e.method;
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(packed.crc >>> 0, 14);
    local.writeUInt32LE(packed.compressedSize, 18);
    local.writeUInt32LE(packed.uncompressedSize, 22);
    cent.writeUInt16LE(method, 10);
    cent.writeUInt32LE(packed.crc >>> 0, 16);
    cent.writeUInt32LE(packed.compressedSize, 20);
    cent.writeUInt32LE(packed.uncompressedSize, 24);
    cent.writeUInt32LE(offset, 42);
    out.push(local, ...packed.chunks);
    central.push(cent);
    offset += local.length + packed.compressedSize;
    centralSize += cent.length;
  }
  return Buffer.concat([...out, ...central, endOfCentralDirectory(entries.length, centralSize, offset)]);
}

/** The text of a stored (uncompressed) entry of a zip; null when absent or not stored. */
function storedEntryText(stored: Uint8Array, entries: ZipEntry[], name: string): string | null {
  const e = entries.find((x) => x.name === name);
  if (!e || e.method !== 0) return null;
  const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  const start = e.localOffset + localHeaderLength(view, e.localOffset);
  return Buffer.from(stored.buffer, stored.byteOffset + start, e.compressedSize).toString("utf8");
}


/** The note parts of a rendered workbook, each as a generator of its text in pieces, by part name. */
export type NoteParts = Map<string, () => Iterable<string | Uint8Array>>;

/**
 * The full note parts (comments and VML drawing) of `sheets` in the workbook ExcelJS wrote with
 * every entry stored (`stored`), each sheet written by ExcelJS with its first note only. Null
 * when ExcelJS's rendering of a first note is not the expected one: the caller lets ExcelJS write them.
 */
export function noteParts(stored: Uint8Array, sheets: { id: number; notes: PendingNote[] }[]): NoteParts | null {
  const entries = readCentralDirectory(stored, "");
  const replace: NoteParts = new Map();
  for (const { id, notes } of sheets) {
    const commentsName = `xl/comments${id}.xml`;
    const vmlName = `xl/drawings/vmlDrawing${id}.vml`;
    const c = storedEntryText(stored, entries, commentsName);
    const v = storedEntryText(stored, entries, vmlName);
    const cs = c === null ? null : splitPart(c, commentXml(notes[0]));
    const vs = v === null ? null : splitPart(v, vmlShapeXml(notes[0], 0));
    if (!cs || !vs) return null;
    replace.set(commentsName, () => partPieces(cs.head, notes, commentXml, cs.tail));
    replace.set(vmlName, () => partPieces(vs.head, notes, vmlShapeXml, vs.tail));
  }
  return replace;
}

/**
 * The workbook ExcelJS wrote with every entry stored (`stored`), deflated with zlib, with the
 * notes of `sheets` (each written by ExcelJS with its first note only) written in full. Null when
 * ExcelJS's rendering of a first note is not the expected one: the caller lets ExcelJS write them.
 */
export function notesRepack(stored: Uint8Array, sheets: { id: number; notes: PendingNote[] }[]): Buffer | null {
  const replace = noteParts(stored, sheets);
  return replace && repackZip(stored, replace);
}
