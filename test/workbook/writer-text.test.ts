/**
 * The writer's text shortcuts against what they replace: `keepsSpace` is ExcelJS's
 * `/^\s|\n|\s$/` test; `ChunkWriter.xmlText` appends xmlEncode's UTF-8 bytes wherever the writer
 * stands, also when the entities must grow its buffer (the expansion is done in place, from the end).
 */
import fc from "fast-check";
import { ChunkWriter } from "../../src/workbook/xlsx/chunk-writer";
import { keepsSpace, xmlEncode } from "../../src/workbook/xlsx/xml-escape";

const BY_REGEX = /^\s|\n|\s$/;

test("keepsSpace is /^\\s|\\n|\\s$/ for every UTF-16 code unit at the start, the end, alone and inside", () => {
  for (let c = 0; c <= 0xffff; c++) {
    const ch = String.fromCharCode(c);
    for (const s of [ch, `${ch}ab`, `ab${ch}`, `a${ch}b`]) {
      if (keepsSpace(s) !== BY_REGEX.test(s)) throw new Error(`differs on U+${c.toString(16)} in ${JSON.stringify(s)}`);
    }
  }
  expect(keepsSpace("")).toBe(false);
});

test("keepsSpace is the regular expression on any text", () => {
  const spaces = fc.constantFrom(" ", "\t", "\n", "\r", "\u00a0", "\u2003", "\u3000", "\ufeff", "\u180e", "a", "ệ");
  const text = fc.array(fc.oneof(fc.string({ maxLength: 4 }), spaces), { maxLength: 12 }).map((a) => a.join(""));
  fc.assert(fc.property(text, (s) => keepsSpace(s) === BY_REGEX.test(s)), { numRuns: 20000 });
});

test("xmlText appends xmlEncode's bytes after what the writer holds, growing its buffer when the entities need it", () => {
  const special = fc.constantFrom("<", ">", "&", "'", '"', "\u0001", "\u007f", "ệ", "😀", "\ud800", "x");
  const text = fc.array(fc.oneof(fc.string({ maxLength: 5 }), special), { maxLength: 30 }).map((a) => a.join(""));
  fc.assert(
    fc.property(fc.array(text, { maxLength: 20 }), fc.nat(200), (texts, slack) => {
      const out = new ChunkWriter();
      // Fill the buffer (2 MB, or more if grown before) to `slack` bytes short of its end.
      const probe = out as unknown as { buf: Buffer };
      const filler = "f".repeat(Math.max(0, probe.buf.length - slack));
      out.ascii(filler);
      for (const t of texts) out.xmlText(t);
      const got = Buffer.from(out.take()[0] ?? new Uint8Array(0));
      const want = Buffer.from(filler + texts.map(xmlEncode).join(""), "utf8");
      out.done();
      return got.equals(want);
    }),
    { numRuns: 300 },
  );
});
