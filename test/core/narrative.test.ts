import { ymdToSerial } from "../../src/core/dates";
import { IndicatorError } from "../../src/core/indicators";
import { MAX_LISTED_NAMES, asOfPhrase, paragraph, sentence, type ParagraphInput } from "../../src/core/narrative";

const d = (y: number, m: number, day: number) => ymdToSerial(y, m, day)!;
const AUG31 = d(2020, 8, 31);
const NAME = "Đảng bộ huyện Phú Bình";

describe("NHANXET sentence", () => {
  it("reproduces the published report's sentence", () => {
    expect(sentence(31, 253, AUG31, NAME)).toBe(
      "Tính đến hết tháng 8/2020, Đảng bộ huyện Phú Bình mới kết nạp được 31 đảng viên, đạt 12,25% so với chỉ tiêu được giao (253 đảng viên).",
    );
  });

  it("omits the subject without a name", () => {
    const expected =
      "Tính đến hết tháng 8/2020, mới kết nạp được 31 đảng viên, đạt 12,25% so với chỉ tiêu được giao (253 đảng viên).";
    expect(sentence(31, 253, AUG31)).toBe(expected);
    expect(sentence(31, 253, AUG31, null)).toBe(expected);
    expect(sentence(31, 253, AUG31, "   ")).toBe(expected);
  });

  it("writes the date in full mid-month", () => {
    expect(sentence(31, 253, d(2020, 8, 15), NAME)).toBe(
      "Tính đến ngày 15/08/2020, Đảng bộ huyện Phú Bình mới kết nạp được 31 đảng viên, đạt 12,25% so với chỉ tiêu được giao (253 đảng viên).",
    );
    expect(asOfPhrase(d(2020, 2, 29))).toBe("Tính đến hết tháng 2/2020");
    expect(asOfPhrase(d(2020, 2, 28))).toBe("Tính đến ngày 28/02/2020");
    expect(asOfPhrase(d(2021, 2, 28))).toBe("Tính đến hết tháng 2/2021");
    // A whole calendar year reads "Năm 2020" (issue 13), unless the period is not that year.
    expect(asOfPhrase(d(2020, 12, 31) + 0.4)).toBe("Năm 2020");
    expect(asOfPhrase(d(2020, 12, 31), d(2020, 7, 1), d(2020, 12, 31))).toBe("Tính đến hết tháng 12/2020");
    expect(asOfPhrase(d(2020, 12, 31), d(2020, 1, 1), d(2021, 6, 30))).toBe("Tính đến hết tháng 12/2020");
  });

  it("says 'đã' when on or ahead of schedule", () => {
    expect(sentence(200, 253, AUG31, NAME)).toBe(
      "Tính đến hết tháng 8/2020, Đảng bộ huyện Phú Bình đã kết nạp được 200 đảng viên, đạt 79,05% so với chỉ tiêu được giao (253 đảng viên).",
    );
    // exactly on schedule: 2/3 of the target after 244 of 366 days
    expect(sentence(2, 3, AUG31)).toContain("đã kết nạp được 2 đảng viên");
    expect(sentence(1, 3, AUG31)).toContain("mới kết nạp được 1 đảng viên");
    expect(sentence(300, 253, AUG31)).toContain("đã kết nạp được 300 đảng viên, vượt 18,58% so với chỉ tiêu được giao (253 đảng viên).");
    expect(sentence(253, 253, AUG31)).toContain("đã kết nạp được 253 đảng viên, đạt 100,00% so với chỉ tiêu được giao");
  });

  it("writes numbers in Vietnamese notation", () => {
    expect(sentence(1234, 7335, d(2020, 11, 30), "Đảng bộ tỉnh")).toBe(
      "Tính đến hết tháng 11/2020, Đảng bộ tỉnh mới kết nạp được 1.234 đảng viên, đạt 16,82% so với chỉ tiêu được giao (7.335 đảng viên).",
    );
  });

  it("normalises the name to NFC and single spaces", () => {
    expect(sentence(31, 253, AUG31, "  Đảng bộ   huyện Phú Bình ".normalize("NFD"))).toBe(sentence(31, 253, AUG31, NAME));
  });

  it("fails as TYLE does", () => {
    expect(() => sentence(31, 0, AUG31)).toThrow(IndicatorError);
    expect(() => sentence(-1, 253, AUG31)).toThrow(IndicatorError);
  });
});

