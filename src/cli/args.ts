/**
 * Small argument parsing for `pdv` over node:util parseArgs, with every error turned into a
 * one-line Vietnamese message (CliError, exit status 2).
 */
import { parseArgs } from "util";
import { UserError } from "../core/user-error";

/** An error the user made (arguments, inputs, outputs): one Vietnamese line, exit status 2. */
export class CliError extends UserError {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
}

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parse a subcommand's arguments; unknown options, missing values and stray words are CliErrors. */
export function parseCommand(
  command: string,
  argv: string[],
  options: Record<string, OptionSpec>,
  maxPositionals: number,
): Parsed {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const text = String((err as Error).message ?? "");
    const opt = /'(-{1,2}[^'\s,]+)/.exec(text)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      throw new CliError(`Tùy chọn không hợp lệ cho lệnh ${command}: ${opt || text}. Xem: pdv ${command} --help`);
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      throw new CliError(`Tùy chọn ${opt} của lệnh ${command} cần một giá trị (hoặc không nhận giá trị). Xem: pdv ${command} --help`);
    }
    throw new CliError(`Tham số không hợp lệ cho lệnh ${command}. Xem: pdv ${command} --help`);
  }
  const positionals = parsed.positionals as string[];
  if (positionals.length > maxPositionals) {
    throw new CliError(`Lệnh ${command} không nhận tham số "${positionals[maxPositionals]}". Xem: pdv ${command} --help`);
  }
  for (const [name, spec] of Object.entries(options)) {
    const v = parsed.values[name];
    if (spec.type === "string" && typeof v === "string" && v.trim() === "") {
      throw new CliError(`Tùy chọn --${name} của lệnh ${command} để trống.`);
    }
  }
  return { values: parsed.values as Parsed["values"], positionals };
}

export function requireString(p: Parsed, name: string, command: string, what: string): string {
  const v = p.values[name];
  if (typeof v !== "string") throw new CliError(`Lệnh ${command} cần --${name} ${what}. Xem: pdv ${command} --help`);
  return v;
}
