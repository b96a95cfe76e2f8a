/**
 * FROZEN REFERENCE, for equality tests only: analyzeWorkbook and fingerprintInputs as they were
 * before the streaming analysis of issue 11 (main at e99b9ca, src/core/analyze.ts and
 * fingerprint.ts), copied unchanged but for imports and names (…Before). The tests compare the rewritten core
 * (prepareSheet + analyzePrepared, fingerprintPart) with these on varied inputs: stored
 * fingerprints in users' workbooks (G01, R02) must keep their value, and the analysis must not
 * change. Do not edit to make a test pass; a deliberate change of what the analysis says (a new
 * rule, another message) goes into this copy too, in the same commit, saying why. Not for use
 * outside tests.
 */
import type { Finding, SheetGrid, UnreadableFile, WorkbookInput } from "../../../src/core/types";
import type { Analysis, RosterUnit, UnitReport, UnitState, UnitStatus } from "../../../src/core/model";
import { GENERATED_SHEETS, SHEET_REPORT_UP, SHEET_ROSTER } from "../../../src/core/template";
import { findRosterSheet, readRoster } from "../../../src/core/roster";
import { looksLikeReport, readReport } from "../../../src/core/report";
import { checkAllocations, checkConsistency, checkTarget } from "../../../src/core/rules/consistency";
import { checkDates } from "../../../src/core/rules/dates";
import { checkName, noRosterSheet, notReported, secondReport, sheetOfOtherUnit, staleSummary, unitNotInRoster, strayUnreadableFile, unreadableFile } from "../../../src/core/rules/structure";
import type { CellValue } from "../../../src/core/types";
import { checkCommittee } from "../../../src/core/rollup";
import { isBackupSheet } from "../../../src/core/replace";
import { STATE_FINGERPRINT, STATE_TIME } from "../../../src/core/state";

interface ReadReport {
  report: UnitReport;
  findings: Finding[];
  /** The roster unit it was matched to. */
  unit?: RosterUnit;
}

const generated = new Set(GENERATED_SHEETS.map((s) => s.toLowerCase()));

/**
 * The sheets that are unit reports: PDV-01 sheets, except DanhMuc and the add-in's own sheets. A
 * committee's report to the level above (SHEET_REPORT_UP) read from another file is that
 * committee's report (issue 14); in the workbook itself it is the add-in's own output. A backup
 * kept by a replacement ("TCCS07 (cũ)", replace.ts) is never a report, hidden or not.
 */
function reportSheets(sheets: SheetGrid[]): SheetGrid[] {
  const exportName = SHEET_REPORT_UP.toLowerCase();
  return sheets.filter((s) => {
    const name = s.name.toLowerCase();
    const own = generated.has(name) && !(name === exportName && s.source?.file);
    return name !== SHEET_ROSTER.toLowerCase() && !own && !isBackupSheet(s.name) && looksLikeReport(s);
  });
}

