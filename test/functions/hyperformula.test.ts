/**
 * The PDV.* functions computed by a spreadsheet engine (HyperFormula) over the reference district:
 * the 48 units of samples/phu-binh-2020.csv, targets in H5:H52 and admissions in J5:J52.
 */
import * as fs from "fs";
import * as path from "path";
import { DetailedCellError, ErrorType, type HyperFormula } from "hyperformula";
import { ymdToSerial } from "../../src/core/dates";
import { ratio } from "../../src/core/indicators";
import { buildPdvSheet, setBlankCells, type BlankCells } from "./pdvHyperFormula";

const CSV = path.resolve(__dirname, "../../samples/phu-binh-2020.csv");
const AUG31 = ymdToSerial(2020, 8, 31)!;
const FIRST_ROW = 5;
const REFERENCE_SENTENCE =
  "Tính đến hết tháng 8/2020, Đảng bộ huyện Phú Bình mới kết nạp được 31 đảng viên, đạt 12,25% so với chỉ tiêu được giao (253 đảng viên).";

/** A small CSV reader: comma separated, fields may be quoted ("Xã, thị trấn"), "" inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.some((f) => f !== "")) rows.push(row);
      row = [];
    } else {
      field += ch;
    }
  }
  row.push(field);
  if (row.some((f) => f !== "")) rows.push(row);
  return rows;
}

interface Unit {
  code: string;
  name: string;
  target: number;
  admitted: number;
}

function loadUnits(): Unit[] {
  const [header, ...rows] = parseCsv(fs.readFileSync(CSV, "utf8").replace(/^\uFEFF/, ""));
  const col = (code: string) => {
    const i = header.indexOf(code);
    if (i < 0) throw new Error(`column ${code} missing from ${CSV}`);
    return i;
  };
  const [code, name, target, admitted] = [col("MA_DV"), col("TEN_DV"), col("KN_CHITIEU"), col("KN_DAKETNAP")];
  return rows.map((r) => ({ code: r[code], name: r[name], target: Number(r[target]), admitted: Number(r[admitted]) }));
}

/** The sheet: units in rows 5…52, H = KN_CHITIEU, J = KN_DAKETNAP; formulas go elsewhere. */
function unitSheet(units: Unit[]): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (let r = 0; r < FIRST_ROW - 1 + units.length; r++) rows.push(new Array(10).fill(null));
  rows[0][0] = "BÁO CÁO KẾT QUẢ PHÁT TRIỂN ĐẢNG VIÊN";
  rows[3][7] = "KN_CHITIEU";
  rows[3][9] = "KN_DAKETNAP";
  units.forEach((u, i) => {
    const row = rows[FIRST_ROW - 1 + i];
    row[0] = i + 1;
    row[1] = u.code;
    row[2] = u.name;
    row[7] = u.target;
    row[9] = u.admitted;
  });
  return rows;
}

