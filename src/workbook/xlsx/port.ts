/**
 * The ExcelJS port: workbooks built or edited in memory (the blank template, the samples, a
 * folder's roster copy with its summary) and saved as .xlsx. Node only.
 *
 * Reading goes through the one reader (`./reader`): a workbook opened from a file is read from
 * its original bytes for as long as nothing was written to it; otherwise ExcelJS renders it first.
 *
 * Writing: `writeSheet` renders a SheetPlan as-is (the core decides the layout), its page setup
 * and row heights included (`./page-setup`). ExcelJS cannot write charts: `toBuffer` adds each
 * planned chart's parts to the package ExcelJS wrote (`./charts`). To keep everything a user's workbook holds, the `pdv` command writes into the original package
 * instead (`./splice`); this port is for workbooks PDV makes.
 *
 * Add-in state (`SheetPlan.state`, `WorkbookSnapshot.state`) is kept in a very hidden sheet named
 * `STATE_SHEET` ("_pdv_state"): one key per row, key in column A, value (text) in column B. That
 * sheet is never listed nor read as a grid. (ExcelJS does not write custom document properties.)
 */
import * as path from "path";
import type * as ExcelJS from "exceljs";
import type { SheetPlan } from "../../core/types";
import { sheetNameProblem } from "../../core/a1";
import { PortError } from "../port";
import type { ReadOptions, SheetInfo, WorkbookPort, WorkbookSnapshot } from "../port";
import { openPackage, stampZipEntries, streamPart } from "./zip";
import { readBook, STATE_SHEET } from "./reader";
import { readFileBytes, refuseInput, writeFileAtomic } from "./files";
import { noteParts, notesRepack } from "./notes";
import { addCharts } from "./charts";
import { renderPlan } from "./render";
import type { NoteParts, PendingNote } from "./notes";

/**
 * ExcelJS, loaded on first use (a quarter of a second): `pdv consolidate` writes without it
 * (`./package-port`) and never loads it.
 */
function excelJs(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("exceljs") as typeof ExcelJS;
}

/**
 * Parse .xlsx bytes into an ExcelJS workbook (to edit and save it), after the zip guard: every
 * part is inflated once with its declared size as the limit before ExcelJS's zip library sees it.
 */
export async function loadXlsx(bytes: Uint8Array, fileName: string): Promise<ExcelJS.Workbook> {
  const pkg = openPackage(bytes, fileName);
  for (const e of pkg.entries) if (!e.name.endsWith("/")) streamPart(pkg, e, () => undefined);
  const wb = new (excelJs().Workbook)();
  try {
    // ExcelJS's type wants a Node Buffer; share the memory instead of copying.
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw new PortError(`Tệp ${fileName} bị hỏng hoặc không đúng cấu trúc sổ tính .xlsx; hãy mở bằng Excel và lưu lại.`, "corrupt");
  }
  return wb;
}

function visibilityOf(ws: ExcelJS.Worksheet): SheetInfo["visibility"] {
  if (ws.state === "veryHidden") return "VeryHidden";
  if (ws.state === "hidden") return "Hidden";
  return "Visible";
}

/* ------------------------------------------------------------------ writing */

interface Ordered {
  orderNo: number;
}

export interface XlsxPortOptions {
  /** Set `source.file` on every grid read (the workbook is a unit's separate file). */
  sourceFile?: string;
  /** The file the workbook was opened from; `save` refuses to write over it. */
  openedFrom?: string;
  /**
   * Reproducible output: document created/modified dates and zip entry times all set to this
   * date, so saving the same sheets twice gives identical bytes (generated samples).
   */
  fixedDate?: Date;
  /**
   * Let ExcelJS write every cell note itself (slow and memory-hungry for thousands of notes; the
   * default writes them in `toBuffer`). Tests use it to compare the two renderings.
   */
  excelJsNotes?: boolean;
}

/** The port over an ExcelJS workbook held in memory, plus saving it. */
export class XlsxPort implements WorkbookPort {
  private tempCounter = 0;
  /** Notes of rendered sheets holding more than one, written by `toBuffer` (only the first is on its cell). */
  private readonly notes = new WeakMap<ExcelJS.Worksheet, PendingNote[]>();
  /** Plans of rendered sheets with a chart, drawn by `toBuffer`. */
  private readonly charts = new WeakMap<ExcelJS.Worksheet, SheetPlan>();
  /** Who wrote the notes of sheets holding several at the last `toBuffer` (tests check it). */
  notesWrittenBy: "port" | "exceljs" | null = null;

  /** The bytes the workbook was opened from, until something is written to it. */
  private original: Uint8Array | null;

  constructor(
    readonly workbook: ExcelJS.Workbook,
    private readonly options: XlsxPortOptions = {},
    original: Uint8Array | null = null,
  ) {
    this.original = original;
  }

