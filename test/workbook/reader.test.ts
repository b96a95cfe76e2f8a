/**
 * The reader (src/workbook/xlsx/reader.ts) on every legal cell form: XML variants written here
 * (what some writers do and others do not: prefixes, Strict namespaces, rows and cells without
 * `r`, inline and rich strings, t="d", 1904 dates, formulas without results, parts a value reader
 * does not need) and files written by real programs (openpyxl, XlsxWriter, LibreOffice).
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { zipSync, strToU8 } from "fflate";
import { NO_RESULT, readBook, readXlsx } from "../../src/workbook/xlsx";
import { isoToSerial, shiftFormula } from "../../src/workbook/xlsx/sheet";
import { dropEmptyCells } from "../../src/workbook/xlsx/empty-cells";
import { isDateFormatCode } from "../../src/workbook/xlsx/styles";
import { computePending, evaluateFormula } from "../../src/workbook/xlsx/formula";
import { recalculate } from "../helpers/libreoffice";

jest.setTimeout(120_000);

const SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";

interface Book {
  sheets: { name: string; xml: string; state?: string }[];
  sst?: string;
  styles?: string;
  workbookPr?: string;
  extra?: Record<string, string>;
  prefix?: string;
  strict?: boolean;
  calcPr?: string;
}

/** A package written by hand: [Content_Types], rels, workbook, sheets, optional strings and styles. */
function pkg(b: Book): Uint8Array {
  const ns = b.strict ? "http://purl.oclc.org/ooxml/spreadsheetml/main" : SML;
  const rns = b.strict ? "http://purl.oclc.org/ooxml/officeDocument/relationships" : REL;
  const p = b.prefix ? `${b.prefix}:` : "";
  const decl = b.prefix ? `xmlns:${b.prefix}="${ns}"` : `xmlns="${ns}"`;
  const files: Record<string, Uint8Array> = {};
  files["[Content_Types].xml"] = strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  files["_rels/.rels"] = strToU8(
    `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${rns}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const rels = b.sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${rns}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  if (b.sst) rels.push(`<Relationship Id="rIdS" Type="${rns}/sharedStrings" Target="sharedStrings.xml"/>`);
  if (b.styles) rels.push(`<Relationship Id="rIdT" Type="${rns}/styles" Target="/xl/styles.xml"/>`);
  files["xl/_rels/workbook.xml.rels"] = strToU8(`<Relationships xmlns="${PKG}">${rels.join("")}</Relationships>`);
  const sheets = b.sheets.map((s, i) => `<${p}sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} rel:id="rId${i + 1}"/>`).join("");
  files["xl/workbook.xml"] = strToU8(
    `<?xml version="1.0"?><${p}workbook ${decl} xmlns:rel="${rns}">${b.workbookPr ?? ""}<${p}sheets>${sheets}</${p}sheets>${b.calcPr ?? ""}</${p}workbook>`,
  );
  b.sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(`<?xml version="1.0"?><${p}worksheet ${decl}><${p}sheetData>${s.xml}</${p}sheetData></${p}worksheet>`);
  });
  if (b.sst) files["xl/sharedStrings.xml"] = strToU8(`<${p}sst ${decl}>${b.sst}</${p}sst>`);
  if (b.styles) files["xl/styles.xml"] = strToU8(`<${p}styleSheet ${decl}>${b.styles}</${p}styleSheet>`);
  for (const [k, v] of Object.entries(b.extra ?? {})) files[k] = strToU8(v);
  return zipSync(files);
}

const read = (bytes: Uint8Array, options = {}) => readBook(bytes, "t.xlsx", options).sheets;

describe("cell forms", () => {
  test("every t= type, stored results of 0, inline and rich strings, phonetic runs left out", () => {
    const xml =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><r><t>Tân </t></r><r><t>Đức</t></r><rPh><t>x</t></rPh></is></c></row>' +
      '<row r="2"><c r="A2"><f>COUNTA(G30:G60)</f><v>0</v></c><c r="B2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#REF!</v></c><c r="E2" t="d"><v>2020-09-01T00:00:00</v></c><c r="F2" t="n"><v>7.5</v></c></row>';
    const sst = '<si><t>MA_DV</t></si><si><r><rPr><rFont val=".VnTime"/></rPr><t>T\u00b8n</t></r><r><t xml:space="preserve"> x</t></r><rPh sb="0" eb="1"><t>ふ</t></rPh></si>';
    const [g] = read(pkg({ sheets: [{ name: "S", xml }], sst }), { fonts: true });
    expect(g.values[0]).toEqual(["MA_DV", "T\u00b8n x", "Tân Đức", null, null, null]);
    expect(g.values[1]).toEqual([0, "ab", true, { error: "#REF!" }, 44075, 7.5]);
    expect(g.fonts![0][1]).toBe(".VnTime"); // the legacy font on a run inside the cell (E01)
    expect(g.formulas![1][0]).toBe("=COUNTA(G30:G60)");
  });

  test("rows and cells without r follow the previous one; a cell's r wins", () => {
    const xml = '<row><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row><row r="4"><c><v>3</v></c><c r="D4"><v>4</v></c><c><v>5</v></c></row><row><c><v>6</v></c></row>';
    const [g] = read(pkg({ sheets: [{ name: "S", xml }] }));
    expect(g.values).toEqual([
      ["a", 2, null, null, null],
      [null, null, null, null, null],
      [null, null, null, null, null],
      [3, null, null, 4, 5],
      [6, null, null, null, null],
    ]);
  });

  test("namespace prefixes (<x:c>), Strict namespaces, unknown parts and a default-namespace drawing read the same", () => {
    const xml = '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>ok</x:t></x:is></x:c><x:c r="B1"><x:v>0</x:v></x:c></x:row>';
    const extra = {
      "xl/drawings/drawing1.xml": '<wsDr xmlns="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"><twoCellAnchor/></wsDr>',
      "xl/pivotCache/pivotCacheDefinition1.xml": "<not even xml",
      "customXml/item1.xml": "<x/>",
      "xl/externalLinks/externalLink1.xml": "<externalLink/>",
    };
    expect(read(pkg({ sheets: [{ name: "S", xml }], prefix: "x", extra }))[0].values).toEqual([["ok", 0]]);
    const strict = '<row r="1"><c r="A1"><v>1</v></c></row>';
    expect(read(pkg({ sheets: [{ name: "S", xml: strict }], strict: true }))[0].values).toEqual([[1]]);
  });

  test("visibility of hidden and very hidden sheets", () => {
    const xml = '<row r="1"><c r="A1"><v>1</v></c></row>';
    const gs = read(pkg({ sheets: [{ name: "A", xml }, { name: "B", xml, state: "hidden" }, { name: "C", xml, state: "veryHidden" }] }));
    expect(gs.map((g) => g.visibility)).toEqual(["Visible", "Hidden", "VeryHidden"]);
  });

  test("1904 date system: date-formatted numbers move to the 1900 system, counts do not", () => {
    const styles =
      '<numFmts count="1"><numFmt numFmtId="164" formatCode="[$-42A]dd/mm/yyyy;@"/></numFmts><fonts count="1"><font><name val="Times New Roman"/></font></fonts>' +
      '<cellXfs count="3"><xf numFmtId="0" fontId="0"/><xf numFmtId="164" fontId="0"/><xf numFmtId="14" fontId="0"/></cellXfs>';
    const xml = '<row r="1"><c r="A1" s="1"><v>42613</v></c><c r="B1" s="2"><v>42613</v></c><c r="C1"><v>42613</v></c><c r="D1" t="d"><v>2020-08-31</v></c></row>';
    const [g] = read(pkg({ sheets: [{ name: "S", xml }], styles, workbookPr: '<workbookPr date1904="1"/>' }));
    expect(g.values[0]).toEqual([44075, 44075, 42613, 44074]);
  });

  test("formulas without a stored result: computed when certain, NO_RESULT otherwise, never blank", () => {
    const xml =
      '<row r="15"><c r="D15"><v>13</v></c></row><row r="16"><c r="D16"><v>1</v></c></row>' +
      '<row r="23"><c r="D23"><f>IF(D15=0,"",D16/D15)</f><v></v></c><c r="E23"><f>SUM(D15:D16)*2</f></c><c r="F23"><f>Other!A1</f></c><c r="G23"><f>5</f></c><c r="H23"><f>D16/0</f></c><c r="I23"><f>IF(D15&gt;0,"",1)</f><v/></c></row>';
    const [g] = read(pkg({ sheets: [{ name: "S", xml }] }));
    expect(g.values[22].slice(3)).toEqual([1 / 13, 28, { error: NO_RESULT }, 5, { error: "#DIV/0!" }, null]);
  });

  test("fullCalcOnLoad (XlsxWriter stores 0 for every formula): stored results are not trusted", () => {
    const xml = '<row r="1"><c r="A1"><v>3</v></c><c r="B1"><f>A1*2</f><v>0</v></c><c r="C1"><f>VLOOKUP(A1,X!A:B,2)</f><v>0</v></c></row>';
    const [g] = read(pkg({ sheets: [{ name: "S", xml }], calcPr: '<calcPr fullCalcOnLoad="1"/>' }));
    expect(g.values[0]).toEqual([3, 6, { error: NO_RESULT }]);
  });

  test("shared formulas are translated for each cell", () => {
    const xml = '<row r="5"><c r="D5"><f t="shared" ref="D5:D7" si="0">SUM(A5:$C5)</f><v>1</v></c></row><row r="6"><c r="D6"><f t="shared" si="0"/><v>2</v></c></row>';
    const [g] = read(pkg({ sheets: [{ name: "S", xml }] }));
    expect(g.formulas![5][3]).toBe("=SUM(A6:$C6)");
    expect(shiftFormula('IF(A1>0,"A1",Sheet1!B2)+LOG10(C3)', 2, 1)).toBe('IF(B3>0,"A1",Sheet1!C4)+LOG10(D5)');
  });
});

describe("pieces", () => {
  test("date formats of any locale; other formats are not dates", () => {
    for (const code of ["dd/mm/yyyy", "[$-42A]d mmmm yyyy", "yyyy\"年\"m\"月\"d\"日\"", "[$-F800]dddd, mmmm dd, yyyy", "h:mm", "[h]:mm:ss", "mmm-yy", "B2dd/mm/yyyy"]) {
      expect([code, isDateFormatCode(code)]).toEqual([code, true]);
    }
    for (const code of ["General", "0.00%", "#,##0", "0.00E+00", '#,##0 "người"', "[Red]0", "@", "#,##0\\ \\đ"]) {
      expect([code, isDateFormatCode(code)]).toEqual([code, false]);
    }
  });

  test("ISO 8601 dates to serials; impossible dates refused", () => {
    expect(isoToSerial("2020-09-01")).toBe(44075);
    expect(isoToSerial("2020-09-01T12:00:00Z")).toBe(44075.5);
    expect(isoToSerial("1900-01-01")).toBe(1);
    expect(isoToSerial("2020-02-30")).toBeNull();
    expect(isoToSerial("01/09/2020")).toBeNull();
  });

  test("empty styled cells and rows left empty are cut; rows or cells without r stay", () => {
    const cut = (s: string) => new TextDecoder().decode(dropEmptyCells(new TextEncoder().encode(s)));
    expect(cut('<row r="9" spans="4:4"><c r="D9" s="8"/></row><x:row r="10"><x:c r="D10" s="8"/></x:row>')).toBe("");
    expect(cut('<row r="9"><c r="C9" s="1"/><c r="D9" s="8"><v>1</v></c></row>')).toBe('<row r="9"><c r="D9" s="8"><v>1</v></c></row>');
    expect(cut("<row><c s=\"1\"/><c><v>1</v></c></row>")).toBe("<row><c s=\"1\"/><c><v>1</v></c></row>");
    expect(cut('<row r="3"/><cols><col min="1"/></cols>')).toBe('<cols><col min="1"/></cols>');
  });

  test("a cell or row without r after a cut one keeps its place (the cut never shifts what follows)", () => {
    // C5 is empty and styled; the next cell has no r, so it is D5 only while C5 stays.
    const cells = '<row r="5"><c r="B5" s="1"/><c r="C5" s="1"/><c t="inlineStr"><is><t>x</t></is></c></row>';
    const [g] = read(pkg({ sheets: [{ name: "S", xml: cells }] }));
    expect(g.values[4]).toEqual([null, null, null, "x"]);
    // Row 7 holds only an empty styled cell; the row after it has no r, so it is row 8.
    const rows = '<row r="7"><c r="A7" s="1"/></row><row><c t="inlineStr"><is><t>y</t></is></c></row>';
    const [h] = read(pkg({ sheets: [{ name: "S", xml: rows }] }));
    expect(h.values.length).toBe(8);
    expect(h.values[7]).toEqual(["y"]);
    const selfClosed = '<row r="7"/><row><c t="inlineStr"><is><t>z</t></is></c></row>';
    expect(read(pkg({ sheets: [{ name: "S", xml: selfClosed }] }))[0].values[7]).toEqual(["z"]);
  });

  test("a pending formula that shows \"\" counts for COUNTA in the formula that uses it, as in Excel", () => {
    const got = computePending(
      [
        { r: 1, c: 1, f: 'IF(1>2,1,"")' },
        { r: 1, c: 2, f: "COUNTA(A1:A3)" },
      ],
      (r, c) => (r === 3 && c === 1 ? 5 : null),
    );
    expect(got.get("1,1")).toBeNull(); // the cell itself reads as blank
    expect(got.get("1,2")).toBe(2); // A1 ("") and A3 (5) are not empty for COUNTA
  });

  test("the formula evaluator computes what is certain and nothing else", () => {
    const cells: Record<string, number | string | null> = { A1: 2, A2: 3, A3: "x", A4: null };
    const lookup = (r: number, c: number) => cells[`${String.fromCharCode(64 + c)}${r}`] ?? null;
    expect(evaluateFormula("A1+A2*2^2", lookup)).toBe(14);
    expect(evaluateFormula("-A1+A4", lookup)).toBe(-2);
    expect(evaluateFormula('IF(A4=0,"zero","no")', lookup)).toBe("zero");
    expect(evaluateFormula("COUNTA(A1:A4)", lookup)).toBe(3);
    expect(evaluateFormula("SUM(A1:A4)", lookup)).toBe(5);
    expect(evaluateFormula("A3+1", lookup)).toEqual({ error: "#VALUE!" });
    expect(evaluateFormula("ROUND(A2/A1,0)", lookup)).toBe(2);
    expect(evaluateFormula("A1&A3", lookup)).toBe("2x");
    expect(evaluateFormula("VLOOKUP(A1,A1:A2,1)", lookup)).toBeUndefined();
    expect(evaluateFormula("'Tân Đức'!D9", lookup)).toBeUndefined();
    expect(evaluateFormula("TenVung+1", lookup)).toBeUndefined();
  });
});

describe("files written by real programs", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "pdv-reader-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const PY = `
import sys, datetime, openpyxl, xlsxwriter
out = sys.argv[1]
wb = openpyxl.Workbook(iso_dates=True)
ws = wb.active; ws.title = "TCCS01"
ws["A1"] = "Tên"; ws["B1"] = "Tân Đức"
ws["A2"] = datetime.datetime(2020, 9, 1); ws["B2"] = 13; ws["C2"] = 1
ws["D2"] = "=IF(B2=0,\\"\\",C2/B2)"; ws["E2"] = "=SUM(B2:C2)"; ws["F2"] = 0
h = wb.create_sheet("An"); h.sheet_state = "hidden"; h["A1"] = True
wb.save(out + "/openpyxl.xlsx")
x = xlsxwriter.Workbook(out + "/xlsxwriter.xlsx")
s = x.add_worksheet("TCCS02")
d = x.add_format({"num_format": "dd/mm/yyyy"})
s.write_datetime(0, 0, datetime.datetime(2020, 8, 31), d)
s.write_number(0, 1, 7); s.write_formula(0, 2, "=B1*2"); s.write_formula(0, 3, "=B1*2", None, 14)
s.write_string(0, 4, "Đức"); s.write_rich_string(0, 5, "a", x.add_format({"font_name": "VNI-Times"}), "bcd")
x.close()
`;

  beforeAll(() => {
    execFileSync("/usr/bin/python3", ["-c", PY, dir]);
  });

  test("openpyxl (iso_dates, formulas without results) and XlsxWriter (formulas stored as 0, rich text)", () => {
    const [a, hidden] = read(readFileSync(path.join(dir, "openpyxl.xlsx")));
    expect(a.values[0]).toEqual(["Tên", "Tân Đức", null, null, null, null]);
    expect(a.values[1]).toEqual([44075, 13, 1, 1 / 13, 14, 0]);
    expect(hidden.visibility).toBe("Hidden");
    expect(hidden.values).toEqual([[true]]);
    const [x] = read(readFileSync(path.join(dir, "xlsxwriter.xlsx")), { fonts: true });
    expect(x.values[0]).toEqual([44074, 7, 14, 14, "Đức", "abcd"]);
    expect(x.fonts![0][5]).toBe("VNI-Times");
  });

  test("LibreOffice re-save of the same files reads the same values", async () => {
    const resaved = await recalculate(path.join(dir, "openpyxl.xlsx"), path.join(dir, "lo"));
    const [a] = await readXlsx(readFileSync(resaved), "lo.xlsx");
    // LibreOffice stores 15 significant digits (1/13 → 0.0769230769230769).
    expect(a.values[1]).toEqual([44075, 13, 1, expect.closeTo(1 / 13, 15), 14, 0]);
  });
});
