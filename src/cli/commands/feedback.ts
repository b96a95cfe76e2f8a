/**
 * `pdv feedback <input> --out <folder> [--json]`: one .xlsx per unit with findings (PhanHoi + a
 * marked copy of its report), none for units without; prints the index of who gets what. The
 * files are built by the core (core/feedback.ts) and written through the .xlsx adapter.
 */
import { promises as fs } from "fs";
import * as path from "path";
import type { SheetGrid } from "../../core/types";
import { analyzeWorkbook } from "../../core/analyze";
import { findRosterSheet } from "../../core/roster";
import { boardOf } from "../../core/board";
import { buildFeedback } from "../../core/feedback";
import type { FeedbackSet } from "../../core/feedback";
import { GENERATED_SHEETS, SHEET_ROSTER } from "../../core/template";
import { formatInteger } from "../../core/vi";
import { describePlace } from "../../core/rules/catalog";
import { createXlsxPort, readFileBytes, readXlsx } from "../../workbook/xlsx";
import { CliError, requireString } from "../args";
import type { Parsed } from "../args";
import { JSON_OPTION } from "../command";
import type { Command } from "../command";
import { checkOutput, loadInput } from "../input";
import type { Io, LoadedInput } from "../input";
import { clip, table } from "../text";
import { stampText } from "../../core/state";
import { countFindings } from "../../core/findings";

/** The report sheets with their formulas (the copies keep KN_TYLE's formula), read again from the input. */
async function gridsWithFormulas(loaded: LoadedInput, input: string, files: Set<string>): Promise<SheetGrid[]> {
  if (loaded.kind === "workbook") {
    return (await loaded.port.readWorkbook({ formulas: true, fonts: false, skip: GENERATED_SHEETS })).sheets;
  }
  const grids: SheetGrid[] = loaded.input.sheets.filter((g) => !g.source?.file || !files.has(g.source.file));
  for (const name of files) {
    const again = await readXlsx(await readFileBytes(path.join(input, name)), name, { formulas: true, skip: GENERATED_SHEETS });
    grids.push(...again.filter((g) => g.name.toLowerCase() !== SHEET_ROSTER.toLowerCase()));
  }
  return grids;
}

async function prepareFolder(out: string, input: string): Promise<string> {
  const target = path.resolve(out);
  if (target === path.resolve(input)) {
    throw new CliError(`Không ghi phản hồi vào thư mục đầu vào ${out}: các tệp phản hồi sẽ bị đọc lẫn thành báo cáo. Hãy chọn thư mục khác.`);
  }
  try {
    const st = await fs.stat(target);
    if (!st.isDirectory()) throw new CliError(`${out} là một tệp, không phải thư mục; hãy chọn thư mục để ghi các tệp phản hồi.`);
  } catch (err) {
    if (err instanceof CliError) throw err;
    try {
      await fs.mkdir(target, { recursive: true });
    } catch {
      throw new CliError(`Không tạo được thư mục ${out}.`);
    }
  }
  return target;
}

function indexText(set: FeedbackSet, folder: string): string {
  const parts: string[] = [];
  parts.push(`Phản hồi gửi đơn vị: ${formatInteger(set.units.length)} tệp trong ${folder}`);
  if (set.units.length) {
    parts.push(
      "",
      table(
        ["Mã", "Đơn vị", "Phải sửa", "Xem lại", "Tệp"],
        set.units.map((u) => [u.code, clip(u.name, 34), formatInteger(u.errors), formatInteger(u.warnings), u.fileName]),
        ["left", "left", "right", "right", "left"],
      ),
    );
  }
  parts.push("", `Không có vấn đề, không có tệp: ${formatInteger(set.clean.length)} đơn vị.`);
  if (set.unsent.length) {
    parts.push("", "Vấn đề của bên tổng hợp (không gửi đơn vị nào):");
    for (const f of set.unsent) {
      const where = describePlace(f);
      parts.push(`- ${f.rule}${where ? ` (${where})` : ""}: ${clip(f.message.replace(/\s+/g, " "), 200)}`);
    }
  }
  return parts.join("\n");
}

/**
 * Run `pdv feedback`; resolves to the exit status, the rule of `pdv validate` (README): 0 when every
 * expected unit is received and free of errors, 1 when there are errors or a unit is missing (the
 * files are still written), 2 (CliError/PortError) for unreadable input or wrong arguments.
 */
