/**
 * `pdv consolidate <input> --out <file.xlsx> [--json]`: the committee's summary (TongHop) written
 * into a copy of the input's workbook (or of the folder's roster file), and printed as a table with
 * the narrative. Exit status 0 when every unit is received, free of errors and included, else 1
 * (the file is still written unless the core refuses to consolidate).
 */
import type { Summary, SummaryRow } from "../../core/model";
import { UNIT_STATE_LABELS } from "../../core/model";
import { consolidate as consolidateCore, ConsolidationError } from "../../core/consolidate";
import { summaryPlan } from "../../core/layout";
import { formatDate, ymdToSerial } from "../../core/dates";
import { SHEET_REPORT_UP, SHEET_ROSTER, SHEET_SUMMARY } from "../../core/template";
import { exportUpPlan } from "../../core/export-up";
import { coverageText } from "../../core/rollup";
import { formatInteger } from "../../core/vi";
import { rowFigures, rowLabel } from "../../core/summary-text";
import { CliError, requireString } from "../args";
import type { Parsed } from "../args";
import { JSON_OPTION, printRefusal } from "../command";
import type { Command } from "../command";
import { countFindings } from "../../core/findings";
import { stampText } from "../../core/state";
import { unplacedLines } from "../findings";
import { checkOutput, loadAnalysis } from "../input";
import type { Io } from "../input";
import { dateOption } from "../params";
import { clip, table } from "../text";

/** Today (local time) as an Excel serial. */
function todaySerial(d = new Date()): number {
  return ymdToSerial(d.getFullYear(), d.getMonth() + 1, d.getDate())!;
}

function summaryTable(summary: Summary): string {
  const rows = summary.rows.map((r: SummaryRow) => [
    r.stt !== undefined ? String(r.stt) : "",
    r.code ?? "",
    clip(rowLabel(r, summary), 46),
    ...rowFigures(r),
    r.state ? UNIT_STATE_LABELS[r.state] : "",
  ]);
  return table(
    ["STT", "Mã", "Tên", "Đảng viên", "Bồi dưỡng", "Hồ sơ", "Chỉ tiêu", "Đã kết nạp", "Tỷ lệ", "Trạng thái"],
    rows,
    ["right", "left", "left", "right", "right", "right", "right", "right", "right", "left"],
  );
}

