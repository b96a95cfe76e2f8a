/**
 * The summary prints, with its chart (issue 15 points 3 and 4). `pdv consolidate` writes TongHop
 * with its page setup (A4 landscape, one page wide, header row repeated through _xlnm.Print_Titles,
 * footer "Trang &P/&N", codes row hidden, narrative and header rows tall enough) and a native
 * chart (chart part, drawing, relationships, content types), in folder mode (a new workbook) and in
 * workbook mode (spliced into the user's package). Every part is well-formed XML (xmllint),
 * openpyxl and ExcelJS read the file, and LibreOffice headless prints TongHop on A4 landscape pages
 * one page wide, the chart on them. The first page is saved as a PNG
 * (test-results/print/<mode>-trang-<n>.png; the README shows docs/tong-hop-trang-1.png).
 */
import { execFileSync } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import * as ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { runPdv } from "../helpers/cli-run";
import { convertToPdf, isA4, pdfPagePng, pdfPageSizes, pdfText } from "../helpers/pdf";
import { PYTHON } from "../helpers/openpyxl";

jest.setTimeout(300_000);

const ROOT = path.join(__dirname, "..", "..");
const SHOTS = path.join(ROOT, "test-results", "print");
const CHART_TITLE = "Kết nạp đảng viên so với chỉ tiêu, theo khối";
let tmp: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "pdv-print-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** The parts of a package, by name. */
async function parts(file: string): Promise<Record<string, Uint8Array>> {
  return unzipSync(new Uint8Array(await fs.readFile(file)));
}

/** The part a relationship of `source` of type `type` points to (resolved). */
function related(files: Record<string, Uint8Array>, source: string, type: string): string[] {
  const folder = source.replace(/[^/]*$/, "");
  const rels = files[`${folder}_rels/${source.slice(folder.length)}.rels`];
  if (!rels) return [];
  return [...strFromU8(rels).matchAll(/<Relationship\s[^>]*>/g)]
    .map((m) => m[0])
    .filter((r) => r.includes(`/relationships/${type}"`))
    .map((r) => {
      const target = /Target="([^"]*)"/.exec(r)![1];
      const segs: string[] = [];
      for (const s of (target.startsWith("/") ? target.slice(1) : folder + target).split("/")) {
        if (s === "..") segs.pop();
        else if (s !== ".") segs.push(s);
      }
      return segs.join("/");
    });
}

/** TongHop's worksheet part and its position among the workbook's sheets. */
function tongHopPart(files: Record<string, Uint8Array>): { part: string; index: number } {
  const wb = strFromU8(files["xl/workbook.xml"]);
  const sheets = [...wb.matchAll(/<sheet\s[^>]*>/g)].map((m) => m[0]);
  const index = sheets.findIndex((s) => s.includes('name="TongHop"'));
  const rid = /r:id="([^"]*)"/.exec(sheets[index])![1];
  const rels = strFromU8(files["xl/_rels/workbook.xml.rels"]);
  const rel = [...rels.matchAll(/<Relationship\s[^>]*>/g)].map((m) => m[0]).find((r) => r.includes(`Id="${rid}"`))!;
  const target = /Target="([^"]*)"/.exec(rel)![1].replace(/^\/?(xl\/)?/, "");
  return { part: `xl/${target}`, index };
}

/** A copy of the package where every sheet but TongHop is hidden (and has no print area): LibreOffice then prints TongHop alone. */
async function tongHopOnly(file: string, out: string): Promise<string> {
  const files = await parts(file);
  const wb = strFromU8(files["xl/workbook.xml"]).replace(/<sheet\s[^>]*\/>/g, (tag) =>
    tag.includes('name="TongHop"') ? tag : tag.replace(/\sstate="[^"]*"/, "").replace(/\/>$/, ' state="hidden"/>'),
  );
  // A hidden sheet cannot be the active one: TongHop becomes the active tab.
  const { index } = tongHopPart(files);
  const active = /<workbookView\b/.test(wb)
    ? wb.replace(/<workbookView\b[^>]*?(\/?)>/, (tag, close: string) =>
        tag.replace(/\s(activeTab|firstSheet)="\d+"/g, "").replace(/\s*\/?>$/, ` activeTab="${index}"${close ? "/" : ""}>`),
      )
    : wb.replace(/<sheets>/, `<bookViews><workbookView activeTab="${index}"/></bookViews><sheets>`);
  // LibreOffice prints a hidden sheet's print area: only TongHop's print names stay.
  const names = active.replace(/<definedName\s[^>]*localSheetId="(\d+)"[^>]*>[\s\S]*?<\/definedName>/g, (all, id: string) => (Number(id) === index ? all : ""));
  files["xl/workbook.xml"] = strToU8(names);
  await fs.writeFile(out, zipSync(files));
  return out;
}

