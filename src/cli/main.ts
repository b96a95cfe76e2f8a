/**
 * The `pdv` command: finds the command (src/cli/commands/), parses its declared arguments, prints
 * the help (`pdv --help`: every command; `pdv <command> --help`: that one), runs it, and turns
 * every error into one Vietnamese line on stderr: exit status 2 for a user error (CliError,
 * PortError), 2 with "lỗi không mong đợi" for a fault of pdv itself; validation problems give 1.
 */
import { UserError } from "../core/user-error";
import { CliError, parseCommand } from "./args";
import { commandHelp, optionSpecs } from "./command";
import { COMMANDS } from "./commands";
import type { Io } from "./input";
import { oneLine } from "./text";

export type { Io, LoadedInput } from "./input";
export { ROSTER_FILE, checkOutput, loadInput } from "./input";

const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stderrIsTTY: Boolean(process.stderr.isTTY),
};

/** `pdv --help`: each command's usage and summary, then what every command shares. */
export function overviewHelp(): string {
  const lines = ["pdv — kiểm tra và tổng hợp báo cáo phát triển đảng viên (mẫu PDV-01 v1)", "", "Cách dùng:"];
  for (const c of COMMANDS) {
    lines.push(...c.usage.map((u) => `  ${u}`), `      ${c.summary}`, "");
  }
  lines.push(
    "Mỗi lệnh có hướng dẫn riêng, kể cả các tham số (ví dụ --chi-tieu của template): pdv <lệnh> --help",
    "",
    "<đầu vào> là một tệp .xlsx (có sheet DanhMuc và các sheet báo cáo của đơn vị), hoặc một thư mục",
    "chứa danh-muc.xlsx (có sheet DanhMuc) và một tệp .xlsx cho mỗi đơn vị (khớp theo mã MA_DV).",
    "",
    "--json   in ra một đối tượng JSON duy nhất trên stdout thay cho bảng.",
    "--help   in hướng dẫn.",
    "",
    "Mã thoát: 0 khi mọi đơn vị đã nộp và không có lỗi; 1 khi có lỗi, có đơn vị chưa nộp hoặc bị loại",
    "khỏi tổng hợp (consolidate vẫn ghi tệp kết quả); 2 khi không đọc được đầu vào hoặc tham số sai.",
  );
  return `${lines.join("\n")}\n`;
}

/** Run `pdv` with its arguments (without "node" and the script); resolves to the exit status. */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined) {
      io.stderr(overviewHelp());
      return 2;
    }
    if (name === "--help" || name === "-h" || name === "help") {
      const cmd = rest[0] === undefined ? undefined : COMMANDS.find((c) => c.name === rest[0]);
      io.stdout(cmd ? commandHelp(cmd) : overviewHelp());
      return 0;
    }
    if (name === "--version" || name === "-v") {
      io.stdout("pdv 0.1.0 (mẫu PDV-01 v1)\n");
      return 0;
    }
    const cmd = COMMANDS.find((c) => c.name === name);
    if (!cmd) throw new CliError(`Lệnh không hợp lệ: ${name}. Các lệnh: ${COMMANDS.map((c) => c.name).join(", ")}. Xem: pdv --help`);
    const parsed = parseCommand(cmd.name, rest, optionSpecs(cmd), cmd.positionals.length);
    if (parsed.values.help) {
      io.stdout(commandHelp(cmd));
      return 0;
    }
    return await cmd.run(parsed, io);
  } catch (err) {
    if (err instanceof UserError) {
      io.stderr(`pdv: ${oneLine(err.message)}\n`);
      return err instanceof CliError ? err.exitCode : 2;
    }
    // A fault of pdv itself: still one line, no stack (PDV_DEBUG=1 shows it).
    if (process.env.PDV_DEBUG) io.stderr(`${(err as Error)?.stack ?? String(err)}\n`);
    io.stderr(`pdv: lỗi không mong đợi: ${oneLine(String((err as Error)?.message ?? err))}\n`);
    return 2;
  }
}