async function cmdConsolidate(p: Parsed, io: Io): Promise<number> {
  const input = p.positionals[0];
  if (!input) throw new CliError("Lệnh consolidate cần đường dẫn tới sổ báo cáo .xlsx hoặc thư mục. Xem: pdv consolidate --help");
  const outArg = requireString(p, "out", "consolidate", "<tệp kết quả .xlsx>");
  const { analysis, ...loaded } = await loadAnalysis(input, io);
  const out = await checkOutput(outArg, loaded.files);
  const { errors } = countFindings(analysis.findings);
  let summary: Summary;
  try {
    summary = consolidateCore(analysis);
  } catch (err) {
    if (err instanceof ConsolidationError) {
      printRefusal(io, err.message, p.values.json === true);
      return 1;
    }
    throw err;
  }
  const port = loaded.port;
  await port.writeSheet(summaryPlan(summary, { links: loaded.kind === "workbook", time: stampText(new Date()) }));
  // The committee's report to the level above (issue 14), dated the day of consolidation.
  const day = dateOption(p, "ngay") ?? todaySerial();
  await port.writeSheet(exportUpPlan(summary, day));
  await port.save(out);
  const noCode = summary.params.code
    ? null
    : `Lưu ý: sheet ${SHEET_ROSTER} chưa có MA_DB (mã đảng bộ trong danh mục của cấp trên) nên sheet ${SHEET_REPORT_UP} để trống mã đơn vị; cấp trên chưa ghép được báo cáo này.`;

  const included = summary.included.length;
  // An unreadable file counts through its S09 finding: an error, or a warning when it is a stray
  // copy beside a readable report (not used), which does not spoil the exit status.
  const ok = errors === 0 && analysis.missing.length === 0 && summary.excluded.length === 0;
  if (p.values.json) {
    const json: Record<string, unknown> = {
      units: { expected: summary.expected, included, excluded: summary.excluded },
      totals: summary.totals,
      ratio: summary.ratio,
      headline: { target: summary.headlineTarget, basis: summary.headlineBasis },
      allocatedRatio: summary.allocatedRatio,
      committee: { name: summary.params.name, board: summary.params.board ?? null, code: summary.params.code ?? null },
      narrative: summary.narrative,
      output: out,
      export: { sheet: SHEET_REPORT_UP, code: summary.params.code ?? null, date: formatDate(day) },
    };
    if (summary.leaves) json.leaves = summary.leaves;
    if (summary.partial.length) json.partial = summary.partial;
    if (loaded.unreadable.length) json.unreadable = loaded.unreadable;
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    const parts: string[] = [];
    parts.push("BÁO CÁO KẾT QUẢ PHÁT TRIỂN ĐẢNG VIÊN");
    parts.push(`${summary.params.name} — số liệu tính đến ngày ${formatDate(summary.params.to)}`);
    parts.push(
      summary.leaves
        ? `Được tổng hợp: ${coverageText(included, summary.expected, summary)}`
        : `Đơn vị được tổng hợp: ${formatInteger(included)}/${formatInteger(summary.expected)}`,
    );
    parts.push("", summaryTable(summary), "", summary.narrative);
    const unplaced = unplacedLines(analysis);
    if (summary.excluded.length || unplaced.length) {
      parts.push("", "Không được tổng hợp:");
      parts.push(...summary.excluded.map((e) => `- ${e.unit}: ${clip(e.reason.replace(/\s+/g, " "), 200)}`));
      parts.push(...unplaced);
    }
    parts.push("", `Đã ghi: ${out} (sheet ${SHEET_SUMMARY} và sheet ${SHEET_REPORT_UP} để gửi cấp trên)`);
    if (noCode) parts.push(noCode);
    io.stdout(`${parts.join("\n")}\n`);
  }
  return ok ? 0 : 1;
}

export const consolidate: Command = {
  name: "consolidate",
  usage: ["pdv consolidate <đầu vào> --out <tong-hop.xlsx> [--ngay <dd/mm/yyyy>] [--json]"],
  summary: "Tổng hợp toàn đảng bộ vào sheet TongHop của một bản sao sổ.",
  description: `Tổng hợp toàn đảng bộ. Với một sổ báo cáo: ghi ra bản sao của sổ có thêm (hoặc thay) sheet
TongHop. Với một thư mục: ghi ra sổ gồm DanhMuc và TongHop, mỗi số liệu có ghi chú tên tệp
và ô nguồn. Tệp đầu vào không bao giờ bị ghi đè.
Tệp kết quả có thêm sheet GuiCapTren: báo cáo PDV-01 của cả đảng bộ (mã MA_DB, chỉ tiêu
CHITIEU_DB, số đơn vị đã tổng hợp, danh sách đơn vị) để gửi cấp trên; cấp trên tổng hợp
thư mục gồm danh-muc.xlsx của mình và các tệp kết quả đó như tệp của đơn vị.
Mã thoát: 0 khi mọi đơn vị đã nộp, không có lỗi và được tổng hợp; 1 khi không (tệp vẫn được ghi).`,
  positionals: [{ name: "<đầu vào>", description: "sổ báo cáo .xlsx, hoặc thư mục có danh-muc.xlsx" }],
  options: {
    out: { type: "string", short: "o", value: "<tệp .xlsx>", description: "tệp kết quả (khác mọi tệp đầu vào)" },
    ngay: { type: "string", value: "<dd/mm/yyyy>", description: "ngày lập báo cáo gửi cấp trên (sheet GuiCapTren); mặc định hôm nay" },
    json: JSON_OPTION,
  },
  run: cmdConsolidate,
};
