/**
 * `pdv export <input> --out <file.xlsx> [--bieu-so <text>] [--dia-danh <tên>] [--ngay dd/mm/yyyy]`:
 * the upward export (core/upward.ts) — the statistical form for the level above, values only,
 * from the same numbers as TongHop — as a one-sheet workbook.
 */
import { upwardPlan } from "../../core/upward";
import { SHEET_EXPORT } from "../../core/template";
import { formatDate } from "../../core/dates";
import { createXlsxPort } from "../../workbook/xlsx";
import type { Parsed } from "../args";
import { JSON_OPTION } from "../command";
import type { Command } from "../command";
import { PLACE_DATE_OPTIONS, documentJson, documentSource } from "../document-source";
import { checkOutput } from "../input";
import type { Io } from "../input";

/** Run `pdv export`; 0 when every unit is included, 1 when some are not (the file is still written). */
async function cmdExport(p: Parsed, io: Io): Promise<number> {
  const src = await documentSource(p, "export", "<tệp .xlsx gửi cấp trên>", io);
  if (!src) return 1;
  const { summary, board, loaded, outArg, place, date } = src;
  const out = await checkOutput(outArg, loaded.files);
  const formNumber = typeof p.values["bieu-so"] === "string" ? p.values["bieu-so"] : null;
  const port = createXlsxPort();
  await port.addSheets([upwardPlan(summary, board, { place, date, formNumber })]);
  await port.save(out);
  const included = summary.included.length;
  if (p.values.json) {
    io.stdout(documentJson(out, summary));
    return included === summary.expected ? 0 : 1;
  }
  io.stdout(
    `Đã ghi biểu gửi cấp trên: ${out} (${summary.params.name}, số liệu đến ngày ${formatDate(summary.params.to)}, ` +
      `${summary.included.length}/${summary.expected} đơn vị).\n`,
  );
  return summary.included.length === summary.expected ? 0 : 1;
}

export const exportForm: Command = {
  name: "export",
  usage: ["pdv export <đầu vào> --out <gui-len.xlsx> [--bieu-so <số biểu>] [--dia-danh <tên>] [--ngay <dd/mm/yyyy>] [--json]"],
  summary: "Biểu thống kê gửi cấp trên, chỉ có giá trị, cùng số liệu với TongHop.",
  description: `Xuất biểu thống kê gửi cấp trên (sheet ${SHEET_EXPORT}): cơ quan ban hành, "Biểu số", "Đvt: Người",
tiêu đề hai dòng (Kỳ này, Cùng kỳ năm trước, % so với cùng kỳ), dòng số thứ tự cột, khối chữ ký;
chỉ có giá trị (không công thức), cùng số liệu với bảng TongHop.
Mã thoát: 0 khi mọi đơn vị được tổng hợp; 1 khi không (tệp vẫn được ghi).`,
  positionals: [{ name: "<đầu vào>", description: "sổ báo cáo .xlsx, hoặc thư mục có danh-muc.xlsx" }],
  options: {
    out: { type: "string", short: "o", value: "<gui-len.xlsx>", description: "tệp .xlsx sẽ ghi (khác mọi tệp đầu vào)" },
    "bieu-so": { type: "string", value: "<số biểu>", description: 'ví dụ "Biểu số 02"; mặc định để dấu chấm để điền' },
    ...PLACE_DATE_OPTIONS,
    json: JSON_OPTION,
  },
  run: cmdExport,
};
