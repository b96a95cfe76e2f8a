/**
 * What the reader does to be fast must not change what it reads: the fast mode without namespace
 * processing (`soleNamespace`, src/workbook/xlsx/xml.ts) is taken only where it gives what the
 * namespace-aware parse gives, and parts parsed once for several files (`parseOnce`,
 * src/workbook/xlsx/part-cache.ts) are reused only for identical bytes.
 */
import { zipSync, strToU8 } from "fflate";
import { readBook } from "../../src/workbook/xlsx";
import { soleNamespace } from "../../src/workbook/xlsx/xml";
import { parseOnce } from "../../src/workbook/xlsx/part-cache";
import { findEntry, openPackage } from "../../src/workbook/xlsx/zip";

const SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";

/** A one-sheet package: the worksheet's whole XML and, optionally, the styles part's. */
function book(sheetXml: string, stylesXml?: string, workbookPr = ""): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    "_rels/.rels": strToU8(`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        (stylesXml ? `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>` : "") +
        `</Relationships>`,
    ),
    "xl/workbook.xml": strToU8(`<workbook xmlns="${SML}" xmlns:r="${REL}">${workbookPr}<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/worksheets/sheet1.xml": strToU8(sheetXml),
  };
  if (stylesXml) files["xl/styles.xml"] = strToU8(stylesXml);
  return zipSync(files);
}

const values = (bytes: Uint8Array) => readBook(bytes, "t.xlsx").sheets[0].values;
const bytes = (s: string) => strToU8(s);

describe("the fast mode is taken only when every element's namespace is known without prefixes", () => {
  test("one default namespace on the root, prefixed attributes only: fast", () => {
    const xml = `<?xml version="1.0"?><worksheet xmlns="${SML}" xmlns:x14ac="urn:x" x14ac:a="1"><sheetData/></worksheet>`;
    expect(soleNamespace(bytes(xml))).toBe(SML);
  });
  test.each([
    ["a prefixed element", `<worksheet xmlns="${SML}" xmlns:mc="urn:mc"><mc:AlternateContent/></worksheet>`],
    ["a prefixed root", `<x:worksheet xmlns:x="${SML}"><x:sheetData/></x:worksheet>`],
    ["a default namespace declared again inside", `<worksheet xmlns="${SML}"><extLst><foo xmlns="urn:other"/></extLst></worksheet>`],
    ["no default namespace on the root", `<worksheet><sheetData xmlns="${SML}"/></worksheet>`],
    ["no namespace at all", `<worksheet><sheetData/></worksheet>`],
    ["the word in a cell's text", `<worksheet xmlns="${SML}"><sheetData><row><c t="inlineStr"><is><t>xmlns = "a"</t></is></c></row></sheetData></worksheet>`],
  ])("%s: namespace-aware", (_what, xml) => {
    expect(soleNamespace(bytes(xml))).toBeNull();
  });
});

describe("both modes read the same cells", () => {
  test("a cell inside an element that redeclares the default namespace is not SpreadsheetML's", () => {
    const xml =
      `<worksheet xmlns="${SML}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>` +
      `<extLst><ext uri="u"><foo xmlns="urn:other"><sheetData><row r="5"><c r="A5"><v>9</v></c></row></sheetData></foo></ext></extLst></worksheet>`;
    expect(values(book(xml))).toEqual([[1]]);
  });
  test("prefixed attributes are not taken for attributes in no namespace", () => {
    const xml = `<worksheet xmlns="${SML}" xmlns:o="urn:o"><sheetData><row r="1"><c o:r="C3" r="B1" o:t="s"><v>7</v></c></row></sheetData></worksheet>`;
    expect(values(book(xml))).toEqual([[null, 7]]);
  });
  test("a fast sheet and a prefixed one with the same cells give the same grid", () => {
    const cells = (p: string) =>
      `<${p}row r="2"><${p}c r="C2" t="inlineStr"><${p}is><${p}t>MA_DV</${p}t></${p}is></${p}c><${p}c r="D2"><${p}v>0</${p}v></${p}c></${p}row>`;
    const plain = `<worksheet xmlns="${SML}"><sheetData>${cells("")}</sheetData></worksheet>`;
    const prefixed = `<x:worksheet xmlns:x="${SML}"><x:sheetData>${cells("x:")}</x:sheetData></x:worksheet>`;
    expect(soleNamespace(bytes(plain))).toBe(SML);
    expect(soleNamespace(bytes(prefixed))).toBeNull();
    expect(values(book(plain))).toEqual([
      [null, null, null, null],
      [null, null, "MA_DV", 0],
    ]);
    expect(values(book(plain))).toEqual(values(book(prefixed)));
  });
});

