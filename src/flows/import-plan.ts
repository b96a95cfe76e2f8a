/**
 * Importing units' report files into the open workbook: from the grids of each file (read by the
 * .xlsx adapter) and the roster, decide which sheet to add for which unit, and what to tell the
 * user about every file. Pure: no port, no DOM. A report is matched by the MA_DV written on it,
 * never by its file or sheet name, and a sheet that already exists is never overwritten.
 */
import type { PlanCell, SheetGrid, SheetPlan } from "../core/types";
import type { RosterUnit } from "../core/model";
import { readReport } from "../core/report";
import { hasCoverageRows } from "../core/rollup";
import { ITEM_BY_CODE, SHEET_REPORT_UP, UNIT_CODE_COLUMN, UNIT_VALUE_COLUMN } from "../core/template";
import { COUNT_FORMAT, DATE_FORMAT, RATIO_FORMAT } from "../core/layout";
import { isCellError } from "../core/cells";
import { findRosterSheet } from "../core/roster";
import { formatInteger } from "../core/vi";
import { isFeedbackSheet, ownOutputKind } from "../core/own-output";

/** One file as read: its name and the grids of its worksheets (empty when it could not be read). */
export interface ReadFile {
  file: string;
  grids: SheetGrid[];
  /** Why the file could not be read (a PortError message from the reader). */
  error?: string;
  /** The file's stored add-in state, when read (feedback files: tells whether the unit edited the copy). */
  state?: Record<string, string>;
}

export type ImportOutcome =
  | { kind: "added"; file: string; unit: string; unitName: string; sheet: string; sourceSheet: string }
  | { kind: "unknown-code"; file: string; code: string; sourceSheet: string }
  | { kind: "no-code"; file: string; sourceSheet: string }
  | {
      kind: "not-report";
      file: string;
      /** The file is a roster workbook (has DanhMuc), not a unit's report. */
      roster?: boolean;
      /** The file is PDV's feedback file with its report copy unedited, or one of an older PDV (no stamp). */
      feedback?: "unedited" | "unstamped";
    }
  | {
      kind: "exists";
      file: string;
      unit: string;
      sheet: string;
      /** The file's report, kept so that the user can replace the sheet with it (tasks.ts replaceReport). */
      incoming?: Incoming;
    }
  | { kind: "replaced"; file: string; unit: string; sheet: string; /** The old sheet, now hidden. */ backup: string }
  | { kind: "duplicate"; file: string; unit: string; firstFile: string }
  | { kind: "unreadable"; file: string; message: string };

/** A unit's report read from a file, for replacing the unit's sheet: its grid, and the file to copy it from. */
export interface Incoming {
  grid: SheetGrid;
  source?: { bytes: Uint8Array; sheet: string };
}

export interface ImportPlan {
  plans: SheetPlan[];
  outcomes: ImportOutcome[];
}

/** Column widths of the PDV-01 form (STT, Nội dung, Mã, Số liệu, Ghi chú), as the blank form has them. */
const FORM_WIDTHS = [5, 52, 14, 14, 28];

function codeInColumnC(row: unknown[] | undefined): string | null {
  const v = row?.[UNIT_CODE_COLUMN - 1];
  return typeof v === "string" ? v.trim().toUpperCase() : null;
}

/**
 * The PDV-01 sheet of a file: a committee's report to the level above when the file holds one
 * (its consolidation's output, issue 14), else the first sheet holding the code MAU in column C.
 */
export function findFormSheet(grids: SheetGrid[]): SheetGrid | undefined {
  const forms = grids.filter((g) => g.values.some((r) => codeInColumnC(r) === "MAU"));
  const up = forms.filter(hasCoverageRows);
  return up.find((g) => g.name.toLowerCase() === SHEET_REPORT_UP.toLowerCase()) ?? up[0] ?? forms[0];
}

function numberFormatFor(code: string | null): string | undefined {
  const item = code ? ITEM_BY_CODE.get(code) : undefined;
  switch (item?.type) {
    case "date":
      return DATE_FORMAT;
    case "ratio":
      return RATIO_FORMAT;
    case "count":
      return COUNT_FORMAT;
    default:
      return undefined;
  }
}

/**
 * A unit's sheet as a plan to add to the workbook: values as read, formulas kept (a formula cell
 * carries its cached result), value cells of dates, counts and the ratio given their number
 * format (a file's formats are not read), and a note on the MA_DV value naming the source file.
 */
