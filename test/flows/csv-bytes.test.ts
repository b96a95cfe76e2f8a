import { CsvError } from "../../src/core/csv";
import { decodeCsvBytes } from "../../src/flows/csv-bytes";

const TEXT = "MA_DV,TEN_DV\r\nTCCS01,Thị trấn Hương Sơn\r\n";

describe("decodeCsvBytes", () => {
  it("reads UTF-8 with and without a BOM, and UTF-16 LE/BE with a BOM", () => {
    const utf8 = new TextEncoder().encode(TEXT);
    expect(decodeCsvBytes(utf8, "a.csv")).toBe(TEXT);
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), "a.csv")).toBe(TEXT);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, "utf16le")]);
    expect(decodeCsvBytes(new Uint8Array(le), "a.csv")).toBe(TEXT);
    const be = Buffer.from(le).swap16();
    be[0] = 0xfe;
    be[1] = 0xff;
    expect(decodeCsvBytes(new Uint8Array(be), "a.csv")).toBe(TEXT);
  });

  it("refuses cp1258 bytes, naming the file and the first line that is not UTF-8", () => {
    // "Hương" in cp1258: H, 0xFD (ư), 0xF5 (ơ), n, g.
    const bytes = new Uint8Array([...new TextEncoder().encode("MA_DV,TEN_DV\nTCCS01,Xa A\nTCCS02,H"), 0xfd, 0xf5, ...new TextEncoder().encode("ng\n")]);
    expect(() => decodeCsvBytes(bytes, "r.csv")).toThrow(CsvError);
    expect(() => decodeCsvBytes(bytes, "r.csv")).toThrow("Tệp r.csv không phải văn bản UTF-8 (dòng 3 có ký tự không đọc được)");
  });
});