describe("district paragraph", () => {
  const reference: ParagraphInput = {
    name: NAME,
    asOf: AUG31,
    start: d(2020, 1, 1),
    end: d(2020, 12, 31),
    admitted: 31,
    target: 253,
    covered: 48,
    expected: 48,
    board: "Ban Tổ chức Huyện ủy Phú Bình",
    unitNoun: "tổ chức cơ sở đảng",
    members: 7335,
    trained: 282,
    dossiers: 36,
  };

  it("tells the whole reference story", () => {
    expect(paragraph(reference)).toBe(
      [
        "Tính đến hết tháng 8/2020, Đảng bộ huyện Phú Bình mới kết nạp được 31 đảng viên, đạt 12,25% so với chỉ tiêu được giao (253 đảng viên).",
        "Đã tổng hợp 48/48 tổ chức cơ sở đảng.",
        "Toàn đảng bộ có 7.335 đảng viên; 282 quần chúng đã học lớp bồi dưỡng nhận thức về Đảng; 36 hồ sơ đề nghị kết nạp đã gửi Ban Tổ chức Huyện ủy Phú Bình.",
        // People are whole: DUBAO 46,5 reads "khoảng 46", CANTHANG 55,5 a month reads 56 (issue 13).
        "Nếu giữ nhịp độ hiện nay, đến hết năm 2020 ước kết nạp được khoảng 46 đảng viên (18,18% chỉ tiêu); để hoàn thành chỉ tiêu còn phải kết nạp 222 đảng viên, bình quân mỗi tháng cần kết nạp 56 đảng viên.",
      ].join(" "),
    );
  });

  it("says which units are missing", () => {
    const text = paragraph({ ...reference, covered: 46, missing: ["Xã Bàn Đạt", "Xã Bảo Lý"] });
    expect(text).toContain("Đã tổng hợp 46/48 tổ chức cơ sở đảng; chưa tổng hợp được: Xã Bàn Đạt, Xã Bảo Lý.");
    expect(text).toContain("Các tổ chức cơ sở đảng đã tổng hợp có 7.335 đảng viên");
    expect(text).not.toContain("Toàn đảng bộ");
    expect(paragraph({ ...reference, covered: 46 })).toContain(
      "Đã tổng hợp 46/48 tổ chức cơ sở đảng; còn 2 tổ chức chưa được tổng hợp.",
    );
  });

  it("compares with the same period of the previous year", () => {
    expect(paragraph({ ...reference, prevAdmitted: 25 })).toContain(
      "So với cùng kỳ năm trước (25 đảng viên), tăng 6 đảng viên, bằng 124,00%.",
    );
    expect(paragraph({ ...reference, prevAdmitted: 40 })).toContain(
      "So với cùng kỳ năm trước (40 đảng viên), giảm 9 đảng viên, bằng 77,50%.",
    );
    expect(paragraph({ ...reference, prevAdmitted: 31 })).toContain("Số kết nạp bằng cùng kỳ năm trước (31 đảng viên).");
    expect(paragraph({ ...reference, prevAdmitted: 0 })).toContain("Cùng kỳ năm trước chưa kết nạp được đảng viên nào");
    expect(paragraph({ ...reference, prevAdmitted: null })).not.toContain("cùng kỳ");
    expect(paragraph(reference)).not.toContain("cùng kỳ");
  });

  it("lists the units behind schedule, at most a few by name", () => {
    expect(paragraph({ ...reference, behind: [{ label: "Chậm tiến độ", names: ["Xã Bàn Đạt", "Xã Bảo Lý"] }] })).toMatch(
      /Các tổ chức cơ sở đảng chậm tiến độ: Xã Bàn Đạt, Xã Bảo Lý\.$/,
    );
    expect(
      paragraph({ ...reference, behind: [{ label: "Rất chậm", names: ["Xã A"] }, { label: "Chậm tiến độ", names: ["Xã B"] }] }),
    ).toMatch(/Các tổ chức cơ sở đảng rất chậm: Xã A; chậm tiến độ: Xã B\.$/);
    const many = Array.from({ length: MAX_LISTED_NAMES + 3 }, (_, i) => `Chi bộ ${i + 1}`);
    const text = paragraph({ ...reference, behind: [{ label: "Rất chậm", names: many }] });
    expect(text).toContain(`Chi bộ ${MAX_LISTED_NAMES}`);
    expect(text).not.toContain(`Chi bộ ${MAX_LISTED_NAMES + 1},`);
    expect(text).toMatch(/và 3 tổ chức khác\.$/);
    expect(paragraph({ ...reference, behind: [] })).not.toContain("chậm tiến độ:");
    expect(paragraph({ ...reference, behind: [{ label: "Rất chậm", names: [] }] })).not.toContain("rất chậm:");
  });

  it("handles a reached target and the end of the period", () => {
    expect(paragraph({ ...reference, admitted: 260 })).toContain("Đã hoàn thành chỉ tiêu kết nạp được giao, vượt 7 đảng viên.");
    expect(paragraph({ ...reference, admitted: 253 })).toContain("Đã hoàn thành chỉ tiêu kết nạp được giao.");
    const end = paragraph({ ...reference, asOf: d(2020, 12, 31) });
    expect(end).toMatch(/^Năm 2020, Đảng bộ huyện Phú Bình mới kết nạp được 31 đảng viên/);
    expect(end).toContain("Kỳ báo cáo đã kết thúc, còn thiếu 222 đảng viên so với chỉ tiêu.");
  });

  it("names the end date of a period that is not a calendar year", () => {
    const text = paragraph({ ...reference, start: d(2020, 6, 1), end: d(2021, 5, 31) });
    expect(text).toContain("đến ngày 31/05/2021 ước kết nạp được");
  });

  it("does not fail on a district target of 0", () => {
    const text = paragraph({ ...reference, target: 0 });
    expect(text).toContain("Đảng bộ huyện Phú Bình đã kết nạp được 31 đảng viên; chưa có chỉ tiêu kết nạp được giao.");
    expect(text).not.toContain("%");
  });

  it("rejects a date outside the period", () => {
    expect(() => paragraph({ ...reference, asOf: d(2021, 1, 5) })).toThrow(IndicatorError);
  });
});
