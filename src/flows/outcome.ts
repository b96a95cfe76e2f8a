/**
 * What every flow reports to its shell (the ribbon, the task pane, the CLI): a level, one or two
 * Vietnamese sentences, progress while it runs, and the Vietnamese sentence for a failure.
 */
import { UserError } from "../core/user-error";

export type FlowLevel = "success" | "warning" | "error";

export interface FlowProgress {
  /** 0…1 */
  value: number;
  /** What is being done now (Vietnamese). */
  label: string;
  /** The task can still be cancelled without leaving anything changed (true only while it has written nothing). */
  cancellable?: boolean;
}

/** A refusal of a flow (no roster, a template over an existing workbook…), with a Vietnamese message for the user. */
export class TaskError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "TaskError";
  }
}

/**
 * The user cancelled a task before it changed the workbook. Its message (Vietnamese) says that
 * nothing was changed; the pane shows it as information, not as a failure.
 */
export class TaskCancelled extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TaskCancelled";
  }
}

export type OnProgress = (p: FlowProgress) => void;

/** How many unit codes a message lists before "…". */
const LISTED_UNITS = 5;

/** Fill of a sheet's outcome line: red for errors, yellow for warnings, none for success. */
export function outcomeFill(level: FlowLevel): string | undefined {
  return level === "error" ? "#F8CBAD" : level === "warning" ? "#FFF2CC" : undefined;
}

/** The first unit codes, then "…" when there are more. */
export function unitList(codes: string[]): string {
  const shown = codes.slice(0, LISTED_UNITS).join(", ");
  return codes.length > LISTED_UNITS ? `${shown}, …` : shown;
}

/**
 * A Vietnamese sentence for a failure. Errors meant for the user (UserError: port, consolidation,
 * CSV) already speak Vietnamese; anything else (an Office.js error, a bug) is named as unexpected
 * with its text and code.
 */
export function describeError(err: unknown, action: string): string {
  if (err instanceof UserError) return err.message;
  const detail = err instanceof Error ? err.message : String(err);
  const code = typeof err === "object" && err !== null && typeof (err as { code?: unknown }).code === "string" ? (err as { code: string }).code : "";
  return `Không ${action} được do lỗi ngoài dự kiến${code ? ` (${code})` : ""}: ${detail}`;
}
