/**
 * Structure rules: is everything there, once, where it should be. S01 (DanhMuc, its parameters
 * and columns), S02 (roster codes and sheets), S03 (unit not reported), S04 (report of a unit not
 * in the roster), S05 (form rows missing or repeated), S06 (form id), S07 (unit code against the
 * roster, two reports of one unit), S08 (unit name against the roster, compared after NFC, tone
 * placement and case), S09 (unit file unreadable), S10 (cells too far from the data, left out
 * by the reader: `SheetGrid.far`), G01 (TongHop older than its sources). The
 * readers (roster.ts, report.ts, analyze.ts) find the places; the messages are made here.
 */
import type { Finding, SheetGrid, UnreadableFile } from "../types";
import { formatDate } from "../dates";
import type { Place, RosterUnit, UnitReport } from "../model";
import { FORM_ID, SHEET_ROSTER } from "../template";
import { formatInteger, formatNumber, sameName } from "../vi";
import { cellText } from "../cells";
import { quoteTyped } from "../typed";
import { defineFamily, describePlace } from "./define";

export const structure = defineFamily([
  { id: "S01", severity: "error", title: "Thiếu sheet DanhMuc, tham số hoặc cột danh mục" },
  { id: "S02", severity: "error", title: "Mã đơn vị hoặc tên sheet trong danh mục bị trùng hoặc để trống" },
  { id: "S03", severity: "error", title: "Đơn vị chưa nộp báo cáo" },
  { id: "S04", severity: "warning", title: "Báo cáo của đơn vị không có trong danh mục" },
  { id: "S05", severity: "error", title: "Thiếu dòng mã bắt buộc hoặc mã bị lặp" },
  { id: "S06", severity: "error", title: "Không đúng mẫu biểu PDV-01 v1" },
  { id: "S07", severity: "error", title: "Mã đơn vị không khớp danh mục hoặc hai báo cáo cùng một đơn vị" },
  { id: "S08", severity: "warning", title: "Tên đơn vị khác với danh mục" },
  { id: "S09", severity: "error", title: "Tệp báo cáo đơn vị đã gửi không đọc được" },
  { id: "S10", severity: "warning", title: "Ô có dữ liệu nằm quá xa vùng số liệu, không được đọc" },
  { id: "G01", severity: "warning", title: "Bảng tổng hợp đã cũ" },
]);

/** S01: DanhMuc (`grid`) lacks the parameter row of `code`. */
export function missingParam(grid: SheetGrid, code: string, label: string): Finding {
  return structure.finding(
    "S01",
    { sheet: grid.name, cell: "", file: grid.source?.file },
    null,
    `Sheet '${grid.name}' thiếu tham số ${code} (${label}). Thêm một dòng có mã ${code} ở cột A và giá trị ở cột C.`,
  );
}

/**
 * S01: the parameter `code`'s value at `p` is wrong; `what` says how ("đang để trống"), `type`
 * (the parameter's, template.ts PARAMS) what to type there instead.
 */
export function badParam(p: Place, code: string, label: string, what: string, type: "text" | "integer" | "date"): Finding {
  const at = `ô ${p.sheet}!${p.cell}`;
  let fix: string;
  if (code === "CHITIEU_DB") fix = `Nhập vào ${at} số đảng viên cấp trên giao kết nạp trong năm, số nguyên, ví dụ 253 (gõ 0 nếu cấp trên không giao).`;
  else if (code === "NAM") fix = `Nhập vào ${at} năm báo cáo, đủ bốn chữ số, ví dụ 2020.`;
  else if (type === "date") fix = `Nhập vào ${at} ngày dạng dd/mm/yyyy, ví dụ 31/08/2020.`;
  else if (type === "integer") fix = `Nhập vào ${at} một số nguyên không âm.`;
  else fix = `Nhập ${label.toLowerCase()} vào ${at}.`;
  return structure.finding("S01", p, null, `Tham số ${code} (${label}) tại ${describePlace(p)} ${what}. ${fix}`);
}

/** S01: the period starts (`from`, serial, at `p`) after it ends (`to`). */
export function periodReversed(p: Place, from: number, to: number): Finding {
  return structure.finding("S01", p, null, `Kỳ báo cáo không hợp lệ: từ ngày ${formatDate(from)} sau đến ngày ${formatDate(to)}. Sửa KY_TU hoặc KY_DEN.`);
}

/**
 * S01: the deadline HAN_NOP (serial, at `p`) is before the period's end KY_DEN (`to`). The
 * parameters are still used, but no report is called late (D01) against such a deadline.
 */
