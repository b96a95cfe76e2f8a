/**
 * `pdv samples --csv <r.csv> --out <folder> [parameters]`: both forms of a sample from its roster
 * CSV, with every unit's report filled (core/blank.ts `reportedValues`): one workbook
 * `<name>.xlsx` and a folder `<name>/` (danh-muc.xlsx and one file per unit). Same CSV, same bytes.
 */
import * as path from "path";
import { reportedValues, rosterSheetPlan, unitSheetPlan } from "../../core/blank";
import { SHEET_ROSTER } from "../../core/template";
import { serialToYmd } from "../../core/dates";
import { formatInteger } from "../../core/vi";
import { createXlsxPort } from "../../workbook/xlsx";
import { CliError, requireString } from "../args";
import type { Parsed } from "../args";
import type { Command } from "../command";
import { ROSTER_FILE, checkOutput } from "../input";
import type { Io } from "../input";
import { PARAM_OPTIONS, paramsFromFlags, readRosterCsv } from "../params";

/** A file name for a unit's report: its code, made safe for every file system. */
function unitFileName(code: string): string {
  return `${code.replace(/[<>:"/\\|?*\u0000-\u001f]/g, "_").trim() || "don-vi"}.xlsx`;
}

async function cmdSamples(p: Parsed, io: Io): Promise<number> {
  const csv = requireString(p, "csv", "samples", "<danh mục .csv>");
  const outDir = requireString(p, "out", "samples", "<thư mục>");
  const units = await readRosterCsv(csv);
  const params = paramsFromFlags(p, units);
  const base = path.basename(csv, path.extname(csv));
  const bookPath = await checkOutput(path.join(outDir, `${base}.xlsx`), [csv], "sổ mẫu");
  const folder = path.join(outDir, base);

  // Samples are committed: the same CSV gives the same bytes (dates fixed to the deadline).
  const { y, m, d } = serialToYmd(params.deadline);
  const fixedDate = new Date(Date.UTC(y, m - 1, d));
  const book = createXlsxPort(undefined, { fixedDate });
  await book.addSheets([rosterSheetPlan(params, units), ...units.map((u) => unitSheetPlan(params, u, reportedValues(u)))]);
  await book.save(bookPath);

  const roster = createXlsxPort(undefined, { fixedDate });
  await roster.addSheets([rosterSheetPlan(params, units)]);
  await roster.save(await checkOutput(path.join(folder, ROSTER_FILE), [csv], "danh mục"));
  const seen = new Set<string>([ROSTER_FILE]);
  for (const u of units) {
    const name = unitFileName(u.code);
    if (seen.has(name.toLowerCase())) throw new CliError(`Hai đơn vị cùng tên tệp ${name}; kiểm tra cột MA_DV.`);
    seen.add(name.toLowerCase());
    const port = createXlsxPort(undefined, { fixedDate });
    await port.addSheets([unitSheetPlan(params, u, reportedValues(u))]);
    await port.save(await checkOutput(path.join(folder, name), [csv], "tệp mẫu"));
  }
  io.stdout(
    `Đã sinh dữ liệu mẫu từ ${csv}:\n- ${bookPath} (${SHEET_ROSTER} và ${formatInteger(units.length)} sheet báo cáo)\n` +
      `- ${path.resolve(folder)}${path.sep} (${ROSTER_FILE} và ${formatInteger(units.length)} tệp báo cáo)\n`,
  );
  return 0;
}

export const samples: Command = {
  name: "samples",
  usage: ["pdv samples --csv <danh-muc.csv> --out <thư mục> [tham số như template]"],
  summary: "Sinh hai dạng dữ liệu mẫu (một sổ, một thư mục) từ tệp CSV.",
  description: `Sinh hai dạng dữ liệu mẫu từ tệp CSV: <tên>.xlsx (một sổ báo cáo chuẩn) và thư mục <tên>/
(danh-muc.xlsx và một tệp .xlsx cho mỗi đơn vị), báo cáo của đơn vị đã điền số liệu.
Cùng một tệp CSV cho cùng các tệp (ngày trong tệp cố định theo hạn nộp).`,
  positionals: [],
  options: {
    csv: { type: "string", value: "<danh-muc.csv>", description: "danh mục đơn vị có số liệu mẫu (CSV, UTF-8)" },
    out: { type: "string", value: "<thư mục>", description: "thư mục ghi sổ mẫu và thư mục mẫu" },
    ...PARAM_OPTIONS,
  },
  run: cmdSamples,
};
