/**
 * Files named the way people name them ("Bao cao Ha Chau.xlsx") are matched to their unit when
 * exactly one unit's distinctive tail of name is in them (src/core/loose-name.ts), so that an
 * unreadable file still counts as received for that unit (issue 11, rule S09).
 */
import { analyzeWorkbook, unitOfFile } from "../../src/core/analyze";
import { looseNameMatcher, looseWords } from "../../src/core/loose-name";
import { readRoster } from "../../src/core/roster";
import { sampleGrids } from "../helpers/sample";

const units = readRoster(sampleGrids()[0]).roster!.units;
const codeOf = (file: string) => unitOfFile(file, units)?.code ?? null;

describe("looseWords", () => {
  test("diacritics dropped (đ as d), any Unicode form, lower case, words of letters and digits", () => {
    expect(looseWords("Xã Hà Châu")).toEqual(["xa", "ha", "chau"]);
    expect(looseWords("ĐIỆN LỰC Phú Bình".normalize("NFD"))).toEqual(["dien", "luc", "phu", "binh"]);
    expect(looseWords("BC_thang-8 (1)")).toEqual(["bc", "thang", "8", "1"]);
  });
});

describe("a loosely named file is matched to the one unit whose name's tail it holds", () => {
  test("the sample district's names typed without diacritics, with words around them", () => {
    expect(codeOf("Bao cao Ha Chau.xlsx")).toBe("TCCS07");
    expect(codeOf("Chi bo/BC xa HA CHAU thang 8 (1).xlsx")).toBe("TCCS07");
    expect(codeOf("bao-cao-ha-chau.xls")).toBe("TCCS07");
    expect(codeOf("Báo cáo Hà Châu.xlsx")).toBe("TCCS07");
    expect(codeOf("Dien luc Phu Binh.xlsx")).toBe("TCCS29");
    // Several units end in "Phú Bình": the tail that tells them apart is needed.
    expect(codeOf("Bao cao THPT Phu Binh.xlsx")).toBe("TCCS26");
    expect(codeOf("Bao cao Phu Binh.xlsx")).toBeNull();
  });

  test("never a guess: two units' tails, no tail, or one word in common is no match", () => {
    expect(codeOf("Ha Chau va Kha Son.xlsx")).toBeNull();
    expect(codeOf("Bao cao thang 8.xlsx")).toBeNull();
    expect(codeOf("Chau.xlsx")).toBeNull();
  });

  test("the code or the exact name still decide first", () => {
    // The code names TCCS08 even though Hà Châu's tail is there too.
    expect(codeOf("TCCS08 ha chau.xlsx")).toBe("TCCS08");
  });

  test("units sharing a whole name are never matched loosely; where a tail is shared, a longer one is needed", () => {
    const match = looseNameMatcher(["Chi bộ Thôn Đông", "Chi bộ Thôn Đông", "Chi bộ Thôn Tây", "Thôn Tây Bắc"]);
    expect(match("bao cao thon dong")).toBe(-1);
    // "thon tay" is in two names: Chi bộ Thôn Tây is known by "bo thon tay", Thôn Tây Bắc by "tay bac".
    expect(match("BC thon tay")).toBe(-1);
    expect(match("BC chi bo thon tay")).toBe(2);
    expect(match("thon tay bac")).toBe(3);
  });
});

test("an unreadable file named loosely counts as received for its unit, not as chưa nộp (S09)", () => {
  const code = "TCCS07";
  const sheets = sampleGrids().filter((g) => !(g.name !== "DanhMuc" && g.values.some((row) => row[3] === code)));
  const reason = "Tệp Bao cao Ha Chau.xlsx bị hỏng (cấu trúc nén .xlsx không đọc được); hãy mở bằng Excel và lưu lại.";
  const a = analyzeWorkbook({ sheets, unreadable: [{ file: "Bao cao Ha Chau.xlsx", reason }] });
  expect(a.missing).toEqual([]);
  expect(a.units.find((u) => u.code === code)!.state).toBe("error");
  const s09 = a.findings.filter((f) => f.rule === "S09");
  expect(s09).toHaveLength(1);
  expect(s09[0]).toMatchObject({ severity: "error", unit: code, file: "Bao cao Ha Chau.xlsx" });
});
