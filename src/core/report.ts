/**
 * Reading one PDV-01 report (a unit sheet, or the PDV-01 sheet of a unit's file): every item found
 * by its code in column C, its value in column D. Where a value is read, the single-cell rules
 * are checked (S05, S06: rules/structure.ts; V01–V04: rules/values.ts; D03: rules/dates.ts; E01:
 * rules/encoding.ts); this module records the places, the families make the findings.
 */
import type { Finding, SheetGrid } from "./types";
import type { Place, UnitReport } from "./model";
import { a1 } from "./a1";
import { cellAt, cellText, columnHasCode, fontAt, indexCodes, isCellError, readCode, readCount, readDate, readText } from "./cells";
import { convertCell } from "./legacy";
import { FORM_ID, ITEMS, UNIT_CODE_COLUMN, UNIT_VALUE_COLUMN, isItemCode } from "./template";
import type { CountCode, ItemCode } from "./template";
import { describePlace, finding } from "./rules/catalog";
import { blankText, countFinding, errorValue } from "./rules/values";
import { dateFinding } from "./rules/dates";
import { farCells, missingRow, repeatedCode, wrongForm } from "./rules/structure";
import { legacyText } from "./rules/encoding";
import { readCoverage } from "./rollup";

export interface ReportReading {
  report: UnitReport;
  findings: Finding[];
}

/** A sheet is a PDV-01 report when column C holds the code MAU or MA_DV. */
export function looksLikeReport(grid: SheetGrid): boolean {
  return columnHasCode(grid, UNIT_CODE_COLUMN, "MAU", "MA_DV");
}

/** Each item's name in findings: "Tổng số đảng viên (DV_TONG)", in ITEMS' order. */
const ITEM_LABELS = ITEMS.map((item) => `${item.label} (${item.code})`);

/** "D1"…"D255": the value column's addresses, made once (every report uses the same few rows). */
const valueCells: string[] = Array.from({ length: 256 }, (_, row) => (row > 0 ? a1(row, UNIT_VALUE_COLUMN) : ""));

function valueCell(row: number): string {
  return row > 0 && row < valueCells.length ? valueCells[row] : a1(row, UNIT_VALUE_COLUMN);
}

/**
 * A PDV-01 report sheet read: its UnitReport (each item by its code in column C, the value in
 * column D; report.cells the address of each item found) and the findings of its own cells.
 * Pure; never throws for what a cell holds.
 */
export function readReport(grid: SheetGrid): ReportReading {
  const findings: Finding[] = [];
  const file = grid.source?.file;
  const placeAt = (row: number): Place => {
    const p: Place = { sheet: grid.name, cell: valueCell(row) };
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
    findings.push(repeatedCode(p, unit, code, rows));
  }

  for (let k = 0; k < ITEMS.length; k++) {
    const item = ITEMS[k];
    const row = index.rows.get(item.code);
    if (row === undefined) {
      if (item.required) {
        const p: Place = { sheet: grid.name, cell: "" };
        if (file) p.file = file;
        findings.push(missingRow(p, unit, item.code, item.label));
      }
      continue;
    }
    const place = placeAt(row);
    report.cells[item.code as ItemCode] = place.cell;
    const raw = cellAt(grid, row, UNIT_VALUE_COLUMN);
    // The texts naming the cell (describePlace) go into findings only: made when one is.
    const label = ITEM_LABELS[k];
    if (isCellError(raw)) {
      findings.push(errorValue(place, unit, label, describePlace(place), raw.error));
      continue;
    }
    switch (item.type) {
      case "text": {
        // Text typed in a legacy font (.VnTime, VNI-Times) is converted to Unicode first (E01).
        const legacy = convertCell(raw, fontAt(grid, row, UNIT_VALUE_COLUMN));
        if (legacy) findings.push(legacyText(place, unit, label, legacy));
        const text = readText(legacy ? legacy.text : raw);
        if (text === null) {
          if (item.required) findings.push(blankText(place, unit, label, describePlace(place), item.label));
          break;
        }
        if (item.code === "MAU" && text !== FORM_ID) {
          findings.push(wrongForm(place, unit, text));
        }
        if (item.code === "TEN_DV") report.name = text;
        break;
      }
      case "date": {
        const d = readDate(raw);
        if (d.kind === "ok") report.date = d.serial;
        // An unreadable date, a date typed as text or a blank required one says so (dateFinding).
        const f = d.kind === "error" || (d.kind === "ok" && !d.fromText) ? null : dateFinding(label, describePlace(place), d, item.required);
        if (f) findings.push(finding(f.rule, place, unit, f.message, f.severity));
        break;
      }
      case "count": {
        const code = item.code as CountCode;
        // Most counts are whole numbers ≥ 0 (readCount's "ok"): taken without a reading object.
        if (typeof raw === "number" && raw >= 0 && Number.isInteger(raw)) {
          report.counts[code] = raw;
          break;
        }
        // Only a value read for certain is taken: a number cell, or text that means one number (V02 warning).
        const c = readCount(raw);
        report.counts[code] = c.kind === "ok" || c.kind === "text-number" ? c.value : null;
        // What an unusable, non-blank cell holds ("ba", "#VALUE!"), for texts comparing two sendings.
        if (report.counts[code] === null && raw !== null && cellText(raw).trim() !== "") (report.unusable ??= {})[code] = cellText(raw);
        const f = c.kind === "ok" || c.kind === "error" ? null : countFinding(label, describePlace(place), c, item.required);
        if (f) findings.push(finding(f.rule, place, unit, f.message, f.severity));
        break;
      }
      case "ratio": {
        if (typeof raw === "number") report.ratio = raw;
        else if (readText(raw) !== null) report.ratio = NaN; // text typed over the formula: C05 reports it
        const formula = grid.formulas ? Boolean(grid.formulas[row - 1]?.[UNIT_VALUE_COLUMN - 1]) : undefined;
        report.ratioCell = typeof raw === "string" ? { text: raw, formula } : { formula };
        break;
      }
    }
  }
  // A committee's report to the level above carries its coverage (issue 14).
  const coverage = readCoverage(grid, unit);
  findings.push(...coverage.findings);
  if (coverage.coverage) report.coverage = coverage.coverage;
  const far = farCells(grid, unit);
  if (far) findings.push(far);
  return { report, findings };
}
