/**
 * Which findings go to which unit, and the sheets of a unit's feedback: plain texts without rule
 * codes, a marked and noted copy, the receiving body from DanhMuc (CO_QUAN) or a neutral sender.
 */
import { analyzeWorkbook } from "../../src/core/analyze";
import { boardOf, receivingBody } from "../../src/core/board";
import { FILL_ERROR, FILL_WARNING, SHEET_FEEDBACK, buildFeedback, feedbackFileName, workbookFeedback } from "../../src/core/feedback";
import { findRosterSheet } from "../../src/core/roster";
import type { SheetGrid } from "../../src/core/types";
import { sampleGrids } from "../helpers/sample";
import { formulaRanges } from "../../src/core/a1";
import { findSheet, rowOfCode, setCell, setItem } from "../helpers/grids";

function feedbackOf(sheets: SheetGrid[]) {
  const analysis = analyzeWorkbook({ sheets });
  const board = boardOf(analysis.roster!.params, findRosterSheet(sheets));
  return { analysis, set: buildFeedback(analysis, sheets, board) };
}

function texts(rows: ({ value?: unknown } | undefined)[][]): string {
  return rows.flatMap((r) => r.map((c) => (c?.value === undefined || c?.value === null ? "" : String(c.value)))).join("\n");
}

