/**
 * The `pdv` command: template, validate, consolidate, samples. A thin shell over the core and the
 * .xlsx adapter. Inputs are only ever read; every user error is one Vietnamese line on stderr with
 * exit status 2; validation problems give status 1.
 */
import { promises as fs } from "fs";
import * as path from "path";
import type { Finding, SheetGrid, WorkbookInput } from "../core/types";
import type { Analysis, DistrictParams, Summary, SummaryRow } from "../core/model";
import { UNIT_STATE_LABELS } from "../core/model";
import { analyzeWorkbook } from "../core/analyze";
import { consolidate, ConsolidationError } from "../core/consolidate";
import { summaryPlan } from "../core/layout";
import { DEFAULT_PARAMS, reportedValues, rosterSheetPlan, unitSheetPlan } from "../core/blank";
import type { RosterRow } from "../core/blank";
import { CsvError, parseRosterCsv } from "../core/csv";
import { GENERATED_SHEETS, SHEET_CHECK, SHEET_REPORT_UP, SHEET_ROSTER, SHEET_SUMMARY } from "../core/template";
import { exportUpPlan } from "../core/export-up";
import { committeeSheets } from "../core/committee-file";
import { coverageText } from "../core/rollup";
import { formatDate, parseDateText, serialToYmd, ymdToSerial } from "../core/dates";
import { formatInteger, parseViNumber } from "../core/vi";
import { describePlace } from "../core/rules/catalog";
import { rowFigures, rowLabel } from "../core/summary-text";
import { PortError } from "../workbook/port";
import { createXlsxPort, openPackagePort, readBook, readFileBytes } from "../workbook/xlsx";
import type { PackagePort } from "../workbook/xlsx";
import { CliError, parseCommand, requireString } from "./args";
import type { Parsed } from "./args";
import { HELP, clip, table } from "./text";
import type { CliDeps } from "./deps";
import { FEEDBACK_HELP, cmdFeedback } from "./feedback";
import { REPORT_HELP, cmdReport } from "./report";
import { cmdResubmit } from "./resubmit";
import { EXPORT_HELP, cmdExport } from "./export";
import { listFolderFiles } from "./folder";

/** Where the command writes; replaceable in tests. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** stderr is a terminal (progress lines are shown only then). */
  stderrIsTTY: boolean;
}

const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stderrIsTTY: Boolean(process.stderr.isTTY),
};

/** The name of the roster workbook inside an input folder. */
export const ROSTER_FILE = "danh-muc.xlsx";
/** Show progress for folders of at least this many files (when stderr is a terminal). */
const PROGRESS_FROM = 10;

/* ------------------------------------------------------------------ inputs */

export interface Unreadable {
  file: string;
  reason: string;
}

export interface LoadedInput {
  kind: "workbook" | "folder";
  input: WorkbookInput;
  /** The workbook (file input: written into a copy of its own package) or the roster workbook (folder input), in memory. */
  port: PackagePort;
  /** Every file read, resolved (outputs must differ from all of them). */
  files: string[];
  unreadable: Unreadable[];
}