export function gridToPlan(grid: SheetGrid, name: string, sourceFile?: string): SheetPlan {
  const rows: (PlanCell | undefined)[][] = grid.values.map((row, r) => {
    const code = codeInColumnC(row);
    return row.map((v, c): PlanCell | undefined => {
      const formula = grid.formulas?.[r]?.[c] ?? null;
      const value = isCellError(v) ? v.error : v;
      if (value === null && !formula) return undefined;
      const cell: PlanCell = { value };
      if (formula) cell.formula = formula;
      if (c === UNIT_VALUE_COLUMN - 1 && (typeof value === "number" || formula)) {
        const format = numberFormatFor(code);
        if (format) cell.numberFormat = format;
      }
      if (c === UNIT_VALUE_COLUMN - 1 && code === "MA_DV" && sourceFile) {
        cell.note = `Nhập từ tệp ${sourceFile}, sheet '${grid.name}'.`;
      }
      return cell;
    });
  });
  return { name, rows, columnWidths: FORM_WIDTHS };
}

/**
 * Decide, for each file, whether it becomes a new sheet: the file's PDV-01 sheet, matched to a
 * roster unit by its MA_DV (ignoring case), named by the unit's sheet name (TEN_SHEET, or the
 * code). A file is refused when it holds no PDV-01 sheet, its code is blank or not in the roster,
 * the unit's sheet already exists (`existing`, compared ignoring case), or an earlier file of the
 * same batch already claimed the unit.
 */
export function planImports(files: ReadFile[], units: RosterUnit[], existing: string[]): ImportPlan {
  const byCode = new Map(units.map((u) => [u.code.trim().toUpperCase(), u]));
  const taken = new Set(existing.map((s) => s.toLowerCase()));
  const claimedBy = new Map<string, string>(); // unit code → file that claimed it in this batch
  const plans: SheetPlan[] = [];
  const outcomes: ImportOutcome[] = [];

  for (const f of files) {
    if (f.error !== undefined) {
      outcomes.push({ kind: "unreadable", file: f.file, message: f.error });
      continue;
    }
    // PDV's feedback file counts by its report copy only once the unit edited it (core/own-output.ts).
    const own = f.state ? ownOutputKind(f.grids, undefined, f.state) : null;
    if (own === "feedback" || own === "feedback-unstamped") {
      outcomes.push({ kind: "not-report", file: f.file, feedback: own === "feedback" ? "unedited" : "unstamped" });
      continue;
    }
    const grid = findFormSheet(f.grids.filter((g) => !isFeedbackSheet(g.name)));
    if (!grid) {
      outcomes.push(findRosterSheet(f.grids) ? { kind: "not-report", file: f.file, roster: true } : { kind: "not-report", file: f.file });
      continue;
    }
    const code = readReport(grid).report.code;
    if (code === null) {
      outcomes.push({ kind: "no-code", file: f.file, sourceSheet: grid.name });
      continue;
    }
    const unit = byCode.get(code.toUpperCase());
    if (!unit) {
      outcomes.push({ kind: "unknown-code", file: f.file, code, sourceSheet: grid.name });
      continue;
    }
    const first = claimedBy.get(unit.code);
    if (first !== undefined) {
      outcomes.push({ kind: "duplicate", file: f.file, unit: unit.code, firstFile: first });
      continue;
    }
    const sheet = unit.sheetName || unit.code;
    if (taken.has(sheet.toLowerCase())) {
      outcomes.push({ kind: "exists", file: f.file, unit: unit.code, sheet, incoming: { grid } });
      continue;
    }
    claimedBy.set(unit.code, f.file);
    taken.add(sheet.toLowerCase());
    plans.push(gridToPlan(grid, sheet, f.file));
    outcomes.push({ kind: "added", file: f.file, unit: unit.code, unitName: unit.name, sheet, sourceSheet: grid.name });
  }
  return { plans, outcomes };
}

