/**
 * The fast tokenizer (src/workbook/xlsx/xml-fast.ts) against saxes, the reference: every XML part
 * of every workbook the tests have (test/cases, test/fixtures, samples, files written here by
 * openpyxl and XlsxWriter) and hand-made variants (prefixes, entities, CDATA, comments, quote
 * styles, white space, line ends, no `r`, inline and rich strings) give the same events; malformed
 * mutations are either declined by the tokenizer (then saxes decides, as before) or read exactly
 * as saxes reads them; and whole workbooks give the same grids through both paths.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "fs";
import * as os from "os";
import * as path from "path";
import { strToU8, zipSync } from "fflate";
import * as fc from "fast-check";
import { SaxesParser } from "saxes";
import { tokenize } from "../../src/workbook/xlsx/xml-fast";
import type { FastTag } from "../../src/workbook/xlsx/xml-fast";
import { parseCounts, useFastTokenizer } from "../../src/workbook/xlsx/xml";
import { openPackage, partBytes } from "../../src/workbook/xlsx/zip";
import { readBook } from "../../src/workbook/xlsx/reader";
import { parseRef } from "../../src/workbook/xlsx/sheet";

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, "..", "..");
const SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const LIMIT = 8 * 1024 * 1024;

/** saxes's events (namespace-aware), text merged between tags and outside the root left out; null when it refuses. */
function viaSaxes(xml: string): string[] | null {
  const p = new SaxesParser({ xmlns: true, position: false });
  let failed = false;
  const ev: string[] = [];
  let text = "";
  let depth = 0;
  const flush = () => {
    if (text && depth > 0) ev.push(`T ${JSON.stringify(text)}`);
    text = "";
  };
  p.on("error", () => {
    failed = true;
  });
  p.on("opentag", (t) => {
    flush();
    depth++;
    const attrs = Object.values(t.attributes).map((a) => [a.name, a.local, a.uri, a.value]);
    ev.push(`O ${JSON.stringify([t.name, t.local, t.uri, attrs.sort()])}`);
  });
  p.on("closetag", (t) => {
    flush();
    depth--;
    ev.push(`C ${JSON.stringify([t.name, t.local, t.uri])}`);
  });
  p.on("text", (s) => void (text += s));
  p.on("cdata", (s) => void (text += s));
  try {
    p.write(xml).close();
  } catch {
    failed = true;
  }
  return failed ? null : ev;
}

/** The tokenizer's events in the same form; null when it declines. */
function viaTokenizer(xml: string): string[] | null {
  const ev: string[] = [];
  let text = "";
  const flush = () => {
    if (text) ev.push(`T ${JSON.stringify(text)}`);
    text = "";
  };
  const ok = tokenize(xml, {
    open(t) {
      flush();
      const f = t as FastTag;
      const attrs = f.attributeList().map((a) => [a.name, a.local, a.uri, a.value]);
      ev.push(`O ${JSON.stringify([f.name, f.local, f.uri, attrs.sort()])}`);
    },
    close(t) {
      flush();
      ev.push(`C ${JSON.stringify([t.name, t.local, t.uri])}`);
    },
    text(s) {
      text += s;
    },
  });
  return ok ? ev : null;
}

/** Accepted by the tokenizer ⇒ accepted by saxes with the same events. Returns whether it accepted. */
function agrees(xml: string): boolean {
  const fast = viaTokenizer(xml);
  if (fast === null) return false;
  const ref = viaSaxes(xml);
  if (ref === null) throw new Error(`the tokenizer accepted what saxes refuses:\n${xml.slice(0, 2000)}`);
  expect(fast).toEqual(ref);
  return true;
}

function xlsxFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...xlsxFiles(full));
    else if (name.toLowerCase().endsWith(".xlsx")) out.push(full);
  }
  return out;
}

const decoder = new TextDecoder("utf-8");

