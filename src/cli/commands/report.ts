/**
 * `pdv report <input> --out <file.docx> [--dia-danh <tên>] [--ngay dd/mm/yyyy]`: the Board's
 * report (core/report-doc.ts) written as an editable Word document (src/report/docx.ts).
 */
import { promises as fs } from "fs";
import * as path from "path";
import { reportDocument } from "../../core/report-doc";
import { formatDate } from "../../core/dates";
import { formatInteger, formatPercent } from "../../core/vi";
import { renderReportDocx } from "../../report/docx";
import { CliError } from "../args";
import type { Parsed } from "../args";
import { JSON_OPTION } from "../command";
import type { Command } from "../command";
import { PLACE_DATE_OPTIONS, documentJson, documentSource } from "../document-source";
import type { Io } from "../input";

async function checkDocxOutput(out: string, inputs: string[]): Promise<string> {
  const target = path.resolve(out);
  if (path.extname(target).toLowerCase() !== ".docx") throw new CliError(`Tên tệp báo cáo ${out} phải có đuôi .docx.`);
  if (inputs.some((i) => path.resolve(i) === target)) throw new CliError(`Không ghi đè tệp đầu vào ${out}.`);
  try {
    if ((await fs.stat(target)).isDirectory()) throw new CliError(`${out} là một thư mục; hãy ghi rõ tên tệp .docx.`);
  } catch (err) {
    if (err instanceof CliError) throw err;
  }
  return target;
}

async function writeAtomically(target: string, bytes: Uint8Array, shown: string): Promise<void> {
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, target);
  } catch {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new CliError(`Không ghi được tệp ${shown}.`);
  }
}

/** Run `pdv report`; 0 when every unit is included, 1 when some are not (the report is still written). */
async function cmdReport(p: Parsed, io: Io): Promise<number> {
  const src = await documentSource(p, "report", "<tệp báo cáo .docx>", io);
  if (!src) return 1;
  const { summary, board, loaded, outArg, place, date } = src;
  const out = await checkDocxOutput(outArg, loaded.files);
  const doc = reportDocument(summary, board, { place, date });
  await writeAtomically(out, await renderReportDocx(doc), outArg);
  const included = summary.included.length;
  if (p.values.json) {
    io.stdout(documentJson(out, summary));
  } else {
    io.stdout(
      `Đã ghi dự thảo báo cáo: ${out}\n${summary.params.name}, số liệu đến ngày ${formatDate(summary.params.to)}: ` +
        `${formatInteger(included)}/${formatInteger(summary.expected)} đơn vị, đã kết nạp ${formatInteger(summary.totals.KN_DAKETNAP)}` +
        `${summary.ratio === null ? "" : ` (${formatPercent(summary.ratio)} chỉ tiêu)`}.\n`,
    );
  }
  return included === summary.expected ? 0 : 1;
}

export const report: Command = {
  name: "report",
  usage: ["pdv report <đầu vào> --out <bao-cao.docx> [--dia-danh <tên>] [--ngay <dd/mm/yyyy>] [--json]"],
  summary: "Dự thảo báo cáo kết quả phát triển đảng viên (Word), bảng tổng hợp ở phụ lục A4 ngang.",
  description: `Lập dự thảo báo cáo kết quả công tác phát triển đảng viên (Word, sửa được): tiêu đề, địa danh
và ngày tháng, các đoạn nhận xét (kết quả, nguồn và hồ sơ, tiến độ và dự báo, đơn vị chậm tiến
độ, đơn vị chưa báo cáo), khối chữ ký, và bảng tổng hợp ở phụ lục khổ A4 ngang.
Mã thoát: 0 khi mọi đơn vị được tổng hợp; 1 khi không (báo cáo vẫn được ghi).`,
  positionals: [{ name: "<đầu vào>", description: "sổ báo cáo .xlsx, hoặc thư mục có danh-muc.xlsx" }],
  options: {
    out: { type: "string", short: "o", value: "<bao-cao.docx>", description: "tệp Word sẽ ghi" },
    ...PLACE_DATE_OPTIONS,
    json: JSON_OPTION,
  },
  run: cmdReport,
};
