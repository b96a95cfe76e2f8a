/**
 * A fingerprint of the inputs of a consolidation (DanhMuc and every report sheet's values), so
 * that rule G01 can tell when TongHop is older than the data it summarises.
 */
import type { CellValue, SheetGrid } from "./types";

/**
 * A cell as the fingerprint sees it. Numbers are taken to 15 significant digits, as Excel and
 * LibreOffice store them (a ratio 1/12 saved by LibreOffice reads 0.0833333333333333), so that a
 * file saved again by a spreadsheet program keeps its fingerprint (rule R02).
 */
function cellKey(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "object") return `#${v.error}`;
  if (typeof v === "number") return `number:${Number.isFinite(v) ? String(Number(v.toPrecision(15))) : String(v)}`;
  return `${typeof v}:${String(v)}`;
}

/** FNV-1a (64-bit, as two 32-bit halves): fast, deterministic, good enough to detect a change. */
export function hashText(text: string, seedHi = 0xcbf29ce4, seedLo = 0x84222325): string {
  let hi = seedHi >>> 0;
  let lo = seedLo >>> 0;
  for (let i = 0; i < text.length; i++) {
    lo ^= text.charCodeAt(i);
    // multiply (hi,lo) by the FNV prime 0x100000001b3 = 2^40 + 0x1b3
    const loMul = lo * 0x1b3;
    const hiMul = hi * 0x1b3 + ((lo << 8) >>> 0) + Math.floor(loMul / 0x100000000);
    lo = loMul >>> 0;
    hi = hiMul >>> 0;
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

/**
 * Fingerprint of the given input sheets (DanhMuc and the reports): names, sources and values, in a
 * stable order. Blank cells at the end of a row and blank rows at the end of a sheet do not count,
 * so that adapters which report a larger used range (Excel, ExcelJS) agree (rule R02 compares a
 * fingerprint made in Excel with one made from the saved file).
 */
export function fingerprintInputs(sheets: SheetGrid[]): string {
  const parts = sheets
    .map((s) => {
      const lines = s.values.map((r) => r.map(cellKey).join("\u001f").replace(/\u001f+$/, ""));
      while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
      const rows = lines.join("\u001e");
      return `${s.source?.file ?? ""}\u001d${s.name}\u001d${rows}`;
    })
    .sort();
  return hashText(parts.join("\u001c"));
}
