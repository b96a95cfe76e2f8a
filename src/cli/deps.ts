/**
 * What the commands kept in their own files (feedback, report) take from main.ts, handed over
 * when main.ts dispatches (no import cycle between main.ts and them).
 */
import type { Finding } from "../core/types";
import type { Io, LoadedInput } from "./main";

export interface CliDeps {
  /** Read a workbook or a folder input (main.ts `loadInput`). */
  loadInput(input: string, io: Io): Promise<LoadedInput>;
  /** Refuse an .xlsx output that is one of the inputs (main.ts `checkOutput`); resolves to its full path. */
  checkOutput(out: string, inputs: string[], what?: string): Promise<string>;
  /** One finding as `pdv validate` prints it, and as its JSON (main.ts). */
  findingLine(f: Finding): string;
  findingJson(f: Finding): Record<string, unknown>;
  /** "hh:mm dd/mm/yyyy" now (main.ts `nowText`). */
  now(): string;
}
