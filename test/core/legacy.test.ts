/** Legacy Vietnamese encodings (TCVN3 / VNI) → Unicode, and rule E01 through analyzeWorkbook. */
import {
  convertLegacy,
  decodeTcvn3,
  decodeVni,
  encodeTcvn3,
  encodeTcvn3Upper,
  encodeVni,
  legacyFont,
  looksLegacy,
} from "../../src/core/legacy";
import { analyzeWorkbook } from "../../src/core/analyze";
import type { SheetGrid } from "../../src/core/types";
import { sampleGrids } from "../helpers/sample";
import { findSheet, rowOfCode, setCell } from "../helpers/grids";

const WORDS = ["Xã Tân Hòa", "Đảng bộ", "Nguyễn Văn Ánh", "Thị trấn Hương Sơn"];

describe("font names", () => {
  test.each([
    [".VnTime", "TCVN3", false],
    [".VnArial", "TCVN3", false],
    [".VnTimeH", "TCVN3", true],
    [".VnArialH", "TCVN3", true],
    ["VNI-Times", "VNI", false],
    ["VNI-Helve", "VNI", false],
  ])("%s is %s (capitals: %s)", (font, enc, upper) => {
    expect(legacyFont(font)).toEqual({ encoding: enc, upper, font });
  });
  test.each(["Times New Roman", "Arial", "Calibri", "", null, "VnTime"])("%s is not legacy", (font) => {
    expect(legacyFont(font)).toBeNull();
  });
});

describe("TCVN3 (VN3)", () => {
  test.each([
    ["§¶ng bé", "Đảng bộ"],
    ["ViÖt Nam", "Việt Nam"],
    ["Hµ Néi", "Hà Nội"],
    ["Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"],
    ["§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"],
    ["X· T©n Hßa", "Xã Tân Hòa"],
    ["ThÞ trÊn H\u00ad¬ng S¬n", "Thị trấn Hương Sơn"],
  ])("hand-written %s → %s", (legacy, unicode) => {
    expect(decodeTcvn3(legacy)).toBe(unicode);
    expect(convertLegacy(legacy, ".VnTime")?.text).toBe(unicode);
  });

  test.each(["Xã Tân Hòa", "Đảng bộ", "Thị trấn Hương Sơn", "Nguyễn Văn"])("round trip %s", (word) => {
    const legacy = encodeTcvn3(word)!;
    expect(legacy).not.toBe(word);
    expect(looksLegacy(legacy, "TCVN3")).toBe(true);
    expect(convertLegacy(legacy, ".VnTime")!.text).toBe(word);
  });

  test("VN3 has no capital with a tone: 'Ánh' needs the capital font .VnTimeH", () => {
    expect(encodeTcvn3("Nguyễn Văn Ánh")).toBeNull();
    const h = encodeTcvn3Upper("Nguyễn Văn Ánh")!;
    expect(h).toBe("NGUYÔN V¨N ¸NH");
    expect(convertLegacy(h, ".VnTimeH")!.text).toBe("NGUYỄN VĂN ÁNH");
  });

  test.each(WORDS)("capital font round trip %s", (word) => {
    expect(convertLegacy(encodeTcvn3Upper(word)!, ".VnArialH")!.text).toBe(word.toLocaleUpperCase("vi"));
  });

  test("every letter of the table decodes to one NFC letter and back", () => {
    const all = "aàảãáạăằẳẵắặâầẩẫấậđeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵĂÂÊÔƠƯĐ";
    const enc = encodeTcvn3(all)!;
    expect([...enc]).toHaveLength([...all].length);
    expect(decodeTcvn3(enc)).toBe(all);
  });
});

describe("VNI Windows", () => {
  test.each([
    ["Vieät Nam", "Việt Nam"],
    ["Ñaûng boä", "Đảng bộ"],
    ["Xaõ Taân Hoøa", "Xã Tân Hòa"],
    ["Nguyeãn Vaên AÙnh", "Nguyễn Văn Ánh"],
    ["Thò traán Höông Sôn", "Thị trấn Hương Sơn"],
    ["Ñaûng Coäng saûn Vieät Nam", "Đảng Cộng sản Việt Nam"],
  ])("hand-written %s → %s", (legacy, unicode) => {
    expect(decodeVni(legacy)).toBe(unicode);
    expect(convertLegacy(legacy, "VNI-Times")?.text).toBe(unicode);
  });

  test.each(WORDS)("round trip %s", (word) => {
    const legacy = encodeVni(word);
    expect(legacy).not.toBe(word);
    expect(looksLegacy(legacy, "VNI")).toBe(true);
    expect(convertLegacy(legacy, "VNI-Times")!.text).toBe(word);
    expect(convertLegacy(encodeVni(word.toUpperCase()), "VNI-Times")!.text).toBe(word.toUpperCase());
  });

  test("every Vietnamese letter round-trips", () => {
    const lower = "aàảãáạăằẳẵắặâầẩẫấậđeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵ";
    for (const word of [lower, lower.toUpperCase()]) {
      const letters = [...word];
      // Decode letter by letter with a separator, so no spelling runs into the next.
      expect(decodeVni(letters.map(encodeVni).join("|"))).toBe(letters.join("|"));
    }
  });
});

