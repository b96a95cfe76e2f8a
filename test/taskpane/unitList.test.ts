import { chaseList, countStates, filterUnits, matchesQuery, searchKey } from "../../src/taskpane/unitList";
import { filterGroups, groupFindings, ruleTitle } from "../../src/taskpane/findings";
import type { UnitState } from "../../src/core/model";
import type { Finding } from "../../src/core/types";

const unit = (code: string, name: string, state: UnitState = "submitted", errors = 0) => ({ code, name, state, errors, warnings: 0, group: "" });

describe("searching units the Vietnamese way", () => {
  test("diacritics, đ, case and spacing are optional on both sides", () => {
    expect(searchKey("  Xã  HÀ Châu ")).toBe("xa ha chau");
    expect(searchKey("Đảng bộ Quân sự")).toBe("dang bo quan su");
    // NFD input (a Mac keyboard, or text pasted from a PDF) folds the same way.
    expect(searchKey("Hà Châu".normalize("NFD"))).toBe("ha chau");
  });

  test('"ha chau" finds "Xã Hà Châu", words in any order, code too; other units are left out', () => {
    const hc = unit("TCCS07", "Xã Hà Châu");
    expect(matchesQuery(hc, "ha chau")).toBe(true);
    expect(matchesQuery(hc, "châu hà")).toBe(true);
    expect(matchesQuery(hc, "tccs07")).toBe(true);
    expect(matchesQuery(hc, "")).toBe(true);
    expect(matchesQuery(unit("TCCS08", "Xã Hà Thượng"), "ha chau")).toBe(false);
    expect(matchesQuery(unit("TCCS09", "Xã Châu Hà"), "ha chau")).toBe(true);
  });
});

test("counts and filter by status keep roster order", () => {
  const units = [unit("A", "Một", "missing"), unit("B", "Hai", "error", 2), unit("C", "Ba"), unit("D", "Bốn", "missing"), unit("E", "Năm", "late")];
  expect(countStates(units)).toEqual({ submitted: 1, missing: 2, error: 1, late: 1 });
  expect(filterUnits(units, "", "missing").map((u) => u.code)).toEqual(["A", "D"]);
  expect(filterUnits(units, "bon", null).map((u) => u.code)).toEqual(["D"]);
  expect(filterUnits(units, "bon", "late")).toEqual([]);
  expect(chaseList(units)).toBe("A – Một: Chưa nộp\nD – Bốn: Chưa nộp\nB – Hai: Có lỗi (2 lỗi)");
  expect(chaseList([unit("C", "Ba")])).toBe("");
});

test("findings: filtered by unit (diacritics optional) and severity; rule codes have their titles", () => {
  const f = (unitCode: string | null, severity: Finding["severity"], rule: Finding["rule"]): Finding => ({ unit: unitCode, severity, rule, sheet: unitCode ?? "DanhMuc", cell: "D9", message: "m" });
  const groups = groupFindings({
    units: [unit("T1", "Xã Hà Châu"), unit("T2", "Xã Bảo Lý")] as never,
    findings: [f("T1", "error", "V02"), f("T1", "warning", "C04"), f("T2", "warning", "D01"), f(null, "warning", "C06")],
  });
  expect(filterGroups(groups, "ha chau", null).map((g) => g.unit)).toEqual(["T1"]);
  expect(filterGroups(groups, "", "error").map((g) => [g.unit, g.findings.length])).toEqual([["T1", 1]]);
  expect(filterGroups(groups, "", "warning").map((g) => g.unit)).toEqual([null, "T1", "T2"]);
  expect(filterGroups(groups, "toan dang bo", null).map((g) => g.unit)).toEqual([null]);
  expect(ruleTitle("V02")).toBe("Số liệu không phải là số");
  expect(ruleTitle("S03")).toBe("Đơn vị chưa nộp báo cáo");
});
