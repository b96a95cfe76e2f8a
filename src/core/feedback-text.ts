/**
 * Plain Vietnamese for a cell secretary: for one finding, what is wrong and how to fix it, without
 * rule codes or item codes. The finding's own message (precise, for the Board) stays available as
 * the detail; these texts only rephrase it for the person who typed the report.
 */
import type { CellValue, Finding } from "./types";
import type { DistrictParams, RosterUnit } from "./model";
import type { TemplateItem } from "./template";
import { FORM_ID } from "./template";
import { formatDate } from "./dates";
import { formatInteger, formatNumber, formatPercent } from "./vi";

/** What the text may use besides the finding: the row's item, the cell's text, the roster line. */
export interface PlainContext {
  /** The template item of the row the finding points at, when it points at one. */
  item: TemplateItem | null;
  /** The cell's content as typed ("" when blank or unknown). */
  value: string;
  /** The unit's roster line (its code, name and assigned target), when known. */
  unit: RosterUnit | null;
  params: DistrictParams | null;
  /** The cell's formula ("=IF(D15=0,…)"), when the report was read with formulas and it has one. */
  formula?: string | null;
  /** Cells that formula reads which carry errors of their own (feedback.ts): fixing them mends it. */
  causes?: string[];
  /** The cell's value as read (a number stays a number), when known. */
  raw?: CellValue;
}

export interface PlainText {
  /** What is wrong, in one or two short sentences. */
  what: string;
  /** What to do about it. */
  fix: string;
}

/** Severity in words a secretary acts on: an error must be fixed, a warning looked at. */
export function severityWords(severity: Finding["severity"]): string {
  return severity === "error" ? "Phải sửa" : "Xem lại";
}

function quoted(value: string): string {
  return `“${value.replace(/\s+/g, " ").trim()}”`;
}

function line(ctx: PlainContext): string {
  return ctx.item ? `dòng “${ctx.item.label}”` : "ô này";
}

