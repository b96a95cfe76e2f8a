/** The compiled `pdv` (build/cli, what bin/pdv.js runs), for tests that start it as a child process. */
import { execFileSync } from "child_process";
import { existsSync, readdirSync, statSync } from "fs";
import * as path from "path";

export const ROOT = path.join(__dirname, "..", "..");
export const BIN = path.join(ROOT, "bin", "pdv.js");
export const MAIN = path.join(ROOT, "build", "cli", "main.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Compile the CLI when build/cli/main.js is missing or older than src/core, src/workbook, src/cli. */
export function buildIfStale(): void {
  const newest = Math.max(...["core", "workbook", "cli"].map((d) => newestSource(path.join(ROOT, "src", d))));
  if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= newest) return;
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.cli.json"], {
    cwd: ROOT,
    stdio: "pipe",
  });
}
