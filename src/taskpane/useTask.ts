/**
 * Running one piece of long work at a time from the task pane: which task is running (buttons are
 * disabled meanwhile), its progress, and its error, shown to the user rather than swallowed.
 */
import { useCallback, useRef, useState } from "react";
import type { FlowProgress as Progress } from "../flows/outcome";

export interface TaskRunner {
  /** Name of the running task, or null when idle. */
  running: string | null;
  progress: Progress | null;
  /** The last failure, in Vietnamese (a PortError's own message, or a fallback naming the task). */
  error: string | null;
  clearError(): void;
  /** Run `work` unless another task runs; resolves to its result, or undefined when it failed or was refused. */
  run<T>(name: string, work: (onProgress: (p: Progress) => void) => Promise<T>): Promise<T | undefined>;
}

/** The message shown for a failure: errors carrying a Vietnamese message show it as-is. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return `Đã xảy ra lỗi không xác định: ${String(err)}`;
}

export function useTaskRunner(): TaskRunner {
  const [running, setRunning] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);

  const run = useCallback(async <T,>(name: string, work: (onProgress: (p: Progress) => void) => Promise<T>) => {
    if (busy.current) return undefined;
    busy.current = true;
    setRunning(name);
    setProgress(null);
    setError(null);
    try {
      return await work(setProgress);
    } catch (err) {
      console.error(err);
      setError(errorMessage(err));
      return undefined;
    } finally {
      busy.current = false;
      setRunning(null);
      setProgress(null);
    }
  }, []);

  const clearError = useCallback(() => setError(null), []);
  return { running, progress, error, clearError, run };
}