export function deadlineBeforePeriodEnd(p: Place, deadline: number, to: number): Finding {
  return structure.finding(
    "S01",
    p,
    null,
    `Hạn nộp HAN_NOP ${formatDate(deadline)} tại ${describePlace(p)} trước ngày cuối kỳ báo cáo KY_DEN ${formatDate(to)}: hạn nộp phải từ ngày ${formatDate(to)} trở đi. ` +
      `Sửa ô ${p.cell} (chưa xét nộp muộn cho đơn vị nào khi hạn nộp sai).`,
  );
}

/** S01: the year NAM (at `p`) is not the year of the period's end KY_DEN (`to`, serial). */
export function yearNotPeriodYear(p: Place, year: number, to: number): Finding {
  const want = formatDate(to).slice(-4);
  return structure.finding(
    "S01",
    p,
    null,
    `Năm báo cáo NAM tại ${describePlace(p)} là ${year} nhưng kỳ báo cáo kết thúc ngày ${formatDate(to)} (KY_DEN) thuộc năm ${want}. Sửa ô ${p.cell} thành ${want}, hoặc sửa KY_DEN.`,
  );
}

/** S01: DanhMuc (`grid`) has no code row holding MA_DV. */
export function noRosterTable(grid: SheetGrid): Finding {
  return structure.finding(
    "S01",
    { sheet: grid.name, cell: "", file: grid.source?.file },
    null,
    `Sheet '${grid.name}' không có bảng danh mục đơn vị: cần một dòng mã cột chứa MA_DV, TEN_DV, LOAI_HINH, KHOI, KN_CHITIEU, TEN_SHEET.`,
  );
}

/** S01: the roster's code row (`headerRow`, starting at `p`) lacks the required column `code`. */
export function missingRosterColumn(p: Place, code: string, label: string, headerRow: number): Finding {
  return structure.finding(
    "S01",
    p,
    null,
    `Bảng danh mục thiếu cột ${code} (${label}): dòng mã cột là dòng ${headerRow} (từ ô A${headerRow}). Thêm cột có mã ${code} vào dòng đó.`,
  );
}

/** S02: roster row `row` has unit data but no MA_DV (at `p`). */
export function blankUnitCode(p: Place, row: number): Finding {
  return structure.finding("S02", p, null, `Dòng ${row} của danh mục có thông tin đơn vị nhưng để trống mã đơn vị (MA_DV) ở ô ${p.cell}. Nhập mã đơn vị.`);
}

/** S02: unit code `code` (at `p`) is already on roster row `firstRow`. */
export function repeatedUnitCode(p: Place, code: string, firstRow: number): Finding {
  return structure.finding("S02", p, code, `Mã đơn vị ${code} ở ô ${p.cell} đã có ở dòng ${firstRow} của danh mục. Mỗi đơn vị chỉ một dòng, mã không được trùng.`);
}

/** S02: unit `code`'s TEN_SHEET (at `p`) is the sheet of the unit on roster row `firstRow`. */
export function sharedSheet(p: Place, code: string, sheetName: string, firstRow: number): Finding {
  return structure.finding("S02", p, code, `Tên sheet '${sheetName}' của đơn vị ${code} (${describePlace(p)}) trùng với đơn vị ở dòng ${firstRow}. Mỗi đơn vị phải có sheet riêng.`);
}

/** S02: unit `code`'s roster KN_CHITIEU (at `p`) is not a whole number ≥ 0 (blank is "không giao", not this). */
export function badAllocation(p: Place, code: string): Finding {
  return structure.finding("S02", p, code, `Chỉ tiêu của đơn vị ${code} trong danh mục (ô ${p.cell}) không phải là số nguyên không âm. Sửa lại chỉ tiêu được giao.`);
}

/** S01: the workbook has no DanhMuc sheet. */
export function noRosterSheet(): Finding {
  return structure.finding(
    "S01",
    { sheet: SHEET_ROSTER, cell: "" },
    null,
    `Không tìm thấy sheet ${SHEET_ROSTER} (tham số và danh mục đơn vị). Thêm sheet ${SHEET_ROSTER} theo mẫu PDV-01 hoặc dùng "Tạo sổ mẫu".`,
  );
}

/** S05: an item code on several rows of a form (`p` is the second one's code cell). */
export function repeatedCode(p: Place, unit: string | null, code: string, rows: number[]): Finding {
  return structure.finding(
    "S05",
    p,
    unit,
    `Mã ${code} xuất hiện ${rows.length} lần (các dòng ${rows.join(", ")}) ở ${describePlace(p)}. Mỗi mã chỉ được có một dòng: xóa dòng thừa.`,
  );
}

