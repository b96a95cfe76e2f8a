/** Rule S09: a file a unit sent that cannot be read counts as received, with an error, never as "chưa nộp". */
import { analyzeWorkbook, unitOfFile } from "../../src/core/analyze";
import { consolidate } from "../../src/core/consolidate";
import { readRoster } from "../../src/core/roster";
import { sampleGrids } from "../helpers/sample";

const REASON = "Tệp TCCS05.xlsx bị hỏng (cấu trúc nén .xlsx không đọc được); hãy mở bằng Excel và lưu lại.";

function withoutUnit(code: string) {
  const grids = sampleGrids();
  return grids.filter((g) => !(g.name !== "DanhMuc" && g.values.some((row) => row[3] === code)));
}

describe("S09: an unreadable file still counts as received", () => {
  test("the unit named by the file is received with one error, and excluded from the summary with the reason", () => {
    const sheets = withoutUnit("TCCS05");
    expect(sheets.length).toBe(48);
    const a = analyzeWorkbook({ sheets, unreadable: [{ file: "Chi bo/TCCS05.xlsx", reason: REASON }] });
    expect(a.missing).toEqual([]);
    expect(a.received).toBe(48);
    const unit = a.units.find((u) => u.code === "TCCS05")!;
    expect(unit.state).toBe("error");
    const s09 = a.findings.filter((f) => f.rule === "S09");
    expect(s09).toHaveLength(1);
    expect(s09[0]).toMatchObject({ severity: "error", unit: "TCCS05", file: "Chi bo/TCCS05.xlsx" });
    expect(s09[0].message).toContain("hãy mở bằng Excel và lưu lại");
    expect(a.findings.some((f) => f.rule === "S03")).toBe(false);
    const summary = consolidate(a);
    expect(summary.included.length).toBe(47);
    expect(summary.excluded).toEqual([{ unit: "TCCS05", reason: expect.stringContaining("S09") }]);
  });

  test("a file no unit can be named for is reported on its own; the missing unit stays missing", () => {
    const a = analyzeWorkbook({ sheets: withoutUnit("TCCS05"), unreadable: [{ file: "bao-cao.xlsx", reason: REASON }] });
    expect(a.missing).toEqual(["TCCS05"]);
    const s09 = a.findings.filter((f) => f.rule === "S09");
    expect(s09).toHaveLength(1);
    expect(s09[0].unit).toBeNull();
    expect(s09[0].message).toContain("không rõ là báo cáo của đơn vị nào");
  });

  test("a unit whose readable report is there is not changed by a second, unreadable file", () => {
    const a = analyzeWorkbook({ sheets: sampleGrids(), unreadable: [{ file: "TCCS05 (ban cu).xlsx", reason: REASON }] });
    expect(a.units.find((u) => u.code === "TCCS05")!.state).toBe("submitted");
    const s09 = a.findings.filter((f) => f.rule === "S09");
    expect(s09).toHaveLength(1);
    expect(s09[0]).toMatchObject({ severity: "warning", unit: null, file: "TCCS05 (ban cu).xlsx" });
    expect(s09[0].message).toContain("TCCS05");
    expect(s09[0].message).toContain("không được dùng");
    expect(s09[0].message).toContain("xóa hoặc chuyển tệp cũ ra khỏi thư mục");
    expect(a.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  test("a file naming no unit, when every unit has a readable report, is a warning too", () => {
    const a = analyzeWorkbook({ sheets: sampleGrids(), unreadable: [{ file: "bao-cao.xls", reason: REASON }] });
    const s09 = a.findings.filter((f) => f.rule === "S09");
    expect(s09).toHaveLength(1);
    expect(s09[0]).toMatchObject({ severity: "warning", file: "bao-cao.xls" });
    expect(s09[0].message).toContain("xóa hoặc chuyển tệp cũ ra khỏi thư mục");
    expect(a.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  test("unitOfFile: the code as a word of the name, or the unit's sheet name; never a guess between two", () => {
    const { roster } = readRoster(sampleGrids()[0]);
    const units = roster!.units;
    expect(unitOfFile("TCCS05.xlsx", units)?.code).toBe("TCCS05");
    expect(unitOfFile("Chi bo co so/Bao cao tccs05 thang 8.xlsx", units)?.code).toBe("TCCS05");
    expect(unitOfFile("TCCS050.xlsx", units)).toBeNull();
    expect(unitOfFile("TCCS05 TCCS06.xlsx", units)).toBeNull();
    expect(unitOfFile(`${units[3].name}.xlsx`, units)?.code).toBe(units[3].code);
  });
});

describe("a finding on a hidden sheet says the sheet is hidden", () => {
  test("Hidden and VeryHidden report sheets", () => {
    const grids = sampleGrids();
    const i = grids.findIndex((g) => g.name !== "DanhMuc");
    const j = grids.findIndex((g, k) => k > i && g.name !== "DanhMuc");
    for (const [k, vis] of [[i, "Hidden"], [j, "VeryHidden"]] as const) {
      grids[k].visibility = vis;
      const row = grids[k].values.findIndex((r) => r[2] === "DV_TONG");
      grids[k].values[row][3] = "ba";
    }
    const a = analyzeWorkbook({ sheets: grids });
    const on = (k: number) => a.findings.filter((f) => f.sheet === grids[k].name && f.rule === "V02");
    expect(on(i)).toHaveLength(1);
    expect(on(i)[0].message).toContain("đang bị ẩn (");
    expect(on(j)[0].message).toContain("ẩn hoàn toàn");
    expect(a.findings.filter((f) => f.rule === "V02" && !f.message.includes("ẩn"))).toEqual([]);
  });
});
