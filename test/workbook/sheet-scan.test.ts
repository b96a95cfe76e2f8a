/**
 * The scans that read a worksheet's usual rows (src/workbook/xlsx/sheet-scan.ts) and the plain
 * shared-string items (scanItems in strings.ts) straight from the text, against saxes, the
 * reference: random sheets and string tables mixing the usual shapes with every unusual one the
 * scans leave to the tokenizer (inline and rich strings, shared formulas, references, CDATA,
 * comments, white space, prefixes, repeated attributes…), and random mutations of them, give the
 * same grids (or the same refusal) through the fast path and through saxes. Counters show the
 * scans really read the usual rows and items, and really hand over the unusual ones.
 */
import { readFileSync, readdirSync } from "fs";
import * as path from "path";
import { strToU8, zipSync } from "fflate";
import * as fc from "fast-check";
import { useFastTokenizer } from "../../src/workbook/xlsx/xml";
import { readBook } from "../../src/workbook/xlsx/reader";
import { scanCounts } from "../../src/workbook/xlsx/sheet-scan";
import { itemCounts } from "../../src/workbook/xlsx/strings";

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, "..", "..");
const SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const ROOT_ATTRS = `xmlns="${SML}" xmlns:r="${REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"`;

/** A workbook package around one worksheet's XML and a shared strings part's XML. */
function book(sheetXml: string, sstXml: string, date1904 = false): Uint8Array {
  return zipSync({
    "[Content_Types].xml": strToU8(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`),
    "_rels/.rels": strToU8(`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": strToU8(`<workbook xmlns="${SML}" xmlns:r="${REL}"><workbookPr date1904="${date1904 ? 1 : 0}"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    "xl/worksheets/sheet1.xml": strToU8(sheetXml),
    "xl/sharedStrings.xml": strToU8(sstXml),
  });
}

const sheet = (rows: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${ROOT_ATTRS}><dimension ref="A1"/><sheetData>${rows}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
const sst = (items: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${SML}" count="9" uniqueCount="9">${items}</sst>`;

/** Cells: `{r}` becomes the cell's reference. The usual shapes first, then those the scan leaves to the tokenizer, then malformed ones. */
const CELLS = [
  `<c r="{r}" s="1" t="s"><v>0</v></c>`,
  `<c r="{r}" t="s"><v>3</v></c>`,
  `<c r="{r}" s="2"><v>44077</v></c>`,
  `<c r="{r}"><v>12.25</v></c>`,
  `<c r="{r}"><v>-3</v></c>`,
  `<c r="{r}"><v>007</v></c>`,
  `<c r="{r}"><v>1e3</v></c>`,
  `<c r="{r}"><v>0x10</v></c>`,
  `<c r="{r}"><v></v></c>`,
  `<c r="{r}"><v> 5</v></c>`,
  `<c r="{r}" s="6"/>`,
  `<c r="{r}" s="6"></c>`,
  `<c r="{r}" t="s"><v>99</v></c>`,
  `<c r="{r}" t="s"><v>1.0</v></c>`,
  `<c r="{r}" t="s"><v></v></c>`,
  `<c r="{r}" t="b"><v>1</v></c>`,
  `<c r="{r}" t="e"><v>#N/A</v></c>`,
  `<c r="{r}" t="d"><v>2020-09-01</v></c>`,
  `<c r="{r}" t="str"><f>A1&amp;"x"</f><v>x&amp;y</v></c>`,
  `<c r="{r}" s="9"><f>IF(D15=0,&quot;&quot;,D16/D15)</f><v>1.1538461538461537</v></c>`,
  `<c r="{r}"><f>1+1</f></c>`,
  `<c r="{r}"><f>5</f><v></v></c>`,
  `<c r="{r}"><f t="shared" ref="A1:A9" si="0">B1+1</f><v>2</v></c>`,
  `<c r="{r}"><f t="shared" si="0"/><v>3</v></c>`,
  `<c r="{r}"><f t="shared" si="0"/></c>`,
  `<c r="{r}"><f/><v>4</v></c>`,
  `<c r='{r}' t='s'><v>2</v></c>`,
  `<c r="{r}" x14ac:foo="1"><v>8</v></c>`,
  `<c r="{r}" xml:space="preserve"><v>8</v></c>`,
  `<c s="1"><v>9</v></c>`,
  `<c/>`,
  `<c r="" t=""><v>10</v></c>`,
  `<c r="$B$2" s="x"><v>11</v></c>`,
  `<c r="XFE1"><v>12</v></c>`,
  `<c r="{r}" t="inlineStr"><is><t>trong dòng</t></is></c>`,
  `<c r="{r}" t="inlineStr"><is><r><rPr><rFont val="VNI-Times"/></rPr><t>giàu</t></r></is></c>`,
  `<c r="{r}"> <v>13</v> </c>`,
  `<c r="{r}"><v/></c>`,
  `<c r="{r}"><!-- x --><v>14</v></c>`,
  `<c r="{r}"><v><![CDATA[15]]></v></c>`,
  `<c r="{r}" s="&#49;"><v>16</v></c>`,
  `<c r="{r}"\n s="1"\t><v>17</v></c>`,
  `<c r="{r}"><v>1&#x38;</v></c>`,
  `<c r = "{r}"><v>19</v></c>`,
  `<c r="{r}" v="a&#9;b"><v>20</v></c>`,
  `<x:c r="{r}" xmlns:x="${SML}"><x:v>21</x:v></x:c>`,
  `<c r="{r}" xmlns:p="urn:p" p:a="1" q:a="2"><v>22</v></c>`,
  `<c r="{r}"><extLst/><v>23</v></c>`,
  // Malformed: saxes refuses the file; so must the fast path.
  `<c r="{r}" t="s" t="s"><v>1</v></c>`,
  `<c r="{r}" p:a="1"><v>1</v></c>`,
  `<c r="{r}"><v>1]]>2</v></c>`,
  `<c r="{r}"><v>a &nbsp; b</v></c>`,
  `<c r="{r}"><v>1</c>`,
  `<c r="{r}" s="1"t="s"><v>1</v></c>`,
  `<c r="{r}" s=1><v>1</v></c>`,
  `<c r="{r}"><v>\u0001</v></c>`,
];
/** How many of CELLS, from the start, the scan reads (the usual shapes). */
const USUAL_CELLS = 28;

const ROWS = [
  `<row r="{n}">`,
  `<row r="{n}" spans="1:6" x14ac:dyDescent="0.25">`,
  `<row r="{n}" ht="98" customHeight="1" spans="1:6" x14ac:dyDescent="0.25">`,
  `<row>`,
  `<row r="x">`,
  `<row r="0">`,
  `<row r="{n}" xmlns:q="urn:q">`,
];

const ITEMS = [
  `<si><t>Tân Đức</t></si>`,
  `<si><t xml:space="preserve"> lề </t></si>`,
  `<si><t>a &amp; b &lt;c&gt; &#x1EA0;</t></si>`,
  `<si><t/></si>`,
  `<si/>`,
  `<si>\n<t>dòng</t>\n</si>`,
  `<si><t>Mẫu</t></si>`,
  `<si><r><rPr><rFont val="VNI-Times"/></rPr><t>giàu</t></r><r><t> có</t></r></si>`,
  `<si><t>ふ</t><rPh sb="0" eb="1"><t>フ</t></rPh></si>`,
  `<si><t><![CDATA[<x>]]></t></si>`,
  `<si><!-- c --><t>chú</t></si>`,
  `<si><t>a</t><t>b</t></si>`,
  // Malformed.
  `<si><t a="1" a="2">x</t></si>`,
  `<si><t>&bad;</t></si>`,
  `<si><t>x</si>`,
];
const USUAL_ITEMS = 7;

const col = (n: number) => String.fromCharCode(64 + n);

/** A sheet of rows built from indexes into ROWS and CELLS. */
function buildRows(rows: { row: number; cells: number[]; space: boolean }[]): string {
  return rows
    .map(({ row, cells, space }, i) => {
      const n = i + 1;
      const open = ROWS[row].replace("{n}", String(n));
      const body = cells.map((c, j) => CELLS[c].replace("{r}", `${col(j + 1)}${n}`)).join(space ? "\n" : "");
      return `${open}${body}</row>${space ? "\n  " : ""}`;
    })
    .join("");
}

/** The same workbook read through the fast path and through saxes. */
function readBoth(bytes: Uint8Array) {
  const read = (fast: boolean) => {
    useFastTokenizer(fast);
    try {
      return readBook(bytes, "dv.xlsx", { formulas: true, fonts: true });
    } catch (err) {
      return { error: (err as Error).message };
    } finally {
      useFastTokenizer(true);
    }
  };
  return { fast: read(true), saxes: read(false) };
}

const rowArb = (maxCell: number) =>
  fc.record({
    row: fc.integer({ min: 0, max: ROWS.length - 1 }),
    cells: fc.array(fc.integer({ min: 0, max: maxCell }), { maxLength: 6 }),
    space: fc.boolean(),
  });

afterAll(() => useFastTokenizer(true));

describe("usual rows and items: read by the scans, as saxes reads them", () => {
  test("random sheets of the usual shapes: every row and item scanned, none handed over", () => {
    fc.assert(
      fc.property(
        fc.array(rowArb(USUAL_CELLS - 1), { minLength: 1, maxLength: 12 }).map((rows) => rows.map((r) => ({ ...r, row: r.row % 3 }))),
        fc.array(fc.integer({ min: 0, max: USUAL_ITEMS - 1 }), { minLength: 9, maxLength: 12 }),
        fc.boolean(),
        (rows, items, date1904) => {
          const rowsBefore = scanCounts.rows;
          const declinedBefore = scanCounts.declined;
          const itemsBefore = itemCounts.items;
          const itemsDeclinedBefore = itemCounts.declined;
          const bytes = book(sheet(buildRows(rows)), sst(items.map((i) => ITEMS[i]).join("")), date1904);
          const { fast, saxes } = readBoth(bytes);
          expect(fast).toEqual(saxes);
          expect(scanCounts.rows - rowsBefore).toBe(rows.length);
          expect(scanCounts.declined).toBe(declinedBefore);
          expect(itemCounts.items - itemsBefore).toBe(items.length);
          expect(itemCounts.declined).toBe(itemsDeclinedBefore);
        },
      ),
      { numRuns: 300, seed: 20200831 },
    );
  });

  test("the sample district's files: every row and item scanned", () => {
    const dir = path.join(ROOT, "samples");
    const files = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.toLowerCase().endsWith(".xlsx") && f.includes("phu-binh-2020"));
    expect(files.length).toBeGreaterThan(10);
    const declined = scanCounts.declined;
    const itemsDeclined = itemCounts.declined;
    const rows = scanCounts.rows;
    for (const f of files) {
      const { fast, saxes } = readBoth(readFileSync(path.join(dir, f)));
      expect(fast).toEqual(saxes);
    }
    expect(scanCounts.rows - rows).toBeGreaterThan(files.length * 10);
    expect(scanCounts.declined).toBe(declined);
    expect(itemCounts.declined).toBe(itemsDeclined);
  });
});

describe("any rows and items: the fast path reads as saxes reads, or refuses as saxes refuses", () => {
  test("random sheets mixing usual, unusual and malformed shapes", () => {
    let refused = 0;
    fc.assert(
      fc.property(
        fc.array(rowArb(CELLS.length - 1), { minLength: 1, maxLength: 10 }),
        fc.array(fc.integer({ min: 0, max: ITEMS.length - 1 }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (rows, items, date1904) => {
          const { fast, saxes } = readBoth(book(sheet(buildRows(rows)), sst(items.map((i) => ITEMS[i]).join("")), date1904));
          expect(fast).toEqual(saxes);
          if ("error" in fast) refused++;
        },
      ),
      { numRuns: 1500, seed: 20200831 },
    );
    // Both outcomes were compared, not only one.
    expect(refused).toBeGreaterThan(100);
    expect(scanCounts.declined).toBeGreaterThan(100);
    expect(itemCounts.declined).toBeGreaterThan(100);
  });

  const INSERTS = ["<", ">", "&", '"', "'", "&amp;", "&#65;", "&#x0;", "</c>", "<c>", "<c/>", "</row>", "<row>", "<v>", "</v>", "]]>", "x:", " ", "=", "\t", "\n", "\r", "<![CDATA[", "<!--", 'xmlns="urn:z" ', ' xmlns:x="urn:x"', "\uFFFE", "ô", "/", "r", "t", "s"];

  test("mutations of usual sheets: truncation, deletion, insertion", () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.array(rowArb(USUAL_CELLS - 1), { minLength: 1, maxLength: 6 }).map((rows) => rows.map((r) => ({ ...r, row: r.row % 3 }))),
        fc.array(fc.integer({ min: 0, max: USUAL_ITEMS - 1 }), { minLength: 9, maxLength: 10 }),
        fc.nat(),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: INSERTS.length - 1 }),
        fc.boolean(),
        (rows, items, at, kind, ins, inSheet) => {
          let sheetXml = sheet(buildRows(rows));
          let sstXml = sst(items.map((i) => ITEMS[i]).join(""));
          const mutate = (xml: string) => {
            // Mutate inside sheetData or sst, where the scans read.
            const from = xml.indexOf(inSheet ? "<sheetData>" : "<si");
            const to = xml.indexOf(inSheet ? "</sheetData>" : "</sst>");
            const i = from + (at % Math.max(1, to - from));
            if (kind === 0) return xml.slice(0, i) + xml.slice(i + 1);
            if (kind === 1) return xml.slice(0, i) + INSERTS[ins] + xml.slice(i);
            return xml.slice(0, i);
          };
          if (inSheet) sheetXml = mutate(sheetXml);
          else sstXml = mutate(sstXml);
          const { fast, saxes } = readBoth(book(sheetXml, sstXml));
          expect(fast).toEqual(saxes);
          if (!("error" in fast)) accepted++;
        },
      ),
      { numRuns: 3000, seed: 20200831 },
    );
    expect(accepted).toBeGreaterThan(300);
  });
});

