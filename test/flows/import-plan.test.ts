import { DEFAULT_PARAMS, unitSheetPlan } from "../../src/core/blank";
import { planToGrid } from "../../src/core/plan";
import { findRosterSheet, readRoster } from "../../src/core/roster";
import type { RosterUnit } from "../../src/core/model";
import type { SheetGrid } from "../../src/core/types";
import { analyzeWorkbook } from "../../src/core/analyze";
import { STATE_FINGERPRINT } from "../../src/core/state";
import { findFormSheet, gridToPlan, importSummary, notXlsxMessage, outcomeMessage, planImports, rejectedFirst } from "../../src/flows/import-plan";
import type { ImportOutcome } from "../../src/flows/import-plan";
import { groupFindings } from "../../src/taskpane/findings";
import { sampleGrids, sampleRoster, sampleValues } from "../helpers/sample";
import { rowOfCode, setItem } from "../helpers/grids";
import { PROVINCE, threeCommittees, upperGrids } from "../helpers/committees";

const rows = sampleRoster();
const units: RosterUnit[] = readRoster(findRosterSheet(sampleGrids(rows))!).roster!.units;

/** A unit's report as its own file would hold it: a PDV-01 sheet plus maybe other sheets. */
function fileGrids(code: string, sheetName = "Báo cáo"): SheetGrid[] {
  const row = rows.find((r) => r.code === code)!;
  const grid = planToGrid(unitSheetPlan(DEFAULT_PARAMS, row, sampleValues(row)));
  return [{ name: "Hướng dẫn", values: [["Điền số liệu vào sheet bên cạnh"]] }, { ...grid, name: sheetName }];
}