/** Every XML part (up to the tokenizer's 8 MB) of a package, as text. */
function xmlParts(file: string): { name: string; xml: string }[] {
  const pkg = openPackage(readFileSync(file), path.basename(file).replace(/\.[^.]*$/, ".xlsx"));
  return pkg.entries
    .filter((e) => /\.(xml|rels|vml)$/i.test(e.name) && e.uncompressedSize <= LIMIT)
    .map((e) => ({ name: e.name, xml: decoder.decode(partBytes(pkg, e)) }));
}

let dir: string;
let corpus: string[];

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "pdv-xml-fast-"));
  const py = `
import sys, datetime, openpyxl, xlsxwriter
out = sys.argv[1]
wb = openpyxl.Workbook()
ws = wb.active; ws.title = "TCCS01"
ws["A1"] = "Tên & <đơn vị>"; ws["B1"] = "Tân Đức"; ws["C1"] = "  lề  "; ws["D1"] = "a\\nb"
ws["A2"] = datetime.datetime(2020, 9, 1); ws["B2"] = 13; ws["C2"] = "=B2*2"; ws["D2"] = True
wb.save(out + "/openpyxl.xlsx")
x = xlsxwriter.Workbook(out + "/xlsxwriter.xlsx")
s = x.add_worksheet("TCCS02")
s.write_string(0, 0, "Đức \\"x\\" 'y' <z> & w"); s.write_number(0, 1, 7.25); s.write_formula(0, 2, "=B1*2")
s.write_rich_string(0, 3, "a", x.add_format({"font_name": "VNI-Times"}), "bcd")
s.write_comment(0, 0, "ghi chú")
x.close()
`;
  execFileSync("/usr/bin/python3", ["-c", py, dir]);
  corpus = [
    ...xlsxFiles(path.join(ROOT, "test", "cases")),
    ...xlsxFiles(path.join(ROOT, "test", "fixtures")),
    ...xlsxFiles(path.join(ROOT, "samples")),
    path.join(dir, "openpyxl.xlsx"),
    path.join(dir, "xlsxwriter.xlsx"),
  ];
});
afterAll(() => {
  useFastTokenizer(true);
  rmSync(dir, { recursive: true, force: true });
});

