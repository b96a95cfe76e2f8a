/**
 * The inputs and outputs every `pdv` command shares: where it prints (Io), reading a workbook or a
 * folder input into grids (loadInput), and refusing an output that is one of the inputs
 * (checkOutput). Inputs are only ever read.
 */
import { promises as fs, statSync } from "fs";
import * as path from "path";
import type { SheetGrid, UnreadableFile, WorkbookInput } from "../core/types";
import type { Analysis } from "../core/model";
import { GENERATED_SHEETS, SHEET_ROSTER } from "../core/template";
import { analyzePrepared, isReportSheet, prepareSheet } from "../core/analyze";
import type { PreparedInput } from "../core/analyze";
import type { PreparedSheet } from "../core/prepare";
import { findRosterSheet } from "../core/roster";
import { openPackagePort } from "../workbook/xlsx/package-port";
import type { PackagePort } from "../workbook/xlsx/package-port";
import { CliError } from "./args";
import { clip } from "./text";
import { formatInteger } from "../core/vi";
import { readUnitFile, unreadableOf } from "./unit-file";
import type { Keeper, UnitFileResult } from "./unit-file";
import { ReadPool, readThreads } from "./read-pool";
import { listFolderFiles } from "./folder";

/** Where the command writes; replaceable in tests. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** stderr is a terminal (progress lines are shown only then). */
  stderrIsTTY: boolean;
}

/** The name of the roster workbook inside an input folder. */
export const ROSTER_FILE = "danh-muc.xlsx";
/** Show progress for folders of at least this many files (when stderr is a terminal). */
const PROGRESS_FROM = 10;

/** A folder's file that is not used: not readable, or (notReport) holding no PDV-01 sheet. */
export type Unreadable = UnreadableFile;

/** What every loaded input has besides its sheets. */
interface Loaded {
  kind: "workbook" | "folder";
  /** The workbook (file input: written into a copy of its own package) or the roster workbook (folder input), in memory. */
  port: PackagePort;
  /** Every file read, resolved (outputs must differ from all of them). */
  files: string[];
  unreadable: Unreadable[];
  /** Files of a folder input that PDV itself wrote (feedback, this folder's summary), skipped; relative paths. */
  skipped: string[];
}

/** An input read into grids (every sheet's values and fonts), for commands that need the grids. */
export interface LoadedInput extends Loaded {
  input: WorkbookInput;
}

/**
 * An input read one file at a time into what the analysis needs (core/prepare.ts): only DanhMuc
 * stays a grid. `analyzePrepared(prepared)` is `analyzeWorkbook(input)` of loadInput's result.
 */
export interface LoadedPrepared extends Loaded {
  prepared: PreparedInput;
}

function isRosterFile(name: string): boolean {
  return name.toLowerCase() === ROSTER_FILE;
}

/** Most file names listed in the line about ignored files; the rest are counted. */
const IGNORED_LISTED = 10;

/**
 * The line about a folder's files that are not spreadsheets and are not read (a .pdf, a .docx, a
 * photo…), naming up to IGNORED_LISTED of them, e.g. "Không đọc 2 tệp không phải sổ tính Excel:
 * a.pdf, b.docx. Nếu trong đó có báo cáo của đơn vị, đơn vị cần gửi lại dạng .xlsx (mẫu PDV-01)."
 */
export function ignoredLine(names: string[]): string {
  const shown = names.slice(0, IGNORED_LISTED).join(", ");
  const more = names.length > IGNORED_LISTED ? ` và ${formatInteger(names.length - IGNORED_LISTED)} tệp khác` : "";
  return (
    `Không đọc ${formatInteger(names.length)} tệp không phải sổ tính Excel: ${shown}${more}. ` +
    `Nếu trong đó có báo cáo của đơn vị, đơn vị cần gửi lại dạng .xlsx (mẫu PDV-01).`
  );
}

