/**
 * The writer without ExcelJS (issue 11: `./sheet-writer`, `./plan-package`, PackagePort.toBuffer)
 * against the way PackagePort wrote before, ExcelJS rendering the plans and the splice moving them
 * in (kept here as `viaExcelJs`, from the same parts: XlsxPort.renderForSplice + spliceSheets).
 * The same plans on the same real workbooks (the sample district's roster and one-workbook form):
 * the summary with notes and with links, the report to the level above, the check sheet, and a
 * plan using every PlanCell feature. Read back by our reader and by ExcelJS, both give the same
 * cells, formats, merges, widths, panes, notes and page setup; every new part passes xmllint;
 * LibreOffice opens the new output and recalculates it to the results it holds.
 */
import { execFileSync } from "child_process";
import { promises as fs, readFileSync } from "fs";
import * as path from "path";
import * as ExcelJS from "exceljs";
import type { SheetPlan } from "../../src/core/types";
import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate } from "../../src/core/consolidate";
import { checkPlan, summaryPlan } from "../../src/core/layout";
import { exportUpPlan } from "../../src/core/export-up";
import { loadInput } from "../../src/cli/input";
import { createXlsxPort, listBookSheets, readBook, STATE_SHEET, spliceSheets } from "../../src/workbook/xlsx";
import { PackagePort } from "../../src/workbook/xlsx/package-port";
import { commentXml, notePartPieces, vmlShapeXml, xmlEncode, xmlEncodeByRegex } from "../../src/workbook/xlsx/notes";
import { PortError } from "../../src/workbook/port";
import { ChunkWriter } from "../../src/workbook/xlsx/chunk-writer";
import { partsOf } from "../helpers/zipparts";
import { compareFormulaResults, findSoffice, recalculate } from "../helpers/libreoffice";
import { SAMPLES, useTempDir } from "../helpers/tmp";
import fc from "fast-check";

jest.setTimeout(240_000);

const ROSTER = path.join(SAMPLES, "phu-binh-2020", "danh-muc.xlsx");
const BOOK = path.join(SAMPLES, "phu-binh-2020.xlsx");
const tmp = useTempDir("pdv-plan-writer-");
const quiet = { stdout: () => undefined, stderr: () => undefined, stderrIsTTY: false };

/** PackagePort.toBuffer as it was before issue 11: ExcelJS renders the plans, the splice moves them in. */
async function viaExcelJs(original: Uint8Array, fileName: string, plans: SheetPlan[]): Promise<Buffer> {
  const rendered = createXlsxPort();
  const names = plans.map((p) => p.name);
  let state: Record<string, string> | undefined;
  if (plans.some((p) => p.state)) {
    const every = listBookSheets(original, fileName).map((s) => s.name);
    state = readBook(original, fileName, { skip: every, formulas: false }).state;
    for (const p of plans) Object.assign(state, p.state ?? {});
    names.push(STATE_SHEET);
  }
  for (let i = 0; i < plans.length; i++) await rendered.writeSheet({ ...plans[i], state: i === plans.length - 1 ? state : undefined });
  const { bytes, notes } = await rendered.renderForSplice();
  return spliceSheets(original, fileName, bytes, names, new Set([STATE_SHEET]), notes);
}

async function viaWriter(original: Uint8Array, fileName: string, plans: SheetPlan[]): Promise<Buffer> {
  const port = new PackagePort(original, fileName);
  for (const p of plans) await port.writeSheet(p);
  return port.toBuffer();
}