const MODES: [string, string][] = [
  ["thu-muc", path.join(ROOT, "samples", "phu-binh-2020")],
  ["so", path.join(ROOT, "samples", "phu-binh-2020.xlsx")],
];

test("consolidating its own output again replaces TongHop's chart and print names, none left twice", async () => {
  const first = path.join(tmp, "lan-1.xlsx");
  const second = path.join(tmp, "lan-2.xlsx");
  expect((await runPdv(["consolidate", path.join(ROOT, "samples", "phu-binh-2020.xlsx"), "--out", first])).stderr).toBe("");
  expect((await runPdv(["consolidate", first, "--out", second])).stderr).toBe("");
  const files = await parts(second);
  const names = Object.keys(files);
  expect(names.filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(1);
  expect(names.filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n))).toHaveLength(1);
  const { part, index } = tongHopPart(files);
  const [drawing] = related(files, part, "drawing");
  expect(related(files, drawing, "chart")).toHaveLength(1);
  const wb = strFromU8(files["xl/workbook.xml"]);
  expect(wb.match(/_xlnm\.Print_Titles/g)).toHaveLength(2); // DanhMuc's and TongHop's
  expect(wb).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="${index}">'TongHop'!$5:$5</definedName>`);
  const types = strFromU8(files["[Content_Types].xml"]);
  expect(types.match(/drawingml\.chart\+xml/g)).toHaveLength(1);
});

describe.each(MODES)("pdv consolidate (%s): TongHop prints and holds its chart", (mode, input) => {
  let out: string;
  let files: Record<string, Uint8Array>;

  beforeAll(async () => {
    out = path.join(tmp, `${mode}.xlsx`);
    const r = await runPdv(["consolidate", input, "--out", out]);
    expect(r.stderr).toBe("");
    files = await parts(out);
  });

  it("writes the page setup, the repeated header, the footer, the hidden codes row and the row heights", () => {
    const { part, index } = tongHopPart(files);
    const xml = strFromU8(files[part]);
    expect(xml).toMatch(/<pageSetUpPr[^>]*fitToPage="1"/);
    const setup = /<pageSetup\s[^>]*>/.exec(xml)![0];
    for (const a of ['paperSize="9"', 'orientation="landscape"', 'fitToWidth="1"', 'fitToHeight="0"']) expect(setup).toContain(a);
    expect(xml).toContain("<oddFooter>&amp;CTrang &amp;P/&amp;N</oddFooter>");
    expect(xml).toMatch(/<row r="6"[^>]*hidden="1"/);
    expect(xml).toMatch(/<row r="5"[^>]*ht="\d+(\.\d+)?"[^>]*customHeight="1"/);
    const wb = strFromU8(files["xl/workbook.xml"]);
    expect(wb).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="${index}">'TongHop'!$5:$5</definedName>`);
    expect(wb).toMatch(new RegExp(`<definedName name="_xlnm.Print_Area" localSheetId="${index}">'TongHop'!\\$A\\$1:\\$[A-Z]+\\$\\d+</definedName>`));
  });

  it("its DanhMuc (made by pdv samples from the template) carries the same page setup, header repeated", () => {
    const wb = strFromU8(files["xl/workbook.xml"]);
    const sheets = [...wb.matchAll(/<sheet\s[^>]*>/g)].map((m) => m[0]);
    const index = sheets.findIndex((x) => x.includes('name="DanhMuc"'));
    expect(index).toBeGreaterThanOrEqual(0);
    expect(wb).toMatch(new RegExp(`<definedName name="_xlnm.Print_Titles" localSheetId="${index}">(&apos;|')DanhMuc(&apos;|')!\\$\\d+:\\$\\d+</definedName>`));
    const rid = /r:id="([^"]*)"/.exec(sheets[index])![1];
    const rel = [...strFromU8(files["xl/_rels/workbook.xml.rels"]).matchAll(/<Relationship\s[^>]*>/g)].map((m) => m[0]).find((r) => r.includes(`Id="${rid}"`))!;
    const xml = strFromU8(files[`xl/${/Target="\/?(?:xl\/)?([^"]*)"/.exec(rel)![1]}`]);
    const setup = /<pageSetup\s[^>]*>/.exec(xml)![0];
    for (const a of ['paperSize="9"', 'orientation="landscape"', 'fitToWidth="1"', 'fitToHeight="0"']) expect(setup).toContain(a);
  });

  it("holds a native chart: drawing and chart parts, related and typed", () => {
    const { part } = tongHopPart(files);
    const [drawing] = related(files, part, "drawing");
    expect(drawing).toMatch(/^xl\/drawings\/drawing\d+\.xml$/);
    expect(strFromU8(files[part])).toMatch(/<drawing [^>]*r:id="[^"]+"\/>/);
    const [chart] = related(files, drawing, "chart");
    expect(chart).toMatch(/^xl\/charts\/chart\d+\.xml$/);
    if (mode === "thu-muc") expect(chart).toBe("xl/charts/chart1.xml");
    const c = strFromU8(files[chart]);
    expect(c).toContain(CHART_TITLE);
    expect(c).toContain("<c:barDir val=\"col\"/>");
    expect(c).toContain("<c:v>Chỉ tiêu</c:v>");
    expect(c).toContain("<c:v>Đã kết nạp</c:v>");
    const types = strFromU8(files["[Content_Types].xml"]);
    expect(types).toContain(`PartName="/${chart}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"`);
    expect(types).toContain(`PartName="/${drawing}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"`);
  });

  it("every XML part is well-formed (xmllint)", async () => {
    const dir = path.join(tmp, `${mode}-parts`);
    const names = Object.keys(files).filter((n) => /\.(xml|rels|vml)$/.test(n));
    for (const n of names) {
      await fs.mkdir(path.join(dir, path.dirname(n)), { recursive: true });
      await fs.writeFile(path.join(dir, n), files[n]);
    }
    execFileSync("xmllint", ["--noout", ...names.map((n) => path.join(dir, n))], { stdio: "pipe" });
  });

  it("openpyxl and ExcelJS read it, with the page setup", async () => {
    const script = [
      "import json, sys, openpyxl",
      "ws = openpyxl.load_workbook(sys.argv[1])['TongHop']",
      "ps = ws.page_setup",
      "print(json.dumps([ps.paperSize, ps.orientation, ps.fitToWidth, ps.fitToHeight, ws.print_title_rows, ws.row_dimensions[6].hidden, ws['A1'].value]))",
    ].join("\n");
    const got = JSON.parse(execFileSync(PYTHON, ["-c", script, out], { encoding: "utf8" }));
    expect(got).toEqual([9, "landscape", 1, 0, "$5:$5", true, "BÁO CÁO KẾT QUẢ PHÁT TRIỂN ĐẢNG VIÊN"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("TongHop")!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.getRow(6).hidden).toBe(true);
  });

  it("LibreOffice prints TongHop on A4 landscape pages, one page wide, header on each, footer Trang k/N, the chart shown", async () => {
    const only = await tongHopOnly(out, path.join(tmp, `tong-hop-${mode}.xlsx`));
    const pdf = await convertToPdf(only, path.join(tmp, `pdf-${mode}`));
    const sizes = await pdfPageSizes(pdf);
    expect(sizes.length).toBeGreaterThanOrEqual(1);
    expect(sizes.length).toBeLessThanOrEqual(3);
    for (const s of sizes) expect(isA4(s, "landscape")).toBe(true);
    const all = await pdfText(pdf);
    expect(all).toContain("BÁO CÁO KẾT QUẢ PHÁT TRIỂN ĐẢNG VIÊN");
    expect(all).toContain("Tính đến hết tháng 8/2020");
    expect(all).toContain(CHART_TITLE);
    expect(all).not.toContain("KN_DAKETNAP"); // the codes row is not printed
    for (let p = 1; p <= sizes.length; p++) {
      const text = execFileSync("pdftotext", ["-f", String(p), "-l", String(p), "-enc", "UTF-8", pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
      // One page wide: the first and the last column's headers are on every page (the header repeats).
      expect(text).toContain("STT");
      expect(text).toContain("Trạng thái");
      expect(text).toContain(`Trang ${p}/${sizes.length}`);
      await pdfPagePng(pdf, p, path.join(SHOTS, `${mode}-trang-${p}`), 110);
    }
  });
});
