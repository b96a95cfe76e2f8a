/**
 * From grids to an Analysis: read DanhMuc and every PDV-01 report, match reports to roster units
 * (a workbook's sheet through TEN_SHEET, a file by its MA_DV), check every rule, and give each
 * unit its status. This is what "Kiểm tra" shows and what consolidation starts from.
 */
import { looseNameMatcher } from "./loose-name";
import type { Finding, SheetGrid, UnreadableFile, WorkbookInput } from "./types";
import type { Analysis, RosterUnit, UnitReport, UnitState, UnitStatus } from "./model";
import { findRosterSheet, readRoster } from "./roster";
import { checkAllocations, checkConsistency, checkTarget } from "./rules/consistency";
import { checkDates } from "./rules/dates";
import { checkName, noRosterSheet, notReported, secondReport, sheetOfOtherUnit, staleSummary, unitNotInRoster, strayUnreadableFile, unreadableFile } from "./rules/structure";
import { fingerprintCodes, fingerprintOfCodes } from "./fingerprint";
import { checkCommittee } from "./rollup";
import { prepareSheet } from "./prepare";
import type { PreparedSheet } from "./prepare";
import { STATE_FINGERPRINT, STATE_TIME } from "./state";
import { nfc } from "./vi";

export { isReportSheet, prepareSheet, reportSheets } from "./prepare";
export type { PreparedSheet } from "./prepare";

interface ReadReport {
  report: UnitReport;
  findings: Finding[];
  /** The roster unit it was matched to. */
  unit?: RosterUnit;
}

/**
 * An input whose sheets were prepared one by one (prepare.ts), the grids gone but DanhMuc's.
 * `analyzePrepared` of it is `analyzeWorkbook` of the input it was prepared from.
 */
export interface PreparedInput {
  /** DanhMuc's grid as `findRosterSheet` finds it among the input's sheets (the roster is read from it); undefined when none. */
  roster: SheetGrid | undefined;
  /** Every sheet of the input prepared (DanhMuc's may be among them or not), in the input's order. */
  sheets: PreparedSheet[];
  /** Files the unit sent that could not be read: each still counts as received (rule S09). */
  unreadable?: UnreadableFile[];
  /** Add-in state kept with the workbook (the G01 fingerprint of the last consolidation). */
  state?: Record<string, string>;
}

/**
 * Read and validate a whole workbook (or a folder's grids): DanhMuc, every unit report, the
 * matching of reports to roster units, every rule. Pure; never throws for what a user typed
 * (findings say it). Same result as `analyzePrepared` over `prepareSheet` of each sheet, which it is.
 */
export function analyzeWorkbook(input: WorkbookInput): Analysis {
  return analyzePrepared({ roster: findRosterSheet(input.sheets), sheets: input.sheets.map(prepareSheet), unreadable: input.unreadable, state: input.state });
}

/**
 * The analysis of an input whose sheets were prepared (see PreparedInput): what the task pane's
 * "Kiểm tra" shows and what consolidation starts from. The prepared readings are not changed
 * (their findings are copied), so the same PreparedInput may be analysed again.
 */
