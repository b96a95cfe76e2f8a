/**
 * Edit real .xlsx files with openpyxl (Debian python3-openpyxl, /usr/bin/python3), so a test's
 * input is a file another program wrote, not PDV's own writer.
 */
import { execFileSync } from "child_process";

export const PYTHON = "/usr/bin/python3";

/** Set cells of a sheet of an .xlsx in place: edits = [[sheet, cell, value], …] (value null clears). */
export function setCells(file: string, edits: [string, string, string | number | null][]): void {
  const script = [
    "import json, sys, openpyxl",
    "path, edits = sys.argv[1], json.loads(sys.argv[2])",
    "wb = openpyxl.load_workbook(path)",
    "for sheet, cell, value in edits: wb[sheet][cell].value = value",
    "wb.save(path)",
  ].join("\n");
  execFileSync(PYTHON, ["-c", script, file, JSON.stringify(edits)], { stdio: "pipe" });
}
