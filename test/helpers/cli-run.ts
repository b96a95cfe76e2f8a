/** Run the `pdv` command in-process, capturing stdout and stderr. */
import { run } from "../../src/cli/main";
import type { Io } from "../../src/cli/main";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runPdv(args: string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stderrIsTTY: false };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