/** S05: a required item's row is missing from the form (`p` names the sheet, cell ""). */
export function missingRow(p: Place, unit: string | null, code: string, label: string): Finding {
  return structure.finding(
    "S05",
    p,
    unit,
    `${describePlace(p)} thiếu dòng mã ${code} (${label}). Thêm dòng có mã ${code} ở cột C và số liệu ở cột D, theo mẫu ${FORM_ID}.`,
  );
}

/** S06: the form's MAU cell holds `text`, not FORM_ID. */
export function wrongForm(p: Place, unit: string | null, text: string): Finding {
  return structure.finding(
    "S06",
    p,
    unit,
    `Mẫu biểu tại ${describePlace(p)} là ${quoteTyped(text)}, không phải "${FORM_ID}". Dùng đúng mẫu ${FORM_ID} do cơ quan tổng hợp gửi (sheet của đơn vị trong sổ báo cáo chuẩn).`,
  );
}

/** S07: a sheet the roster names for `unit` carries another unit's code in its MA_DV cell. */
export function sheetOfOtherUnit(report: UnitReport, unit: RosterUnit): Finding {
  const cell = report.cells.MA_DV ?? "";
  return structure.finding(
    "S07",
    { sheet: report.sheet, cell },
    unit.code,
    `Sheet '${report.sheet}' là báo cáo của đơn vị ${unit.code} theo danh mục, nhưng ô ${cell} ghi mã ${report.code}. Sửa mã đơn vị cho đúng ${unit.code} hoặc sửa cột TEN_SHEET của danh mục.`,
  );
}

function codePlace(report: UnitReport): Place {
  const p: Place = { sheet: report.sheet, cell: report.cells.MA_DV ?? "" };
  if (report.file) p.file = report.file;
  return p;
}

/**
 * S07: `second` carries the same unit code as `first`, which counts for the unit. When they lie in
 * two files of a folder, one is most often the unit's corrected report sent again (a new file, or
 * PDV's feedback file the unit corrected and sent back): the message says to remove the old file.
 */
export function secondReport(first: UnitReport, second: UnitReport, unitCode: string): Finding {
  const p = codePlace(second);
  const fix =
    first.file && second.file && first.file !== second.file
      ? `Nếu một tệp là báo cáo đơn vị đã sửa và gửi lại (kể cả tệp phản hồi đơn vị sửa ngay trong bản sao báo cáo), hãy chuyển tệp cũ (${first.file} hoặc ${second.file}) ra khỏi thư mục; nếu không, giữ lại một báo cáo đúng, sửa mã của báo cáo kia.`
      : "Giữ lại một báo cáo đúng, sửa mã của báo cáo kia.";
  return structure.finding("S07", p, unitCode, `Hai báo cáo cùng ghi mã đơn vị ${unitCode}: ${describePlace(codePlace(first))} và ${describePlace(p)}. ${fix}`);
}

/** S04: a report whose unit code (`report.code`, not null) is not in the roster. */
export function unitNotInRoster(report: UnitReport): Finding {
  const p = codePlace(report);
  return structure.finding(
    "S04",
    p,
    report.code,
    `Báo cáo ở ${describePlace(p)} ghi mã đơn vị ${report.code}, không có trong danh mục nên không được tổng hợp. Kiểm tra lại mã hoặc bổ sung đơn vị vào danh mục.`,
  );
}

/**
 * S03: no sheet and no file reports for `unit`. `namedFile`: a report file whose name points to
 * the unit but which carries another or no MA_DV (`code`), so is not counted for it.
 */
export function notReported(unit: RosterUnit, namedFile?: { file: string; code: string | null }): Finding {
  const hint = namedFile
    ? ` Tệp ${namedFile.file} mang tên của đơn vị này nhưng ${namedFile.code === null ? "không ghi mã đơn vị (MA_DV)" : `ghi mã đơn vị ${namedFile.code}`}: nếu đó là báo cáo của ${unit.code}, hãy sửa ô MA_DV trong tệp thành ${unit.code}.`
    : "";
  return structure.finding(
    "S03",
    unit.place,
    unit.code,
    `Đơn vị ${unit.code} (${unit.name}, ${describePlace(unit.place)}) chưa nộp báo cáo: không có sheet '${unit.sheetName}' hay tệp báo cáo nào ghi mã ${unit.code}.${hint || " Nhắc đơn vị nộp, hoặc nhập tệp báo cáo của đơn vị."}`,
  );
}

