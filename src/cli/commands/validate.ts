/**
 * `pdv validate <input> [--json]`: every finding of the input (sheet, cell, unit, Vietnamese
 * message), the units' states, the counts; with `--truoc <old>` the comparison with an earlier
 * run (../resubmit.ts). Exit status 0 when every unit is received and free of errors, else 1.
 */
import type { Analysis } from "../../core/model";
import { UNIT_STATE_LABELS } from "../../core/model";
import { formatDate } from "../../core/dates";
import { formatInteger } from "../../core/vi";
import { CliError } from "../args";
import type { Parsed } from "../args";
import { JSON_OPTION } from "../command";
import type { Command } from "../command";
import { countFindings, sortFindings } from "../../core/findings";
import { findingJson, findingLine } from "../findings";
import { loadAnalysis } from "../input";
import type { Io } from "../input";
import { cmdResubmit } from "../resubmit";
import { clip, table } from "../text";

function unitsTable(analysis: Analysis): string {
  const rows = analysis.units.map((u) => [
    u.code,
    clip(u.name, 34),
    UNIT_STATE_LABELS[u.state],
    u.errors ? formatInteger(u.errors) : "",
    u.warnings ? formatInteger(u.warnings) : "",
  ]);
  return table(["Mã", "Tên đơn vị", "Trạng thái", "Lỗi", "Cảnh báo"], rows, ["left", "left", "left", "right", "right"]);
}

async function cmdValidate(p: Parsed, io: Io): Promise<number> {
  const input = p.positionals[0];
  if (!input) throw new CliError("Lệnh validate cần đường dẫn tới sổ báo cáo .xlsx hoặc thư mục. Xem: pdv validate --help");
  const { analysis, ...loaded } = await loadAnalysis(input, io);
  const { errors, warnings } = countFindings(analysis.findings);
  const totalErrors = errors;
  const ok = totalErrors === 0 && analysis.missing.length === 0 && analysis.roster !== null;
  if (p.values.json) {
    const out: Record<string, unknown> = {
      ok,
      errors: totalErrors,
      warnings,
      units: { expected: analysis.expected, received: analysis.received, missing: analysis.missing },
      findings: analysis.findings.map(findingJson),
    };
    if (loaded.unreadable.length) out.unreadable = loaded.unreadable;
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const parts: string[] = [];
    parts.push(`Kiểm tra ${loaded.kind === "folder" ? "thư mục" : "sổ báo cáo"}: ${input}`);
    if (analysis.roster) parts.push(`${analysis.roster.params.name}, số liệu đến ngày ${formatDate(analysis.roster.params.to)}`);
    parts.push(
      `Đơn vị đã nộp: ${formatInteger(analysis.received)}/${formatInteger(analysis.expected)}` +
        (analysis.missing.length ? `; chưa nộp: ${analysis.missing.join(", ")}` : ""),
    );
    parts.push(`Lỗi: ${formatInteger(totalErrors)}; cảnh báo: ${formatInteger(warnings)}`);
    if (analysis.units.length) parts.push("", unitsTable(analysis));
    if (analysis.findings.length) {
      parts.push("", "Chi tiết:");
      parts.push(...sortFindings(analysis.findings).map(findingLine));
    }
    parts.push("", ok ? "Kết quả: đạt, không có lỗi." : "Kết quả: CHƯA ĐẠT, xem các lỗi ở trên.");
    io.stdout(`${parts.join("\n")}\n`);
  }
  return ok ? 0 : 1;
}

export const validate: Command = {
  name: "validate",
  usage: ["pdv validate <đầu vào> [--json]", "pdv validate <đầu vào mới> --truoc <đầu vào cũ> [--json]"],
  summary: "Kiểm tra sổ báo cáo: liệt kê lỗi và cảnh báo, chỉ rõ sheet, ô và đơn vị.",
  description: `Kiểm tra sổ báo cáo: liệt kê lỗi và cảnh báo, chỉ rõ sheet, ô và đơn vị; trạng thái
từng đơn vị (đã nộp, chưa nộp, có lỗi, nộp muộn).
Với --truoc (khi đơn vị gửi lại): lỗi nào đã sửa, còn lại, mới phát sinh; số liệu nào đã thay đổi.
Mã thoát: 0 khi mọi đơn vị đã nộp và không có lỗi; 1 khi có lỗi hoặc có đơn vị chưa nộp.`,
  positionals: [{ name: "<đầu vào>", description: "sổ báo cáo .xlsx, hoặc thư mục có danh-muc.xlsx" }],
  options: {
    truoc: { type: "string", value: "<đầu vào cũ>", description: "đầu vào của lần kiểm tra trước, để so sánh" },
    json: JSON_OPTION,
  },
  run: (p, io) => (p.values.truoc === undefined ? cmdValidate(p, io) : cmdResubmit(p, io)),
};