const SHEET = (body: string, root = `xmlns="${SML}" xmlns:r="${REL}"`) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${root}><dimension ref="A1:C3"/><sheetData>${body}</sheetData></worksheet>`;

/** Legal variants a writer may produce; each must be read by the tokenizer, and as saxes reads it. */
const VARIANTS: Record<string, string> = {
  plain: SHEET(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>12.5</v></c></row>`),
  prefixed: SHEET(`<x:row r="1"><x:c r="A1"><x:v>5</x:v></x:c></x:row>`, `xmlns:x="${SML}"`).replace("<worksheet", "<x:worksheet").replace("</worksheet>", "</x:worksheet>").replace(/<(\/?)(dimension|sheetData)/g, "<$1x:$2"),
  rebound: SHEET(`<row r="1" xmlns:q="urn:other"><q:c r="A1"><v>1</v></q:c></row><row r="2" xmlns="urn:inner"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>`),
  entities: SHEET(`<row r="1"><c r="A1" t="inlineStr"><is><t>a &amp; b &lt;c&gt; &quot;&apos; &#x1EA0;&#7840;&#x1F600;</t></is></c><c r="B1" t="str" s="1"><f>"&amp;"&amp;A1</f><v>x&#10;y</v></c></row>`),
  attrEntities: SHEET(`<row r="1" spans="1:2" note="a&amp;b&#9;c&#10;d&#13;e\tf\ng"><c r="A1"><v>1</v></c></row>`),
  cdata: SHEET(`<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<x> & y]]></t></is></c><c r="B1"><v>1<![CDATA[2]]>3</v></c></row>`),
  commentsAndPis: `<?xml version="1.0"?><!-- before --><?app data?>\n<worksheet xmlns="${SML}"><!-- in --><sheetData><?pi x y?><row r="1"><!----><c r="A1"><v>1</v><!-- - --></c></row></sheetData></worksheet>\n<!-- after -->\n`,
  quotesAndSpace: SHEET(`<row\n\tr = '1'  ><c  r='A1'\n t = "s" ><v >0</v ></c\t><c r="B1"/></row  >`),
  noRef: SHEET(`<row><c><v>1</v></c><c t="b"><v>1</v></c></row><row><c t="e"><v>#N/A</v></c></row>`),
  rich: SHEET(`<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><rFont val="VNI-Times"/></rPr><t xml:space="preserve"> ab </t></r><r><t>cd</t></r><rPh sb="0" eb="1"><t>ふ</t></rPh></is></c></row>`),
  crlf: SHEET(`<row r="1">\r\n<c r="A1" t="inlineStr"><is><t>a\r\nb\rc</t></is></c>\r\n<c r="B1" x="1\r\n2"><v>1</v></c></row>`),
  extLst: SHEET(
    `<row r="1" x14ac:dyDescent="0.25"><c r="A1"><v>1</v></c></row>`,
    `xmlns="${SML}" xmlns:r="${REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"`,
  ).replace("</worksheet>", `<mc:AlternateContent><mc:Choice Requires="x14"><x14ac:thing a="1"/></mc:Choice><mc:Fallback/></mc:AlternateContent><extLst><ext uri="{X}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings/></ext></extLst></worksheet>`),
  singleQuoteDecl: `<?xml version='1.0' encoding='utf-8' standalone='no' ?><a xmlns='${SML}' b='"'/>`,
  noDecl: `<a>t</a>`,
  strict: SHEET(`<row r="1"><c r="A1"><v>1</v></c></row>`, `xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"`),
  rels: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet%201.xml"/><Relationship Id="rId2" Type="x" Target="http://a/?b=1&amp;c=2" TargetMode="External"/></Relationships>`,
  sharedLocal: `<a xmlns:p="urn:1" xmlns:q="urn:2" p:x="1" q:x="2" x="3"/>`,
  gt: SHEET(`<row r="1"><c r="A1" t="inlineStr"><is><t>a > b ] ]] &gt;</t></is></c></row>`),
};

/** Legal documents the tokenizer leaves to saxes (it must decline them, not misread them). */
const DECLINED: Record<string, string> = {
  doctype: `<?xml version="1.0"?><!DOCTYPE a><a>x</a>`,
  xml11: `<?xml version="1.1"?><a/>`,
  utf16Decl: `<?xml version="1.0" encoding="UTF-16"?><a/>`,
  nonAsciiName: `<ô>1</ô>`,
  emptyDefault: `<a xmlns="${SML}"><b xmlns=""/></a>`,
};

/** Malformed documents: saxes refuses them, so the tokenizer must not accept them. */
const MALFORMED: Record<string, string> = {
  unclosed: `<a><b></a>`,
  mismatched: `<a><b></c></a>`,
  truncated: `<a><b/`,
  noValueQuote: `<a b=1/>`,
  ltInValue: `<a b="<"/>`,
  unknownEntity: `<a>&nbsp;</a>`,
  badCharRef: `<a>&#0;</a>`,
  surrogateRef: `<a>&#xD800;</a>`,
  ampAlone: `<a>a & b</a>`,
  textOutside: `<a/>x`,
  twoRoots: `<a/><b/>`,
  noRoot: `<!-- only -->`,
  unboundPrefix: `<x:a/>`,
  unboundAttrPrefix: `<a x:b="1"/>`,
  duplicateAttr: `<a b="1" b="2"/>`,
  noSpaceBetweenAttrs: `<a b="1"c="2"/>`,
  cdataEnd: `<a>]]></a>`,
  doubleDash: `<a><!-- a -- b --></a>`,
  controlChar: `<a>\u0001</a>`,
  declLate: ` <?xml version="1.0"?><a/>`,
  xmlnsPrefix: `<xmlns:a/>`,
  badXmlBinding: `<a xmlns:xml="urn:x"/>`,
  sameExpandedName: `<a xmlns:p="urn:1" xmlns:q="urn:1" p:x="1" q:x="2"/>`,
  colonLast: `<a: b="1"/>`,
  twoColons: `<a:b:c xmlns:a="urn:a"/>`,
};