describe("a part is parsed once for files holding the same bytes", () => {
  const styles = (fmt: string) =>
    `<styleSheet xmlns="${SML}"><numFmts count="1"><numFmt numFmtId="164" formatCode="${fmt}"/></numFmts>` +
    `<fonts count="1"><font><name val="Arial"/></font></fonts><cellXfs count="2"><xf numFmtId="0" fontId="0"/><xf numFmtId="164" fontId="0"/></cellXfs></styleSheet>`;
  const sheet = `<worksheet xmlns="${SML}"><sheetData><row r="1"><c r="A1" s="1"><v>1</v></c></row></sheetData></worksheet>`;

  test("identical bytes: one parse, the same result", () => {
    let calls = 0;
    const parse = () => ({ n: ++calls });
    const a = openPackage(book(sheet, styles("dd/mm/yyyy")), "a.xlsx");
    const b = openPackage(book(sheet, styles("dd/mm/yyyy")), "b.xlsx");
    const first = parseOnce("test-identical", a, findEntry(a, "xl/styles.xml")!, parse);
    expect(parseOnce("test-identical", b, findEntry(b, "xl/styles.xml")!, parse)).toBe(first);
    expect(calls).toBe(1);
  });
  test("bytes that differ are parsed again, and each file reads its own styles", () => {
    let calls = 0;
    const parse = () => ({ n: ++calls });
    const a = openPackage(book(sheet, styles("dd/mm/yyyy")), "a.xlsx");
    const c = openPackage(book(sheet, styles("0.00_x")), "c.xlsx");
    parseOnce("test-differ", a, findEntry(a, "xl/styles.xml")!, parse);
    parseOnce("test-differ", c, findEntry(c, "xl/styles.xml")!, parse);
    expect(calls).toBe(2);
    // In a 1904 workbook only a date-formatted number moves by 1,462 days: the cache must not mix them.
    const in1904 = (fmt: string) => readBook(book(sheet, styles(fmt), '<workbookPr date1904="1"/>'), "d.xlsx").sheets[0].values[0][0];
    expect(in1904("dd/mm/yyyy")).toBe(1 + 1462);
    expect(in1904("0.00_x")).toBe(1);
    expect(in1904("dd/mm/yyyy")).toBe(1 + 1462);
  });

  /** The file's bytes with the styles part's central directory record changed by `edit(view, offset)`. */
  const patched = (bytes: Uint8Array, edit: (v: DataView, at: number) => void) => {
    const copy = bytes.slice();
    const e = findEntry(openPackage(copy, "p.xlsx"), "xl/styles.xml")!;
    edit(new DataView(copy.buffer, copy.byteOffset, copy.byteLength), e.centralOffset);
    return copy;
  };
  const book1904 = (fmt: string) => book(sheet, styles(fmt), '<workbookPr date1904="1"/>');

  test("the same CRC-32 over other bytes is another part", () => {
    const dated = book1904("dd/mm/yyyy");
    const crc = findEntry(openPackage(dated, "a.xlsx"), "xl/styles.xml")!.crc;
    const other = patched(book1904("0.00_y"), (v, at) => v.setUint32(at + 16, crc, true));
    expect(readBook(dated, "a.xlsx").sheets[0].values[0][0]).toBe(1 + 1462);
    expect(readBook(other, "b.xlsx").sheets[0].values[0][0]).toBe(1);
  });

  test("the same stored bytes declaring another size are refused as the plain read refuses them", () => {
    const good = book1904("dd/mm/yy");
    const lying = patched(good, (v, at) => v.setUint32(at + 24, v.getUint32(at + 24, true) + 1, true));
    expect(readBook(good, "a.xlsx").sheets[0].values[0][0]).toBe(1 + 1462);
    expect(() => readBook(lying, "b.xlsx")).toThrow(/bị hỏng/);
  });
});

describe("the cells of one sheet are kept in lists reused by the next sheet", () => {
  const rows = (n: number, from = 1) =>
    Array.from({ length: n }, (_, i) => `<row r="${i + from}"><c r="A${i + from}"><v>${i + from}</v></c><c r="B${i + from}" t="str"><v>x${i}</v></c></row>`).join("");
  const sheetOf = (body: string) => `<worksheet xmlns="${SML}"><sheetData>${body}</sheetData></worksheet>`;

  test("a small sheet after a large one holds only its own cells, and so does one after a failed read", () => {
    const large = values(book(sheetOf(rows(300))));
    expect(large).toHaveLength(300);
    expect(large[299]).toEqual([300, "x299"]);
    expect(values(book(sheetOf(rows(1, 5))))).toEqual([[null, null], [null, null], [null, null], [null, null], [5, "x0"]]);
    // A read refused half way (a malformed row after good ones) leaves nothing for the next.
    expect(() => values(book(sheetOf(rows(40) + `<row r="41"><c r="A41"><v>1</v></row>`)))).toThrow(/bị hỏng/);
    expect(values(book(sheetOf(`<row r="2"><c r="C2"><v>7</v></c></row>`)))).toEqual([[null, null, null], [null, null, 7]]);
  });

  test("a cell read twice keeps its last value, and a formula without a result is computed, after reuse", () => {
    values(book(sheetOf(rows(50))));
    const twice = `<row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c><c r="B1"><f>A1*3</f></c></row>`;
    expect(values(book(sheetOf(twice)))).toEqual([[2, 6]]);
  });
});
