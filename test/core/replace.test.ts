/**
 * Replacing a unit's report: backup names, the figures a replacement changes, backups never read
 * as reports, and where imported sheets go in roster order.
 */
import { analyzeWorkbook } from "../../src/core/analyze";
import { consolidate } from "../../src/core/consolidate";
import { readRoster, findRosterSheet } from "../../src/core/roster";
import { backupSheetName, isBackupSheet, placeNewSheets, reportChanges } from "../../src/core/replace";
import { sheetNameProblem } from "../../src/core/a1";
import { ymdToSerial } from "../../src/core/dates";
import type { SheetGrid } from "../../src/core/types";
import { sampleGrids } from "../helpers/sample";
import { findSheet, setItem } from "../helpers/grids";

const clone = (g: SheetGrid, name = g.name): SheetGrid => ({ ...g, name, values: g.values.map((r) => [...r]) });

describe("backup sheet names", () => {
  test("'<sheet> (cũ)', then (cũ 2); always a valid Excel name of at most 31 characters", () => {
    expect(backupSheetName("TCCS07", [])).toBe("TCCS07 (cũ)");
    expect(backupSheetName("TCCS07", ["tccs07 (CŨ)"])).toBe("TCCS07 (cũ 2)");
    const long = "Chi bộ Trường THPT Phú Bình số 1"; // 32 characters
    const b = backupSheetName(long, []);
    expect(b.length).toBeLessThanOrEqual(31);
    expect(b.endsWith(" (cũ)")).toBe(true);
    expect(sheetNameProblem(b)).toBeNull();
    // Cut before an apostrophe: no name ending in "'" before the suffix, no split surrogate pair.
    expect(backupSheetName("Chi bộ 'Tổ 1' khu phố Bắc Sơn xx", [])).not.toMatch(/' \(cũ\)$/);
    const emoji = backupSheetName("ab😀😀😀😀😀😀😀😀😀😀😀😀", []);
    expect(emoji.length).toBeLessThanOrEqual(31);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(emoji)).toBe(false);
  });

  test("isBackupSheet recognises them (NFC or not), and nothing else", () => {
    expect(isBackupSheet("TCCS07 (cũ)")).toBe(true);
    expect(isBackupSheet("TCCS07 (cũ 3)")).toBe(true);
    expect(isBackupSheet("TCCS07 (cu\u0303)")).toBe(true);
    expect(isBackupSheet("TCCS07")).toBe(false);
    expect(isBackupSheet("Chi bộ cũ")).toBe(false);
  });
});

describe("a backup is never read as a report", () => {
  test("a hidden (or shown) copy of a unit's sheet named as a backup changes nothing", () => {
    const sheets = sampleGrids();
    const base = consolidate(analyzeWorkbook({ sheets }));
    const old = clone(findSheet(sheets, "TCCS07"), backupSheetName("TCCS07", []));
    setItem(old, "KN_DAKETNAP", 99);
    for (const visibility of ["Hidden", "Visible"] as const) {
      const a = analyzeWorkbook({ sheets: [...sheets, { ...old, visibility }] });
      expect(a.reports.map((r) => r.sheet)).not.toContain(old.name);
      expect(a.findings.filter((f) => f.sheet === old.name)).toEqual([]);
      const s = consolidate(a);
      expect(s.totals).toEqual(base.totals);
      expect(s.totals.KN_DAKETNAP).toBe(31);
    }
    // The same copy under any other name is a second report of TCCS07 (S07): the rule is the name.
    const other = analyzeWorkbook({ sheets: [...sheets, { ...old, name: "TCCS07 ban sao" }] });
    expect(other.findings.some((f) => f.rule === "S07" && f.sheet === "TCCS07 ban sao")).toBe(true);
  });
});

describe("reportChanges", () => {
  test("names each figure that changes, before → after, in vi-VN", () => {
    const sheets = sampleGrids();
    const current = findSheet(sheets, "TCCS07");
    const incoming = clone(current, "Báo cáo");
    const before = analyzeWorkbook({ sheets }).units.find((u) => u.code === "TCCS07")!.report!;
    setItem(incoming, "KN_DAKETNAP", (before.counts.KN_DAKETNAP ?? 0) + 1);
    setItem(incoming, "DV_TONG", 1234);
    setItem(incoming, "NGAY_LAP", ymdToSerial(2020, 9, 7));
    setItem(incoming, "KN_NU", null);
    const changes = reportChanges(current, incoming);
    expect(changes.map((c) => c.code)).toEqual(["NGAY_LAP", "DV_TONG", "KN_DAKETNAP", "KN_NU"]);
    const adm = changes.find((c) => c.code === "KN_DAKETNAP")!;
    expect(adm).toEqual({ code: "KN_DAKETNAP", label: expect.stringMatching(/kết nạp/), before: String(before.counts.KN_DAKETNAP), after: String((before.counts.KN_DAKETNAP ?? 0) + 1) });
    expect(changes.find((c) => c.code === "DV_TONG")!.after).toBe("1.234");
    expect(changes.find((c) => c.code === "NGAY_LAP")!.after).toBe("07/09/2020");
    expect(changes.find((c) => c.code === "KN_NU")!.after).toBe("trống");
    expect(reportChanges(current, clone(current))).toEqual([]);
  });
});

describe("placeNewSheets", () => {
  const sheets = sampleGrids();
  const units = readRoster(findRosterSheet(sheets)!).roster!.units;
  const names = units.map((u) => u.sheetName);

  test("each new sheet goes after the previous roster unit that exists, else after DanhMuc", () => {
    // Units 1, 2 and 7 missing; then added at the end in another order.
    const existing = ["DanhMuc", ...names.filter((_, i) => ![0, 1, 6].includes(i)), "TongHop"];
    const added = [names[6], names[1], names[0]];
    const order = [...existing, ...added];
    const moves = placeNewSheets(order, units, added);
    expect(moves).toEqual([
      { sheet: names[0], after: "DanhMuc" },
      { sheet: names[1], after: names[0] },
      { sheet: names[6], after: names[5] },
    ]);
    const result = apply(order, moves);
    expect(result).toEqual(["DanhMuc", ...names, "TongHop"]);
  });

  test("no moves when the new sheets are already in place; a sheet outside the roster stays", () => {
    const order = ["DanhMuc", ...names];
    expect(placeNewSheets(order, units, [names[3], names[4]])).toEqual([]);
    expect(placeNewSheets([...order, "Khác"], units, ["Khác"])).toEqual([]);
  });

  test("without DanhMuc in the order the first unit goes to the front", () => {
    expect(placeNewSheets(["X", names[0]], units, [names[0]])).toEqual([{ sheet: names[0], after: null }]);
  });
});

/** Applies moves as a port would: each sheet right after `after` (or first). */
function apply(order: string[], moves: { sheet: string; after: string | null }[]): string[] {
  const out = [...order];
  for (const m of moves) {
    out.splice(out.indexOf(m.sheet), 1);
    out.splice(m.after === null ? 0 : out.indexOf(m.after) + 1, 0, m.sheet);
  }
  return out;
}
