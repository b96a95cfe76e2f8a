/** A1 addresses and sheet references. Pure helpers used by every part of the core. */

/** 1 → "A", 27 → "AA". */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 1) throw new RangeError(`column ${column}`);
  let n = column;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** "AA" → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) throw new RangeError(`column ${letters}`);
    n = n * 26 + (code - 64);
  }
  return n;
}

/** (row 1-based, column 1-based) → "D9". */
export function a1(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

/** "D9" (or "$D$9") → { row: 9, column: 4 }. */
export function parseA1(ref: string): { row: number; column: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) throw new RangeError(`not an A1 cell: ${ref}`);
  return { row: Number(m[2]), column: columnNumber(m[1]) };
}

/** "A1:C3" → corners, 1-based inclusive. A single cell is a 1×1 range. */
export function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b] = ref.split(":");
  const p = parseA1(a);
  const q = b ? parseA1(b) : p;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.column, q.column),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.column, q.column),
  };
}

/**
 * A sheet name as it must appear in a formula: always quoted, apostrophes doubled
 * (the spec quotes every reference: `='Tân Đức'!D9`).
 */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** `'Tân Đức'!D9` */
export function sheetRef(sheet: string, cell: string): string {
  return `${quoteSheet(sheet)}!${cell}`;
}

const INVALID_SHEET_CHARS = /[:\\/?*[\]]/;

/** Excel's sheet-name rules: 1–31 characters, none of : \ / ? * [ ], not starting or ending with '. */
export function sheetNameProblem(name: string): string | null {
  if (name.trim().length === 0) return "tên sheet để trống";
  if (name.length > 31) return "tên sheet dài quá 31 ký tự";
  if (INVALID_SHEET_CHARS.test(name)) return "tên sheet chứa ký tự không được phép (: \\ / ? * [ ])";
  if (name.startsWith("'") || name.endsWith("'")) return "tên sheet không được bắt đầu hoặc kết thúc bằng dấu nháy đơn";
  return null;
}

/**
 * The same-sheet cell references of a formula ("=IF(D15=0,"",D16/D15)" → ["D15", "D16"],
 * "=SUM($D$17:D20)" → ["$D$17:D20"]), in order, as range texts for parseRange. References to
 * other sheets ("'TCCS05'!D16", "Sheet1!D16"), text in quotes and function names are left out.
 */
export function formulaRanges(formula: string): string[] {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  const out: string[] = [];
  const ref = /(^|[^A-Za-z0-9_.!'$])(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![A-Za-z0-9_(!])/g;
  for (let m = ref.exec(code); m; m = ref.exec(code)) out.push(m[2]);
  return out;
}