  private userSheets(): ExcelJS.Worksheet[] {
    return this.workbook.worksheets.filter((ws) => ws.name !== STATE_SHEET);
  }

  private findSheet(name: string): ExcelJS.Worksheet | undefined {
    const want = name.toLowerCase();
    return this.workbook.worksheets.find((ws) => ws.name.toLowerCase() === want);
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.userSheets().map((ws) => ({ name: ws.name, visibility: visibilityOf(ws) }));
  }

  async readWorkbook(options: ReadOptions = {}): Promise<WorkbookSnapshot> {
    const bytes = this.original ?? (await this.workbook.xlsx.writeBuffer());
    const name = this.options.sourceFile ?? (this.options.openedFrom ? path.basename(this.options.openedFrom) : "sổ tính.xlsx");
    const book = readBook(new Uint8Array(bytes as ArrayBuffer), name.toLowerCase().endsWith(".xlsx") ? name : `${name}.xlsx`, options);
    if (this.options.sourceFile) for (const g of book.sheets) g.source = { file: this.options.sourceFile };
    return { sheets: book.sheets, state: book.state };
  }

  /** The stored add-in state (empty when none). */
  readState(): Record<string, string> {
    const ws = this.workbook.getWorksheet(STATE_SHEET);
    const state: Record<string, string> = {};
    if (!ws) return state;
    ws.eachRow({ includeEmpty: false }, (row) => {
      const k = row.getCell(1).value;
      const v = row.getCell(2).value;
      if (typeof k === "string") state[k] = v === null || v === undefined ? "" : String(v);
    });
    return state;
  }

  private writeState(state: Record<string, string>): void {
    const merged = { ...this.readState(), ...state };
    const old = this.workbook.getWorksheet(STATE_SHEET);
    if (old) this.workbook.removeWorksheet(old.id);
    const ws = this.workbook.addWorksheet(STATE_SHEET, { state: "veryHidden" });
    for (const [k, v] of Object.entries(merged)) ws.addRow([k, v]);
  }

  private checkName(name: string): void {
    const problem = sheetNameProblem(name);
    if (problem) throw new PortError(`Không tạo được sheet '${name}': ${problem}.`, "sheet-name");
    if (name.toLowerCase() === STATE_SHEET) throw new PortError(`Tên sheet '${name}' dành riêng cho PDV.`, "sheet-name");
  }

  private tempName(): string {
    let name: string;
    do name = `~pdv${++this.tempCounter}`;
    while (this.findSheet(name));
    return name;
  }

  async writeSheet(plan: SheetPlan): Promise<void> {
    this.original = null;
    this.checkName(plan.name);
    const old = this.findSheet(plan.name);
    // Build the new sheet completely under a temporary name; only then swap it in.
    const fresh = this.workbook.addWorksheet(this.tempName());
    try {
      const notes = renderPlan(fresh, plan);
      if (notes.length > 1) this.notes.set(fresh, notes);
      if (plan.chart) this.charts.set(fresh, plan);
    } catch (err) {
      this.workbook.removeWorksheet(fresh.id);
      if (err instanceof PortError) throw err;
      throw new PortError(`Không ghi được sheet '${plan.name}'.`, "write");
    }
    if (old) {
      // ExcelJS orders sheets by the (untyped) orderNo: the new sheet takes the old one's place.
      const orderNo = (old as unknown as Ordered).orderNo;
      const state = old.state;
      this.workbook.removeWorksheet(old.id);
      (fresh as unknown as Ordered).orderNo = orderNo;
      fresh.state = state;
    }
    fresh.name = plan.name;
    if (plan.state) this.writeState(plan.state);
  }

  async addSheets(plans: SheetPlan[]): Promise<void> {
    this.original = null;
    const seen = new Set<string>();
    for (const p of plans) {
      this.checkName(p.name);
      const key = p.name.toLowerCase();
      if (this.findSheet(p.name) || seen.has(key)) {
        throw new PortError(`Sheet '${p.name}' đã có trong sổ tính.`, "sheet-exists");
      }
      seen.add(key);
    }
    for (const p of plans) {
      const ws = this.workbook.addWorksheet(p.name);
      const notes = renderPlan(ws, p);
      if (notes.length > 1) this.notes.set(ws, notes);
      if (p.chart) this.charts.set(ws, p);
      if (p.state) this.writeState(p.state);
    }
  }