/** A file a folder input should not hold as a unit report, with the reason; null when fine. */
function skipReason(name: string): "ignore" | string | null {
  const ext = path.extname(name).toLowerCase();
  if (ext === ".xlsx") return null;
  if (ext === ".xls") return `Tệp ${name} là sổ tính Excel cũ (.xls); hãy mở bằng Excel và lưu lại dạng .xlsx.`;
  if (ext === ".xlsm") return `Tệp ${name} chứa macro (.xlsm); hãy lưu lại dạng "Excel Workbook (.xlsx)".`;
  if (ext === ".xlsb") return `Tệp ${name} là sổ tính nhị phân (.xlsb); hãy lưu lại dạng .xlsx.`;
  if (ext === ".ods") return `Tệp ${name} là bảng tính OpenDocument (.ods); hãy lưu lại dạng .xlsx.`;
  return "ignore";
}

/**
 * How a folder's unit files are read: `start` (optional) is called once they are known, before
 * the roster file is read; `read` must then call `deliver` once per unit file, in order, with what
 * was kept of it; `stop` (optional) is called instead of `read` when the roster file fails.
 */
interface UnitReading<T> {
  start?(units: string[]): void;
  read(units: string[], ownRoster: SheetGrid | undefined, rosterSheets: SheetGrid[], deliver: (i: number, r: UnitFileResult<T>) => void): Promise<void>;
  stop?(): void;
}

/** Read a folder input: the roster file, then each unit file through `reading`. DanhMuc's sheets are returned as grids. */
async function readFolder<T>(dir: string, io: Io, reading: UnitReading<T>): Promise<Loaded & { rosterSheets: SheetGrid[]; kept: T[] }> {
  let names: string[];
  try {
    names = await listFolderFiles(dir);
  } catch {
    throw new CliError(`Không đọc được thư mục ${dir}.`);
  }
  const rosterName = names.find(isRosterFile);
  if (!rosterName) {
    throw new CliError(`Thư mục ${dir} không có tệp ${ROSTER_FILE} (sổ có sheet ${SHEET_ROSTER}); không biết danh mục đơn vị.`);
  }
  const unreadable: Unreadable[] = [];
  const units: string[] = [];
  const ignored: string[] = [];
  for (const name of names) {
    if (isRosterFile(name)) continue;
    const why = skipReason(name);
    if (why === "ignore") {
      ignored.push(name);
      continue;
    }
    if (why) unreadable.push({ file: name, reason: why });
    else units.push(name);
  }
  reading.start?.(units);
  const rosterPath = path.join(dir, rosterName);
  let port: PackagePort;
  let rosterSheets: SheetGrid[];
  try {
    // The summary is written into a copy of the roster file, which keeps everything it holds.
    port = await openPackagePort(rosterPath, { sourceFile: rosterName });
    rosterSheets = (await port.readWorkbook({ formulas: false, fonts: true })).sheets.filter(
      (s) => s.name.toLowerCase() === SHEET_ROSTER.toLowerCase(),
    );
  } catch (err) {
    reading.stop?.();
    throw err;
  }
  const files = [path.resolve(rosterPath)];
  const skipped: string[] = [];
  const unstamped: string[] = [];
  const ownRoster = findRosterSheet(rosterSheets);
  const kept: T[] = [];
  const progress = io.stderrIsTTY && units.length >= PROGRESS_FROM;
  await reading.read(units, ownRoster, rosterSheets, (i, r) => {
    const name = units[i];
    if (progress) io.stderr(`\rĐang đọc tệp ${i + 1}/${units.length}: ${clip(name, 46).padEnd(40)}`);
    if (r.kind === "skipped") {
      skipped.push(name);
      if (r.unstamped) unstamped.push(name);
      return;
    }
    files.push(path.resolve(dir, name));
    if (r.kind === "unreadable") unreadable.push(unreadableOf(name, r));
    else for (const k of r.items) kept.push(k);
  });
  if (progress) io.stderr(`\r${" ".repeat(70)}\r`);
  if (skipped.length) io.stderr(`Bỏ qua ${skipped.length} tệp do PDV ghi ra (phản hồi, bảng tổng hợp), không phải báo cáo của đơn vị: ${skipped.join(", ")}\n`);
  if (unstamped.length) io.stderr(`${unstampedHint(unstamped)}\n`);
  // Anything else in the folder (a .pdf, a .docx, a .csv…) is not read; say so, so that a report
  // sent in another format is not lost without a word.
  if (ignored.length) io.stderr(`${ignoredLine(ignored)}\n`);
  return { kind: "folder", port, files, unreadable, skipped, rosterSheets, kept };
}