describe("planImports", () => {
  test("matches a file by the MA_DV written in it, not by its file or sheet name, and names the sheet after the roster", () => {
    const { plans, outcomes } = planImports([{ file: "TCCS07.xlsx", grids: fileGrids("TCCS05", "TCCS07") }], units, ["DanhMuc"]);
    expect(outcomes).toEqual([
      expect.objectContaining({ kind: "added", file: "TCCS07.xlsx", unit: "TCCS05", sheet: "TCCS05", sourceSheet: "TCCS07" }),
    ]);
    expect(plans.map((p) => p.name)).toEqual(["TCCS05"]);
    expect(outcomeMessage(outcomes[0])).toContain("TCCS05");
  });

  test("the added sheet is read back as that unit's report, with no error", () => {
    const all = sampleGrids(rows).filter((g) => g.name !== "TCCS05");
    const { plans } = planImports([{ file: "bc.xlsx", grids: fileGrids("TCCS05") }], units, all.map((g) => g.name));
    const analysis = analyzeWorkbook({ sheets: [...all, planToGrid(plans[0])] });
    expect(analysis.units.find((u) => u.code === "TCCS05")?.state).toBe("submitted");
    expect(analysis.received).toBe(48);
    expect(analysis.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  test("refuses an unknown code, a file with no PDV-01 sheet, a blank code, an existing sheet and a second file for one unit", () => {
    const unknown = fileGrids("TCCS05");
    setItem(unknown[1], "MA_DV", "TCCS99", false);
    const blank = fileGrids("TCCS06");
    setItem(blank[1], "MA_DV", null, false);
    const lower = fileGrids("TCCS02");
    setItem(lower[1], "MA_DV", " tccs02 ", false);
    const { plans, outcomes } = planImports(
      [
        { file: "a.xlsx", grids: unknown },
        { file: "b.xlsx", grids: [{ name: "Sheet1", values: [["xin chào"]] }] },
        { file: "c.xlsx", grids: blank },
        { file: "d.xlsx", grids: fileGrids("TCCS01") },
        { file: "e.xlsx", grids: fileGrids("TCCS02") },
        { file: "f.xlsx", grids: lower },
        { file: "g.xlsx", grids: [], error: "Tệp g.xlsx được bảo vệ bằng mật khẩu." },
      ],
      units,
      ["DanhMuc", "tccs01"],
    );
    expect(outcomes.map((o) => o.kind)).toEqual(["unknown-code", "not-report", "no-code", "exists", "added", "duplicate", "unreadable"]);
    expect(plans.map((p) => p.name)).toEqual(["TCCS02"]);
    expect(outcomeMessage(outcomes[0])).toContain("TCCS99");
    expect(outcomeMessage(outcomes[3])).toContain("không ghi đè");
  });

  test("finds the form by the code MAU in column C", () => {
    const g = fileGrids("TCCS03");
    expect(findFormSheet(g)?.name).toBe("Báo cáo");
    expect(findFormSheet([g[0]])).toBeUndefined();
  });

  test("a committee's file (its consolidation's output) is imported by its report to the level above, and read as a committee", () => {
    const committees = threeCommittees();
    const h02 = committees[1];
    // The committee's workbook as saved: DanhMuc, its units' sheets, then GuiCapTren.
    const file = [...h02.grids, h02.report];
    expect(findFormSheet(file)?.name).toBe("GuiCapTren");
    const upper = upperGrids(PROVINCE, committees);
    const roster = readRoster(findRosterSheet(upper)!).roster!;
    const others = upper.filter((g) => g.name !== "H02");
    const { plans, outcomes } = planImports([{ file: "dong-hy.xlsx", grids: file }], roster.units, others.map((g) => g.name));
    expect(outcomes).toEqual([expect.objectContaining({ kind: "added", unit: "H02", sheet: "H02", sourceSheet: "GuiCapTren" })]);
    const analysis = analyzeWorkbook({ sheets: [...others, planToGrid(plans[0])] });
    expect(analysis.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(analysis.findings.filter((f) => f.rule === "R01").map((f) => f.unit)).toEqual(["H02"]);
  });
});

describe("gridToPlan", () => {
  test("keeps values and formulas, formats dates/counts/ratio, turns error values into text and notes the source", () => {
    const grid = fileGrids("TCCS03")[1];
    const ratioRow = rowOfCode(grid, "KN_TYLE");
    const dateRow = rowOfCode(grid, "NGAY_LAP");
    const countRow = rowOfCode(grid, "DV_TONG");
    const codeRow = rowOfCode(grid, "MA_DV");
    grid.values[countRow - 1][4] = { error: "#REF!" };
    const plan = gridToPlan(grid, "TCCS03", "bc.xlsx");
    const ratio = plan.rows[ratioRow - 1][3]!;
    expect(ratio.formula).toMatch(/^=IF\(D\d+=0,"",D\d+\/D\d+\)$/);
    expect(ratio.value).toBeCloseTo(2 / 9);
    expect(ratio.numberFormat).toBe("0.00%");
    expect(plan.rows[dateRow - 1][3]).toMatchObject({ numberFormat: "dd/mm/yyyy" });
    expect(plan.rows[countRow - 1][3]).toMatchObject({ value: 265, numberFormat: "#,##0" });
    expect(plan.rows[countRow - 1][4]).toEqual({ value: "#REF!" });
    expect(plan.rows[codeRow - 1][3]).toMatchObject({ value: "TCCS03", note: expect.stringContaining("bc.xlsx") });
    expect(plan.rows[codeRow - 1][2]).toEqual({ value: "MA_DV" });
  });
});

describe("groupFindings", () => {
  test("district findings first, then units in roster order, errors before warnings", () => {
    const grids = sampleGrids(rows).filter((g) => g.name !== "TCCS02");
    const t3 = grids.find((g) => g.name === "TCCS03")!;
    setItem(t3, "KN_CHITIEU", 10); // C04 warning
    setItem(t3, "DV_TONG", "ba trăm"); // V02 error
    const groups = groupFindings(analyzeWorkbook({ sheets: grids, state: { [STATE_FINGERPRINT]: "cũ" } })); // G01: district-level
    expect(groups.map((g) => g.unit)).toEqual([null, "TCCS02", "TCCS03"]);
    expect(groups[2].title).toBe("TCCS03 – Xã Bảo Lý");
    expect(groups[2].findings.map((f) => f.severity)).toEqual(["error", "warning"]);
    expect(groups[2].findings.map((f) => f.rule)).toEqual(["V02", "C04"]);
  });
});

describe("what the user is told about a batch", () => {
  test("every refusal says what to do next, in the user's words (no 'cột C', no 'MAU')", () => {
    const roster = sampleGrids(rows).filter((g) => g.name === "DanhMuc");
    const { outcomes } = planImports(
      [
        { file: "danh-muc.xlsx", grids: roster },
        { file: "ghi-chu.xlsx", grids: [{ name: "Sheet1", values: [["Ghi chú"]] }] },
        { file: "cu.xls", grids: [], error: notXlsxMessage("cu.xls") },
        { file: "macro.xlsm", grids: [], error: notXlsxMessage("macro.xlsm") },
        { file: "anh.jpg", grids: [], error: notXlsxMessage("anh.jpg") },
        { file: "hong.xlsx", grids: [], error: "Tệp hong.xlsx bị hỏng hoặc không đọc hết được" },
      ],
      units,
      [],
    );
    const messages = outcomes.map(outcomeMessage);
    expect(outcomes.map((o) => o.kind)).toEqual(["not-report", "not-report", "unreadable", "unreadable", "unreadable", "unreadable"]);
    expect(messages[0]).toMatch(/^Đây là sổ danh mục .*chỉ chọn các tệp báo cáo/);
    expect(messages[1]).toContain("Đề nghị đơn vị điền số liệu vào sổ mẫu PDV-01");
    expect(messages[2]).toContain("Excel 97–2003 (.xls)");
    expect(messages[2]).toContain("Lưu thành");
    expect(messages[3]).toContain("không macro");
    expect(messages[4]).toContain("gửi lại tệp .xlsx");
    // A reader's message without advice gets one, with its sentence closed first.
    expect(messages[5]).toBe(
      "Không đọc được tệp: Tệp hong.xlsx bị hỏng hoặc không đọc hết được. Mở tệp bằng Excel, lưu lại dạng .xlsx rồi nhập lại; nếu Excel cũng không mở được, đề nghị đơn vị gửi lại tệp.",
    );
    for (const m of messages) expect(m).not.toMatch(/cột C|mã MAU/);
  });

  test("the summary line counts added and refused files; refused files are listed first, order kept", () => {
    const added = (file: string): ImportOutcome => ({ kind: "added", file, unit: file, unitName: file, sheet: file, sourceSheet: "PDV-01" });
    const refused = (file: string): ImportOutcome => ({ kind: "not-report", file });
    const outcomes = [added("a"), refused("b"), added("c"), refused("d")];
    expect(importSummary(outcomes)).toBe("Đã nhập 2 tệp; 2 tệp bị từ chối (xem bên dưới).");
    expect(rejectedFirst(outcomes).map((o) => o.file)).toEqual(["b", "d", "a", "c"]);
    expect(importSummary(Array.from({ length: 1397 }, (_, i) => added(String(i))))).toBe("Đã nhập 1.397 tệp.");
    expect(importSummary([])).toBe("Không có tệp nào.");
  });
});
