/**
 * What `pdv report` and `pdv export` start from: the input consolidated (its Summary and Board),
 * --out, --dia-danh and --ngay.
 */
import { consolidate, ConsolidationError } from "../core/consolidate";
import { boardOf } from "../core/board";
import type { Board } from "../core/board";
import type { Summary } from "../core/model";
import { CliError, requireString } from "./args";
import type { Parsed } from "./args";
import { printRefusal } from "./command";
import type { OptionDecl } from "./command";
import { loadAnalysis } from "./input";
import { dateOption } from "./params";
import type { AnalyzedInput, Io } from "./input";

/** --dia-danh and --ngay, as `report` and `export` declare them. */
export const PLACE_DATE_OPTIONS: Record<string, OptionDecl> = {
  "dia-danh": { type: "string", value: "<tên>", description: "địa danh ở dòng ngày tháng (mặc định để dấu chấm để điền)" },
  ngay: { type: "string", value: "<dd/mm/yyyy>", description: 'ngày của văn bản (mặc định "ngày … tháng … năm …")' },
};

/** What `report` and `export` start from: the summary of the input, its Board, --out, --dia-danh and --ngay. */
export interface DocumentSource {
  summary: Summary;
  board: Board;
  loaded: Omit<AnalyzedInput, "analysis">;
  outArg: string;
  place: string | null;
  /** Serial date of the document, or null. */
  date: number | null;
}

/**
 * The `--json` object of `report` and `export`: the file written, units expected and included,
 * the totals (people, by count code) and the headline ratio (a fraction, or null).
 */
export function documentJson(out: string, summary: Summary): string {
  const units = { expected: summary.expected, included: summary.included.length };
  return `${JSON.stringify({ output: out, units, totals: summary.totals, ratio: summary.ratio }, null, 2)}\n`;
}

/**
 * Read the input of `pdv <command> <input> --out … [--dia-danh …] [--ngay …]` and consolidate it;
 * null (message on stderr; with --json also `{ ok: false, refused }` on stdout) when it cannot be consolidated. Throws CliError for bad arguments.
 */
export async function documentSource(p: Parsed, command: string, outWhat: string, io: Io): Promise<DocumentSource | null> {
  const input = p.positionals[0];
  if (!input) throw new CliError(`Lệnh ${command} cần đường dẫn tới sổ báo cáo .xlsx hoặc thư mục. Xem: pdv ${command} --help`);
  const outArg = requireString(p, "out", command, outWhat);
  const date = dateOption(p, "ngay") ?? null;
  const place = typeof p.values["dia-danh"] === "string" ? p.values["dia-danh"].normalize("NFC").trim() : null;
  const { analysis, ...loaded } = await loadAnalysis(input, io);
  let summary: Summary;
  try {
    summary = consolidate(analysis);
  } catch (err) {
    if (err instanceof ConsolidationError) {
      printRefusal(io, err.message, p.values.json === true);
      return null;
    }
    throw err;
  }
  const board = boardOf(summary.params, loaded.roster);
  return { summary, board, loaded, outArg, place, date };
}

