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

/** Split CSV text into rows of fields. */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
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
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
    } else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      row.push(field);
      field = "";
      rows.push(row);
      row = [];
      if (ch === "\r" && src[i + 1] === "\n") i++;
    } else {
      field += ch;
    }
    i++;
  }
  if (quoted) throw new CsvError("Tệp CSV có dấu ngoặc kép chưa đóng.");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

/**
 * Roster rows from a CSV with the header codes MA_DV, TEN_DV, LOAI_HINH, KHOI, KN_CHITIEU (others
 * kept in `values`; TEN_SHEET, KN_CUNGKY, DV_DAUNAM read when present). A blank KN_CHITIEU is
 * "không giao" (null), not an error. Throws CsvError naming the line and column.
 */
export function parseRosterCsv(text: string): RosterRow[] {
  const rows = parseCsv(text);
  if (rows.length === 0) throw new CsvError("Tệp danh mục CSV trống.");
  const header = rows[0].map((h) => h.trim().toUpperCase());
  const col = (code: string) => header.indexOf(code);
  for (const need of ["MA_DV", "TEN_DV", "LOAI_HINH", "KHOI", "KN_CHITIEU"]) {
    if (col(need) < 0) throw new CsvError(`Tệp danh mục CSV thiếu cột ${need} ở dòng tiêu đề.`);
  }
  return rows.slice(1).map((r, i) => {
    const get = (code: string) => (col(code) >= 0 ? (r[col(code)] ?? "").trim().normalize("NFC") : "");
    const num = (code: string, required: boolean): number | null => {
      const t = get(code);
      if (t === "") {
        if (required) throw new CsvError(`Dòng ${i + 2} của tệp CSV: cột ${code} để trống.`);
        return null;
      }
      const p = parseViNumber(t);
      if (!p || !Number.isInteger(p.value) || p.value < 0) throw new CsvError(`Dòng ${i + 2} của tệp CSV: cột ${code} là ${quoteTyped(t)}, không phải số nguyên không âm.`);
      return p.value;
    };
    const code = get("MA_DV");
    if (!code) throw new CsvError(`Dòng ${i + 2} của tệp CSV: mã đơn vị (MA_DV) để trống.`);
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