/**
 * The line for feedback files written by a PDV older than the stamp (core/own-output.ts): whether
 * a unit corrected the copy inside cannot be told, so they stay skipped; say how to send a correction.
 */
function unstampedHint(names: string[]): string {
  return (
    `Trong đó ${names.length} tệp phản hồi do bản PDV cũ ghi ra, không biết đơn vị có sửa bản sao báo cáo bên trong hay không nên không đọc: ${names.join(", ")}. ` +
    `Nếu đơn vị đã sửa báo cáo trong tệp đó: chép sheet báo cáo sang một tệp mới đặt vào thư mục (và bỏ tệp cũ của đơn vị ra), ` +
    `hoặc chạy lại pdv feedback bằng bản này để gửi đơn vị tệp phản hồi mới, sửa trong đó và gửi lại.`
  );
}

async function loadFolder(dir: string, io: Io): Promise<LoadedInput> {
  const grids: Keeper<SheetGrid> = { take: (g) => g, isReport: isReportSheet };
  const { rosterSheets, kept, ...loaded } = await readFolder<SheetGrid>(dir, io, {
    read: async (names, ownRoster, _rosterSheets, deliver) => {
      for (let i = 0; i < names.length; i++) deliver(i, readUnitFile(dir, names[i], ownRoster, grids));
    },
  });
  // Unreadable files still count as received (rule S09): the core matches them to their units.
  return { ...loaded, input: { sheets: [...rosterSheets, ...kept], unreadable: loaded.unreadable } };
}

async function loadPreparedFolder(dir: string, io: Io): Promise<LoadedPrepared> {
  // DanhMuc as analyzeWorkbook would find it among the sheets: the roster file's, else (never in
  // practice: unit files' DanhMuc sheets are left out) the first kept sheet of that name.
  let roster: SheetGrid | undefined;
  let pool: ReadPool | undefined;
  const { rosterSheets, kept, ...loaded } = await readFolder<PreparedSheet>(dir, io, {
    // The unit files are read on readThreads(…) threads (read-pool.ts), their results taken in
    // order; the workers start loading while the roster file is read.
    start: (names) => void (pool = ReadPool.start(dir, readThreads(names.length))),
    read: (names, ownRoster, rosterSheets, deliver) =>
      pool!.read({ names, ownRoster, watchRoster: findRosterSheet(rosterSheets) === undefined }, (i, r) => {
        roster ??= r.roster;
        deliver(i, r);
      }),
    stop: () => void pool?.close(),
  });
  const sheets = [...rosterSheets.map(prepareSheet), ...kept];
  return { ...loaded, prepared: { roster: findRosterSheet(rosterSheets) ?? roster, sheets, unreadable: loaded.unreadable } };
}

async function statInput(input: string): Promise<{ isDirectory(): boolean }> {
  try {
    return await fs.stat(input);
  } catch {
    throw new CliError(`Không tìm thấy ${input} (cần một tệp .xlsx hoặc một thư mục có ${ROSTER_FILE}).`);
  }
}