export function analyzeWorkbookBefore(input: WorkbookInput): Analysis {
  const findings: Finding[] = [];
  const rosterGrid = findRosterSheet(input.sheets);
  const reportGrids = reportSheets(input.sheets);
  const reads: ReadReport[] = reportGrids.map((g) => readReport(g));
  const fingerprint = fingerprintInputsBefore(rosterGrid ? [rosterGrid, ...reportGrids] : reportGrids);

  const unplaced = (input.unreadable ?? []).map((u) => unreadableFile(u, null));
  if (!rosterGrid) {
    findings.push(...unplaced);
    findings.push(noRosterSheet());
    for (const r of reads) findings.push(...r.findings, ...checkConsistency(r.report));
    return { roster: null, reports: reads.map((r) => r.report), findings: noteHidden(findings, input.sheets), units: [], expected: 0, received: 0, missing: [], fingerprint };
  }

  const { roster, findings: rosterFindings } = readRoster(rosterGrid);
  findings.push(...rosterFindings);
  if (!roster) {
    findings.push(...unplaced);
    for (const r of reads) findings.push(...r.findings, ...checkConsistency(r.report));
    return { roster: null, reports: reads.map((r) => r.report), findings: noteHidden(findings, input.sheets), units: [], expected: 0, received: 0, missing: [], fingerprint };
  }

  const c06 = checkAllocations(roster, { sheet: rosterGrid.name, cell: "", file: rosterGrid.source?.file });
  if (c06) findings.push(c06);

  // Match: a workbook sheet named by a roster entry belongs to that entry; any other report
  // (a unit's file, or a sheet nobody points to) is matched by the MA_DV written on it.
  const byCode = new Map(roster.units.map((u) => [u.code.toUpperCase(), u]));
  // A sheet named twice in TEN_SHEET (S02) belongs to the first entry, not the last.
  const bySheet = new Map<string, RosterUnit>();
  for (const u of roster.units) if (!bySheet.has(u.sheetName.toLowerCase())) bySheet.set(u.sheetName.toLowerCase(), u);
  const claimed = new Map<string, ReadReport>(); // unit code → the report that counts for it
  const blocked = new Set<string>(); // unit codes whose report has an identity error

  const pointed = reads.filter((r) => !r.report.file && bySheet.has(r.report.sheet.toLowerCase()));
  const others = reads.filter((r) => !pointed.includes(r));
  for (const r of pointed) {
    const unit = bySheet.get(r.report.sheet.toLowerCase())!;
    r.unit = unit;
    claimed.set(unit.code, r);
    if (r.report.code !== null && r.report.code.toUpperCase() !== unit.code.toUpperCase()) {
      r.findings.push(sheetOfOtherUnit(r.report, unit));
      blocked.add(unit.code);
    }
  }
  for (const r of others) {
    if (r.report.code === null) continue; // V01/S05 already say the code is missing
    const unit = byCode.get(r.report.code.toUpperCase());
    if (!unit) {
      r.findings.push(unitNotInRoster(r.report));
      continue;
    }
    r.unit = unit;
    const first = claimed.get(unit.code);
    if (first) {
      r.findings.push(secondReport(first.report, r.report, unit.code));
      blocked.add(unit.code);
      continue;
    }
    claimed.set(unit.code, r);
  }

  // Checks that need the report's unit and the committee's dates.
  for (const r of reads) {
    // A unit without a target ("không giao" in the roster) may leave its own KN_CHITIEU blank.
    if (r.unit && r.unit.target === null) {
      r.findings = r.findings.filter((f) => !(f.rule === "V01" && f.cell !== "" && f.cell === r.report.cells.KN_CHITIEU));
    }
    r.findings.push(...checkConsistency(r.report));
    if (r.unit && claimed.get(r.unit.code) === r) {
      const name = checkName(r.report, r.unit);
      if (name) r.findings.push(name);
      r.findings.push(...checkTarget(r.report, r.unit), ...checkDates(r.report, roster.params), ...checkCommittee(r.report, r.unit.name, r.unit.code));
    }
  }

  // S09: a file that could not be read still counts as received for the unit it names.
  // A file beside a readable report of its unit (or, naming no unit, when every unit has one) is
  // a stray copy: a warning that it was not used, so it does not block a clean run.
  const unreadableOf = new Map<string, Finding>();
  const allClaimed = roster.units.every((x) => claimed.has(x.code));
  for (const u of input.unreadable ?? []) {
    const unit = unitOfFileBefore(u.file, roster.units);
    if (unit ? claimed.has(unit.code) : allClaimed) {
      findings.push(strayUnreadableFile(u, unit));
      continue;
    }
    const f = unreadableFile(u, unit && !claimed.has(unit.code) && !unreadableOf.has(unit.code) ? unit : null);
    if (f.unit) unreadableOf.set(f.unit, f);
    else findings.push(f);
  }

  const units: UnitStatus[] = [];
  const missing: string[] = [];
  const unitFindings: Finding[] = [];
  for (const unit of roster.units) {
    const r = claimed.get(unit.code);
    const unreadable = unreadableOf.get(unit.code);
    if (!r && unreadable) {
      unitFindings.push(unreadable);
      units.push({ code: unit.code, name: unit.name, group: unit.group, state: "error", errors: 1, warnings: 0 });
      continue;
    }
    if (!r) {
      missing.push(unit.code);
      // A file named for the unit whose report carries another (or no) code: say so here too.
      const named = reads.find((x) => x.report.file && !x.unit && unitOfFileBefore(x.report.file, roster.units) === unit);
      unitFindings.push(notReported(unit, named ? { file: named.report.file!, code: named.report.code } : undefined));
      units.push({ code: unit.code, name: unit.name, group: unit.group, state: "missing", errors: 1, warnings: 0 });
      continue;
    }
    const own = reads.filter((x) => x.unit === unit).flatMap((x) => x.findings);
    const errors = own.filter((f) => f.severity === "error").length;
    const warnings = own.length - errors;
    let state: UnitState = "submitted";
    if (errors > 0 || blocked.has(unit.code)) state = "error";
    else if (own.some((f) => f.rule === "D01")) state = "late";
    units.push({ code: unit.code, name: unit.name, group: unit.group, state, report: r.report, errors, warnings });
  }

  for (const r of reads) findings.push(...r.findings);
  findings.push(...unitFindings);

  // G01: the summary on file was made from other inputs.
  const stored = input.state?.[STATE_FINGERPRINT];
  if (stored !== undefined && stored !== fingerprint) {
    const when = input.state?.[STATE_TIME];
    findings.push(staleSummary(when));
  }

  return {
    roster,
    reports: reads.map((r) => r.report),
    findings: noteHidden(findings, input.sheets),
    units,
    expected: roster.units.length,
    received: roster.units.length - missing.length,
    missing,
    fingerprint,
  };
}

