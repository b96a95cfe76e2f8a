/** Plain-text tables and the Vietnamese help of `pdv`. */

export type Align = "left" | "right";

/** A table with a header rule; columns padded to their widest cell (text is NFC, one char a column). */
export function table(headers: string[], rows: string[][], align: Align[] = []): string {
  const norm = (s: string) => s.normalize("NFC");
  const widths = headers.map((h, i) => Math.max(norm(h).length, ...rows.map((r) => norm(r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const t = norm(c ?? "");
        return align[i] === "right" ? t.padStart(widths[i]) : t.padEnd(widths[i]);
      })
      .join("  ")
      .trimEnd();
  const out = [line(headers), widths.map((w) => "-".repeat(w)).join("  ")];
  for (const r of rows) out.push(line(r));
  return out.join("\n");
}

/** Cut a text to `max` characters, with an ellipsis. */
export function clip(text: string, max: number): string {
  const t = text.normalize("NFC");
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

export const HELP = `pdv — kiểm tra và tổng hợp báo cáo phát triển đảng viên (mẫu PDV-01 v1)

Cách dùng:
  pdv template --roster <danh-muc.csv> --out <so-bao-cao.xlsx> [tham số]
      Tạo sổ báo cáo chuẩn để trống: sheet DanhMuc và một sheet PDV-01 cho mỗi đơn vị.
      Tham số (mặc định là số liệu mẫu của Đảng bộ huyện Phú Bình năm 2020):
        --ten <tên đảng bộ>       mặc định "Đảng bộ huyện Phú Bình"
        --nam <năm>               mặc định 2020
        --tu <dd/mm/yyyy>         từ ngày; mặc định 01/01 của năm báo cáo
        --den <dd/mm/yyyy>        đến ngày (ngày chốt số liệu); mặc định 31/08 của năm báo cáo
        --han <dd/mm/yyyy>        hạn nộp báo cáo; mặc định 05/09 của năm báo cáo
        --chi-tieu <số>           chỉ tiêu kết nạp cấp trên giao cho đảng bộ; mặc định tổng chỉ
                                  tiêu các đơn vị trong danh mục (253 với danh mục mẫu)
        --co-quan <tên>           cơ quan nhận và tổng hợp báo cáo, ví dụ "Ban Tổ chức Tỉnh ủy
                                  Ninh Thuận", "Ban Xây dựng Đảng Đảng ủy phường …"; mặc định
                                  "Ban Tổ chức Huyện ủy Phú Bình" khi không có --ten, bỏ trống khi có
        --ma-db <mã>              mã của đảng bộ trong danh mục của cấp trên (không bắt buộc)
      Danh mục CSV: cột KN_CHITIEU để trống là đơn vị không được giao chỉ tiêu; có thể thêm
      cột DV_DAUNAM (đảng viên đầu kỳ).

  pdv validate <đầu vào> [--json]
      Kiểm tra sổ báo cáo: liệt kê lỗi và cảnh báo, chỉ rõ sheet, ô và đơn vị.
  pdv validate <đầu vào mới> --truoc <đầu vào cũ> [--json]
      Khi đơn vị gửi lại: lỗi nào đã sửa, còn lại, mới phát sinh; số liệu nào đã thay đổi.

  pdv consolidate <đầu vào> --out <tong-hop.xlsx> [--ngay <dd/mm/yyyy>] [--json]
      Tổng hợp toàn đảng bộ. Với một sổ báo cáo: ghi ra bản sao của sổ có thêm (hoặc thay) sheet
      TongHop. Với một thư mục: ghi ra sổ gồm DanhMuc và TongHop, mỗi số liệu có ghi chú tên tệp
      và ô nguồn. Tệp đầu vào không bao giờ bị ghi đè.
      Tệp kết quả có thêm sheet GuiCapTren: báo cáo PDV-01 của cả đảng bộ (mã MA_DB, chỉ tiêu
      CHITIEU_DB, số đơn vị đã tổng hợp, danh sách đơn vị) để gửi cấp trên; cấp trên tổng hợp
      thư mục gồm danh-muc.xlsx của mình và các tệp kết quả đó như tệp của đơn vị.
        --ngay <dd/mm/yyyy>       ngày lập báo cáo gửi cấp trên; mặc định hôm nay

  pdv feedback <đầu vào> --out <thư mục> [--json]
      Phản hồi gửi lại đơn vị: mỗi đơn vị có lỗi, cảnh báo nhận một tệp .xlsx (sheet PhanHoi và
      bản sao báo cáo có đánh dấu ô). Xem: pdv feedback --help

  pdv report <đầu vào> --out <bao-cao.docx> [--dia-danh <tên>] [--ngay <dd/mm/yyyy>]
      Dự thảo báo cáo kết quả phát triển đảng viên (Word), bảng tổng hợp ở phụ lục A4 ngang.
      Xem: pdv report --help

  pdv export <đầu vào> --out <gui-len.xlsx> [--bieu-so <số biểu>]
      Biểu thống kê gửi cấp trên, chỉ có giá trị, cùng số liệu với TongHop. Xem: pdv export --help

  pdv samples --csv <danh-muc.csv> --out <thư mục> [tham số như template]
      Sinh hai dạng dữ liệu mẫu từ tệp CSV: <tên>.xlsx (một sổ báo cáo chuẩn) và thư mục <tên>/
      (danh-muc.xlsx và một tệp .xlsx cho mỗi đơn vị).

<đầu vào> là một tệp .xlsx (có sheet DanhMuc và các sheet báo cáo của đơn vị), hoặc một thư mục
chứa danh-muc.xlsx (có sheet DanhMuc) và một tệp .xlsx cho mỗi đơn vị (khớp theo mã MA_DV).

--json   in ra một đối tượng JSON duy nhất trên stdout thay cho bảng.
--help   in hướng dẫn này.

Mã thoát: 0 khi mọi đơn vị đã nộp và không có lỗi; 1 khi có lỗi, có đơn vị chưa nộp hoặc bị loại
khỏi tổng hợp (consolidate vẫn ghi tệp kết quả); 2 khi không đọc được đầu vào hoặc tham số sai.
`;
