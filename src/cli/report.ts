/**
 * `pdv report <input> --out <file.docx> [--dia-danh <tên>] [--ngay dd/mm/yyyy]`: the Board's
 * report (core/report-doc.ts) written as an editable Word document (src/report/docx.ts).
 */
import { promises as fs } from "fs";
import * as path from "path";
import { analyzeWorkbook } from "../core/analyze";
import { consolidate, ConsolidationError } from "../core/consolidate";
import { findRosterSheet } from "../core/roster";
import { boardOf } from "../core/board";
import { reportDocument } from "../core/report-doc";
import { formatDate, parseDateText } from "../core/dates";
import { formatInteger, formatPercent } from "../core/vi";
import { renderReportDocx } from "../report/docx";
import { CliError, requireString } from "./args";
import type { Parsed } from "./args";
import type { CliDeps } from "./deps";
import type { Io, LoadedInput } from "./main";
import type { Summary } from "../core/model";
import type { Board } from "../core/board";

export const REPORT_HELP = `pdv report <đầu vào> --out <bao-cao.docx> [--dia-danh <tên>] [--ngay <dd/mm/yyyy>] [--json]
    Lập dự thảo báo cáo kết quả công tác phát triển đảng viên (Word, sửa được): tiêu đề, địa danh
    và ngày tháng, các đoạn nhận xét (kết quả, nguồn và hồ sơ, tiến độ và dự báo, đơn vị chậm tiến
    độ, đơn vị chưa báo cáo), khối chữ ký, và bảng tổng hợp ở phụ lục khổ A4 ngang.
      --dia-danh <tên>      địa danh ở dòng ngày tháng (mặc định để dấu chấm để điền)
      --ngay <dd/mm/yyyy>   ngày của báo cáo (mặc định "ngày … tháng … năm …")
`;

/** What `report` and `export` start from: the summary of the input, its Board, --out, --dia-danh and --ngay. */
export interface DocumentSource {
  summary: Summary;
  board: Board;
  loaded: LoadedInput;
  outArg: string;
  place: string | null;
  /** Serial date of the document, or null. */
  date: number | null;
}

/**
 * Read the input of `pdv <command> <input> --out … [--dia-danh …] [--ngay …]` and consolidate it;
 * null (message on stderr) when it cannot be consolidated. Throws CliError for bad arguments.
 */
export async function documentSource(p: Parsed, command: string, outWhat: string, io: Io, deps: CliDeps): Promise<DocumentSource | null> {
  const input = p.positionals[0];
  if (!input) throw new CliError(`Lệnh ${command} cần đường dẫn tới sổ báo cáo .xlsx hoặc thư mục. Xem: pdv ${command} --help`);
  const outArg = requireString(p, "out", command, outWhat);
  let date: number | null = null;
  if (typeof p.values.ngay === "string") {
    date = parseDateText(p.values.ngay);
    if (date === null) throw new CliError(`--ngay phải là ngày dạng dd/mm/yyyy (nhận "${p.values.ngay}").`);
  }
  const place = typeof p.values["dia-danh"] === "string" ? p.values["dia-danh"].normalize("NFC").trim() : null;
  const loaded = await deps.loadInput(input, io);
  let summary: Summary;
  try {
    summary = consolidate(analyzeWorkbook(loaded.input));
  } catch (err) {
    if (err instanceof ConsolidationError) {
      io.stderr(`pdv: ${err.message}\n`);
      return null;
    }
    throw err;
  }
  const board = boardOf(summary.params, findRosterSheet(loaded.input.sheets));
  return { summary, board, loaded, outArg, place, date };
}

async function checkDocxOutput(out: string, inputs: string[]): Promise<string> {
  const target = path.resolve(out);
  if (path.extname(target).toLowerCase() !== ".docx") throw new CliError(`Tên tệp báo cáo ${out} phải có đuôi .docx.`);
  if (inputs.some((i) => path.resolve(i) === target)) throw new CliError(`Không ghi đè tệp đầu vào ${out}.`);
  try {
    if ((await fs.stat(target)).isDirectory()) throw new CliError(`${out} là một thư mục; hãy ghi rõ tên tệp .docx.`);
  } catch (err) {
    if (err instanceof CliError) throw err;
  }
  return target;
}

async function writeAtomically(target: string, bytes: Uint8Array, shown: string): Promise<void> {
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, target);
  } catch {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new CliError(`Không ghi được tệp ${shown}.`);
  }
}

/** Run `pdv report`; 0 when every unit is included, 1 when some are not (the report is still written). */
export async function cmdReport(p: Parsed, io: Io, deps: CliDeps): Promise<number> {
  const src = await documentSource(p, "report", "<tệp báo cáo .docx>", io, deps);
  if (!src) return 1;
  const { summary, board, loaded, outArg, place, date } = src;
  const out = await checkDocxOutput(outArg, loaded.files);
  const doc = reportDocument(summary, board, { place, date });
  await writeAtomically(out, await renderReportDocx(doc), outArg);
  const included = summary.included.length;
  if (p.values.json) {
    io.stdout(`${JSON.stringify({ output: out, units: { expected: summary.expected, included }, totals: summary.totals, ratio: summary.ratio }, null, 2)}\n`);
  } else {
    io.stdout(
      `Đã ghi dự thảo báo cáo: ${out}\n${summary.params.name}, số liệu đến ngày ${formatDate(summary.params.to)}: ` +
        `${formatInteger(included)}/${formatInteger(summary.expected)} đơn vị, đã kết nạp ${formatInteger(summary.totals.KN_DAKETNAP)}` +
        `${summary.ratio === null ? "" : ` (${formatPercent(summary.ratio)} chỉ tiêu)`}.\n`,
    );
  }
  return included === summary.expected ? 0 : 1;
}