/** The plain "what / how to fix" of a finding (falls back to the rule's message for rare rules). */
export function plainText(f: Finding, ctx: PlainContext): PlainText {
  const row = line(ctx);
  const value = ctx.value ? quoted(ctx.value) : "";
  switch (f.rule) {
    case "V01":
      if (ctx.item?.type === "date") return { what: `Chưa ghi ${row}.`, fix: "Ghi ngày lập báo cáo theo dạng ngày/tháng/năm, ví dụ 04/09/2020." };
      if (ctx.item?.type === "count") return { what: `Chưa ghi số liệu ở ${row}.`, fix: "Ghi số vào ô này; nếu không có thì ghi số 0, không để trống." };
      return { what: `Chưa ghi ${row}.`, fix: `Ghi đầy đủ ${ctx.item ? ctx.item.label.toLowerCase() : "nội dung"} vào ô này.` };
    case "V02":
      if (f.severity === "warning") {
        return { what: `Số ở ${row} được gõ dạng chữ (${value}).`, fix: "Gõ lại bằng chữ số liền nhau, ví dụ 1234, để không bị hiểu sai." };
      }
      return {
        what: `Ở ${row} phải là một con số, nhưng đang ghi ${value || "chữ"}.`,
        fix: "Xóa chữ, chỉ gõ chữ số, ví dụ 3 (không gõ chữ, đơn vị tính hay dấu phẩy).",
      };
    case "V03":
      return { what: `Số người ở ${row} phải là số nguyên, không âm; ô đang ghi ${value || "số không hợp lệ"}.`, fix: "Sửa thành số người đúng (0, 1, 2, …)." };
    case "V04": {
      const shown = value || "của Excel";
      const causes = ctx.causes ?? [];
      if (ctx.formula && causes.length > 0) {
        // Typing a number over the formula would be a new error (C05): the formula stays.
        const cells = `${causes.length > 1 ? "các ô" : "ô"} ${causes.join(", ")}`;
        return {
          what: `Ô ở ${row} là công thức, đang hiện lỗi ${shown} vì ${cells} đang sai.`,
          fix: `Giữ nguyên công thức, không gõ đè vào ô này: sửa ${cells} thì ô này tự tính lại đúng.`,
        };
      }
      if (ctx.formula || ctx.item?.type === "ratio") {
        // The form's ratio cell is a formula even when the reader did not keep formulas.
        return {
          what: `Ô ở ${row} là công thức, đang hiện lỗi ${shown}.`,
          fix: "Kiểm tra các ô mà công thức này dùng và sửa ô bị sai; không gõ số đè lên công thức.",
        };
      }
      return { what: `Ô ở ${row} đang hiện lỗi ${shown} thay cho số liệu.`, fix: "Xóa giá trị lỗi và gõ trực tiếp số liệu vào ô." };
    }
    case "C01":
      return {
        what: "Một số ở các dòng “trong đó” (nữ, dân tộc thiểu số, …) lớn hơn tổng số đảng viên đã kết nạp.",
        fix: "Xem lại số đã kết nạp và các dòng “trong đó”: mỗi dòng “trong đó” không được lớn hơn số đã kết nạp.",
      };
    case "C02":
      return {
        what: "Số đảng viên đã kết nạp nhiều hơn số hồ sơ đề nghị kết nạp đã gửi.",
        fix: "Kiểm tra lại hai số này. Nếu đúng (hồ sơ đã gửi từ kỳ trước) thì giữ nguyên, không cần sửa.",
      };
    case "C03":
      return {
        what: "Số hồ sơ đề nghị kết nạp nhiều hơn số quần chúng đã học lớp bồi dưỡng nhận thức về Đảng.",
        fix: "Kiểm tra lại hai số này. Nếu đúng (giấy chứng nhận học lớp của kỳ trước vẫn còn giá trị) thì giữ nguyên.",
      };
    case "C04":
      return {
        what: `Chỉ tiêu ghi trong báo cáo khác chỉ tiêu đã được giao${ctx.unit?.target != null ? ` (${formatInteger(ctx.unit.target)})` : ""}.`,
        fix: `Ghi đúng chỉ tiêu đã được giao${ctx.unit?.target != null ? `: ${formatInteger(ctx.unit.target)}` : ""}.`,
      };
    case "C05":
      if (!ctx.formula && ctx.value.trim() !== "") {
        // Typed over: say what is there (what the user sees) and that the formula must come back.
        const found =
          typeof ctx.raw === "number" ? `${formatPercent(ctx.raw, 2)} (số ${formatNumber(ctx.raw, 6)} gõ tay)` : `${value} (chữ gõ tay)`;
        return {
          what: `Ô ở ${row} đang ghi ${found}: công thức của mẫu đã bị gõ đè, ô không còn tự tính theo số đã kết nạp và chỉ tiêu.`,
          fix: "Khôi phục công thức của mẫu (số đã kết nạp chia cho chỉ tiêu, để trống khi chỉ tiêu bằng 0), ví dụ chép lại ô này từ mẫu báo cáo; không gõ số hay chữ vào ô này.",
        };
      }
      return {
        what: "Tỷ lệ đạt đã bị gõ đè bằng tay, không khớp với số đã kết nạp và chỉ tiêu.",
        fix: "Không gõ vào ô tỷ lệ: dùng lại mẫu báo cáo để ô tự tính (số đã kết nạp chia cho chỉ tiêu).",
      };
    case "C07":
      return { what: "Số đảng viên đã kết nạp lớn hơn tổng số đảng viên của đơn vị.", fix: "Xem lại hai số này và sửa số bị gõ nhầm." };
    case "D01":
      return {
        what: `Báo cáo gửi sau hạn nộp${ctx.params ? ` (${formatDate(ctx.params.deadline)})` : ""}.`,
        fix: "Không cần sửa báo cáo; lần sau đề nghị gửi đúng hạn.",
      };
    case "D02":
      return {
        what: `Ngày lập báo cáo sớm hơn ngày chốt số liệu${ctx.params ? ` (${formatDate(ctx.params.to)})` : ""}.`,
        fix: "Ghi đúng ngày lập báo cáo; số liệu phải tính đến hết ngày chốt.",
      };
    case "D04":
      return { what: `Ngày lập báo cáo ghi ${value || "không đúng"}, quá xa sau kỳ báo cáo: có lẽ gõ nhầm năm.`, fix: "Ghi đúng ngày lập báo cáo, nhất là năm." };
    case "D03":
      return { what: `Ngày lập báo cáo ghi ${value || "không đúng"}, không đọc được thành ngày.`, fix: "Gõ ngày theo dạng ngày/tháng/năm, ví dụ 04/09/2020." };
    case "S03":
      return { what: "Chưa nhận được báo cáo của đơn vị.", fix: `Lập báo cáo theo mẫu ${FORM_ID} và gửi về sớm.` };
    case "S05":
      return {
        what: "Báo cáo thiếu một dòng của mẫu, hoặc có dòng bị lặp lại.",
        fix: `Dùng đúng mẫu ${FORM_ID}: không xóa, không chép thêm các dòng có sẵn mã ở cột C.`,
      };
    case "S06":
      return { what: "Báo cáo không lập theo đúng mẫu.", fix: `Chép số liệu sang mẫu ${FORM_ID} được gửi kèm rồi gửi lại.` };
    case "S07":
      return {
        what: "Mã đơn vị ghi trong báo cáo không đúng, hoặc có hai báo cáo cùng một mã.",
        fix: ctx.unit ? `Ghi đúng mã đơn vị: ${ctx.unit.code}.` : "Ghi đúng mã đơn vị đã được cấp.",
      };
    case "S08":
      return {
        what: "Tên đơn vị ghi trong báo cáo khác tên trong danh mục.",
        fix: ctx.unit ? `Ghi đúng tên đơn vị: ${ctx.unit.name}.` : "Ghi đúng tên đơn vị theo danh mục.",
      };
    case "E01":
      return {
        what: "Chữ được gõ bằng phông chữ cũ (.VnTime hoặc VNI), đã được tự chuyển sang chữ Unicode.",
        fix: "Không cần sửa lần này; lần sau gõ bằng phông Unicode (ví dụ Times New Roman).",
      };
    default:
      return { what: f.message, fix: "Xem phần chi tiết và sửa theo hướng dẫn." };
  }
}
