/**
 * The committee's parameters as `pdv template` and `pdv samples` take them (--ten, --nam, --tu,
 * --den, --han, --chi-tieu, --co-quan, --ma-db, declared with their help), and the roster CSV both
 * read.
 */
import { promises as fs } from "fs";
import * as path from "path";
import type { DistrictParams } from "../core/model";
import { DEFAULT_PARAMS } from "../core/blank";
import type { RosterRow } from "../core/blank";
import { CsvError, parseRosterCsv } from "../core/csv";
import { formatDate, parseDateText, serialToYmd, ymdToSerial } from "../core/dates";
import { parseViNumber } from "../core/vi";
import { decodeCsvBytes } from "../flows/csv-bytes";
import { CliError } from "./args";
import type { Parsed } from "./args";
import type { OptionDecl } from "./command";

/**
 * The roster units of a UTF-8 (or UTF-16 with BOM) CSV file (flows/csv-bytes.ts, core/csv.ts).
 * Throws CliError naming the file when it cannot be read, is not text or not UTF-8 (naming the
 * line), has no unit, or breaks a CSV rule.
 */
export async function readRosterCsv(csvPath: string): Promise<RosterRow[]> {
  let bytes: Uint8Array;
  try {
    const st = await fs.stat(csvPath);
    if (st.isDirectory()) throw new CliError(`${csvPath} là một thư mục, không phải tệp danh mục .csv.`);
    bytes = await fs.readFile(csvPath);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`Không đọc được tệp danh mục ${csvPath}.`);
  }
  try {
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) throw new CsvError(`Tệp ${path.basename(csvPath)} không phải tệp văn bản CSV (UTF-8).`);
    const text = decodeCsvBytes(bytes, path.basename(csvPath));
    if (text.includes("\u0000")) throw new CsvError(`Tệp ${path.basename(csvPath)} không phải tệp văn bản CSV (UTF-8).`);
    const rows = parseRosterCsv(text);
    if (rows.length === 0) throw new CliError(`Tệp danh mục ${csvPath} không có đơn vị nào.`);
    return rows;
  } catch (err) {
    if (err instanceof CsvError) throw new CliError(err.message.includes(path.basename(csvPath)) ? err.message : `${path.basename(csvPath)}: ${err.message}`);
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

/** The serial date of option --`name` (dd/mm/yyyy), undefined when absent; CliError when not a date. */
export function dateOption(p: Parsed, name: string): number | undefined {
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

/** The parameter options of `template` and `samples`, with their help. */
export const PARAM_OPTIONS: Record<string, OptionDecl> = {
  ten: { type: "string", value: "<tên đảng bộ>", description: 'mặc định "Đảng bộ huyện Phú Bình"' },
  nam: { type: "string", value: "<năm>", description: "mặc định 2020" },
  tu: { type: "string", value: "<dd/mm/yyyy>", description: "từ ngày; mặc định 01/01 của năm báo cáo" },
  den: { type: "string", value: "<dd/mm/yyyy>", description: "đến ngày (ngày chốt số liệu); mặc định 31/08 của năm báo cáo" },
  han: { type: "string", value: "<dd/mm/yyyy>", description: "hạn nộp báo cáo; mặc định 05/09 của năm báo cáo" },
  "chi-tieu": {
    type: "string",
    value: "<số>",
    description: "chỉ tiêu kết nạp cấp trên giao cho đảng bộ; mặc định tổng chỉ\ntiêu các đơn vị trong danh mục (253 với danh mục mẫu)",
  },
  "co-quan": {
    type: "string",
    value: "<tên>",
    description:
      'cơ quan nhận và tổng hợp báo cáo, ví dụ "Ban Tổ chức Tỉnh ủy\nNinh Thuận", "Ban Xây dựng Đảng Đảng ủy phường …"; mặc định\n"Ban Tổ chức Huyện ủy Phú Bình" khi không có --ten, bỏ trống khi có',
  },
  "ma-db": { type: "string", value: "<mã>", description: "mã của đảng bộ trong danh mục của cấp trên (không bắt buộc)" },
};
