/**
 * The PDV.* worksheet functions (namespace PDV comes from the manifest). Each is a thin wrapper:
 * coerce the arguments (./coerce.ts), call one pure function of src/core, turn its error into an
 * Excel error. The CustomFunctions.associate calls are appended by custom-functions-metadata-plugin.
 *
 * Count parameters are matrices so that a single cell ([[x]]) and a range (summed) are both
 * accepted; date parameters take a serial or text dd/mm/yyyy. Date and name parameters are `any`, so a
 * blank cell arrives as Excel sends it (0 on desktop, null on the web) and coerce.ts reads both as
 * blank. Excel shows the Vietnamese message
 * of a #VALUE! error; for #DIV/0! and #NUM! it shows only the code (the runtime drops the message).
 */
import { classify, forecast, perMonthNeeded, progress, ratio, remaining, type IndicatorErrorKind } from "../core/indicators";
import { sentence } from "../core/narrative";
import {
  LABEL_ADMITTED,
  LABEL_AS_OF,
  LABEL_END,
  LABEL_NAME,
  LABEL_START,
  LABEL_TARGET,
  guard,
  sumCounts,
  toDate,
  toOptionalText,
  toRequiredDate,
} from "./coerce";

/** The Excel error for an indicator error: #DIV/0!, #NUM! or #VALUE!, with its Vietnamese message. */
function excelError(kind: IndicatorErrorKind, message: string): CustomFunctions.Error {
  const code =
    kind === "div0"
      ? CustomFunctions.ErrorCode.divisionByZero
      : kind === "num"
        ? CustomFunctions.ErrorCode.invalidNumber
        : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, message);
}

const admittedOf = (v: unknown) => sumCounts(v, LABEL_ADMITTED);
const targetOf = (v: unknown) => sumCounts(v, LABEL_TARGET);
const asOfOf = (v: unknown) => toRequiredDate(v, LABEL_AS_OF);
const startOf = (v: unknown) => toDate(v, LABEL_START, true);
const endOf = (v: unknown) => toDate(v, LABEL_END, true);

/**
 * Tỷ lệ kết nạp đạt so với chỉ tiêu (số đã kết nạp chia cho chỉ tiêu; vùng ô được cộng tổng trước khi chia).
 * @customfunction TYLE
 * @param da_ket_nap Số đảng viên đã kết nạp: một số, một ô hoặc một vùng ô (được cộng tổng).
 * @param chi_tieu Chỉ tiêu kết nạp được giao: một số, một ô hoặc một vùng ô (được cộng tổng).
 * @returns Tỷ lệ đạt, định dạng phần trăm (0,1225 = 12,25%).
 */
export function TYLE(da_ket_nap: unknown[][], chi_tieu: unknown[][]): number {
  return guard(() => ratio(admittedOf(da_ket_nap), targetOf(chi_tieu)), excelError);
}

/**
 * Số đảng viên còn phải kết nạp để đạt chỉ tiêu (không nhỏ hơn 0).
 * @customfunction CONLAI
 * @param da_ket_nap Số đảng viên đã kết nạp: một số, một ô hoặc một vùng ô (được cộng tổng).
 * @param chi_tieu Chỉ tiêu kết nạp được giao: một số, một ô hoặc một vùng ô (được cộng tổng).
 * @returns Số còn phải kết nạp.
 */
export function CONLAI(da_ket_nap: unknown[][], chi_tieu: unknown[][]): number {
  return guard(() => remaining(admittedOf(da_ket_nap), targetOf(chi_tieu)), excelError);
}

/**
 * Tiến độ thực hiện chỉ tiêu: tỷ lệ đạt chia cho phần thời gian đã qua của kỳ (1 = đúng tiến độ).
 * @customfunction TIENDO
 * @param da_ket_nap Số đảng viên đã kết nạp: một số, một ô hoặc một vùng ô (được cộng tổng).
 * @param chi_tieu Chỉ tiêu kết nạp được giao: một số, một ô hoặc một vùng ô (được cộng tổng).
 * @param ngay_chot Ngày chốt số liệu: ngày của Excel hoặc văn bản dd/mm/yyyy.
 * @param [ngay_dau] Ngày đầu kỳ; bỏ trống là ngày 01/01 của năm chốt số liệu.
 * @param [ngay_cuoi] Ngày cuối kỳ; bỏ trống là ngày 31/12 của năm chốt số liệu.
 * @returns Hệ số tiến độ (1 = đúng tiến độ, nhỏ hơn 1 = chậm).
 */
export function TIENDO(
  da_ket_nap: unknown[][],
  chi_tieu: unknown[][],
  ngay_chot: number | string,
  ngay_dau?: number | string | null,
  ngay_cuoi?: number | string | null,
): number {
  return guard(
    () => progress(admittedOf(da_ket_nap), targetOf(chi_tieu), asOfOf(ngay_chot), startOf(ngay_dau), endOf(ngay_cuoi)),
    excelError,
  );
}