/** What the task pane says about a file, in Vietnamese. */
export function outcomeMessage(o: ImportOutcome): string {
  switch (o.kind) {
    case "added":
      return `Đã nhận báo cáo của ${o.unit} (${o.unitName}), thêm vào sheet '${o.sheet}'.`;
    case "unknown-code":
      return `Mã đơn vị ${o.code} (sheet '${o.sourceSheet}') không có trong danh mục: không nhập. Kiểm tra lại mã trong báo cáo hoặc bổ sung đơn vị vào DanhMuc.`;
    case "no-code":
      return `Báo cáo ở sheet '${o.sourceSheet}' để trống mã đơn vị (MA_DV) nên không biết của đơn vị nào: không nhập. Ghi mã đơn vị (theo DanhMuc) vào ô Mã đơn vị của báo cáo, lưu tệp rồi nhập lại.`;
    case "not-report":
      if (o.feedback === "unedited") {
        return "Đây là tệp phản hồi PDV đã gửi đơn vị, bản sao báo cáo bên trong chưa được sửa: không nhập. Khi đơn vị sửa báo cáo ngay trong tệp này và gửi lại, hãy nhập tệp đó.";
      }
      if (o.feedback === "unstamped") {
        return "Đây là tệp phản hồi do bản PDV cũ ghi ra, không biết bản sao báo cáo bên trong đã được sửa hay chưa: không nhập. Chép sheet báo cáo sang một tệp mới rồi nhập tệp đó, hoặc lập lại phản hồi bằng bản này gửi đơn vị.";
      }
      return o.roster
        ? "Đây là sổ danh mục (có sheet DanhMuc) chứ không phải báo cáo của một đơn vị: không nhập. Ở đây chỉ chọn các tệp báo cáo mà đơn vị gửi về."
        : "Tệp không có báo cáo theo mẫu PDV-01 (mẫu do Ban Tổ chức gửi, có dòng \"Mẫu biểu\"): không nhập. Đề nghị đơn vị điền số liệu vào sổ mẫu PDV-01 rồi gửi lại.";
    case "exists":
      return o.incoming
        ? `Sổ đã có sheet '${o.sheet}' của đơn vị ${o.unit}: không ghi đè khi nhập. Nếu đây là báo cáo đơn vị gửi lại để sửa, bấm "Thay báo cáo…" để xem số liệu thay đổi rồi xác nhận.`
        : `Sổ đã có sheet '${o.sheet}' của đơn vị ${o.unit}: không ghi đè. Nếu muốn thay bằng báo cáo mới, hãy nhập lại tệp rồi bấm "Thay báo cáo…".`;
    case "replaced":
      return `Đã thay báo cáo của đơn vị ${o.unit} ở sheet '${o.sheet}'. Sheet cũ được giữ, ẩn, với tên '${o.backup}' đến lần Tổng hợp sau.`;
    case "duplicate":
      return `Tệp ${o.firstFile} cũng là báo cáo của đơn vị ${o.unit}: chỉ nhận tệp đầu tiên. Kiểm tra lại mã đơn vị trong hai tệp.`;
    case "unreadable":
      return `Không đọc được tệp: ${withAdvice(o.message)}`;
  }
}

/** A reader's refusal, ending with what to do when it does not say so itself. */
function withAdvice(message: string): string {
  if (/(hãy|đề nghị|mở tệp|lưu lại|lưu thành|gửi lại)/i.test(message)) return message;
  const end = /[.!?]$/.test(message.trim()) ? "" : ".";
  return `${message.trim()}${end} Mở tệp bằng Excel, lưu lại dạng .xlsx rồi nhập lại; nếu Excel cũng không mở được, đề nghị đơn vị gửi lại tệp.`;
}

/** Whether an outcome is a refusal (the file added nothing). */
export function isRejected(o: ImportOutcome): boolean {
  return o.kind !== "added" && o.kind !== "replaced";
}

/** The outcomes as the pane lists them: refused files first, then added ones, each in the order given. */
export function rejectedFirst(outcomes: readonly ImportOutcome[]): ImportOutcome[] {
  return [...outcomes.filter(isRejected), ...outcomes.filter((o) => !isRejected(o))];
}

/** The one-line result of an import: "Đã nhập 397 tệp; 3 tệp bị từ chối." */
export function importSummary(outcomes: readonly ImportOutcome[]): string {
  const rejected = outcomes.filter(isRejected).length;
  const added = outcomes.length - rejected;
  if (outcomes.length === 0) return "Không có tệp nào.";
  const head = `Đã nhập ${formatInteger(added)} tệp`;
  return rejected === 0 ? `${head}.` : `${head}; ${formatInteger(rejected)} tệp bị từ chối (xem bên dưới).`;
}

/** Advice for a file refused by its name before reading (an old .xls, a .xlsm, a Word file…). */
export function notXlsxMessage(name: string): string {
  if (/\.xls$/i.test(name)) {
    return "đây là tệp Excel 97–2003 (.xls), PDV chỉ đọc .xlsx. Mở tệp bằng Excel, chọn Tệp › Lưu thành, kiểu \"Sổ làm việc Excel (*.xlsx)\", rồi nhập tệp .xlsx vừa lưu.";
  }
  if (/\.xls[mb]$/i.test(name)) {
    return "PDV chỉ đọc sổ .xlsx (không macro). Mở tệp bằng Excel, chọn Tệp › Lưu thành, kiểu \"Sổ làm việc Excel (*.xlsx)\", rồi nhập tệp .xlsx vừa lưu.";
  }
  return "không phải tệp Excel .xlsx. Báo cáo phải là tệp .xlsx theo mẫu PDV-01: đề nghị đơn vị điền vào sổ mẫu và gửi lại tệp .xlsx.";
}

/** Only .xlsx files are read; anything else is refused before reading. */
export function isXlsxName(name: string): boolean {
  return /\.xlsx$/i.test(name);
}
