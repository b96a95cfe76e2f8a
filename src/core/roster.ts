/**
 * Reading the DanhMuc sheet: district parameters (code in A, label in B, value in C) and the
 * roster table found by its code row (the row holding MA_DV). Rules S01 and S02 are checked here,
 * where the places are known; their messages are made by rules/structure.ts (E01's by
 * rules/encoding.ts).
 */
import type { Finding, SheetGrid } from "./types";
import type { DistrictParams, Place, Roster, RosterUnit } from "./model";
import { a1 } from "./a1";
import { yearOf } from "./dates";
import { cellAt, fontAt, isBlank, isPlainCode, quoteCell, readCode, readCount, readDate, readText } from "./cells";
import { convertCell } from "./legacy";
import { legacyText } from "./rules/encoding";
import {
  badAllocation,
  badParam,
  blankUnitCode,
  missingParam,
  missingRosterColumn,
  noRosterTable,
  periodReversed,
  deadlineBeforePeriodEnd,
  yearNotPeriodYear,
  repeatedUnitCode,
  sharedSheet,
  farCells,
} from "./rules/structure";
import { PARAMS, ROSTER_COLUMNS, SHEET_ROSTER, PARAM_CODE_COLUMN, PARAM_VALUE_COLUMN } from "./template";
import type { RosterColumnCode } from "./template";

export interface RosterReading {
  roster: Roster | null;
  findings: Finding[];
}

function placeOf(grid: SheetGrid, row: number, column: number): Place {
  const p: Place = { sheet: grid.name, cell: a1(row, column) };
  if (grid.source?.file) p.file = grid.source.file;
  return p;
}

/** Find the DanhMuc sheet (name compared ignoring case). */
export function findRosterSheet(sheets: SheetGrid[]): SheetGrid | undefined {
  const want = SHEET_ROSTER.toLowerCase();
  return sheets.find((s) => s.name.toLowerCase() === want);
}

function readParams(grid: SheetGrid, findings: Finding[]): DistrictParams | null {
  const rowOf = new Map<string, number>();
  grid.values.forEach((r, i) => {
    const v = r[PARAM_CODE_COLUMN - 1];
    if (typeof v !== "string") return;
    // Column A also holds every unit's code (4,800 rows): a plain code needs no trimming.
    const key = isPlainCode(v) ? v : v.trim().toUpperCase();
    if (!rowOf.has(key)) rowOf.set(key, i + 1);
  });
  const out: Record<string, string | number> = {};
  let ok = true;
  for (const def of PARAMS) {
    const row = rowOf.get(def.code);
    if (row === undefined && def.optional) continue;
    if (row === undefined) {
      findings.push(missingParam(grid, def.code, def.label));
      ok = false;
      continue;
    }
    const place = placeOf(grid, row, PARAM_VALUE_COLUMN);
    const raw = cellAt(grid, row, PARAM_VALUE_COLUMN);
    const bad = (what: string) => {
      findings.push(badParam(place, def.code, def.label, what, def.type));
      ok = false;
    };
    if (def.type === "text") {
      const t = readText(raw);
      if (t === null && def.optional) continue;
      if (t === null) bad("đang để trống");
      else out[def.code] = t;
    } else if (def.type === "integer") {
      const c = readCount(raw);
      if (c.kind === "ok" || c.kind === "text-number") out[def.code] = c.value;
      else bad(c.kind === "blank" ? "đang để trống" : `không phải là số nguyên không âm (${quoteCell(raw)})`);
    } else {
      const d = readDate(raw);
      if (d.kind === "ok") out[def.code] = d.serial;
      else bad(d.kind === "blank" ? "đang để trống" : `không phải là ngày dd/mm/yyyy (${quoteCell(raw)})`);
    }
  }
  if (!ok) return null;
  const params: DistrictParams = {
    name: out.DB_TEN as string,
    year: out.NAM as number,
    from: out.KY_TU as number,
    to: out.KY_DEN as number,
    deadline: out.HAN_NOP as number,
    target: out.CHITIEU_DB as number,
    board: typeof out.CO_QUAN === "string" ? out.CO_QUAN : null,
    code: typeof out.MA_DB === "string" ? out.MA_DB : null,
  };
  if (params.from > params.to) {
    findings.push(periodReversed(placeOf(grid, rowOf.get("KY_TU")!, PARAM_VALUE_COLUMN), params.from, params.to));
    return null;
  }
  if (params.deadline < params.to) {
    findings.push(deadlineBeforePeriodEnd(placeOf(grid, rowOf.get("HAN_NOP")!, PARAM_VALUE_COLUMN), params.deadline, params.to));
  }
  if (params.year !== yearOf(params.to)) {
    findings.push(yearNotPeriodYear(placeOf(grid, rowOf.get("NAM")!, PARAM_VALUE_COLUMN), params.year, params.to));
  }
  return params;
}

