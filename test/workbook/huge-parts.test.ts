/**
 * The zip-bomb guard counts what is kept (issue 11 kind 6): a legal worksheet whose styled empty
 * cells inflate past 200 MB is read, its parts inflated piece by piece and cut per piece, while a
 * part that is huge and not empty cells, or that lies about its size, is still refused.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { deflateRawSync, inflateRawSync } from "zlib";
import "../../src/workbook/xlsx/files";
import { readXlsx } from "../../src/workbook/xlsx";
import { findEntry, MAX_UNCOMPRESSED_BYTES, openPackage, useNativeInflate } from "../../src/workbook/xlsx/zip";
import type { RawInflate } from "../../src/workbook/xlsx/zip";
import { parsePart } from "../../src/workbook/xlsx/xml";
import { dropEmptyCells } from "../../src/workbook/xlsx/empty-cells";
import { makeZip } from "../fixtures/files";

jest.setTimeout(180_000);

const SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";

const BOOK_PARTS = [
  { name: "[Content_Types].xml", data: Buffer.from('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
  { name: "_rels/.rels", data: Buffer.from(`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
  { name: "xl/workbook.xml", data: Buffer.from(`<workbook xmlns="${SML}" xmlns:r="${REL}"><sheets><sheet name="TCCS05" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
  { name: "xl/_rels/workbook.xml.rels", data: Buffer.from(`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`) },
];

/** Run `f` with parts inflated by fflate's streaming Inflate (small pieces), then zlib again. */
function useFflateOnly(f: () => void): void {
  useNativeInflate(null as unknown as RawInflate);
  try {
    f();
  } finally {
    useNativeInflate((data, limit) => inflateRawSync(data, { maxOutputLength: limit }));
  }
}

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "pdv-huge-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The case-06 kind at full size, written by Python's zipfile as a stream: values in A1:B3, then
 * styled empty cells in A:J on every row down to 1,048,576 (about 250 MB of sheet XML).
 */
function styledToTheLastRow(): Uint8Array {
  const out = path.join(dir, "TCCS05.xlsx");
  const script = `
import sys, zipfile
parts = dict(zip(sys.argv[2::2], sys.argv[3::2]))
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    for name, text in parts.items():
        z.writestr(name, text)
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as w:
        w.write(b'<worksheet xmlns="${SML}"><sheetData>')
        w.write(b'<row r="1"><c r="A1" t="inlineStr"><is><t>MA_DV</t></is></c><c r="B1" t="inlineStr"><is><t>TCCS05</t></is></c></row>')
        w.write(b'<row r="2"><c r="A2"><v>7</v></c><c r="B2"><v>12.5</v></c></row>')
        cols = "ABCDEFGHIJ"
        buf = []
        for r in range(3, 1048577):
            buf.append('<row r="%d">' % r + "".join('<c r="%s%d" s="1"/>' % (c, r) for c in cols) + "</row>")
            if len(buf) == 20000:
                w.write("".join(buf).encode()); buf = []
        w.write("".join(buf).encode())
        w.write(b"</sheetData></worksheet>")
`;
  const args = BOOK_PARTS.flatMap((p) => [p.name, p.data.toString()]);
  execFileSync("/usr/bin/python3", ["-c", script, out, ...args]);
  return new Uint8Array(readFileSync(out));
}

describe("what is kept counts, not the empty cells", () => {
  it("styled empty cells in A:J down to row 1,048,576 (over 200 MB inflated): read, values as written", async () => {
    const bytes = styledToTheLastRow();
    const [grid] = await readXlsx(bytes, "TCCS05.xlsx");
    expect(grid.values).toEqual([
      ["MA_DV", "TCCS05"],
      [7, 12.5],
    ]);
    // The sheet really is past the limit once inflated: a guard on inflated sizes would refuse it.
    const pkg = openPackage(bytes, "TCCS05.xlsx");
    expect(findEntry(pkg, "xl/worksheets/sheet1.xml")!.uncompressedSize).toBeGreaterThan(MAX_UNCOMPRESSED_BYTES);
  });

  it("the limit applies to what the cut keeps, chunk by chunk: empty cells pass, content does not", () => {
    // 3 MB each, against a 1 MB limit; the pieces are cut wherever fflate ends them (mid-tag too).
    const rows = (cell: (r: number) => string) => {
      const out: string[] = [];
      for (let r = 1, n = 0; n < 3 * 1024 * 1024; r++) {
        const row = `<row r="${r}">${cell(r)}</row>`;
        out.push(row);
        n += row.length;
      }
      return out.join("");
    };
    const sheet = (body: string) => makeZip([...BOOK_PARTS, { name: "s.xml", data: Buffer.from(`<worksheet xmlns="${SML}"><sheetData>${body}</sheetData></worksheet>`) }]);
    const cells: string[] = [];
    const read = (bytes: Uint8Array) => {
      const pkg = openPackage(bytes, "u.xlsx");
      parsePart(pkg, findEntry(pkg, "s.xml")!, { open: (t) => void (t.local === "v" && cells.push("v")) }, { filter: dropEmptyCells, keptLimit: 1024 * 1024 });
    };
    useFflateOnly(() => {
      expect(() => read(sheet(rows((r) => `<c r="A${r}" s="1"/><c r="B${r}" s="2"/>`)))).not.toThrow();
      expect(() => read(sheet(rows((r) => `<c r="A${r}"><v>1</v></c>`)))).toThrow(expect.objectContaining({ code: "too-large" }));
    });
    expect(cells.length).toBeGreaterThan(1000);
  });

  it("a part of 300 MB of zeros (no tag at all) is refused after a few MB", async () => {
    const zeros = makeZip([...BOOK_PARTS, { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(300 * 1024 * 1024) }]);
    expect(zeros.length).toBeLessThan(1024 * 1024);
    await expect(readXlsx(zeros, "bom4.xlsx")).rejects.toMatchObject({ code: "too-large" });
  });

  it("a part declaring 300 MB that holds 1 KB lies about its size: refused as a bomb", async () => {
    const liar = makeZip([...BOOK_PARTS, { name: "xl/worksheets/sheet1.xml", data: Buffer.from(`<worksheet xmlns="${SML}"><sheetData/></worksheet>`), declaredSize: 300 * 1024 * 1024 }]);
    await expect(readXlsx(liar, "bom5.xlsx")).rejects.toMatchObject({ code: "too-large" });
  });

  it("declared sizes past 1 GB in all are refused before inflating", async () => {
    const big = makeZip([...BOOK_PARTS, { name: "xl/worksheets/sheet1.xml", data: deflateRawSync(Buffer.from("x")), declaredSize: 0x7fffffff }]);
    await expect(readXlsx(big, "bom6.xlsx")).rejects.toMatchObject({ code: "too-large" });
  });
});
