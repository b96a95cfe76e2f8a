/**
 * The text of a roster CSV file from its bytes, for the `pdv` command and the task pane alike
 * (TextDecoder is a global of both; src/core only ever receives text).
 */
import { CsvError } from "../core/csv";

/**
 * Decode a CSV file's bytes: UTF-8 (BOM optional), or UTF-16 when it starts with a BOM (Excel's
 * "Unicode Text"). Returns the text without its BOM. Throws CsvError naming `fileName` and the
 * first line whose bytes are not UTF-8 (an "ANSI"/cp1258 file saved as Excel's plain "CSV (Comma
 * delimited)" on a Vietnamese Windows), so that names are never read as mojibake.
 */
export function decodeCsvBytes(bytes: Uint8Array, fileName: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new CsvError(
      `Tệp ${fileName} không phải văn bản UTF-8 (dòng ${firstBadLine(bytes)} có ký tự không đọc được): ` +
        `tệp có lẽ được lưu bằng "CSV (Comma delimited)" theo bảng mã Windows, tên đơn vị sẽ bị sai dấu. ` +
        `Hãy mở tệp trong Excel, chọn Save As (Lưu thành) kiểu "CSV UTF-8 (Comma delimited)" rồi dùng tệp mới.`,
    );
  }
}

/** The 1-based number of the first line (split at LF) whose bytes are not valid UTF-8. */
function firstBadLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      start = i + 1;
      line++;
    }
  }
  return line;
}