/** Roster columns by code: the row that holds MA_DV is the code row; labels are the row above. */
function findRosterHeader(grid: SheetGrid): { row: number; columns: Map<RosterColumnCode, number> } | null {
  for (let i = 0; i < grid.values.length; i++) {
    const r = grid.values[i];
    const idx = r.findIndex((v) => typeof v === "string" && v.trim().toUpperCase() === "MA_DV");
    // The parameter block never holds MA_DV; a row holding it in column A with a label in B would be a parameter row.
    if (idx < 0) continue;
    const columns = new Map<RosterColumnCode, number>();
    r.forEach((v, c) => {
      if (typeof v !== "string") return;
      const code = v.trim().toUpperCase();
      const def = ROSTER_COLUMNS.find((d) => d.code === code);
      if (def && !columns.has(def.code)) columns.set(def.code, c + 1);
    });
    return { row: i + 1, columns };
  }
  return null;
}

export function readRoster(grid: SheetGrid): RosterReading {
  const findings: Finding[] = [];
  const far = farCells(grid, null);
  if (far) findings.push(far);
  const params = readParams(grid, findings);
  const header = findRosterHeader(grid);
  if (!header) {
    findings.push(noRosterTable(grid));
    return { roster: null, findings };
  }
  let columnsOk = true;
  for (const def of ROSTER_COLUMNS) {
    if (def.required && !header.columns.has(def.code)) {
      findings.push(missingRosterColumn(placeOf(grid, header.row, 1), def.code, def.label, header.row));
      columnsOk = false;
    }
  }
  if (!columnsOk) return { roster: null, findings };
  const col = (code: RosterColumnCode) => header.columns.get(code);
  // Each column's number looked up once, not once per unit.
  const codeCol = col("MA_DV")!;
  const sheetCol = col("TEN_SHEET")!;
  const targetCol = col("KN_CHITIEU")!;
  const nameCol = col("TEN_DV")!;
  const typeCol = col("LOAI_HINH")!;
  const groupCol = col("KHOI")!;
  const prevCol = col("KN_CUNGKY");
  const startCol = col("DV_DAUNAM");
  const optionalCount = (c: number | undefined, row: number): number | null => {
    if (c === undefined) return null;
    const r = readCount(cellAt(grid, row, c));
    return r.kind === "ok" || r.kind === "text-number" ? r.value : null;
  };
  const units: RosterUnit[] = [];
  const seenCodes = new Map<string, number>();
  const seenSheets = new Map<string, number>();
  for (let row = header.row + 1; row <= grid.values.length; row++) {
    const cells = grid.values[row - 1] ?? [];
    if (cells.every((v) => isBlank(v))) continue;
    const code = readCode(cellAt(grid, row, codeCol));
    const codePlace = placeOf(grid, row, codeCol);
    if (code === null) {
      findings.push(blankUnitCode(codePlace, row));
      continue;
    }
    const key = code.toUpperCase();
    const firstRow = seenCodes.get(key);
    if (firstRow !== undefined) {
      findings.push(repeatedUnitCode(codePlace, code, firstRow));
      continue;
    }
    seenCodes.set(key, row);
    const sheetName = readText(cellAt(grid, row, sheetCol)) ?? code;
    const sheetKey = sheetName.toLowerCase();
    const sheetFirst = seenSheets.get(sheetKey);
    if (sheetFirst !== undefined) {
      const p = placeOf(grid, row, sheetCol);
      findings.push(sharedSheet(p, code, sheetName, sheetFirst));
    } else {
      seenSheets.set(sheetKey, row);
    }
    const targetReading = readCount(cellAt(grid, row, targetCol));
    const target = targetReading.kind === "ok" || targetReading.kind === "text-number" ? targetReading.value : null;
    if (target === null && targetReading.kind !== "blank") {
      const p = placeOf(grid, row, targetCol);
      findings.push(badAllocation(p, code));
    }
    const prevAdmitted = optionalCount(prevCol, row);
    const membersAtStart = optionalCount(startCol, row);
    // A name typed in a legacy font (.VnTime, VNI-Times) is converted to Unicode before comparing (E01).
    const nameRaw = cellAt(grid, row, nameCol);
    const legacy = convertCell(nameRaw, fontAt(grid, row, nameCol));
    if (legacy) {
      const p = placeOf(grid, row, nameCol);
      findings.push(legacyText(p, code, `Tên đơn vị ${code}`, legacy));
    }
    units.push({
      code,
      name: readText(legacy ? legacy.text : nameRaw) ?? "",
      type: readText(cellAt(grid, row, typeCol)) ?? "",
      group: readText(cellAt(grid, row, groupCol)) ?? "",
      target,
      sheetName,
      prevAdmitted,
      membersAtStart,
      place: codePlace,
    });
  }
  if (!params) return { roster: null, findings };
  return {
    roster: { params, units, hasPrev: header.columns.has("KN_CUNGKY"), hasStart: header.columns.has("DV_DAUNAM") },
    findings,
  };
}