describe("styled empty rows cut before parsing (empty-cells.ts) never move the next row", () => {
  test("an empty row before a row whose r the reader does not take (r=\"x\", \"0\", \"1e2\") is kept, and reads as saxes reads it", () => {
    for (const r of ["x", "0", "1e2", " 2", "$2"]) {
      // Over 256 kB: the cut applies on the fast path too.
      const pad = `<row r="1000"><c r="A1000"><v>1</v></c></row>`.repeat(1);
      const filler = Array.from({ length: 6000 }, (_, k) => `<row r="${k + 2000}" spans="1:1"><c r="B${k + 2000}" s="3"/></row>`).join("");
      const xml = sheet(`<row r="1" spans="1:1"><c r="A1" s="3"/></row><row r="${r}"><c s="1"><v>9</v></c></row>${pad}${filler}`);
      expect(xml.length).toBeGreaterThan(256 * 1024);
      const { fast, saxes } = readBoth(book(xml, sst(ITEMS[0])));
      expect(fast).toEqual(saxes);
      const values = (fast as { sheets: { values: unknown[][] }[] }).sheets[0].values;
      // The row after row 1 is row 2 (or the row its r says when the reader takes it: "1e2", " 2"), as with nothing cut.
      const n = Number(r);
      expect(values[(Number.isInteger(n) && n >= 1 ? n : 2) - 1][0]).toBe(9);
    }
  });
});