/** A plan using every feature a PlanCell and a SheetPlan have. */
function everyFeature(): SheetPlan {
  return {
    name: "Đủ kiểu",
    rows: [
      [{ value: "Tiêu đề & <thử> \"nháy\" 'đơn'", bold: true, fill: "#D9E1F2", align: "center", note: "Ghi chú <1> & 'x'" }],
      [
        { value: 7335, numberFormat: "#,##0" },
        { value: 0.1225, numberFormat: "0.00%" },
        { value: -12.5, numberFormat: '#,##0.0;[Red]-#,##0.0;"–"' },
        { value: 44074, numberFormat: "dd/mm/yyyy" },
        { value: 1e-7 },
        { value: 123456789012 },
      ],
      [
        { value: true },
        { value: false, italic: true },
        { value: "=1+2" },
        { value: "+84 912" },
        { value: "  lề trái" },
        { value: "hai\ndòng", wrap: true },
        { value: "điều\u0001khiển" },
        { value: "" },
      ],
      [
        { formula: "=A2*2", value: 14670, numberFormat: "#,##0", bold: true, italic: true },
        { formula: "=B2", value: 0.1225, numberFormat: "0.00%", align: "right" },
        { formula: '=IF(A2>0,"có","không")', value: "có", align: "left" },
        { formula: "=A2>0", value: true },
        { formula: "=A2&\"<&>\"" },
        { fill: "#fce4d6" },
        undefined,
        { value: "ghi chú", note: "  dòng 1\ndòng 2  " },
      ],
      [],
      [{ value: "Gộp", fill: "#EDEDED", bold: true, wrap: true }, { value: "bị che" }, { value: "cũng bị che", note: "mất" }],
      [{ value: "cuối" }, undefined, undefined, { value: 1 }],
      [{ value: "x".repeat(32767) }],
    ],
    columnWidths: [12, 0, 20, 20, 8, 8, 30],
    frozenRows: 2,
    merges: ["A6:C6", "D7:D7", "E6:F7"],
    rowHeights: { 1: 30, 5: 12.75 },
    print: { paper: "A4", orientation: "landscape", fitWidth: 1, fitHeight: 0, repeatRows: { from: 1, to: 2 }, footer: "Trang &P/&N & ký", area: "A1:H7", omitRows: [5] },
    chart: { type: "BarClustered", title: "Thử & biểu đồ", categories: "A2:B2", series: [{ name: "Số", values: "A2:B2" }], anchor: "J2", width: 6, height: 10 },
  };
}

interface Plans {
  original: Uint8Array;
  fileName: string;
  plans: SheetPlan[];
}

/** The plans `pdv consolidate` writes for `input` (a folder or a workbook), plus the check sheet and `extra`. */
async function commandPlans(input: string, extra: SheetPlan[] = []): Promise<Plans> {
  const loaded = await loadInput(input, quiet);
  const analysis = analyzeWorkbook(loaded.input);
  const summary = consolidate(analysis);
  const plans = [
    summaryPlan(summary, { links: loaded.kind === "workbook", time: "08:00 ngày 31/08/2020" }),
    exportUpPlan(summary, 44074),
    checkPlan(analysis),
    ...extra,
  ];
  const file = loaded.kind === "folder" ? ROSTER : input;
  return { original: readFileSync(file), fileName: path.basename(file), plans };
}

function noteText(note: ExcelJS.Comment | string | undefined): string | undefined {
  if (note === undefined) return undefined;
  if (typeof note === "string") return note;
  return (note.texts ?? []).map((t) => (typeof t === "string" ? t : t.text)).join("");
}

