/**
 * `pdv template --roster <r.csv> --out <book.xlsx> [parameters]`: a blank standard workbook
 * (DanhMuc and one PDV-01 sheet per unit of the roster CSV).
 */
import { rosterSheetPlan, unitSheetPlan } from "../../core/blank";
import { SHEET_ROSTER } from "../../core/template";
import { formatInteger } from "../../core/vi";
import { createXlsxPort } from "../../workbook/xlsx";
import { requireString } from "../args";
import type { Parsed } from "../args";
import type { Command } from "../command";
import { checkOutput } from "../input";
import type { Io } from "../input";
import { PARAM_OPTIONS, paramsFromFlags, readRosterCsv } from "../params";

async function cmdTemplate(p: Parsed, io: Io): Promise<number> {
  const csv = requireString(p, "roster", "template", "<danh mục .csv>");
  const outArg = requireString(p, "out", "template", "<sổ báo cáo .xlsx>");
  const units = await readRosterCsv(csv);
  const out = await checkOutput(outArg, [csv]);
  const params = paramsFromFlags(p, units);
  const port = createXlsxPort();
  await port.addSheets([rosterSheetPlan(params, units), ...units.map((u) => unitSheetPlan(params, u))]);
  await port.save(out);
  if (typeof p.values.ten !== "string") {
    // The defaults are the 2020 sample district's (a level abolished on 1 July 2025): say so, and how to make one's own.
    io.stderr(
      `Lưu ý: không có --ten nên sổ dùng tham số mẫu (${params.name}, năm ${params.year}); sổ cho đảng bộ của mình: ` +
        `pdv template --roster ${csv} --out ${outArg} --ten "<tên đảng bộ>" --nam <năm> --den <dd/mm/yyyy> --han <dd/mm/yyyy>.\n`,
    );
  }
  io.stdout(
    `Đã tạo sổ báo cáo chuẩn ${out}: sheet ${SHEET_ROSTER} và ${formatInteger(units.length)} sheet PDV-01 ` +
      `(${params.name}${params.board ? `, ${params.board}` : ""}, năm ${params.year}, chỉ tiêu ${formatInteger(params.target)}).\n`,
  );
  return 0;
}


export const template: Command = {
  name: "template",
  usage: ["pdv template --roster <danh-muc.csv> --out <so-bao-cao.xlsx> [tham số]"],
  summary: "Tạo sổ báo cáo chuẩn để trống: sheet DanhMuc và một sheet PDV-01 cho mỗi đơn vị.",
  description: `Tạo sổ báo cáo chuẩn để trống: sheet DanhMuc và một sheet PDV-01 cho mỗi đơn vị.
Tham số mặc định là số liệu mẫu của Đảng bộ huyện Phú Bình năm 2020.
Danh mục CSV: cột KN_CHITIEU để trống là đơn vị không được giao chỉ tiêu; có thể thêm
cột DV_DAUNAM (đảng viên đầu kỳ).`,
  positionals: [],
  options: {
    roster: { type: "string", value: "<danh-muc.csv>", description: "danh mục đơn vị (CSV, UTF-8)" },
    out: { type: "string", value: "<so-bao-cao.xlsx>", description: "sổ báo cáo sẽ tạo" },
    ...PARAM_OPTIONS,
  },
  run: cmdTemplate,
};
