/**
 * What a `pdv` command is: its name, its arguments and options each with a description, and its
 * run function. A command is one file under src/cli/commands/ exporting one `Command`; main.ts
 * parses the arguments from the declarations, and `pdv <command> --help` prints the help built
 * from them (commandHelp), `pdv --help` the list of every command (overviewHelp).
 */
import type { OptionSpec, Parsed } from "./args";
import type { Io } from "./input";

/** An option as declared by a command: how it is parsed and how its help line reads. */
export interface OptionDecl extends OptionSpec {
  /** The placeholder of its value in the help ("<dd/mm/yyyy>"); none for a boolean flag. */
  value?: string;
  /** One or more lines of Vietnamese help. */
  description: string;
}

export interface Command {
  name: string;
  /** The usage lines ("pdv validate <đầu vào> [--json]"), first the one `pdv --help` shows. */
  usage: string[];
  /** One Vietnamese sentence for `pdv --help`. */
  summary: string;
  /** Vietnamese paragraphs for `pdv <command> --help` (after the usage lines). */
  description: string;
  /** The positional arguments, in order (at most this many are accepted). */
  positionals: { name: string; description: string }[];
  options: Record<string, OptionDecl>;
  /** Run the command; resolves to the exit status (0, 1), throws CliError/PortError for status 2. */
  run(p: Parsed, io: Io): Promise<number>;
}

/** Every command accepts these. */
export const COMMON_OPTIONS: Record<string, OptionDecl> = {
  help: { type: "boolean", short: "h", description: "in hướng dẫn của lệnh này." },
};

/** The `--json` option, as the commands that have it declare it. */
export const JSON_OPTION: OptionDecl = {
  type: "boolean",
  description: "in ra một đối tượng JSON duy nhất trên stdout thay cho bảng.",
};

/**
 * A command refused to make its result (ConsolidationError: CHITIEU_DB blank, no roster, …): the
 * message on stderr, and with `--json` the single JSON object stdout promises,
 * `{ "ok": false, "refused": <message> }`. The caller returns exit status 1.
 */
export function printRefusal(io: Io, message: string, json: boolean): void {
  io.stderr(`pdv: ${message}\n`);
  if (json) io.stdout(`${JSON.stringify({ ok: false, refused: message }, null, 2)}\n`);
}

/** The options parseArgs is given for `cmd` (its own and the common ones). */
export function optionSpecs(cmd: Command): Record<string, OptionSpec> {
  const out: Record<string, OptionSpec> = {};
  for (const [name, o] of Object.entries({ ...cmd.options, ...COMMON_OPTIONS })) out[name] = o.short ? { type: o.type, short: o.short } : { type: o.type };
  return out;
}

const WIDTH = 28;

function indentLines(text: string, pad: string): string[] {
  return text
    .trimEnd()
    .split("\n")
    .map((l) => (l ? pad + l : l));
}

/** `pdv <command> --help`: usage, description, arguments and options, each with its description. */
export function commandHelp(cmd: Command): string {
  const lines: string[] = ["Cách dùng:", ...cmd.usage.map((u) => `  ${u}`), "", ...indentLines(cmd.description, "  ")];
  const entry = (head: string, text: string) => {
    const [first, ...rest] = text.split("\n");
    const left = `  ${head}`;
    lines.push(left.length < WIDTH ? `${left.padEnd(WIDTH)}${first}` : `${left}\n${" ".repeat(WIDTH)}${first}`);
    for (const r of rest) lines.push(`${" ".repeat(WIDTH)}${r}`);
  };
  if (cmd.positionals.length) {
    lines.push("", "Tham số:");
    for (const a of cmd.positionals) entry(a.name, a.description);
  }
  lines.push("", "Tùy chọn:");
  for (const [name, o] of Object.entries({ ...cmd.options, ...COMMON_OPTIONS })) {
    const flag = `--${name}${o.short ? `, -${o.short}` : ""}${o.value ? ` ${o.value}` : ""}`;
    entry(flag, o.description);
  }
  return `${lines.join("\n")}\n`;
}