/** What ExcelJS reads of a sheet: every cell (value, formula, format, font, fill, alignment, note), rows, columns, merges, panes, page setup. */
function excelView(ws: ExcelJS.Worksheet): unknown {
  const cells: unknown[] = [];
  const rows: unknown[] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (row.height !== undefined || row.hidden) rows.push({ r, height: row.height, hidden: row.hidden });
    row.eachCell({ includeEmpty: true }, (cell) => {
      const v = cell.value as unknown;
      if (v === null && !cell.style?.fill && !cell.style?.numFmt && !cell.font?.bold) return;
      cells.push({
        ref: cell.address,
        value: v,
        numFmt: cell.numFmt ?? null,
        bold: !!cell.font?.bold,
        italic: !!cell.font?.italic,
        fill: cell.fill && cell.fill.type === "pattern" ? [cell.fill.pattern, cell.fill.fgColor?.argb] : null,
        alignment: cell.alignment ? [cell.alignment.horizontal ?? null, cell.alignment.vertical ?? null, !!cell.alignment.wrapText] : null,
        note: noteText(cell.note as ExcelJS.Comment | string | undefined),
      });
    });
  });
  const widths: unknown[] = [];
  // ExcelJS leaves out a column whose width is its default, 9 (Excel then draws 8,43); the new
  // writer writes the plan's 9. Read back, ExcelJS gives no width for the one, 9 for the other.
  for (let c = 1; c <= Math.max(ws.columnCount, 12); c++) widths.push(ws.getColumn(c).width ?? 9);
  const ps = ws.pageSetup;
  return {
    state: ws.state,
    cells,
    rows,
    widths,
    merges: [...((ws.model as { merges?: string[] }).merges ?? [])].sort(),
    views: (ws.views ?? []).map((v) => ({ state: v.state, ySplit: (v as { ySplit?: number }).ySplit ?? 0 })),
    page: [ps.paperSize, ps.orientation, ps.fitToPage, ps.fitToWidth, ps.fitToHeight, ps.printArea ?? null, ps.printTitlesRow ?? null],
    footer: ws.headerFooter?.oddFooter ?? null,
  };
}

async function excelViews(bytes: Buffer): Promise<Record<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const out: Record<string, unknown> = {};
  wb.eachSheet((ws) => {
    out[ws.name] = excelView(ws);
  });
  return out;
}

/** Both renderings of `p`, checked equal by our reader and by ExcelJS; returns the new one. */
async function bothEqual(p: Plans): Promise<Buffer> {
  const before = await viaExcelJs(p.original, p.fileName, p.plans);
  const after = await viaWriter(p.original, p.fileName, p.plans);
  const read = (b: Buffer) => readBook(b, p.fileName, { formulas: true, fonts: true });
  const a = read(before);
  const b = read(after);
  expect(b.sheets.map((s) => s.name)).toEqual(a.sheets.map((s) => s.name));
  for (let i = 0; i < a.sheets.length; i++) expect(b.sheets[i]).toEqual(a.sheets[i]);
  expect(b.state).toEqual(a.state);
  expect(Object.keys(b.state).length).toBeGreaterThan(0);
  const ea = await excelViews(before);
  const eb = await excelViews(after);
  expect(Object.keys(eb)).toEqual(Object.keys(ea));
  for (const name of Object.keys(ea)) expect([name, eb[name]]).toEqual([name, ea[name]]);
  // Print names: the same defined names in the workbook part.
  const names = async (bytes: Buffer) => {
    const wb = (await partsOf(bytes)).get("xl/workbook.xml")!.toString("utf8");
    return [...wb.matchAll(/<definedName[^>]*>[^<]*<\/definedName>/g)].map((m) => m[0].replace(/&apos;/g, "'")).sort();
  };
  expect(await names(after)).toEqual(await names(before));
  return after;
}

/** xmllint accepts every part the writer made (those not byte for byte the original's). */
async function lintNewParts(original: Uint8Array, bytes: Buffer, dir: string): Promise<number> {
  const old = await partsOf(original);
  const files: string[] = [];
  for (const [name, data] of await partsOf(bytes)) {
    if (old.get(name)?.equals(data) || !/\.(xml|vml|rels)$/.test(name)) continue;
    const file = path.join(dir, name.replace(/[/[\]]/g, "_"));
    await fs.writeFile(file, data);
    files.push(file);
  }
  execFileSync("xmllint", ["--noout", ...files], { stdio: "pipe" });
  return files.length;
}