describe.each([
  ["Excel desktop (blank = 0)", 0],
  ["Excel on the web (blank = null)", null],
] as [string, BlankCells][])("PDV.* in HyperFormula over the 48 units of Phú Bình, %s", (_host, blank) => {
  const units = loadUnits();
  const last = FIRST_ROW + units.length - 1;
  let hf: HyperFormula;
  let sheet: number;

  const calc = (formula: string) => hf.calculateFormula(formula, sheet);
  const errorType = (value: unknown) => (value instanceof DetailedCellError ? value.type : `not an error: ${String(value)}`);

  beforeAll(() => {
    setBlankCells(blank);
    hf = buildPdvSheet(unitSheet(units));
    sheet = hf.getSheetId(hf.getSheetNames()[0])!;
  });

  afterAll(() => hf.destroy());
  beforeEach(() => setBlankCells(blank));

  it("reads blank cells as blank: TIENDO with empty Z1:Z2 is 0,1838; NHANXET with an empty Z3 names no one", () => {
    expect(calc("=PDV.TIENDO(31;253;DATE(2020;8;31);Z1;Z2)")).toBeCloseTo(0.18379, 5);
    expect(calc("=PDV.TIENDO(31;253;DATE(2020;8;31);Z1;Z2)")).toBe(calc("=PDV.TIENDO(31;253;DATE(2020;8;31))"));
    expect(calc("=PDV.DUBAO(31;DATE(2020;8;31);Z1;Z2)")).toBe(46.5);
    expect(calc("=PDV.CANTHANG(31;253;DATE(2020;8;31);Z2)")).toBe(55.5);
    expect(calc("=PDV.XEPLOAI(31;253;DATE(2020;8;31);Z1;Z2)")).toBe("Rất chậm");
    const sentence = calc("=PDV.NHANXET(31;253;DATE(2020;8;31);Z3)");
    expect(sentence).toBe(REFERENCE_SENTENCE.replace("Đảng bộ huyện Phú Bình ", ""));
    expect(String(sentence)).not.toMatch(/\b0 mới kết nạp/);
    expect(errorType(calc("=PDV.TIENDO(31;253;Z1)"))).toBe(ErrorType.VALUE);
  });

  it("reads the sample: 48 units, targets 253, admitted 31", () => {
    expect(units).toHaveLength(48);
    expect(last).toBe(52);
    expect(units.reduce((s, u) => s + u.target, 0)).toBe(253);
    expect(units.reduce((s, u) => s + u.admitted, 0)).toBe(31);
  });

  it("=PDV.TYLE(J5:J52;H5:H52) is the ratio of the sums, 31/253", () => {
    expect(calc(`=PDV.TYLE(J${FIRST_ROW}:J${last};H${FIRST_ROW}:H${last})`)).toBe(31 / 253);
  });

  it("computes the other indicators over the ranges", () => {
    const J = `J${FIRST_ROW}:J${last}`;
    const H = `H${FIRST_ROW}:H${last}`;
    expect(calc(`=PDV.CONLAI(${J};${H})`)).toBe(222);
    expect(calc(`=PDV.TIENDO(${J};${H};${AUG31})`)).toBeCloseTo(0.18379, 5);
    expect(calc(`=PDV.DUBAO(${J};${AUG31})`)).toBe(46.5);
    expect(calc(`=PDV.CANTHANG(${J};${H};${AUG31})`)).toBe(55.5);
    expect(calc(`=PDV.XEPLOAI(${J};${H};${AUG31})`)).toBe("Rất chậm");
    expect(calc(`=PDV.NHANXET(${J};${H};${AUG31};"Đảng bộ huyện Phú Bình")`)).toBe(REFERENCE_SENTENCE);
    expect(calc(`=PDV.NHANXET(${J};${H};"31/08/2020")`)).toBe(REFERENCE_SENTENCE.replace("Đảng bộ huyện Phú Bình ", ""));
  });

  it("accepts literal numbers, text dates and explicit periods", () => {
    expect(calc("=PDV.TYLE(31;253)")).toBe(31 / 253);
    expect(calc('=PDV.XEPLOAI(31;253;"31/08/2020";"01/01/2020";"31/12/2020")')).toBe("Rất chậm");
    expect(calc('=PDV.TIENDO(31;253;"31/08/2020";;"31/12/2020")')).toBe(calc(`=PDV.TIENDO(31;253;${AUG31})`));
  });

  it("gives Excel's errors", () => {
    expect(errorType(calc("=PDV.TYLE(31;0)"))).toBe(ErrorType.DIV_BY_ZERO);
    expect(errorType(calc("=PDV.TYLE(-1;253)"))).toBe(ErrorType.NUM);
    expect(errorType(calc('=PDV.TYLE("ba";253)'))).toBe(ErrorType.VALUE);
    expect(errorType(calc('=PDV.DUBAO(31;"05/01/2021";"01/01/2020";"31/12/2020")'))).toBe(ErrorType.NUM);
    expect(errorType(calc('=PDV.DUBAO(31;"31/02/2020")'))).toBe(ErrorType.VALUE);
    expect(errorType(calc("=PDV.CANTHANG(31;253;DATE(2020;12;31))"))).toBe(ErrorType.DIV_BY_ZERO);
    expect(errorType(calc("=PDV.TYLE(1/0;253)"))).toBe(ErrorType.DIV_BY_ZERO); // an error argument propagates
    const detailed = calc('=PDV.TYLE("ba";253)') as DetailedCellError;
    expect(detailed.message).toContain("không phải là số");
  });

  it("computes one ratio per unit in the sheet, the unit with target 0 as #DIV/0!", () => {
    // Put a TYLE formula beside each unit (column L) and a total row under the table.
    const changes = units.map((_, i) => [`=PDV.TYLE(J${FIRST_ROW + i};H${FIRST_ROW + i})`]);
    hf.setCellContents({ sheet, row: FIRST_ROW - 1, col: 11 }, changes);
    hf.setCellContents({ sheet, row: last, col: 11 }, [[`=PDV.TYLE(J${FIRST_ROW}:J${last};H${FIRST_ROW}:H${last})`]]);
    units.forEach((u, i) => {
      const value = hf.getCellValue({ sheet, row: FIRST_ROW - 1 + i, col: 11 });
      if (u.target === 0) expect(errorType(value)).toBe(ErrorType.DIV_BY_ZERO);
      else expect(value).toBe(ratio(u.admitted, u.target));
    });
    expect(units.some((u) => u.target === 0)).toBe(true);
    expect(hf.getCellValue({ sheet, row: last, col: 11 })).toBe(31 / 253);
  });

  it("treats blank cells in a range as 0 and recalculates on change", () => {
    const cell = { sheet, row: FIRST_ROW - 1, col: 9 }; // J5
    const before = units[0].admitted;
    hf.setCellContents(cell, [[null]]);
    expect(calc(`=PDV.CONLAI(J${FIRST_ROW}:J${last};H${FIRST_ROW}:H${last})`)).toBe(222 + before);
    hf.setCellContents(cell, [["'1.234"]]); // text (leading apostrophe) in Vietnamese thousands notation
    expect(hf.getCellValue(cell)).toBe("1.234");
    expect(calc(`=PDV.CONLAI(J${FIRST_ROW}:J${last};H${FIRST_ROW}:H${last})`)).toBe(0);
    hf.setCellContents(cell, [["hai"]]);
    expect(errorType(calc(`=PDV.TYLE(J${FIRST_ROW}:J${last};H${FIRST_ROW}:H${last})`))).toBe(ErrorType.VALUE);
    hf.setCellContents(cell, [[before]]);
    expect(calc(`=PDV.TYLE(J${FIRST_ROW}:J${last};H${FIRST_ROW}:H${last})`)).toBe(31 / 253);
  });
});