  /** Remove every sheet whose name is not listed (compared ignoring case); the state sheet stays. */
  keepOnly(names: string[]): void {
    this.original = null;
    const keep = new Set([...names, STATE_SHEET].map((n) => n.toLowerCase()));
    for (const ws of this.workbook.worksheets) {
      if (!keep.has(ws.name.toLowerCase())) this.workbook.removeWorksheet(ws.id);
    }
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    this.original = null;
    const ws = this.findSheet(sheet);
    if (!ws || ws.name === STATE_SHEET) throw new PortError(`Không có sheet '${sheet}'.`, "no-sheet");
    const index = this.workbook.worksheets.indexOf(ws);
    ws.state = "visible";
    const views = ws.views?.length ? ws.views : [{}];
    // ExcelJS writes the selection only when the view's state is set ("normal" by default).
    ws.views = views.map((v, i) =>
      i === 0 ? { state: "normal", ...v, activeCell: cell } : v,
    ) as Partial<ExcelJS.WorksheetView>[];
    const wbViews = this.workbook.views?.length ? this.workbook.views : [{} as ExcelJS.WorkbookView];
    this.workbook.views = wbViews.map((v, i) =>
      i === 0 ? { ...v, activeTab: index, firstSheet: Math.min(v.firstSheet ?? 0, index) } : v,
    );
  }

  /**
   * The workbook for `spliceSheets`: every part stored (uncompressed, read back at once) and the
   * full note parts as text generators (`notes`), which the splice deflates piece by piece, so a
   * summary's 40 MB of notes never exist whole. When ExcelJS's first note is not the expected one,
   * the `toBuffer` bytes and no `notes`.
   */
  async renderForSplice(): Promise<{ bytes: Buffer; notes: NoteParts }> {
    const withNotes = this.workbook.worksheets.filter((ws) => this.notes.has(ws));
    const stored = Buffer.from(await this.workbook.xlsx.writeBuffer({ zip: { compression: "STORE" } } as Partial<ExcelJS.XlsxWriteOptions>));
    const notes = this.options.excelJsNotes ? null : noteParts(stored, withNotes.map((ws) => ({ id: ws.id, notes: this.notes.get(ws)! })));
    if (notes) {
      this.notesWrittenBy = withNotes.length ? "port" : null;
      const withCharts = this.workbook.worksheets.filter((ws) => this.charts.has(ws)).map((ws) => ({ ...this.charts.get(ws)!, name: ws.name }));
      // addCharts copies the stored parts as they are (the notes' part names stay).
      return { bytes: withCharts.length ? Buffer.from(addCharts(stored, withCharts)) : stored, notes };
    }
    return { bytes: await this.toBuffer(), notes: new Map() };
  }

  /** The workbook as .xlsx bytes. */
  async toBuffer(): Promise<Buffer> {
    const fixed = this.options.fixedDate;
    if (fixed) {
      this.workbook.created = fixed;
      this.workbook.modified = fixed;
      this.workbook.creator = "PDV";
      this.workbook.lastModifiedBy = "PDV";
    }
    // ExcelJS writes the zip uncompressed; notesRepack deflates it with zlib and adds the notes.
    const withNotes = this.workbook.worksheets.filter((ws) => this.notes.has(ws));
    const stored = Buffer.from(await this.workbook.xlsx.writeBuffer({ zip: { compression: "STORE" } } as Partial<ExcelJS.XlsxWriteOptions>));
    let bytes = this.options.excelJsNotes ? null : notesRepack(stored, withNotes.map((ws) => ({ id: ws.id, notes: this.notes.get(ws)! })));
    this.notesWrittenBy = withNotes.length ? (bytes ? "port" : "exceljs") : null;
    if (!bytes) {
      // ExcelJS wrote the first note otherwise than expected: let it write every note itself.
      for (const ws of withNotes) {
        for (const n of this.notes.get(ws)!.slice(1)) ws.getRow(n.row).getCell(n.col).note = n.text;
        this.notes.delete(ws);
      }
      bytes = Buffer.from(await this.workbook.xlsx.writeBuffer());
    }
    const withCharts = this.workbook.worksheets.filter((ws) => this.charts.has(ws)).map((ws) => ({ ...this.charts.get(ws)!, name: ws.name }));
    if (withCharts.length) bytes = Buffer.from(addCharts(bytes, withCharts, fixed));
    if (fixed) stampZipEntries(bytes, fixed);
    return bytes;
  }

  /** Save to a file, atomically (temporary file in the same folder, then rename). Never over the input. */
  async save(filePath: string): Promise<void> {
    refuseInput(filePath, this.options.openedFrom);
    await writeFileAtomic(filePath, await this.toBuffer());
  }
}

/** A port over an ExcelJS workbook (a new empty one when none is given). */
export function createXlsxPort(workbook?: ExcelJS.Workbook, options: XlsxPortOptions = {}): XlsxPort {
  return new XlsxPort(workbook ?? new (excelJs().Workbook)(), options);
}

/** Open an .xlsx file read-only into memory (checked first); `save` refuses to write over it. */
export async function openXlsxPort(filePath: string, options: Omit<XlsxPortOptions, "openedFrom"> = {}): Promise<XlsxPort> {
  const bytes = await readFileBytes(filePath);
  const wb = await loadXlsx(bytes, path.basename(filePath));
  return new XlsxPort(wb, { ...options, openedFrom: filePath }, bytes);
}