describe("the tokenizer reads as saxes reads", () => {
  test("every XML part of every workbook the tests have", () => {
    let parts = 0;
    const declined: string[] = [];
    for (const file of corpus) {
      for (const { name, xml } of xmlParts(file)) {
        parts++;
        if (!agrees(xml)) declined.push(`${path.relative(ROOT, file)}:${name}`);
      }
    }
    expect(parts).toBeGreaterThan(500);
    expect(declined).toEqual([]);
  });

  test.each(Object.entries(VARIANTS))("variant %s", (_name, xml) => {
    expect(agrees(xml)).toBe(true);
  });

  test.each(Object.entries(DECLINED))("legal but left to saxes: %s", (_name, xml) => {
    expect(viaSaxes(xml)).not.toBeNull();
    expect(viaTokenizer(xml)).toBeNull();
  });

  test.each(Object.entries(MALFORMED))("malformed: %s", (_name, xml) => {
    expect(viaSaxes(xml)).toBeNull();
    expect(viaTokenizer(xml)).toBeNull();
  });
});

test("linear time on text full of ']' and '&' with a \"]]>\" far away (4 MB: well under a second, not minutes)", () => {
  const cells: string[] = [];
  for (let i = 0; i < 100_000; i++) cells.push(`<c><is><t>[${i}] a &amp; b</t></is></c>`);
  const xml = `<a>${cells.join("")}</a><!-- ]]> -->`;
  const t0 = Date.now();
  let texts = 0;
  expect(tokenize(xml, { text: () => void texts++ })).toBe(true);
  expect(texts).toBe(100_000);
  expect(Date.now() - t0).toBeLessThan(5000);
});

test("a tag with many attributes: checked in linear time, a repeated one still refused", () => {
  const attrs = Array.from({ length: 20_000 }, (_, i) => `a${i}="${i}"`);
  const ok = `<r xmlns:p="urn:p" ${attrs.join(" ")} p:x="1"/>`;
  const t0 = Date.now();
  expect(agrees(ok)).toBe(true);
  expect(Date.now() - t0).toBeLessThan(5000);
  expect(viaTokenizer(`<r ${attrs.join(" ")} a7="x"/>`)).toBeNull();
  expect(viaTokenizer(`<r xmlns:p="urn:p" xmlns:q="urn:p" ${attrs.join(" ")} p:x="1" q:x="2"/>`)).toBeNull();
  expect(agrees(`<r ${attrs.slice(0, 17).join(" ")}/>`)).toBe(true);
});

test("parses share one tag and its stacks: a parse inside another's handler, or after a declined one, reads as alone", () => {
  const outer = `<a xmlns="${SML}" xmlns:p="urn:p"><b p:x="1"><c/></b><d>t</d></a>`;
  const inner = `<x:w xmlns:x="urn:x"><x:v q="2">u</x:v></x:w>`;
  const alone = [viaTokenizer(outer), viaTokenizer(inner)];
  // A declined parse (a tag left open) leaves nothing behind for the next one.
  expect(viaTokenizer(`<a xmlns:p="urn:p"><p:b>`)).toBeNull();
  expect(viaTokenizer(outer)).toEqual(alone[0]);
  const nested: (string[] | null)[] = [];
  let kept: FastTag | null = null;
  const ok = tokenize(outer, {
    open(t) {
      kept = t as FastTag;
      if (t.local === "b") nested.push(viaTokenizer(inner));
      if (t.local === "d") expect((t as FastTag).attr("x", new Set(["urn:p"]))).toBeUndefined();
    },
  });
  expect(ok).toBe(true);
  expect(nested).toEqual([alone[1]]);
  expect(viaTokenizer(outer)).toEqual(alone[0]);
  // Once the parse is over, its tag holds nothing of the text.
  expect(kept!.src).toBe("");
  expect(kept!.ns).toEqual([]);
});

