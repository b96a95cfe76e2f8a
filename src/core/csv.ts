/**
 * CSV rosters (the Board's list of units, as in samples/phu-binh-2020.csv): RFC 4180 quoting,
 * optional BOM, CRLF or LF, header row of column codes.
 */
import { UserError } from "./user-error";
import type { RosterRow } from "./blank";
import { quoteTyped } from "./typed";
import { parseViNumber } from "./vi";

export class CsvError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "CsvError";
  }
}

/** A CSV record: its fields and the 1-based line of the file it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * The field separator of a CSV, read from its header line (outside quotes): ";" (the list
 * separator of a Vietnamese Windows, used by Excel's "CSV" there), tab (Excel's "Unicode Text")
 * or ",", whichever occurs most; "," when none does.
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[",", 0], [";", 0], ["\t", 0]]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ",";
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/**
 * Split CSV text into records (blank lines dropped), with the line each starts on. `delimiter`
 * defaults to the one detected from the header line. Throws CsvError on an unclosed quote.
 */
export function parseCsvRecords(text: string, delimiter?: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sep = delimiter ?? detectDelimiter(src);
  const records: CsvRecord[] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const endRow = () => {
    row.push(field);
    field = "";
    records.push({ line: start, fields: row });
    row = [];
  };
  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === "\n" || (ch === "\r" && src[i + 1] !== "\n")) line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
    } else if (ch === sep) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      endRow();
      if (ch === "\r" && src[i + 1] === "\n") i++;
      line++;
      start = line;
    } else {
      field += ch;
    }
    i++;
  }
  if (quoted) throw new CsvError(`Tệp CSV có dấu ngoặc kép chưa đóng (từ dòng ${start}).`);
  if (field !== "" || row.length > 0) endRow();
  return records.filter((r) => r.fields.some((f) => f.trim() !== ""));
}

/** Split CSV text into rows of fields (blank lines dropped; separator detected from the header). */
export function parseCsv(text: string, delimiter?: string): string[][] {
  return parseCsvRecords(text, delimiter).map((r) => r.fields);
}

/** The columns a roster CSV must have. */
const REQUIRED_COLUMNS = ["MA_DV", "TEN_DV", "LOAI_HINH", "KHOI", "KN_CHITIEU"];

/**
 * Roster rows from a CSV with the header codes MA_DV, TEN_DV, LOAI_HINH, KHOI, KN_CHITIEU (others
 * kept in `values`; TEN_SHEET, KN_CUNGKY, DV_DAUNAM read when present). A blank KN_CHITIEU is
 * "không giao" (null), not an error. The separator (",", ";" or tab) is read from the header line.
 * Throws CsvError naming the line and column; two rows with the same MA_DV (or sheet name, case
 * ignored as Excel does) name both lines; a header with none of the required columns names
 * the columns it has.
 */
export function parseRosterCsv(text: string): RosterRow[] {
  const records = parseCsvRecords(text);
  if (records.length === 0) throw new CsvError("Tệp danh mục CSV trống.");
  const header = records[0].fields.map((h) => h.trim().toUpperCase());
  const col = (code: string) => header.indexOf(code);
  const missing = REQUIRED_COLUMNS.filter((need) => col(need) < 0);
  if (missing.length === REQUIRED_COLUMNS.length) {
    const found = header.filter((h) => h !== "").map((h) => quoteTyped(h));
    throw new CsvError(
      `Dòng tiêu đề (dòng ${records[0].line}) của tệp danh mục CSV không có cột nào trong các cột cần có ` +
        `${REQUIRED_COLUMNS.join(", ")}; các cột đọc được: ${found.length > 0 ? found.join(", ") : "(không có)"}. ` +
        `Dòng đầu tiên của tệp phải là các mã cột, cách nhau bởi dấu phẩy, dấu chấm phẩy hoặc dấu tab.`,
    );
  }
  if (missing.length > 0) throw new CsvError(`Tệp danh mục CSV thiếu cột ${missing.join(", ")} ở dòng tiêu đề.`);
  const codeLines = new Map<string, number>();
  const sheetLines = new Map<string, number>();
  return records.slice(1).map(({ line, fields: r }) => {
    const get = (code: string) => (col(code) >= 0 ? (r[col(code)] ?? "").trim().normalize("NFC") : "");
    const num = (code: string, required: boolean): number | null => {
      const t = get(code);
      if (t === "") {
        if (required) throw new CsvError(`Dòng ${line} của tệp CSV: cột ${code} để trống.`);
        return null;
      }
      const p = parseViNumber(t);
      if (!p || !Number.isInteger(p.value) || p.value < 0) throw new CsvError(`Dòng ${line} của tệp CSV: cột ${code} là ${quoteTyped(t)}, không phải số nguyên không âm.`);
      return p.value;
    };
    const code = get("MA_DV");
    if (!code) throw new CsvError(`Dòng ${line} của tệp CSV: mã đơn vị (MA_DV) để trống.`);
    const earlier = codeLines.get(code.toUpperCase());
    if (earlier !== undefined) {
      throw new CsvError(`Dòng ${earlier} và dòng ${line} của tệp CSV có cùng mã đơn vị (MA_DV) ${code}: mỗi đơn vị chỉ một dòng, hãy sửa mã hoặc xóa dòng thừa.`);
    }
    codeLines.set(code.toUpperCase(), line);
    const sheet = get("TEN_SHEET") || code;
    const sheetEarlier = sheetLines.get(sheet.toLowerCase());
    if (sheetEarlier !== undefined) {
      throw new CsvError(`Dòng ${sheetEarlier} và dòng ${line} của tệp CSV cho cùng tên sheet '${sheet}' (TEN_SHEET, hoặc MA_DV khi TEN_SHEET trống): hãy đặt tên sheet khác nhau.`);
    }
    sheetLines.set(sheet.toLowerCase(), line);
    const values: Record<string, string> = {};
    header.forEach((h, j) => (values[h] = (r[j] ?? "").trim().normalize("NFC")));
    const row: RosterRow = {
      code,
      name: get("TEN_DV"),
      type: get("LOAI_HINH"),
      group: get("KHOI"),
      target: num("KN_CHITIEU", false),
      values,
    };
    if (get("TEN_SHEET")) row.sheetName = get("TEN_SHEET");
    if (col("KN_CUNGKY") >= 0) row.prevAdmitted = num("KN_CUNGKY", false);
    if (col("DV_DAUNAM") >= 0) row.membersAtStart = num("DV_DAUNAM", false);
    return row;
  });
}