async function cmdFeedback(p: Parsed, io: Io): Promise<number> {
  const input = p.positionals[0];
  if (!input) throw new CliError("Lệnh feedback cần đường dẫn tới sổ báo cáo .xlsx hoặc thư mục. Xem: pdv feedback --help");
  const outArg = requireString(p, "out", "feedback", "<thư mục ghi tệp phản hồi>");
  const loaded = await loadInput(input, io);
  const analysis = analyzeWorkbook(loaded.input);
  if (!analysis.roster) {
    io.stderr(`pdv: Không lập được phản hồi: sheet ${SHEET_ROSTER} thiếu hoặc sai, chưa biết danh sách đơn vị. Chạy "pdv validate ${input}" để xem lỗi.\n`);
    return 1;
  }
  const folder = await prepareFolder(outArg, input);
  // Unit files a finding points into (their copies are made); the roster file is not one of them.
  const reportFiles = new Set(analysis.reports.map((r) => r.file).filter((f): f is string => f !== undefined));
  const files = new Set(analysis.findings.map((f) => f.file).filter((f): f is string => f !== undefined && reportFiles.has(f)));
  const grids = await gridsWithFormulas(loaded, input, files);
  const board = boardOf(analysis.roster.params, findRosterSheet(loaded.input.sheets));
  const set = buildFeedback(analysis, grids, board, { time: stampText(new Date()) });
  // A unit's corrected report sent back in its feedback file and put in this folder is an input:
  // say so before writing anything (checkOutput below would refuse it file by file).
  const inputs = new Set(loaded.files.map((f) => path.resolve(f)));
  const sentBack = set.units.map((u) => path.join(folder, u.fileName)).filter((f) => inputs.has(path.resolve(f)));
  if (sentBack.length) {
    throw new CliError(
      `Không ghi đè ${sentBack.map((f) => path.relative(path.resolve(input), f) || f).join(", ")}: đây là báo cáo đơn vị đã sửa và gửi lại, đang được đọc như báo cáo của đơn vị. ` +
        `Hãy ghi phản hồi vào thư mục khác (--out), hoặc chuyển tệp đó ra chỗ khác trong thư mục đầu vào.`,
    );
  }
  const written: string[] = [];
  for (const u of set.units) {
    const target = await checkOutput(path.join(folder, u.fileName), loaded.files, "tệp phản hồi");
    const port = createXlsxPort();
    await port.addSheets(u.sheets);
    await port.save(target);
    written.push(target);
  }
  // Files of an earlier run for units that are now clean must not be sent by mistake: name them.
  const mine = new Set(written.map((w) => path.basename(w)));
  const stale = (await fs.readdir(folder)).filter((n) => n.toLowerCase().endsWith(".xlsx") && !mine.has(n)).sort();
  if (p.values.json) {
    const json = {
      output: folder,
      stale,
      files: set.units.map((u, i) => ({
        unit: u.code,
        name: u.name,
        file: written[i],
        errors: u.errors,
        warnings: u.warnings,
        findings: u.items.map((it) => ({
          rule: it.finding.rule,
          severity: it.finding.severity,
          sheet: it.finding.sheet,
          cell: it.finding.cell,
          where: it.where,
          what: it.what,
          fix: it.fix,
        })),
      })),
      clean: set.clean,
      unsent: set.unsent.map((f) => ({ rule: f.rule, severity: f.severity, sheet: f.sheet, cell: f.cell, message: f.message })),
    };
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    const note = stale.length
      ? `\n\nLưu ý: thư mục còn ${formatInteger(stale.length)} tệp .xlsx không thuộc lần này (lần trước?), đừng gửi nhầm: ${stale.join(", ")}`
      : "";
    io.stdout(`${indexText(set, folder)}${note}\n`);
  }
  const ok = countFindings(analysis.findings).errors === 0 && analysis.missing.length === 0;
  return ok ? 0 : 1;
}

export const feedback: Command = {
  name: "feedback",
  usage: ["pdv feedback <đầu vào> --out <thư mục> [--json]"],
  summary: "Phản hồi gửi lại đơn vị: một tệp .xlsx cho mỗi đơn vị có lỗi, cảnh báo (PhanHoi và bản sao báo cáo có đánh dấu ô).",
  description: `Lập phản hồi gửi lại đơn vị: mỗi đơn vị có lỗi hoặc cảnh báo nhận một tệp .xlsx tên
"<mã> - <tên đơn vị>.xlsx" gồm sheet PhanHoi (sai gì, ở đâu, cách sửa, viết cho bí thư chi bộ)
và bản sao báo cáo của đơn vị, mỗi ô có vấn đề được tô màu và có ghi chú. Đơn vị không có lỗi,
cảnh báo thì không có tệp. In ra danh sách ai nhận tệp nào (--json: một đối tượng JSON).
<thư mục> không được là chính thư mục đầu vào (thư mục con thì được: tệp PDV ghi ra được bỏ qua khi đọc).
Đơn vị có thể sửa ngay trong bản sao báo cáo ở tệp phản hồi rồi gửi lại: tệp đã sửa được đọc như
báo cáo của đơn vị (bỏ tệp cũ của đơn vị ra khỏi thư mục); tệp chưa sửa vẫn được bỏ qua.
Mã thoát: 0 khi mọi đơn vị đã nộp và không có lỗi; 1 khi có lỗi hoặc thiếu đơn vị (tệp vẫn được ghi).`,
  positionals: [{ name: "<đầu vào>", description: "sổ báo cáo .xlsx, hoặc thư mục có danh-muc.xlsx" }],
  options: {
    out: { type: "string", short: "o", value: "<thư mục>", description: "thư mục ghi các tệp phản hồi (khác thư mục đầu vào)" },
    json: JSON_OPTION,
  },
  run: cmdFeedback,
};