describe("random documents: namespaces declared and used anywhere, any text and attribute value", () => {
  const PREFIXES = ["", "", "", "x", "r", "mc"];
  const URIS = [SML, REL, "urn:a", "http://purl.oclc.org/ooxml/spreadsheetml/main"];
  const LOCALS = ["c", "v", "row", "t", "si", "is", "r", "a-b", "_x.1"];
  const LEGAL = ["a", " ", "\t", "\n", "\r\n", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#65;", "&#x1EA0;", "Đức", ">", "]", "😀"];
  const ILLEGAL = ["'", '"', "]]>", "&", "<", "&bad;", "\u0001", "&#0;"];
  const piece = fc.oneof({ arbitrary: fc.constantFrom(...LEGAL), weight: 30 }, { arbitrary: fc.constantFrom(...ILLEGAL), weight: 1 });
  const text = fc.array(piece, { maxLength: 6 }).map((a) => a.join(""));
  interface El {
    prefix: string;
    local: string;
    decl: [string, number][];
    attrs: [string, string, string][];
    kids: (El | string)[];
    cdata: boolean;
  }
  const el: fc.Memo<El> = fc.memo((d) =>
    fc.record({
      prefix: fc.constantFrom(...PREFIXES),
      local: fc.constantFrom(...LOCALS),
      decl: fc.array(fc.tuple(fc.constantFrom(...PREFIXES), fc.nat(URIS.length - 1)), { maxLength: 2 }),
      attrs: fc.array(fc.tuple(fc.constantFrom(...PREFIXES), fc.constantFrom("r", "s", "t", "id"), text), { maxLength: 3 }),
      kids: d > 1 ? fc.array(fc.oneof(el(d - 1), text), { maxLength: 3 }) : fc.array(text, { maxLength: 2 }),
      cdata: fc.boolean(),
    }),
  );
  const write = (e: El, quote: string, bindAll = false): string => {
    const q = (p: string, l: string) => (p ? `${p}:${l}` : l);
    const all = bindAll ? ` xmlns:x="${SML}" xmlns:r="${REL}" xmlns:mc="urn:mc"`.replace(/"/g, quote) : "";
    const decls = all + e.decl.map(([p, u]) => ` ${p ? `xmlns:${p}` : "xmlns"}=${quote}${URIS[u]}${quote}`).join("");
    const attrs = e.attrs.map(([p, l, v]) => ` ${q(p, l)} = ${quote}${v}${quote}`).join("");
    const body = e.kids.map((k) => (typeof k === "string" ? (e.cdata ? `<![CDATA[${k}]]>` : k) : write(k, quote))).join("");
    const name = q(e.prefix, e.local);
    return body ? `<${name}${decls}${attrs}>${body}</${name} >` : `<${name}${decls}${attrs}/>`;
  };

  test("whenever the tokenizer reads one, saxes reads it the same; most well-formed ones are read", () => {
    let accepted = 0;
    let legal = 0;
    fc.assert(
      fc.property(el(4), fc.constantFrom('"', "'"), fc.boolean(), fc.boolean(), (root, quote, decl, bindAll) => {
        const xml = `${decl ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ""}${write(root, quote, bindAll)}\n`;
        if (viaSaxes(xml) !== null) legal++;
        if (agrees(xml)) accepted++;
      }),
      { numRuns: 3000, seed: 11 },
    );
    expect(legal).toBeGreaterThan(600);
    expect(accepted).toBe(legal);
  });
});

describe("mutations: declined, or read exactly as saxes reads them", () => {
  const INSERTS = ["<", ">", "&", '"', "'", "&foo;", "&#65;", "&#x0;", "</c>", "<c>", "<c/>", "]]>", "--", "\u0001", "x:", " ", "=", "\t", "\r", "<!DOCTYPE a>", "<?xml version=\"1.0\"?>", "<![CDATA[", "<!--", "xmlns=\"urn:z\" ", " xmlns:x=\"urn:x\"", "\uFFFE", "ô"];
  const bases = Object.values(VARIANTS);

  test("truncation, deletion, insertion, quote swaps, dropped close tags", () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bases.length - 1 }),
        fc.nat(),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: INSERTS.length - 1 }),
        (b, at, kind, ins) => {
          const base = bases[b];
          const i = at % (base.length + 1);
          let xml: string;
          switch (kind) {
            case 0:
              xml = base.slice(0, i);
              break;
            case 1:
              xml = base.slice(0, i) + base.slice(i + 1);
              break;
            case 2:
              xml = base.slice(0, i) + INSERTS[ins] + base.slice(i);
              break;
            case 3: {
              const q = base.indexOf('"', i);
              xml = q < 0 ? base : `${base.slice(0, q)}'${base.slice(q + 1)}`;
              break;
            }
            case 4: {
              const close = base.indexOf("</", i);
              const end = base.indexOf(">", close);
              xml = close < 0 ? base : base.slice(0, close) + base.slice(end + 1);
              break;
            }
            default: {
              const sp = base.indexOf(" ", i);
              xml = sp < 0 ? base : `${base.slice(0, sp)} ${INSERTS[ins]}${base.slice(sp)}`;
            }
          }
          if (agrees(xml)) accepted++;
        },
      ),
      { numRuns: 4000, seed: 20200831 },
    );
    // Most mutations keep the document legal (white space, text): the comparison is not empty.
    expect(accepted).toBeGreaterThan(500);
  });
});