/**
 * Read `input` (an .xlsx workbook, or a folder of danh-muc.xlsx and one .xlsx per unit) into grids.
 * Throws CliError when the path does not exist or a folder has no roster file, PortError when the
 * workbook (or the roster file) is not a readable .xlsx; a folder's unreadable unit files are
 * returned in `unreadable` (rule S09), never thrown.
 */
export async function loadInput(input: string, io: Io): Promise<LoadedInput> {
  if ((await statInput(input)).isDirectory()) return loadFolder(input, io);
  const { port, sheets, state } = await openWorkbook(input);
  return { kind: "workbook", input: { sheets, state }, port, files: [path.resolve(input)], unreadable: [], skipped: [] };
}

/**
 * `loadInput` for commands that need only the analysis (validate, consolidate, report, export):
 * a folder's unit files are read one at a time and each is reduced to what the analysis needs
 * (core/prepare.ts) before the next, so memory does not grow with the grids of every unit. Same
 * errors as loadInput; `analyzePrepared(result.prepared)` equals `analyzeWorkbook(loadInput(…).input)`.
 */
export async function loadPrepared(input: string, io: Io): Promise<LoadedPrepared> {
  if ((await statInput(input)).isDirectory()) return loadPreparedFolder(input, io);
  const { port, sheets, state } = await openWorkbook(input);
  const prepared: PreparedInput = { roster: findRosterSheet(sheets), sheets: sheets.map(prepareSheet), state };
  return { kind: "workbook", prepared, port, files: [path.resolve(input)], unreadable: [], skipped: [] };
}

/** A loaded input's analysis, with the DanhMuc grid it was read from; the prepared sheets are gone. */
export interface AnalyzedInput extends Loaded {
  analysis: Analysis;
  roster: SheetGrid | undefined;
}

/**
 * `loadPrepared` then `analyzePrepared`: what validate, consolidate, report and export start from.
 * The prepared sheets (among them every sheet's fingerprint text, 17 MB for 4,800 units) are not
 * kept past the analysis, so they do not add to the memory the writing of the output needs.
 */
export async function loadAnalysis(input: string, io: Io): Promise<AnalyzedInput> {
  const { prepared, ...loaded } = await loadPrepared(input, io);
  return { ...loaded, analysis: analyzePrepared(prepared), roster: prepared.roster };
}

async function openWorkbook(input: string): Promise<{ port: PackagePort; sheets: SheetGrid[]; state?: Record<string, string> }> {
  const port = await openPackagePort(input);
  const snap = await port.readWorkbook({ formulas: false, fonts: true, skip: GENERATED_SHEETS });
  return { port, sheets: snap.sheets, state: snap.state };
}

/** Refuse an output path that is one of the inputs (also through links). */
export async function checkOutput(out: string, inputs: string[], what = "tệp kết quả"): Promise<string> {
  const target = path.resolve(out);
  const ext = path.extname(target).toLowerCase();
  if (ext !== ".xlsx") throw new CliError(`Tên ${what} ${out} phải có đuôi .xlsx.`);
  let outStat: { dev: number; ino: number } | null = null;
  try {
    const s = await fs.stat(target);
    if (s.isDirectory()) throw new CliError(`${out} là một thư mục; hãy ghi rõ tên ${what} .xlsx.`);
    outStat = s;
  } catch (err) {
    if (err instanceof CliError) throw err;
  }
  const refuse = () => new CliError(`Không ghi đè tệp đầu vào ${out}; hãy chọn ${what} khác.`);
  if (inputs.some((inp) => path.resolve(inp) === target)) throw refuse();
  if (outStat) {
    // The same file under another name (a link). Synchronous stats: for thousands of inputs the
    // asynchronous ones' thread pool round trips cost several times more.
    for (const inp of inputs) {
      let s: { dev: number; ino: number };
      try {
        s = statSync(inp);
      } catch {
        continue; // an input that vanished cannot be overwritten
      }
      if (s.dev === outStat.dev && s.ino === outStat.ino) throw refuse();
    }
  }
  return target;
}

