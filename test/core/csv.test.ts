import { CsvError, parseRosterCsv } from "../../src/core/csv";

const HEADER = "MA_DV,TEN_DV,LOAI_HINH,KHOI,KN_CHITIEU\n";

function target(cell: string): number | null {
  return parseRosterCsv(`${HEADER}TCCS01,Xã A,Đảng bộ cơ sở,Xã,${cell}\n`)[0].target;
}

describe("roster CSV: targets typed by people", () => {
  it.each([
    ["12", 12],
    ['"1.000"', 1000],
    ["12\u200b", 12],
    ["１２", 12],
  ])("reads %j as %d", (cell, value) => {
    expect(target(cell)).toBe(value);
  });

  it.each([
    ['"1,000"', '"1,000"'],
    ['"1,000,000"', '"1,000,000"'],
    ['"1,5"', '"1,5"'],
    ["ba\u200b", '"ba\u200b" (có ký tự ẩn: khoảng trắng độ rộng 0 – U+200B)'],
  ])("refuses %j and quotes it", (cell, quoted) => {
    expect(() => target(cell)).toThrow(CsvError);
    expect(() => target(cell)).toThrow(`Dòng 2 của tệp CSV: cột KN_CHITIEU là ${quoted}, không phải số nguyên không âm.`);
  });
});

describe("roster CSV: separators", () => {
  it.each([[";"], ["\t"], [","]])("reads a header and rows separated by %j", (sep) => {
    const text = ["MA_DV", "TEN_DV", "LOAI_HINH", "KHOI", "KN_CHITIEU"].join(sep) + "\n" + ["TCCS01", "Xã A, B", "Đảng bộ cơ sở", "Xã", "7"].join(sep) + "\n";
    const rows = parseRosterCsv(sep === "," ? text.replace("Xã A, B", '"Xã A, B"') : text);
    expect(rows.map((r) => [r.code, r.name, r.target])).toEqual([["TCCS01", "Xã A, B", 7]]);
  });

  it("names the columns it found when the header has none of the required ones", () => {
    expect(() => parseRosterCsv("Mã|Tên|Chỉ tiêu\nTCCS01|Xã A|7\n")).toThrow(
      'các cột đọc được: "MÃ|TÊN|CHỈ TIÊU".',
    );
  });

  it("counts lines across a quoted line break and blank lines", () => {
    const text = `${HEADER}\nTCCS01,"Xã\nA",Đảng bộ cơ sở,Xã,1\nTCCS02,Xã B,Đảng bộ cơ sở,Xã,x\n`;
    expect(() => parseRosterCsv(text)).toThrow("Dòng 5 của tệp CSV: cột KN_CHITIEU");
  });
});

describe("roster CSV: repeated units", () => {
  it("names both lines of a repeated code, case ignored", () => {
    const text = `${HEADER}TCCS01,Xã A,Đảng bộ cơ sở,Xã,1\n\nTCCS02,Xã B,Đảng bộ cơ sở,Xã,1\ntccs01,Xã C,Đảng bộ cơ sở,Xã,1\n`;
    expect(() => parseRosterCsv(text)).toThrow("Dòng 2 và dòng 5 của tệp CSV có cùng mã đơn vị (MA_DV) tccs01");
  });

  it("names both lines when a TEN_SHEET repeats another unit's sheet", () => {
    const text = "MA_DV,TEN_DV,LOAI_HINH,KHOI,KN_CHITIEU,TEN_SHEET\nTCCS01,Xã A,Đảng bộ cơ sở,Xã,1,\nTCCS02,Xã B,Đảng bộ cơ sở,Xã,1,TCCS01\n";
    expect(() => parseRosterCsv(text)).toThrow("Dòng 2 và dòng 3 của tệp CSV cho cùng tên sheet 'TCCS01'");
  });
});
