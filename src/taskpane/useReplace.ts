/**
 * The pane's side of "Thay báo cáo": which replacement waits for the user's confirmation, and the
 * three steps (ask: preview through the core; confirm: replace, or show the figures again when the
 * sheet changed meanwhile; cancel). The focus goes to the confirmation, then to the result (or
 * back to the button on cancel).
 */
import { useState } from "react";
import type { WorkbookPort } from "../workbook/port";
import type { ImportOutcome } from "../flows/import-plan";
import { outcomeMessage } from "../flows/import-plan";
import { previewReplacement, replaceReport, type ReplacementRequest } from "../flows/replace";
import type { ReplaceConfirmation } from "./views/ImportView";
import type { FlowProgress as Progress } from "../flows/outcome";
import type { PaneNoticeText } from "./PaneMessages";

export interface ReplaceDeps {
  port: WorkbookPort;
  pause(): Promise<void>;
  outcomes: ImportOutcome[] | null;
  setOutcomes(update: (list: ImportOutcome[] | null) => ImportOutcome[] | null): void;
  runHere<T>(name: string, work: (progress: (p: Progress) => void) => Promise<T>): Promise<T | undefined>;
  /** Re-read the workbook (the unit's status may have changed). */
  check(): Promise<unknown>;
  notify(notice: PaneNoticeText | null): void;
  focus(id: string): void;
}

export function useReplace(d: ReplaceDeps) {
  const [pending, setPending] = useState<(ReplaceConfirmation & { request: ReplacementRequest }) | null>(null);

  const ask = async (index: number) => {
    const o = d.outcomes?.[index];
    if (!o || o.kind !== "exists" || !o.incoming) return;
    const request: ReplacementRequest = { unit: o.unit, file: o.file, sheet: o.sheet, incoming: o.incoming };
    d.notify(null);
    const preview = await d.runHere("replace", () => previewReplacement(d.port, request));
    if (preview) {
      setPending({ index, preview, request });
      d.focus("pdv-confirm-replace");
    }
  };

  const confirm = async () => {
    const p = pending;
    if (!p) return;
    const r = await d.runHere("replace", async (progress) => {
      progress({ value: 0.3, label: `Đang thay báo cáo của đơn vị ${p.request.unit}…` });
      await d.pause();
      return replaceReport(d.port, p.request, p.preview);
    });
    if (!r) {
      setPending(null);
      return;
    }
    if (!r.done) {
      setPending({ ...p, preview: r.preview, refreshed: true });
      d.focus("pdv-confirm-replace");
      return;
    }
    const done: ImportOutcome = { kind: "replaced", file: p.request.file, unit: p.request.unit, sheet: r.preview.sheet, backup: r.preview.backup };
    d.setOutcomes((list) => list && list.map((o, i) => (i === p.index ? done : o)));
    setPending(null);
    await d.check();
    d.notify({ level: "success", message: outcomeMessage(done) });
    d.focus("pdv-notice");
  };

  const cancel = () => {
    const at = pending?.index;
    setPending(null);
    if (at !== undefined) d.focus(`pdv-replace-${at}`);
  };

  return { pending, ask, confirm, cancel, clear: () => setPending(null) };
}
