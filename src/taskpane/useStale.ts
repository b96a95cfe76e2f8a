/**
 * Whether the figures the pane shows may be out of date: the user edited the workbook since they
 * were read. When the user comes back to the pane (the pane's window regains focus, or the focus
 * moves into the pane from elsewhere on the page, as in the browser preview), the workbook is
 * read again quietly (no progress bar, nothing written) and the fingerprint of its inputs
 * (DanhMuc and the report sheets, the same one rule G01 uses) is compared with the one shown.
 */
import { useEffect, useRef, useState } from "react";
import type { Analysis } from "../core/model";

/** A quiet re-read happens at most this often (milliseconds). */
export const STALE_CHECK_INTERVAL_MS = 2000;

/**
 * @param shown the analysis the pane displays (null: nothing to go stale)
 * @param busy a task is running (its own writes are not the user's edits)
 * @param read reads and analyses the workbook, writing nothing (checkWorkbook)
 * @param root the pane's element: focus moving into it from outside counts as coming back
 * @returns true once the workbook's inputs differ from those `shown` was computed from
 */
export function useStale(shown: Analysis | null, busy: boolean, read: () => Promise<Analysis>, root: HTMLElement | null): boolean {
  const [stale, setStale] = useState(false);
  const state = useRef({ shown, busy, read, last: 0, reading: false });
  state.current.shown = shown;
  state.current.busy = busy;
  state.current.read = read;

  useEffect(() => setStale(false), [shown]);

  useEffect(() => {
    if (!root) return;
    const probe = async () => {
      const s = state.current;
      const now = Date.now();
      if (!s.shown || s.busy || s.reading || now - s.last < STALE_CHECK_INTERVAL_MS) return;
      s.reading = true;
      s.last = now;
      const before = s.shown;
      try {
        const a = await s.read();
        // Only if nothing newer was shown meanwhile and no task of the pane wrote in between.
        if (state.current.shown === before && !state.current.busy && a.fingerprint !== before.fingerprint) setStale(true);
      } catch {
        // A quiet check that fails says nothing; the next action reports the problem.
      } finally {
        s.reading = false;
      }
    };
    let outside = false;
    const onFocusIn = (e: FocusEvent) => {
      const inside = e.target instanceof Node && root.contains(e.target);
      if (inside && outside) void probe();
      outside = !inside;
    };
    const onPointerDown = (e: PointerEvent) => {
      const inside = e.target instanceof Node && root.contains(e.target);
      if (inside && outside) void probe();
      outside = !inside;
    };
    const onWindowFocus = () => void probe();
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("pointerdown", onPointerDown);
    window.addEventListener("focus", onWindowFocus);
    return () => {
      document.removeEventListener("focusin", onFocusIn);
      document.removeEventListener("pointerdown", onPointerDown);
      window.removeEventListener("focus", onWindowFocus);
    };
  }, [root]);

  return stale;
}
