/** Run the `pdv` command in process (src/cli/main.ts's run) and collect what it writes. */
import { run } from "../../src/cli/main";
import type { Io } from "../../src/cli/main";

export async function runPdv(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stderrIsTTY: false };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