describe("buildFeedback", () => {
  it("sends nothing for the clean sample district", () => {
    const { set } = feedbackOf(sampleGrids());
    expect(set.units).toEqual([]);
    expect(set.clean).toHaveLength(48);
    expect(set.unsent).toEqual([]);
  });

  it("gives TCCS05 one error at D16 in plain words, marked and noted on its copy", () => {
    const sheets = sampleGrids();
    const ref = setItem(findSheet(sheets, "TCCS05"), "KN_DAKETNAP", "ba");
    expect(ref).toBe("D16");
    const { set } = feedbackOf(sheets);
    expect(set.units.map((u) => u.code)).toEqual(["TCCS05"]);
    const u = set.units[0];
    expect(u.fileName).toBe("TCCS05 - Xã Đào Xá.xlsx");
    expect(u.errors).toBe(1);
    expect(u.items[0].where).toBe("ô D16, dòng “Số đảng viên đã kết nạp”");
    expect(u.items[0].what).toContain("“ba”");
    // Plain words: no rule or item codes in what the secretary reads first.
    expect(`${u.items[0].what} ${u.items[0].fix}`).not.toMatch(/V02|KN_DAKETNAP/);
    expect(u.sheets.map((s) => s.name)).toEqual([SHEET_FEEDBACK, "TCCS05"]);
    const copy = u.sheets[1];
    expect(copy.rows[15][3]).toMatchObject({ value: "ba", fill: FILL_ERROR });
    expect(copy.rows[15][3]?.note).toContain("Phải sửa");
    const noted = copy.rows.flat().filter((c) => c?.note);
    expect(noted).toHaveLength(1);
    // The sample's DanhMuc names its receiving body (CO_QUAN, issue 13) …
    expect(texts(u.sheets[0].rows)).toContain("Từ: Ban Tổ chức Huyện ủy Phú Bình");
    // … and without it the sender is neutral.
    const dm = findSheet(sheets, "DanhMuc");
    setCell(dm, `C${rowOfCode(dm, "CO_QUAN", 1)}`, null);
    expect(texts(feedbackOf(sheets).set.units[0].sheets[0].rows)).toContain("bộ phận tổng hợp báo cáo của Đảng bộ huyện Phú Bình");
    // The merged summary sentence gets the height its wrapped text needs; PhanHoi prints on A4.
    const phanHoi = u.sheets[0];
    const summaryRow = Number(/\d+/.exec(phanHoi.merges![0])![0]);
    expect(String(phanHoi.rows[summaryRow - 1][0]?.value)).toContain("1 lỗi phải sửa");
    expect(phanHoi.rowHeights![summaryRow]).toBeGreaterThanOrEqual(30);
    expect(phanHoi.print).toMatchObject({ paper: "A4", fitWidth: 1 });
  });

  it("tells a formula showing #VALUE! because of another cell to stay: fixing that cell mends it (no C05 next time)", () => {
    const sheets = sampleGrids();
    const unit = findSheet(sheets, "TCCS05");
    setItem(unit, "KN_DAKETNAP", "ba");
    const ratioCell = `D${rowOfCode(unit, "KN_TYLE")}`;
    expect(ratioCell).toBe("D23");
    expect(unit.formulas?.[22]?.[3]).toMatch(/D16/); // the form's own formula over D16
    setCell(unit, ratioCell, { error: "#VALUE!" }); // as Excel or LibreOffice shows it
    const items = feedbackOf(sheets).set.units[0].items;
    const d23 = items.find((i) => i.finding.cell === "D23")!;
    expect(d23.what).toBe("Ô ở dòng “Tỷ lệ đạt so với chỉ tiêu” là công thức, đang hiện lỗi “#VALUE!” vì ô D16 đang sai.");
    expect(d23.fix).toBe("Giữ nguyên công thức, không gõ đè vào ô này: sửa ô D16 thì ô này tự tính lại đúng.");
    expect(`${d23.what} ${d23.fix}`).not.toMatch(/gõ trực tiếp số liệu/);
    // A value typed as an error (no formula) is still to be replaced by the figure.
    const plain = sampleGrids();
    const u2 = findSheet(plain, "TCCS05");
    setItem(u2, "DV_TONG", { error: "#N/A" });
    const total = feedbackOf(plain).set.units[0].items.find((i) => i.where.includes("Tổng số đảng viên"))!;
    expect(total.fix).toBe("Xóa giá trị lỗi và gõ trực tiếp số liệu vào ô.");
  });

  it("for a ratio typed over (8,33% as text or 0,0833), shows what is there and asks for the formula back", () => {
    for (const [typed, shown] of [
      [0.0833, "8,33% (số 0,0833 gõ tay)"],
      ["8,33%", "“8,33%” (chữ gõ tay)"],
    ] as const) {
      const sheets = sampleGrids();
      const unit = findSheet(sheets, "TCCS01"); // 1 admitted of 12: 8,3333…%
      setItem(unit, "KN_TYLE", typed);
      unit.formulas![22][3] = null; // typed over: no formula left
      const items = feedbackOf(sheets).set.units[0].items;
      const c05 = items.find((i) => i.finding.rule === "C05")!;
      expect(c05.what).toBe(
        `Ô ở dòng “Tỷ lệ đạt so với chỉ tiêu” đang ghi ${shown}: công thức của mẫu đã bị gõ đè, ô không còn tự tính theo số đã kết nạp và chỉ tiêu.`,
      );
      expect(c05.fix).toContain("Khôi phục công thức của mẫu");
    }
  });

  it("names the receiving body from DanhMuc's CO_QUAN row when there is one", () => {
    const sheets = sampleGrids();
    const roster = findSheet(sheets, "DanhMuc");
    roster.values.splice(8, 0, ["CO_QUAN", "Cơ quan nhận báo cáo", "Ban Xây dựng Đảng Đảng ủy phường Hòa Bình"]);
    expect(receivingBody(roster)).toBe("Ban Xây dựng Đảng Đảng ủy phường Hòa Bình");
    setItem(findSheet(sheets, "TCCS07"), "DV_TONG", -3);
    const { set } = feedbackOf(sheets);
    expect(set.units.map((u) => u.code)).toEqual(["TCCS07"]);
    expect(texts(set.units[0].sheets[0].rows)).toContain("Từ: Ban Xây dựng Đảng Đảng ủy phường Hòa Bình");
  });

  it("marks a warning in yellow, and a missing unit gets PhanHoi only", () => {
    const sheets = sampleGrids();
    const g = findSheet(sheets, "TCCS02");
    setItem(g, "HS_DENGHI", 50); // more dossiers than trained: C03 (warning)
    const i = sheets.findIndex((s) => s.name === "TCCS09");
    sheets.splice(i, 1);
    const { set } = feedbackOf(sheets);
    const byCode = new Map(set.units.map((u) => [u.code, u]));
    const warn = byCode.get("TCCS02")!;
    expect(warn.errors).toBe(0);
    expect(warn.items.map((x) => x.level)).toContain("Xem lại");
    const marked = warn.sheets[1].rows.flat().filter((c) => c?.fill === FILL_WARNING);
    expect(marked.length).toBeGreaterThan(0);
    const missing = byCode.get("TCCS09")!;
    expect(missing.sheets.map((s) => s.name)).toEqual([SHEET_FEEDBACK]);
    expect(missing.items[0].what).toBe("Chưa nhận được báo cáo của đơn vị.");
  });

  it("sends a report's findings to the unit whose sheet it is, even when it names another code", () => {
    const sheets = sampleGrids();
    const g = findSheet(sheets, "TCCS03");
    setCell(g, `D${rowOfCode(g, "MA_DV")}`, "TCCS04");
    setItem(g, "DV_TONG", "nhiều");
    const { set } = feedbackOf(sheets);
    expect(set.units.map((u) => u.code)).toEqual(["TCCS03"]);
    expect(set.units[0].items.map((x) => x.finding.rule).sort()).toEqual(["S07", "V02"]);
  });

  it("runs the whole flow over a workbook in one call (the pane's button), null without DanhMuc", () => {
    const sheets = sampleGrids();
    setItem(findSheet(sheets, "TCCS05"), "KN_DAKETNAP", "ba");
    expect(workbookFeedback({ sheets })!.units.map((u) => u.fileName)).toEqual(["TCCS05 - Xã Đào Xá.xlsx"]);
    expect(workbookFeedback({ sheets: sheets.filter((s) => s.name !== "DanhMuc") })).toBeNull();
  });

  it("makes file names safe", () => {
    expect(feedbackFileName("A/1", 'Chi bộ "Số 1": Cơ quan?')).toBe("A_1 - Chi bộ _Số 1__ Cơ quan_.xlsx");
  });
});

describe("formulaRanges", () => {
  it("finds same-sheet references, not other sheets, quoted text or function names", () => {
    expect(formulaRanges('=IF(D15=0,"",D16/D15)')).toEqual(["D15", "D16", "D15"]);
    expect(formulaRanges("=SUM($D$17:D20)+LOG10(2)")).toEqual(["$D$17:D20"]);
    expect(formulaRanges("='TCCS05'!D16+Sheet1!D9+\"A1\"")).toEqual([]);
  });
});
