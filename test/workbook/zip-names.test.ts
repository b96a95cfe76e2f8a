/**
 * Entry names found again by their bytes (`nameAt` in src/workbook/xlsx/zip.ts) must give, file
 * after file, the names and keys reading each name afresh gives: names that share a slot (same
 * length, same first, middle and last byte), differ only in case, carry non-ASCII letters,
 * backslashes or a leading "/", in packages opened one after another in random order.
 */
import fc from "fast-check";
import { strToU8, zipSync } from "fflate";
import { findEntry, openPackage, partKey, readCentralDirectory } from "../../src/workbook/xlsx/zip";

const CONTENT_TYPES = "[Content_Types].xml";

/** Names built to fall into the same slots: same length and same first, middle and last character. */
const COLLIDING = ["xl/aaaa.xml", "xl/abaa.xml", "xl/aaba.xml", "xl/AAAA.xml", "xl/aaaA.xml", "xl/ảaaa.xml", "xl\\aaaa.xml", "/xl/aaaa.xml"];
const nameArb = fc.oneof(
  fc.constantFrom(...COLLIDING),
  fc.stringMatching(/^[a-zA-Z0-9_/.\\ảđ]{1,24}$/).filter((s) => s !== CONTENT_TYPES),
);

/** The entries' names as a fresh read gives them: the central directory's bytes decoded as UTF-8. */
function freshNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: string[] = [];
  for (const e of readCentralDirectory(bytes, "t.xlsx")) {
    const len = view.getUint16(e.centralOffset + 28, true);
    out.push(new TextDecoder().decode(bytes.subarray(e.centralOffset + 46, e.centralOffset + 46 + len)));
  }
  return out;
}

test("entry names and keys are those of a fresh read, package after package", () => {
  fc.assert(
    fc.property(fc.array(fc.uniqueArray(nameArb, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 }), (books) => {
      for (const names of books) {
        const files: Record<string, Uint8Array> = { [CONTENT_TYPES]: strToU8("<Types/>") };
        names.forEach((n, i) => (files[n] = strToU8(`part ${i}`)));
        const bytes = zipSync(files);
        const pkg = openPackage(bytes, "t.xlsx");
        const fresh = freshNames(bytes);
        expect(pkg.entries.map((e) => e.name)).toEqual(fresh);
        // The map as the plain way builds it: each entry under its key, a later entry winning.
        const expected = new Map(pkg.entries.map((e) => [partKey(e.name), e]));
        expect([...pkg.byName.keys()]).toEqual([...expected.keys()]);
        for (const [k, e] of expected) expect(pkg.byName.get(k)).toBe(e);
        for (const n of names) expect(findEntry(pkg, n)).toBe(expected.get(partKey(n)));
      }
    }),
    { numRuns: 300 },
  );
});