/** A workbook package written by hand around one worksheet's XML. */
function book(sheetXml: string, sst?: string[]): Uint8Array {
  const strings: Record<string, Uint8Array> = sst
    ? { "xl/sharedStrings.xml": strToU8(`<sst xmlns="${SML}">${sst.map((t) => `<si><t>${t}</t></si>`).join("")}</sst>`) }
    : {};
  const sstRel = sst ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : "";
  return zipSync({
    ...strings,
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
    ),
    "_rels/.rels": strToU8(`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": strToU8(`<workbook xmlns="${SML}" xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>${sstRel}</Relationships>`),
    "xl/worksheets/sheet1.xml": strToU8(sheetXml),
  });
}

describe("whole workbooks: the same grids through the tokenizer and through saxes", () => {
  const readBoth = (bytes: Uint8Array, name: string) => {
    const read = (fast: boolean) => {
      useFastTokenizer(fast);
      try {
        return readBook(bytes, name, { formulas: true, fonts: true });
      } catch (err) {
        return { error: (err as Error).message };
      } finally {
        useFastTokenizer(true);
      }
    };
    return { fast: read(true), saxes: read(false) };
  };

  test("every workbook the tests have", () => {
    let read = 0;
    for (const file of corpus) {
      if (statSync(file).size > 1024 * 1024) continue; // case 06 (58 MB of sheet XML) goes to saxes anyway
      const { fast, saxes } = readBoth(readFileSync(file), path.basename(file));
      expect(fast).toEqual(saxes);
      read++;
    }
    expect(read).toBeGreaterThan(80);
  });

  test.each(Object.entries(VARIANTS).filter(([, x]) => x.includes("<sheetData>") || x.includes("<x:sheetData>")))("variant %s", (name, xml) => {
    const { fast, saxes } = readBoth(book(xml), `${name}.xlsx`);
    expect(fast).toEqual(saxes);
  });

  test("a prefixed element deep inside (mc:AlternateContent, x14ac) keeps the fast path and reads right", () => {
    const before = parseCounts.saxes;
    const got = readBook(book(VARIANTS.extLst), "ext.xlsx");
    expect(parseCounts.saxes).toBe(before);
    expect(got.sheets[0].values).toEqual([[1]]);
    const prefixed = readBook(book(VARIANTS.prefixed), "p.xlsx");
    expect(parseCounts.saxes).toBe(before);
    expect(prefixed.sheets[0].values).toEqual([[5]]);
  });

  test("a sheet of styled empty cells over 256 kB (cut before tokenizing) reads as saxes reads it", () => {
    const rows: string[] = [];
    for (let r = 1; r <= 3_000; r++) {
      let row = `<row r="${r}">`;
      if (r % 997 === 1) row += `<c r="A${r}"><v>${r}</v></c>`;
      for (const c of "BCDEFGHIJ") row += `<c r="${c}${r}" s="8"/>`;
      // A cell without r after an empty one: the empty one must stay (the cut keeps positions).
      if (r === 2000) row += `<c s="1"/><c><v>7</v></c>`;
      rows.push(`${row}</row>`);
    }
    const xml = SHEET(rows.join(""));
    expect(xml.length).toBeGreaterThan(256 * 1024);
    const { fast, saxes } = readBoth(book(xml), "rong.xlsx");
    expect(fast).toEqual(saxes);
    const grid = (fast as { sheets: { values: unknown[][] }[] }).sheets[0].values;
    expect(grid[1999].slice(9, 12)).toEqual([null, null, 7]);
    const before = parseCounts.saxes;
    readBook(book(xml), "rong.xlsx");
    expect(parseCounts.saxes).toBe(before);
  });

  test("shared strings: an item is the previous file's same item only when equal", () => {
    const sheet = SHEET(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>`);
    expect(readBook(book(sheet, ["Mẫu", "Tân Đức", "x"]), "a.xlsx").sheets[0].values).toEqual([["Mẫu", "Tân Đức", "x"]]);
    expect(readBook(book(sheet, ["Mẫu", "Hà Châu", "y"]), "b.xlsx").sheets[0].values).toEqual([["Mẫu", "Hà Châu", "y"]]);
    expect(readBook(book(sheet, ["Mẫu", "Hà Châu"]), "c.xlsx").sheets[0].values).toEqual([["Mẫu", "Hà Châu"]]);
  });

  test("a malformed sheet is refused with the reader's message, through either path", () => {
    const bad = book(SHEET(`<row r="1"><c r="A1"><v>1</v></c></row`));
    const { fast, saxes } = readBoth(bad, "hong.xlsx");
    expect(fast).toEqual({ error: "Tệp hong.xlsx bị hỏng (thành phần xl/worksheets/sheet1.xml không phải XML hợp lệ); hãy mở bằng Excel và lưu lại." });
    expect(saxes).toEqual(fast);
  });
});

describe("parseRef, read a character at a time, agrees with the pattern it replaced", () => {
  /** The former implementation: a regular expression per cell. */
  const byPattern = (ref: string): { row: number; col: number } | null => {
    const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
    if (!m) return null;
    let col = 0;
    for (const ch of m[1].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
    const row = Number(m[2]);
    if (row < 1 || row > 1_048_576 || col > 16_384) return null;
    return { row, col };
  };
  test("random references and near misses", () => {
    const chars = fc.constantFrom(..."$AZazBbXFDxfd0123456789 :@[`{é".split(""));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }).map((a) => a.join("")), (ref) => {
        expect(parseRef(ref)).toEqual(byPattern(ref));
      }),
      { numRuns: 20_000, seed: 7 },
    );
    for (const ref of ["A1", "$B$2", "XFD1048576", "XFE1", "A1048577", "A0", "A01", "AAAA1", "", "1A", "A$", "$$A1"]) expect(parseRef(ref)).toEqual(byPattern(ref));
  });
});