/**
 * Dự báo số đảng viên kết nạp được đến cuối kỳ nếu giữ nhịp độ hiện nay.
 * @customfunction DUBAO
 * @param da_ket_nap Số đảng viên đã kết nạp: một số, một ô hoặc một vùng ô (được cộng tổng).
 * @param ngay_chot Ngày chốt số liệu: ngày của Excel hoặc văn bản dd/mm/yyyy.
 * @param [ngay_dau] Ngày đầu kỳ; bỏ trống là ngày 01/01 của năm chốt số liệu.
 * @param [ngay_cuoi] Ngày cuối kỳ; bỏ trống là ngày 31/12 của năm chốt số liệu.
 * @returns Số đảng viên dự báo kết nạp được đến cuối kỳ.
 */
export function DUBAO(
  da_ket_nap: unknown[][],
  ngay_chot: number | string,
  ngay_dau?: number | string | null,
  ngay_cuoi?: number | string | null,
): number {
  return guard(() => forecast(admittedOf(da_ket_nap), asOfOf(ngay_chot), startOf(ngay_dau), endOf(ngay_cuoi)), excelError);
}

/**
 * Số đảng viên cần kết nạp bình quân mỗi tháng còn lại để đạt chỉ tiêu.
 * @customfunction CANTHANG
 * @param da_ket_nap Số đảng viên đã kết nạp: một số, một ô hoặc một vùng ô (được cộng tổng).
 * @param chi_tieu Chỉ tiêu kết nạp được giao: một số, một ô hoặc một vùng ô (được cộng tổng).
 * @param ngay_chot Ngày chốt số liệu: ngày của Excel hoặc văn bản dd/mm/yyyy.
 * @param [ngay_cuoi] Ngày cuối kỳ; bỏ trống là ngày 31/12 của năm chốt số liệu.
 * @returns Số cần kết nạp mỗi tháng (0 khi đã đạt chỉ tiêu).
 */
export function CANTHANG(
  da_ket_nap: unknown[][],
  chi_tieu: unknown[][],
  ngay_chot: number | string,
  ngay_cuoi?: number | string | null,
): number {
  return guard(
    () => perMonthNeeded(admittedOf(da_ket_nap), targetOf(chi_tieu), asOfOf(ngay_chot), endOf(ngay_cuoi)),
    excelError,
  );
}

/**
 * Xếp loại tiến độ: Đã hoàn thành, Đúng tiến độ, Chậm tiến độ hoặc Rất chậm.
 * @customfunction XEPLOAI
 * @param da_ket_nap Số đảng viên đã kết nạp: một số, một ô hoặc một vùng ô (được cộng tổng).
 * @param chi_tieu Chỉ tiêu kết nạp được giao: một số, một ô hoặc một vùng ô (được cộng tổng).
 * @param ngay_chot Ngày chốt số liệu: ngày của Excel hoặc văn bản dd/mm/yyyy.
 * @param [ngay_dau] Ngày đầu kỳ; bỏ trống là ngày 01/01 của năm chốt số liệu.
 * @param [ngay_cuoi] Ngày cuối kỳ; bỏ trống là ngày 31/12 của năm chốt số liệu.
 * @returns Nhãn xếp loại tiến độ.
 */
export function XEPLOAI(
  da_ket_nap: unknown[][],
  chi_tieu: unknown[][],
  ngay_chot: number | string,
  ngay_dau?: number | string | null,
  ngay_cuoi?: number | string | null,
): string {
  return guard(
    () => classify(admittedOf(da_ket_nap), targetOf(chi_tieu), asOfOf(ngay_chot), startOf(ngay_dau), endOf(ngay_cuoi)),
    excelError,
  );
}

/**
 * Câu nhận xét kết quả kết nạp đảng viên để đưa vào báo cáo.
 * @customfunction NHANXET
 * @param da_ket_nap Số đảng viên đã kết nạp: một số, một ô hoặc một vùng ô (được cộng tổng).
 * @param chi_tieu Chỉ tiêu kết nạp được giao: một số, một ô hoặc một vùng ô (được cộng tổng).
 * @param ngay_chot Ngày chốt số liệu: ngày của Excel hoặc văn bản dd/mm/yyyy.
 * @param [ten] Tên đảng bộ, chi bộ đứng đầu câu; bỏ trống thì câu không nêu tên.
 * @returns Câu nhận xét bằng tiếng Việt.
 */
export function NHANXET(
  da_ket_nap: unknown[][],
  chi_tieu: unknown[][],
  ngay_chot: number | string,
  ten?: string | number | null,
): string {
  return guard(
    () => sentence(admittedOf(da_ket_nap), targetOf(chi_tieu), asOfOf(ngay_chot), toOptionalText(ten, LABEL_NAME)),
    excelError,
  );
}