describe("the writer without ExcelJS gives what ExcelJS gave", () => {
  let folderOut: Buffer;
  let bookOut: Buffer;

  it("for the sample folder: summary with a note on every figure, report up, check sheet, every feature", async () => {
    const p = await commandPlans(path.join(SAMPLES, "phu-binh-2020"), [everyFeature()]);
    const notes = p.plans[0].rows.flat().filter((c) => c?.note).length;
    expect(notes).toBeGreaterThan(200);
    folderOut = await bothEqual(p);
    const ws = (await excelViews(folderOut)) as Record<string, { cells: { ref: string; value: unknown; note?: string }[] }>;
    // The sample's figures: 7.335 members and 31 admitted, each with its source named in a note.
    const summary = readBook(folderOut, "x.xlsx", {}).sheets.find((s) => s.name === "TongHop")!;
    expect(summary.values.flat()).toEqual(expect.arrayContaining([7335, 31]));
    expect(ws["TongHop"].cells.filter((c) => c.note).length).toBe(notes);
    expect(ws["TongHop"].cells.filter((c) => c.note?.startsWith("Nguồn: tệp ")).length).toBeGreaterThan(200);
    expect(await lintNewParts(p.original, folderOut, tmp())).toBeGreaterThanOrEqual(10);
  });

  it("for the one-workbook sample: the summary's figures are formulas into the unit sheets", async () => {
    const p = await commandPlans(BOOK);
    expect(p.plans[0].rows.flat().filter((c) => c?.formula?.includes("!")).length).toBeGreaterThan(200);
    bookOut = await bothEqual(p);
    expect(await lintNewParts(p.original, bookOut, tmp())).toBeGreaterThanOrEqual(5);
  });

  it("a replaced sheet and a stored state: the same again over the writer's own output", async () => {
    const p = await commandPlans(BOOK);
    const first = await viaWriter(p.original, p.fileName, p.plans);
    const plans = p.plans.map((x) => (x.state ? { ...x, state: { ...x.state, "pdv.thu": "lần 2" } } : x));
    await bothEqual({ original: first, fileName: p.fileName, plans });
  });

  const soffice = findSoffice();
  (soffice ? it : it.skip)("LibreOffice opens the new output and recalculates it to the results it holds", async () => {
    const files = [path.join(tmp(), "folder.xlsx"), path.join(tmp(), "book.xlsx")];
    await fs.writeFile(files[0], folderOut);
    await fs.writeFile(files[1], bookOut);
    for (const f of files) {
      const recalculated = await recalculate(f, path.join(tmp(), "recalc"));
      // PDV.* functions are unknown to LibreOffice; the one formula planned without a result has none to compare.
      const { checked, mismatches } = await compareFormulaResults(f, recalculated, (x) => /\bPDV\./i.test(x) || x.includes('"<&>"'));
      expect(mismatches).toEqual([]);
      expect(checked).toBeGreaterThan(10);
      // Values too: the summary's cells read the same after LibreOffice saved it (but the PDV.*
      // functions', which LibreOffice does not know).
      const a = readBook(await fs.readFile(f), "a.xlsx", { formulas: true }).sheets.find((s) => s.name === "TongHop")!;
      const b = readBook(await fs.readFile(recalculated), "b.xlsx", { formulas: false }).sheets.find((s) => s.name === "TongHop")!;
      const known = (g: typeof a) => g.values.map((row, r) => row.map((v, c) => (/\bPDV\./i.test(a.formulas?.[r]?.[c] ?? "") ? "PDV" : v)));
      expect(known(b).slice(0, a.values.length)).toEqual(known(a));
      expect(a.values.flat()).toEqual(expect.arrayContaining([7335, 282, 36, 253, 31]));
    }
  });
});

describe("the writer refuses what it cannot write, naming sheet and cell", () => {
  const original = () => readFileSync(ROSTER);
  it("a text over 32.767 characters", async () => {
    const plan: SheetPlan = { name: "Dài", rows: [[], [undefined, { value: "x".repeat(32768) }]] };
    await expect(viaWriter(original(), "danh-muc.xlsx", [plan])).rejects.toThrow(new PortError("Ô B2 của sheet 'Dài' dài quá 32.767 ký tự.", "plan"));
  });
  it("a number that is not finite", async () => {
    const plan: SheetPlan = { name: "Số", rows: [[{ value: Number.NaN }]] };
    await expect(viaWriter(original(), "danh-muc.xlsx", [plan])).rejects.toThrow(/Ô A1 của sheet 'Số' có số không hợp lệ/);
  });
  it("a bad colour, a reserved or invalid sheet name", async () => {
    await expect(viaWriter(original(), "danh-muc.xlsx", [{ name: "Màu", rows: [[{ value: 1, fill: "đỏ" }]] }])).rejects.toThrow("Màu không hợp lệ: đỏ");
    await expect(viaWriter(original(), "danh-muc.xlsx", [{ name: STATE_SHEET, rows: [] }])).rejects.toThrow(/dành riêng cho PDV/);
    await expect(viaWriter(original(), "danh-muc.xlsx", [{ name: "a/b", rows: [] }])).rejects.toThrow(/Không tạo được sheet 'a\/b'/);
  });
});