export function analyzePrepared(input: PreparedInput): Analysis {
  const findings: Finding[] = [];
  const rosterGrid = input.roster;
  const reports = input.sheets.filter((p) => p.reading !== null);
  const reads: ReadReport[] = reports.map((p) => ({ report: p.reading!.report, findings: [...p.reading!.findings] }));
  const parts = reports.map((p) => p.print!);
  const fingerprint = fingerprintOfCodes(rosterGrid ? [fingerprintCodes(rosterGrid), ...parts] : parts);
  const hidden = hiddenSheets(rosterGrid ? [...input.sheets, { name: rosterGrid.name, file: rosterGrid.source?.file, visibility: rosterGrid.visibility }] : input.sheets);

  const unplaced = (input.unreadable ?? []).map((u) => unreadableFile(u, null));
  if (!rosterGrid) {
    findings.push(...unplaced);
    findings.push(noRosterSheet());
    for (const r of reads) findings.push(...r.findings, ...checkConsistency(r.report));
    return { roster: null, reports: reads.map((r) => r.report), findings: noteHidden(findings, hidden), units: [], expected: 0, received: 0, missing: [], fingerprint };
  }

  const { roster, findings: rosterFindings } = readRoster(rosterGrid);
  findings.push(...rosterFindings);
  if (!roster) {
    findings.push(...unplaced);
    for (const r of reads) findings.push(...r.findings, ...checkConsistency(r.report));
    return { roster: null, reports: reads.map((r) => r.report), findings: noteHidden(findings, hidden), units: [], expected: 0, received: 0, missing: [], fingerprint };
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
  const pointedSet = new Set(pointed);
  const others = reads.filter((r) => !pointedSet.has(r));
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
  // Built on first use: most runs have no unreadable file and no report left without its unit.
  let matcher: ((file: string) => RosterUnit | null) | undefined;
  const matchFile = (file: string) => (matcher ??= fileMatcher(roster.units))(file);
  for (const u of input.unreadable ?? []) {
    const unit = matchFile(u.file);
    if (unit ? claimed.has(unit.code) : allClaimed) {
      findings.push(strayUnreadableFile(u, unit));
      continue;
    }
    const f = unreadableFile(u, unit && !claimed.has(unit.code) && !unreadableOf.has(unit.code) ? unit : null);
    if (f.unit) unreadableOf.set(f.unit, f);
    else findings.push(f);
  }

  // Each unit's findings (reports matched to it, in input order), and, for a unit that sent no
  // readable report, the first file named for it whose report carries another (or no) code.
  const ownFindings = new Map<RosterUnit, Finding[]>();
  const namedFile = new Map<RosterUnit, ReadReport>();
  for (const x of reads) {
    if (x.unit) {
      const list = ownFindings.get(x.unit);
      if (list) list.push(...x.findings);
      else ownFindings.set(x.unit, [...x.findings]);
    } else if (x.report.file) {
      const u = matchFile(x.report.file);
      if (u && !namedFile.has(u)) namedFile.set(u, x);
    }
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
      const named = namedFile.get(unit);
      unitFindings.push(notReported(unit, named ? { file: named.report.file!, code: named.report.code } : undefined));
      units.push({ code: unit.code, name: unit.name, group: unit.group, state: "missing", errors: 1, warnings: 0 });
      continue;
    }
    const own = ownFindings.get(unit) ?? [];
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
    findings: noteHidden(findings, hidden),
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
 * (ignoring case and the form of diacritics); failing both, the name as people type it, without
 * diacritics and with other words around it ("Bao cao Ha Chau.xlsx": loose-name.ts). Null when
 * none or more than one unit fits.
 */
export function unitOfFile(file: string, units: RosterUnit[]): RosterUnit | null {
  return fileMatcher(units)(file);
}

/**
 * `unitOfFile` for many files over the same units: the units are indexed once (by code, and by
 * sheet name and name), so each file costs its own words, not a pass over the roster.
 */
export function fileMatcher(units: RosterUnit[]): (file: string) => RosterUnit | null {
  const byCode = new Map<string, number[]>();
  const byText = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, key: string, i: number) => {
    const list = m.get(key);
    if (list) list.push(i);
    else m.set(key, [i]);
  };
  units.forEach((u, i) => {
    add(byCode, u.code.toUpperCase(), i);
    add(byText, nfc(u.sheetName).toLowerCase(), i);
    add(byText, nfc(u.name).toLowerCase(), i);
  });
  let loose: ((base: string) => number) | undefined;
  return (file) => {
    const base = nfc(file.split("/").pop()!.replace(/\.[^.]*$/, ""));
    const words = new Set(base.toUpperCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));
    const fits = new Set<number>(byText.get(base.toLowerCase()));
    for (const w of words) for (const i of byCode.get(w) ?? []) fits.add(i);
    if (fits.size === 0) {
      // Neither code nor exact name: the name as people type it (loose-name.ts), built on first need.
      const i = (loose ??= looseNameMatcher(units.map((u) => u.name)))(base);
      return i >= 0 ? units[i] : null;
    }
    return fits.size === 1 ? units[[...fits][0]] : null;
  };
}

/** Hidden and very hidden sheets by file and name (lower case), for noteHidden. */
function hiddenSheets(sheets: Pick<PreparedSheet, "name" | "file" | "visibility">[]): Map<string, SheetGrid["visibility"]> {
  const hidden = new Map<string, SheetGrid["visibility"]>();
  for (const g of sheets) {
    if (g.visibility === "Hidden" || g.visibility === "VeryHidden") hidden.set(`${g.file ?? ""}\u0000${g.name.toLowerCase()}`, g.visibility);
  }
  return hidden;
}

/**
 * A finding on a hidden or very hidden sheet says so: the user would otherwise look for a sheet
 * the tabs do not show (Excel: right-click a tab › Unhide; a very hidden sheet only through VBA).
 */
function noteHidden(findings: Finding[], hidden: Map<string, SheetGrid["visibility"]>): Finding[] {
  if (!hidden.size) return findings;
  return findings.map((f) => {
    const v = hidden.get(`${f.file ?? ""}\u0000${f.sheet.toLowerCase()}`);
    if (!v) return f;
    const how = v === "Hidden" ? "đang bị ẩn (bấm chuột phải vào thẻ sheet › Bỏ ẩn để xem)" : "đang bị ẩn hoàn toàn (very hidden, không hiện trong danh sách Bỏ ẩn)";
    return { ...f, message: `${f.message} Lưu ý: sheet '${f.sheet}' ${how}.` };
  });
}
