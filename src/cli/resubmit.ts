/**
 * `pdv validate <new> --truoc <old> [--json]`: after units resubmit, which findings are fixed,
 * which remain, which are new, and which figures changed (core/resubmission.ts). Exit status as
 * `pdv validate <new>`: 0 when every unit is received and free of errors, else 1.
 */
import * as path from "path";
import { compareValidations } from "../core/resubmission";
import type { FigureChange } from "../core/resubmission";
import { formatInteger } from "../core/vi";
import { CliError } from "./args";
import type { Parsed } from "./args";
import { clip, table } from "./text";
import { countFindings } from "../core/findings";
import { findingJson, findingLine } from "./findings";
import { loadAnalysis } from "./input";
import type { Io } from "./input";

function figuresTable(figures: FigureChange[]): string {
  return table(
    ["Mã", "Đơn vị", "Ô", "Chỉ tiêu báo cáo", "Lần trước", "Lần này"],
    figures.map((f) => [f.unit, clip(f.name, 28), f.cell, clip(f.label, 40), f.beforeText, f.afterText]),
    ["left", "left", "left", "left", "right", "right"],
  );
}

/** Run the comparison; resolves to the exit status of validating the new input. */
export async function cmdResubmit(p: Parsed, io: Io): Promise<number> {
  const input = p.positionals[0];
  const old = p.values.truoc;
  if (!input) throw new CliError("Lệnh validate cần đường dẫn tới sổ báo cáo .xlsx hoặc thư mục. Xem: pdv validate --help");
  if (typeof old !== "string") throw new CliError("--truoc cần đường dẫn tới sổ báo cáo hoặc thư mục của lần kiểm tra trước.");
  if (path.resolve(old) === path.resolve(input)) throw new CliError("--truoc phải là đầu vào của lần trước, khác đầu vào lần này.");
  const before = (await loadAnalysis(old, io)).analysis;
  const { analysis: after, ...loaded } = await loadAnalysis(input, io);
  const diff = compareValidations(before, after);
  const { errors } = countFindings(after.findings);
  const ok = errors === 0 && after.missing.length === 0 && after.roster !== null;
  if (p.values.json) {
    const out = {
      ok,
      fixed: diff.fixed.map(findingJson),
      remaining: diff.remaining.map(findingJson),
      new: diff.added.map(findingJson),
      figures: diff.figures,
      totals: diff.totals,
      units: { nowReceived: diff.nowReceived, noLongerReceived: diff.noLongerReceived, missing: after.missing },
    };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    return ok ? 0 : 1;
  }
  const parts: string[] = [];
  parts.push(`So sánh ${input} với lần kiểm tra trước (${old}):`);
  parts.push(
    `Đã sửa: ${formatInteger(diff.fixed.length)}; còn lại: ${formatInteger(diff.remaining.length)}; mới phát sinh: ${formatInteger(diff.added.length)}; ` +
      `số liệu thay đổi: ${formatInteger(diff.figures.length)}.`,
  );
  if (diff.nowReceived.length) parts.push(`Đơn vị mới nộp: ${diff.nowReceived.join(", ")}.`);
  if (diff.noLongerReceived.length) parts.push(`Lần trước có, lần này không thấy báo cáo: ${diff.noLongerReceived.join(", ")}.`);
  const section = (title: string, list: typeof diff.fixed) => {
    if (list.length) parts.push("", `${title}:`, ...list.map(findingLine));
  };
  section("Đã sửa", diff.fixed);
  section("Còn lại", diff.remaining);
  section("Mới phát sinh", diff.added);
  if (diff.figures.length) parts.push("", "Số liệu thay đổi:", figuresTable(diff.figures));
  if (diff.totals.length) {
    parts.push(
      "",
      "Tổng số của các đơn vị được tổng hợp thay đổi:",
      ...diff.totals.map((t) => `- ${t.label}: ${formatInteger(t.before)} → ${formatInteger(t.after)}`),
    );
  }
  parts.push("", ok ? "Kết quả lần này: đạt, không có lỗi." : "Kết quả lần này: CHƯA ĐẠT (xem các lỗi còn lại và mới).");
  io.stdout(`${parts.join("\n")}\n`);
  return ok ? 0 : 1;
}