test("xmlEncode's hand-written scan is the regular expression's result on any text", () => {
  const special = fc.constantFrom("<", ">", "&", "'", '"', "\u0000", "\u0001", "\u0008", "\t", "\n", "\r", "\u000b", "\u001f", "\u007f", "ệ", "😀");
  const text = fc.array(fc.oneof(fc.string({ maxLength: 4 }), special), { maxLength: 30 }).map((a) => a.join(""));
  fc.assert(
    fc.property(text, (s) => xmlEncode(s) === xmlEncodeByRegex(s)),
    { numRuns: 2000 },
  );
  expect(xmlEncode("a'b<\u0001")).toBe("a&apos;b&lt;");
});

test("ChunkWriter.xmlText writes the bytes of xmlEncode's text on any text (surrogates, lone ones too)", () => {
  const special = fc.constantFrom("<", ">", "&", "'", '"', "\u0000", "\u0001", "\t", "\n", "\r", "\u007f", "ệ", "Đ", "😀", "\ud800", "\udc00", "\u0800", "\uffff");
  const text = fc.array(fc.oneof(fc.string({ unit: "binary", maxLength: 6 }), fc.string({ maxLength: 6 }), special), { maxLength: 40 }).map((a) => a.join(""));
  fc.assert(
    fc.property(text, (s) => {
      const out = new ChunkWriter();
      out.xmlText(s);
      return Buffer.from(out.take()[0] ?? new Uint8Array(0)).equals(Buffer.from(xmlEncode(s), "utf8"));
    }),
    { numRuns: 20000 },
  );
});

test("the note parts written in byte chunks hold ExcelJS's rendering of every note, in order", () => {
  const notes = Array.from({ length: 3000 }, (_, i) => ({ row: 7 + Math.floor(i / 12), col: 5 + (i % 12), text: i % 7 ? `Nguồn: tệp DV${i}.xlsx, sheet 'DV${i}', ô D${i % 30}` : ` có <&> "x"\n` }));
  const joined = (pieces: Iterable<Uint8Array>) => Buffer.concat([...pieces].map((p) => Buffer.from(p))).toString("utf8");
  // A chunk is valid until the next is asked for: copy each as it comes.
  const copy = function* (pieces: Iterable<Uint8Array>) {
    for (const p of pieces) yield Buffer.from(p);
  };
  const parts = notePartPieces(notes);
  const comments = joined(copy(parts.comments()));
  const vml = joined(copy(parts.vml()));
  expect(comments).toContain(`<commentList>${notes.map(commentXml).join("")}</commentList></comments>`);
  expect(vml).toContain(`</v:shapetype>${notes.map(vmlShapeXml).join("")}</xml>`);
  expect(vml.length).toBeGreaterThan(2 * (1 << 20)); // more than one chunk
});

test("ChunkWriter.int writes any number as String() does (integers digit by digit)", () => {
  const write = (v: number) => {
    const out = new ChunkWriter();
    out.int(v);
    return Buffer.from(out.take()[0]).toString("latin1");
  };
  for (const v of [0, -0, 9, 10, 2147483647, 2147483648, 123456789012, -1, 0.1225, 1e-7, 1e21, Number.MAX_SAFE_INTEGER]) expect(write(v)).toBe(String(v));
  fc.assert(fc.property(fc.oneof(fc.nat(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), (v) => write(v) === String(v)), { numRuns: 20000 });
});