function isRosterFile(name: string): boolean {
  return name.toLowerCase() === ROSTER_FILE;
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

async function loadFolder(dir: string, io: Io): Promise<LoadedInput> {
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
  const rosterPath = path.join(dir, rosterName);
  // The summary is written into a copy of the roster file, which keeps everything it holds.
  const port = await openPackagePort(rosterPath, { sourceFile: rosterName });
  const rosterSheets = (await port.readWorkbook({ formulas: false, fonts: true })).sheets.filter(
    (s) => s.name.toLowerCase() === SHEET_ROSTER.toLowerCase(),
  );
  const files = [path.resolve(rosterPath)];
  const unreadable: Unreadable[] = [];
  const units: string[] = [];
  for (const name of names) {
    if (isRosterFile(name)) continue;
    const why = skipReason(name);
    if (why === "ignore") continue;
    if (why) unreadable.push({ file: name, reason: why });
    else units.push(name);
  }
  const sheets: SheetGrid[] = [...rosterSheets];
  const progress = io.stderrIsTTY && units.length >= PROGRESS_FROM;
  for (let i = 0; i < units.length; i++) {
    const name = units[i];
    if (progress) io.stderr(`\rĐang đọc tệp ${i + 1}/${units.length}: ${clip(name, 46).padEnd(40)}`);
    const full = path.join(dir, name);
    files.push(path.resolve(full));
    try {
      // A committee's file (one level up, issue 14) counts by its report to the level above only.
      const { sheets: grids, state } = readBook(await readFileBytes(full), name, { formulas: false, fonts: true, skip: [SHEET_SUMMARY, SHEET_CHECK] });
      for (const g of grids) g.source = { file: name };
      const rest = grids.filter((g) => ![SHEET_ROSTER, SHEET_REPORT_UP].some((s) => s.toLowerCase() === g.name.toLowerCase()));
      sheets.push(...(committeeSheets(grids, state) ?? rest));
    } catch (err) {
      // No file stops the others: whatever went wrong becomes that file's one Vietnamese line.
      const reason = err instanceof PortError ? err.message : `Tệp ${name} không đọc được (lỗi không mong đợi khi đọc: ${oneLine(String((err as Error)?.message ?? err)).slice(0, 120)}).`;
      unreadable.push({ file: name, reason });
    }
  }
  if (progress) io.stderr(`\r${" ".repeat(70)}\r`);
  // Unreadable files still count as received (rule S09): the core matches them to their units.
  return { kind: "folder", input: { sheets, unreadable }, port, files, unreadable };
}

export async function loadInput(input: string, io: Io): Promise<LoadedInput> {
  let st;
  try {
    st = await fs.stat(input);
  } catch {
    throw new CliError(`Không tìm thấy ${input} (cần một tệp .xlsx hoặc một thư mục có ${ROSTER_FILE}).`);
  }
  if (st.isDirectory()) return loadFolder(input, io);
  const port = await openPackagePort(input);
  const snap = await port.readWorkbook({ formulas: false, fonts: true, skip: GENERATED_SHEETS });
  return {
    kind: "workbook",
    input: { sheets: snap.sheets, state: snap.state },
    port,
    files: [path.resolve(input)],
    unreadable: [],
  };
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
  for (const inp of inputs) {
    let same = path.resolve(inp) === target;
    if (!same && outStat) {
      try {
        const s = await fs.stat(inp);
        same = s.dev === outStat.dev && s.ino === outStat.ino;
      } catch {
        /* an input that vanished cannot be overwritten */
      }
    }
    if (same) throw new CliError(`Không ghi đè tệp đầu vào ${out}; hãy chọn ${what} khác.`);
  }
  return target;
}

/* ------------------------------------------------------------------ validate */

function countFindings(findings: Finding[]): { errors: number; warnings: number } {
  const errors = findings.filter((f) => f.severity === "error").length;
  return { errors, warnings: findings.filter((f) => f.severity === "warning").length };
}

export function findingJson(f: Finding): Record<string, unknown> {
  const o: Record<string, unknown> = {
    severity: f.severity,
    rule: f.rule,
    sheet: f.sheet,
    cell: f.cell,
    unit: f.unit,
    message: f.message,
  };
  if (f.file) o.file = f.file;
  return o;
}

export function findingLine(f: Finding): string {
  const level = f.severity === "error" ? "LỖI" : f.severity === "warning" ? "Cảnh báo" : "Thông tin";
  const where = describePlace({ sheet: f.sheet, cell: f.cell, file: f.file });
  return `- [${level}] ${f.rule}${f.unit ? ` ${f.unit}` : ""}${where ? ` (${where})` : ""}: ${f.message}`;
}

function unitsTable(analysis: Analysis): string {
  const rows = analysis.units.map((u) => [
    u.code,
    clip(u.name, 34),
    UNIT_STATE_LABELS[u.state],
    u.errors ? formatInteger(u.errors) : "",
    u.warnings ? formatInteger(u.warnings) : "",
  ]);
  return table(["Mã", "Tên đơn vị", "Trạng thái", "Lỗi", "Cảnh báo"], rows, ["left", "left", "left", "right", "right"]);
}

/** S09 findings no unit could be named for (those of a unit show as the unit's exclusion). */
function unplacedLines(analysis: Analysis): string[] {
  return analysis.findings.filter((f) => f.rule === "S09" && !f.unit).map((f) => `- [LỖI] ${f.message}`);
}

async function cmdValidate(p: Parsed, io: Io): Promise<number> {
  const input = p.positionals[0];
  if (!input) throw new CliError("Lệnh validate cần đường dẫn tới sổ báo cáo .xlsx hoặc thư mục. Xem: pdv validate --help");
  const loaded = await loadInput(input, io);
  const analysis = analyzeWorkbook(loaded.input);
  const { errors, warnings } = countFindings(analysis.findings);
  const totalErrors = errors;
  const ok = totalErrors === 0 && analysis.missing.length === 0 && analysis.roster !== null;
  if (p.values.json) {
    const out: Record<string, unknown> = {
      ok,
      errors: totalErrors,
      warnings,
      units: { expected: analysis.expected, received: analysis.received, missing: analysis.missing },
      findings: analysis.findings.map(findingJson),
    };
    if (loaded.unreadable.length) out.unreadable = loaded.unreadable;
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const parts: string[] = [];
    parts.push(`Kiểm tra ${loaded.kind === "folder" ? "thư mục" : "sổ báo cáo"}: ${input}`);
    if (analysis.roster) parts.push(`${analysis.roster.params.name}, số liệu đến ngày ${formatDate(analysis.roster.params.to)}`);
    parts.push(
      `Đơn vị đã nộp: ${formatInteger(analysis.received)}/${formatInteger(analysis.expected)}` +
        (analysis.missing.length ? `; chưa nộp: ${analysis.missing.join(", ")}` : ""),
    );
    parts.push(`Lỗi: ${formatInteger(totalErrors)}; cảnh báo: ${formatInteger(warnings)}`);
    if (analysis.units.length) parts.push("", unitsTable(analysis));
    if (analysis.findings.length) {
      parts.push("", "Chi tiết:");
      const sorted = [...analysis.findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
      parts.push(...sorted.map(findingLine));
    }
    parts.push("", ok ? "Kết quả: đạt, không có lỗi." : "Kết quả: CHƯA ĐẠT, xem các lỗi ở trên.");
    io.stdout(`${parts.join("\n")}\n`);
  }
  return ok ? 0 : 1;
}

/* ------------------------------------------------------------------ consolidate */

/** Today (local time) as an Excel serial. */
function todaySerial(d = new Date()): number {
  return ymdToSerial(d.getFullYear(), d.getMonth() + 1, d.getDate())!;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function nowText(d = new Date()): string {
  return `${two(d.getHours())}:${two(d.getMinutes())} ${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
}

function summaryTable(summary: Summary): string {
  const rows = summary.rows.map((r: SummaryRow) => [
    r.stt !== undefined ? String(r.stt) : "",
    r.code ?? "",
    clip(rowLabel(r, summary), 46),
    ...rowFigures(r),
    r.state ? UNIT_STATE_LABELS[r.state] : "",
  ]);
  return table(
    ["STT", "Mã", "Tên", "Đảng viên", "Bồi dưỡng", "Hồ sơ", "Chỉ tiêu", "Đã kết nạp", "Tỷ lệ", "Trạng thái"],
    rows,
    ["right", "left", "left", "right", "right", "right", "right", "right", "right", "left"],
  );
}

async function cmdConsolidate(p: Parsed, io: Io): Promise<number> {
  const input = p.positionals[0];
  if (!input) throw new CliError("Lệnh consolidate cần đường dẫn tới sổ báo cáo .xlsx hoặc thư mục. Xem: pdv consolidate --help");
  const outArg = requireString(p, "out", "consolidate", "<tệp kết quả .xlsx>");
  const loaded = await loadInput(input, io);
  const out = await checkOutput(outArg, loaded.files);
  const analysis = analyzeWorkbook(loaded.input);
  const { errors } = countFindings(analysis.findings);
  let summary: Summary;
  try {
    summary = consolidate(analysis);
  } catch (err) {
    if (err instanceof ConsolidationError) {
      io.stderr(`pdv: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const port = loaded.port;
  await port.writeSheet(summaryPlan(summary, { links: loaded.kind === "workbook", time: nowText() }));
  // The committee's report to the level above (issue 14), dated the day of consolidation.
  const day = dateOption(p, "ngay") ?? todaySerial();
  await port.writeSheet(exportUpPlan(summary, day));
  await port.save(out);
  const noCode = summary.params.code
    ? null
    : `Lưu ý: sheet ${SHEET_ROSTER} chưa có MA_DB (mã đảng bộ trong danh mục của cấp trên) nên sheet ${SHEET_REPORT_UP} để trống mã đơn vị; cấp trên chưa ghép được báo cáo này.`;

  const included = summary.included.length;
  const ok = errors === 0 && loaded.unreadable.length === 0 && analysis.missing.length === 0 && summary.excluded.length === 0;
  if (p.values.json) {
    const json: Record<string, unknown> = {
      units: { expected: summary.expected, included, excluded: summary.excluded },
      totals: summary.totals,
      ratio: summary.ratio,
      headline: { target: summary.headlineTarget, basis: summary.headlineBasis },
      allocatedRatio: summary.allocatedRatio,
      committee: { name: summary.params.name, board: summary.params.board ?? null, code: summary.params.code ?? null },
      narrative: summary.narrative,
      output: out,
      export: { sheet: SHEET_REPORT_UP, code: summary.params.code ?? null, date: formatDate(day) },
    };
    if (summary.leaves) json.leaves = summary.leaves;
    if (summary.partial.length) json.partial = summary.partial;
    if (loaded.unreadable.length) json.unreadable = loaded.unreadable;
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    const parts: string[] = [];
    parts.push("BÁO CÁO KẾT QUẢ PHÁT TRIỂN ĐẢNG VIÊN");
    parts.push(`${summary.params.name} — số liệu tính đến ngày ${formatDate(summary.params.to)}`);
    parts.push(
      summary.leaves
        ? `Được tổng hợp: ${coverageText(included, summary.expected, summary)}`
        : `Đơn vị được tổng hợp: ${formatInteger(included)}/${formatInteger(summary.expected)}`,
    );
    parts.push("", summaryTable(summary), "", summary.narrative);
    const unplaced = unplacedLines(analysis);
    if (summary.excluded.length || unplaced.length) {
      parts.push("", "Không được tổng hợp:");
      parts.push(...summary.excluded.map((e) => `- ${e.unit}: ${clip(e.reason.replace(/\s+/g, " "), 200)}`));
      parts.push(...unplaced);
    }
    parts.push("", `Đã ghi: ${out} (sheet ${SHEET_SUMMARY} và sheet ${SHEET_REPORT_UP} để gửi cấp trên)`);
    if (noCode) parts.push(noCode);
    io.stdout(`${parts.join("\n")}\n`);
  }
  return ok ? 0 : 1;
}

/* ------------------------------------------------------------------ template and samples */

async function readRosterCsv(csvPath: string): Promise<RosterRow[]> {
  let text: string;
  try {
    const st = await fs.stat(csvPath);
    if (st.isDirectory()) throw new CliError(`${csvPath} là một thư mục, không phải tệp danh mục .csv.`);
    text = await fs.readFile(csvPath, "utf8");
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`Không đọc được tệp danh mục ${csvPath}.`);
  }
  if (text.includes("\u0000") || text.startsWith("PK")) {
    throw new CliError(`Tệp ${csvPath} không phải tệp văn bản CSV (UTF-8).`);
  }
  try {
    const rows = parseRosterCsv(text);
    if (rows.length === 0) throw new CliError(`Tệp danh mục ${csvPath} không có đơn vị nào.`);
    return rows;
  } catch (err) {
    if (err instanceof CsvError) throw new CliError(`${path.basename(csvPath)}: ${err.message}`);
    throw err;
  }
}

function intOption(p: Parsed, name: string, min: number, max: number): number | undefined {
  const v = p.values[name];
  if (typeof v !== "string") return undefined;
  const parsed = parseViNumber(v.trim());
  if (!parsed || !Number.isInteger(parsed.value) || parsed.value < min || parsed.value > max) {
    throw new CliError(`--${name} phải là số nguyên từ ${min} đến ${max} (nhận "${v}").`);
  }
  return parsed.value;
}

function dateOption(p: Parsed, name: string): number | undefined {
  const v = p.values[name];
  if (typeof v !== "string") return undefined;
  const serial = parseDateText(v);
  if (serial === null) throw new CliError(`--${name} phải là ngày dạng dd/mm/yyyy (nhận "${v}").`);
  return serial;
}

/** The reference date (day and month) moved to another year. */
function inYear(serial: number, year: number): number {
  const { m, d } = serialToYmd(serial);
  return ymdToSerial(year, m, d)!;
}

/**
 * The committee's parameters from the flags, defaulting to the reference values (dates moved to
 * --nam). --co-quan and --ma-db are optional; without --co-quan the body is the reference one only
 * when the name is the reference one too (a ward's workbook never names Phú Bình's board).
 */
export function paramsFromFlags(p: Parsed, units: RosterRow[]): DistrictParams {
  const year = intOption(p, "nam", 1930, 9999) ?? DEFAULT_PARAMS.year;
  const name = typeof p.values.ten === "string" ? p.values.ten.trim().normalize("NFC") : DEFAULT_PARAMS.name;
  const from = dateOption(p, "tu") ?? inYear(DEFAULT_PARAMS.from, year);
  const to = dateOption(p, "den") ?? inYear(DEFAULT_PARAMS.to, year);
  const deadline = dateOption(p, "han") ?? inYear(DEFAULT_PARAMS.deadline, year);
  const rosterSum = units.reduce((s, u) => s + (u.target ?? 0), 0);
  const target = intOption(p, "chi-tieu", 0, 10_000_000) ?? (units.length ? rosterSum : DEFAULT_PARAMS.target);
  if (from > to) throw new CliError(`Từ ngày (${formatDate(from)}) phải trước đến ngày (${formatDate(to)}).`);
  const text = (flag: string): string | null | undefined => {
    const v = p.values[flag];
    if (typeof v !== "string") return undefined;
    const t = v.trim().normalize("NFC").replace(/\s+/g, " ");
    return t === "" ? null : t;
  };
  const coQuan = text("co-quan");
  const board = coQuan !== undefined ? coQuan : typeof p.values.ten === "string" ? null : (DEFAULT_PARAMS.board ?? null);
  const code = text("ma-db") ?? null;
  return { name, year, from, to, deadline, target, board, code };
}

const PARAM_OPTIONS = {
  ten: { type: "string" },
  nam: { type: "string" },
  tu: { type: "string" },
  den: { type: "string" },
  han: { type: "string" },
  "chi-tieu": { type: "string" },
  "co-quan": { type: "string" },
  "ma-db": { type: "string" },
} as const;

async function cmdTemplate(p: Parsed, io: Io): Promise<number> {
  const csv = requireString(p, "roster", "template", "<danh mục .csv>");
  const outArg = requireString(p, "out", "template", "<sổ báo cáo .xlsx>");
  const units = await readRosterCsv(csv);
  const out = await checkOutput(outArg, [csv]);
  const params = paramsFromFlags(p, units);
  const port = createXlsxPort();
  await port.addSheets([rosterSheetPlan(params, units), ...units.map((u) => unitSheetPlan(params, u))]);
  await port.save(out);
  io.stdout(
    `Đã tạo sổ báo cáo chuẩn ${out}: sheet ${SHEET_ROSTER} và ${formatInteger(units.length)} sheet PDV-01 ` +
      `(${params.name}${params.board ? `, ${params.board}` : ""}, năm ${params.year}, chỉ tiêu ${formatInteger(params.target)}).\n`,
  );
  return 0;
}

/** A file name for a unit's report: its code, made safe for every file system. */
function unitFileName(code: string): string {
  return `${code.replace(/[<>:"/\\|?*\u0000-\u001f]/g, "_").trim() || "don-vi"}.xlsx`;
}

async function cmdSamples(p: Parsed, io: Io): Promise<number> {
  const csv = requireString(p, "csv", "samples", "<danh mục .csv>");
  const outDir = requireString(p, "out", "samples", "<thư mục>");
  const units = await readRosterCsv(csv);
  const params = paramsFromFlags(p, units);
  const base = path.basename(csv, path.extname(csv));
  const bookPath = await checkOutput(path.join(outDir, `${base}.xlsx`), [csv], "sổ mẫu");
  const folder = path.join(outDir, base);

  // Samples are committed: the same CSV gives the same bytes (dates fixed to the deadline).
  const { y, m, d } = serialToYmd(params.deadline);
  const fixedDate = new Date(Date.UTC(y, m - 1, d));
  const book = createXlsxPort(undefined, { fixedDate });
  await book.addSheets([rosterSheetPlan(params, units), ...units.map((u) => unitSheetPlan(params, u, reportedValues(u)))]);
  await book.save(bookPath);

  const roster = createXlsxPort(undefined, { fixedDate });
  await roster.addSheets([rosterSheetPlan(params, units)]);
  await roster.save(await checkOutput(path.join(folder, ROSTER_FILE), [csv], "danh mục"));
  const seen = new Set<string>([ROSTER_FILE]);
  for (const u of units) {
    const name = unitFileName(u.code);
    if (seen.has(name.toLowerCase())) throw new CliError(`Hai đơn vị cùng tên tệp ${name}; kiểm tra cột MA_DV.`);
    seen.add(name.toLowerCase());
    const port = createXlsxPort(undefined, { fixedDate });
    await port.addSheets([unitSheetPlan(params, u, reportedValues(u))]);
    await port.save(await checkOutput(path.join(folder, name), [csv], "tệp mẫu"));
  }
  io.stdout(
    `Đã sinh dữ liệu mẫu từ ${csv}:\n- ${bookPath} (${SHEET_ROSTER} và ${formatInteger(units.length)} sheet báo cáo)\n` +
      `- ${path.resolve(folder)}${path.sep} (${ROSTER_FILE} và ${formatInteger(units.length)} tệp báo cáo)\n`,
  );
  return 0;
}

/* ------------------------------------------------------------------ dispatch */

const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const;

/** What the commands in their own files take from this one. */
const DEPS: CliDeps = { loadInput, checkOutput, findingLine, findingJson, now: () => nowText() };

const COMMANDS: Record<
  string,
  { options: Record<string, { type: "string" | "boolean"; short?: string }>; positionals: number; run: (p: Parsed, io: Io) => Promise<number>; help?: string }
> = {
  template: {
    options: { ...HELP_OPTION, roster: { type: "string" }, out: { type: "string" }, ...PARAM_OPTIONS },
    positionals: 0,
    run: cmdTemplate,
  },
  validate: {
    options: { ...HELP_OPTION, json: { type: "boolean" }, truoc: { type: "string" } },
    positionals: 1,
    run: (p, io) => (p.values.truoc === undefined ? cmdValidate(p, io) : cmdResubmit(p, io, DEPS)),
  },
  consolidate: {
    options: { ...HELP_OPTION, out: { type: "string", short: "o" }, json: { type: "boolean" }, ngay: { type: "string" } },
    positionals: 1,
    run: cmdConsolidate,
  },
  samples: {
    options: { ...HELP_OPTION, csv: { type: "string" }, out: { type: "string" }, ...PARAM_OPTIONS },
    positionals: 0,
    run: cmdSamples,
  },
  feedback: {
    options: { ...HELP_OPTION, out: { type: "string", short: "o" }, json: { type: "boolean" } },
    positionals: 1,
    run: (p, io) => cmdFeedback(p, io, DEPS),
    help: FEEDBACK_HELP,
  },
  report: {
    options: { ...HELP_OPTION, out: { type: "string", short: "o" }, "dia-danh": { type: "string" }, ngay: { type: "string" }, json: { type: "boolean" } },
    positionals: 1,
    run: (p, io) => cmdReport(p, io, DEPS),
    help: REPORT_HELP,
  },
  export: {
    options: { ...HELP_OPTION, out: { type: "string", short: "o" }, "bieu-so": { type: "string" }, "dia-danh": { type: "string" }, ngay: { type: "string" } },
    positionals: 1,
    run: (p, io) => cmdExport(p, io, DEPS),
    help: EXPORT_HELP,
  },
};

/** Run `pdv` with its arguments (without "node" and the script); resolves to the exit status. */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined) {
      io.stderr(HELP);
      return 2;
    }
    if (command === "--help" || command === "-h" || command === "help") {
      io.stdout(HELP);
      return 0;
    }
    if (command === "--version" || command === "-v") {
      io.stdout("pdv 0.1.0 (mẫu PDV-01 v1)\n");
      return 0;
    }
    const spec = COMMANDS[command];
    if (!spec) throw new CliError(`Lệnh không hợp lệ: ${command}. Các lệnh: ${Object.keys(COMMANDS).join(", ")}. Xem: pdv --help`);
    const parsed = parseCommand(command, rest, spec.options, spec.positionals);
    if (parsed.values.help) {
      io.stdout(spec.help ?? HELP);
      return 0;
    }
    return await spec.run(parsed, io);
  } catch (err) {
    if (err instanceof CliError || err instanceof PortError) {
      io.stderr(`pdv: ${oneLine(err.message)}\n`);
      return err instanceof CliError ? err.exitCode : 2;
    }
    // A fault of pdv itself: still one line, no stack (PDV_DEBUG=1 shows it).
    if (process.env.PDV_DEBUG) io.stderr(`${(err as Error)?.stack ?? String(err)}\n`);
    io.stderr(`pdv: lỗi không mong đợi: ${oneLine(String((err as Error)?.message ?? err))}\n`);
    return 2;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}