/**
 * The roster unit a file name points to: its code as a word of the name ("TCCS05.xlsx",
 * "Bao cao TCCS05 thang 8.xlsx"), or the whole name equal to the unit's sheet name or name
 * (ignoring case and the form of diacritics). Null when none or more than one unit fits.
 */
export function unitOfFileBefore(file: string, units: RosterUnit[]): RosterUnit | null {
  const base = file.split("/").pop()!.replace(/\.[^.]*$/, "").normalize("NFC");
  const words = new Set(base.toUpperCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  const lower = base.toLowerCase();
  const fits = units.filter(
    (u) => words.has(u.code.toUpperCase()) || u.sheetName.normalize("NFC").toLowerCase() === lower || u.name.normalize("NFC").toLowerCase() === lower,
  );
  return fits.length === 1 ? fits[0] : null;
}

/**
 * A finding on a hidden or very hidden sheet says so: the user would otherwise look for a sheet
 * the tabs do not show (Excel: right-click a tab › Unhide; a very hidden sheet only through VBA).
 */
function noteHidden(findings: Finding[], sheets: SheetGrid[]): Finding[] {
  const hidden = new Map<string, SheetGrid["visibility"]>();
  for (const g of sheets) {
    if (g.visibility === "Hidden" || g.visibility === "VeryHidden") hidden.set(`${g.source?.file ?? ""}\u0000${g.name.toLowerCase()}`, g.visibility);
  }
  if (!hidden.size) return findings;
  return findings.map((f) => {
    const v = hidden.get(`${f.file ?? ""}\u0000${f.sheet.toLowerCase()}`);
    if (!v) return f;
    const how = v === "Hidden" ? "đang bị ẩn (bấm chuột phải vào thẻ sheet › Bỏ ẩn để xem)" : "đang bị ẩn hoàn toàn (very hidden, không hiện trong danh sách Bỏ ẩn)";
    return { ...f, message: `${f.message} Lưu ý: sheet '${f.sheet}' ${how}.` };
  });
}

/* ---------------------------------------------------------------- fingerprint.ts before */

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
export function hashTextBefore(text: string, seedHi = 0xcbf29ce4, seedLo = 0x84222325): string {
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
export function fingerprintInputsBefore(sheets: SheetGrid[]): string {
  const parts = sheets
    .map((s) => {
      const lines = s.values.map((r) => r.map(cellKey).join("\u001f").replace(/\u001f+$/, ""));
      while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
      const rows = lines.join("\u001e");
      return `${s.source?.file ?? ""}\u001d${s.name}\u001d${rows}`;
    })
    .sort();
  return hashTextBefore(parts.join("\u001c"));
}