describe("text already in Unicode is never damaged", () => {
  test.each(["Xã Tân Hòa", "Hoàng Văn Thụ", "Đảng bộ", "Cơ quan", "TCCS01", "Bé", "Hoà Bình", "Nguyễn Văn Ánh", "Xã Tân Hòa".normalize("NFD")])(
    "%s in an old font stays as it is",
    (text) => {
      for (const font of [".VnTime", ".VnTimeH", "VNI-Times"]) expect(convertLegacy(text, font)).toBeNull();
    },
  );
  test("a Unicode font is never converted", () => {
    expect(convertLegacy("§¶ng bé", "Times New Roman")).toBeNull();
  });
});

describe("rule E01 through analyzeWorkbook", () => {
  function withFont(grid: SheetGrid, ref: string, font: string): void {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    const col = m[1].charCodeAt(0) - 64;
    const row = Number(m[2]);
    grid.fonts = grid.fonts ?? grid.values.map((r) => r.map(() => null));
    while (grid.fonts.length < row) grid.fonts.push([]);
    const r = grid.fonts[row - 1];
    while (r.length < col) r.push(null);
    r[col - 1] = font;
  }

  const cases: [string, (s: string) => string][] = [
    [".VnTime", (s) => encodeTcvn3(s)!],
    ["VNI-Times", encodeVni],
  ];

  test.each(cases)("TEN_DV and NGUOI_LAP in %s: converted, no S08, one E01 each", (font, encode) => {
    const sheets = sampleGrids();
    const g = findSheet(sheets, "TCCS01");
    const dm = findSheet(sheets, "DanhMuc");
    const rosterName = dm.values[rowOfCode(dm, "TCCS01", 1) - 1][1] as string;
    const nameRef = `D${rowOfCode(g, "TEN_DV")}`;
    const byRef = `D${rowOfCode(g, "NGUOI_LAP")}`;
    const legacyName = encode(rosterName);
    expect(legacyName).not.toBe(rosterName);
    setCell(g, nameRef, legacyName);
    withFont(g, nameRef, font);
    setCell(g, byRef, encode("Nguyễn Văn Bình"));
    withFont(g, byRef, font);
    const a = analyzeWorkbook({ sheets });
    expect(a.findings.filter((f) => f.rule === "S08")).toEqual([]);
    const e01 = a.findings.filter((f) => f.rule === "E01");
    expect(e01.map((f) => f.cell).sort()).toEqual([byRef, nameRef].sort());
    for (const f of e01) {
      expect(f.severity).toBe("warning");
      expect(f.sheet).toBe("TCCS01");
      expect(f.unit).toBe("TCCS01");
      expect(f.message).toContain(`phông ${font}`);
      expect(f.message).toContain("Nên chuyển cả sổ sang Unicode.");
    }
    expect(e01.find((f) => f.cell === nameRef)!.message).toContain(`"${rosterName}"`);
    expect(a.units.find((u) => u.code === "TCCS01")!.report!.name).toBe(rosterName);
    expect(a.units.find((u) => u.code === "TCCS01")!.state).toBe("submitted");
  });

  test("without the font the same legacy text is a different name (S08), and no E01", () => {
    const sheets = sampleGrids();
    const g = findSheet(sheets, "TCCS01");
    const dm = findSheet(sheets, "DanhMuc");
    const rosterName = dm.values[rowOfCode(dm, "TCCS01", 1) - 1][1] as string;
    setCell(g, `D${rowOfCode(g, "TEN_DV")}`, encodeTcvn3(rosterName)!);
    const a = analyzeWorkbook({ sheets });
    expect(a.findings.map((f) => f.rule)).toContain("S08");
    expect(a.findings.map((f) => f.rule)).not.toContain("E01");
  });

  test("a roster name in .VnTime is converted before comparing (E01 on DanhMuc)", () => {
    const sheets = sampleGrids();
    const dm = findSheet(sheets, "DanhMuc");
    const row = rowOfCode(dm, "TCCS02", 1);
    const name = dm.values[row - 1][1] as string;
    setCell(dm, `B${row}`, encodeTcvn3(name)!);
    withFont(dm, `B${row}`, ".VnTime");
    const a = analyzeWorkbook({ sheets });
    expect(a.findings.filter((f) => f.rule === "S08")).toEqual([]);
    const e01 = a.findings.filter((f) => f.rule === "E01");
    expect(e01).toHaveLength(1);
    expect(e01[0]).toMatchObject({ sheet: "DanhMuc", cell: `B${row}`, severity: "warning" });
    expect(a.roster!.units.find((u) => u.code === "TCCS02")!.name).toBe(name);
  });

  test("MA_DV typed in an old font still matches (ASCII is unchanged, no E01)", () => {
    const sheets = sampleGrids();
    const g = findSheet(sheets, "TCCS03");
    withFont(g, `D${rowOfCode(g, "MA_DV")}`, "VNI-Times");
    const a = analyzeWorkbook({ sheets });
    expect(a.findings.filter((f) => f.severity === "error" || f.rule === "E01")).toEqual([]);
  });
});