/** S09: a unit file that could not be read, of `unit` when its name says so (else of no unit). */
export function unreadableFile(u: UnreadableFile, unit: RosterUnit | null): Finding {
  const reason = u.reason.trim().replace(/[.;]?$/, ".");
  const not = u.notReport ? "không phải báo cáo theo mẫu PDV-01" : "không đọc được";
  const message = unit
    ? `Đơn vị ${unit.code} (${unit.name}) đã gửi tệp ${u.file} nhưng tệp ${not} nên chưa được tổng hợp: ${reason} Đề nghị đơn vị gửi lại tệp ${u.notReport ? "báo cáo theo mẫu PDV-01" : "đọc được"}.`
    : `Tệp ${u.file} ${not} và không rõ là báo cáo của đơn vị nào, nên chưa được tổng hợp: ${reason}`;
  return structure.finding("S09", { sheet: "", cell: "", file: u.file }, unit ? unit.code : null, message);
}

/**
 * S09 as a warning: an unreadable file beside readable reports, not used. `unit` is the unit its
 * name points to, which already has a readable report; null when the name points to no unit and
 * every roster unit has a readable report (so the file can only be a stray copy).
 */
export function strayUnreadableFile(u: UnreadableFile, unit: RosterUnit | null): Finding {
  const whose = unit
    ? `Đơn vị ${unit.code} (${unit.name}) đã có báo cáo đọc được, nên tệp ${u.file} (không đọc được) không được dùng.`
    : `Tệp ${u.file} không đọc được và không được dùng: mọi đơn vị trong danh mục đã có báo cáo đọc được.`;
  return structure.finding(
    "S09",
    { sheet: "", cell: "", file: u.file },
    null,
    `${whose} Nếu đây là tệp cũ, hãy xóa hoặc chuyển tệp cũ ra khỏi thư mục.`,
    "warning",
  );
}

/** How many far cells a message names one by one; the rest are counted. */
const NAMED = 5;

/** S10: the finding of a grid with far cells (null when it has none); `unit` as the caller knows it. */
export function farCells(grid: SheetGrid, unit: string | null): Finding | null {
  const far = grid.far ?? [];
  if (!far.length) return null;
  // Cells counted but whose values were not read (grid.farNotRead) count like the unnamed ones.
  const total = far.length + (grid.farNotRead ?? 0);
  const place = { sheet: grid.name, cell: far[0].cell, file: grid.source?.file };
  const named = far.slice(0, NAMED).map((x) => `${x.cell} (${typeof x.value === "number" ? formatNumber(x.value, 6) : quoteTyped(cellText(x.value))})`);
  const more = total > named.length ? ` và ${formatInteger(total - named.length)} ô khác` : "";
  const where = describePlace({ sheet: place.sheet, cell: "", file: place.file });
  const cells = total === 1 ? `ô ${named[0]}` : `${formatInteger(total)} ô ${named.join(", ")}${more}`;
  return structure.finding(
    "S10",
    place,
    unit,
    `${where} có ${cells} nằm quá xa vùng số liệu nên không được đọc. Nếu đó là ô gõ nhầm, hãy xóa rồi lưu lại; nếu là số liệu, hãy chuyển về đúng dòng của mẫu.`,
  );
}

/** G01: TongHop was made (at `when`, as stored, or unknown) from other inputs than today's. */
export function staleSummary(when: string | undefined): Finding {
  return structure.finding(
    "G01",
    { sheet: "TongHop", cell: "A1" },
    null,
    `Bảng TongHop${when ? ` (lập lúc ${when})` : ""} đã cũ: số liệu nguồn đã thay đổi sau lần tổng hợp trước. Bấm "Tổng hợp" để lập lại.`,
  );
}

/** S08: the unit name on the report differs from the roster's (null when the same or unknown). */
export function checkName(report: UnitReport, unit: RosterUnit): Finding | null {
  if (report.name === null || !unit.name || sameName(report.name, unit.name)) return null;
  const p: Place = { sheet: report.sheet, cell: report.cells.TEN_DV ?? "" };
  if (report.file) p.file = report.file;
  return structure.finding(
    "S08",
    p,
    unit.code,
    `Tên đơn vị tại ${describePlace(p)} là ${quoteTyped(report.name)}, danh mục ghi ${quoteTyped(unit.name)} cho mã ${unit.code}. Có thể báo cáo được sao chép từ đơn vị khác: kiểm tra lại mã và tên.`,
  );
}
