/**
 * Reading one PDV-01 report (a unit sheet, or the PDV-01 sheet of a unit's file): every item found
 * by its code in column C, its value in column D, with the single-cell rules checked where the
 * value is read (S05, S06, V01–V04, D03).
 */
import type { Finding, SheetGrid } from "./types";
import { NO_STORED_RESULT } from "./types";
import type { Place, UnitReport } from "./model";
import { a1 } from "./a1";
import { cellAt, cellText, fontAt, indexCodes, isCellError, readCode, readCount, readDate, readText } from "./cells";
import { convertCell, legacyMessage } from "./legacy";
import { FORM_ID, ITEMS, UNIT_CODE_COLUMN, UNIT_VALUE_COLUMN, isItemCode } from "./template";
import type { CountCode, ItemCode } from "./template";
import { describePlace, finding } from "./rules/catalog";
import { countFinding, dateFinding } from "./rules/values";
import { quoteTyped } from "./typed";
import { readCoverage } from "./rollup";

export interface ReportReading {
  report: UnitReport;
  findings: Finding[];
}

/** A sheet is a PDV-01 report when column C holds the code MAU or MA_DV. */
export function looksLikeReport(grid: SheetGrid): boolean {
  return grid.values.some((r) => {
    const v = r[UNIT_CODE_COLUMN - 1];
    if (typeof v !== "string") return false;
    const c = v.trim().toUpperCase();
    return c === "MAU" || c === "MA_DV";
  });
}

export function readReport(grid: SheetGrid): ReportReading {
  const findings: Finding[] = [];
  const file = grid.source?.file;
  const placeAt = (row: number): Place => {
    const p: Place = { sheet: grid.name, cell: a1(row, UNIT_VALUE_COLUMN) };
    if (file) p.file = file;
    return p;
  };
  const index = indexCodes(grid, UNIT_CODE_COLUMN, isItemCode);
  const report: UnitReport = { sheet: grid.name, code: null, name: null, date: null, counts: {}, ratio: null, cells: {} };
  if (file) report.file = file;

  // The unit code first, so every finding of this sheet names its unit.
  const codeRow = index.rows.get("MA_DV");
  if (codeRow !== undefined) {
    const raw = cellAt(grid, codeRow, UNIT_VALUE_COLUMN);
    report.code = readCode(convertCell(raw, fontAt(grid, codeRow, UNIT_VALUE_COLUMN))?.text ?? raw);
  }
  const unit = report.code;

  for (const [code, rows] of index.duplicates) {
    const p: Place = { sheet: grid.name, cell: a1(rows[1], UNIT_CODE_COLUMN) };
    if (file) p.file = file;
    findings.push(
      finding(
        "S05",
        p,
        unit,
        `Mã ${code} xuất hiện ${rows.length} lần (các dòng ${rows.join(", ")}) ở ${describePlace(p)}. Mỗi mã chỉ được có một dòng: xóa dòng thừa.`,
      ),
    );
  }

  for (const item of ITEMS) {
    const row = index.rows.get(item.code);
    if (row === undefined) {
      if (item.required) {
        const p: Place = { sheet: grid.name, cell: "" };
        if (file) p.file = file;
        findings.push(
          finding(
            "S05",
            p,
            unit,
            `${describePlace(p)} thiếu dòng mã ${item.code} (${item.label}). Thêm dòng có mã ${item.code} ở cột C và số liệu ở cột D, theo mẫu ${FORM_ID}.`,
          ),
        );
      }
      continue;
    }
    const place = placeAt(row);
    report.cells[item.code as ItemCode] = place.cell;
    const raw = cellAt(grid, row, UNIT_VALUE_COLUMN);
    const where = describePlace(place);
    const label = `${item.label} (${item.code})`;
    if (isCellError(raw)) {
      findings.push(
        finding(
          "V04",
          place,
          unit,
          raw.error === NO_STORED_RESULT
            ? `${label} tại ${where}: ${NO_STORED_RESULT} (tệp do chương trình khác tạo ra).`
            : `${label} tại ${where} là giá trị lỗi ${raw.error}. Sửa công thức hoặc nhập lại số liệu.`,
        ),
      );
      continue;
    }
    switch (item.type) {
      case "text": {
        // Text typed in a legacy font (.VnTime, VNI-Times) is converted to Unicode first (E01).
        const legacy = convertCell(raw, fontAt(grid, row, UNIT_VALUE_COLUMN));
        if (legacy) findings.push(finding("E01", place, unit, legacyMessage(label, where, legacy)));
        const text = readText(legacy ? legacy.text : raw);
        if (text === null) {
          if (item.required) findings.push(finding("V01", place, unit, `${label} tại ${where} đang để trống. Nhập ${item.label.toLowerCase()}.`));
          break;
        }
        if (item.code === "MAU" && text !== FORM_ID) {
          findings.push(
            finding(
              "S06",
              place,
              unit,
              `Mẫu biểu tại ${where} là ${quoteTyped(text)}, không phải "${FORM_ID}". Dùng đúng mẫu ${FORM_ID} do cơ quan tổng hợp gửi (sheet của đơn vị trong sổ báo cáo chuẩn).`,
            ),
          );
        }
        if (item.code === "TEN_DV") report.name = text;
        break;
      }
      case "date": {
        const d = readDate(raw);
        if (d.kind === "ok") report.date = d.serial;
        const f = dateFinding(label, where, d, item.required);
        if (f) findings.push(finding(f.rule, place, unit, f.message, f.severity));
        break;
      }
      case "count": {
        // Only a value read for certain is taken: a number cell, or text that means one number (V02 warning).
        const c = readCount(raw);
        const code = item.code as CountCode;
        report.counts[code] = c.kind === "ok" || c.kind === "text-number" ? c.value : null;
        // What an unusable, non-blank cell holds ("ba", "#VALUE!"), for texts comparing two sendings.
        if (report.counts[code] === null && raw !== null && cellText(raw).trim() !== "") (report.unusable ??= {})[code] = cellText(raw);
        const f = countFinding(label, where, c, item.required);
        if (f) findings.push(finding(f.rule, place, unit, f.message, f.severity));
        break;
      }
      case "ratio": {
        if (typeof raw === "number") report.ratio = raw;
        else if (readText(raw) !== null) report.ratio = NaN; // text typed over the formula: C05 reports it
        break;
      }
    }
  }
  // A committee's report to the level above carries its coverage (issue 14).
  const coverage = readCoverage(grid, unit);
  findings.push(...coverage.findings);
  if (coverage.coverage) report.coverage = coverage.coverage;
  return { report, findings };
}
