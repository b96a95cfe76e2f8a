/**
 * The notice board of the shared runtime: how a ribbon command tells the user what happened.
 *
 * A command runs without a UI of its own. Dialogs (displayDialogAsync) are heavy and open a second
 * page; instead the command posts a notice here and shows the task pane (Office.addin.showAsTaskpane,
 * SharedRuntime 1.1), which runs in the same JavaScript runtime, reads the latest notice when it
 * mounts and listens for new ones. The board lives on globalThis so that it is one board even if
 * two bundles each carried a copy of this module (webpack's single runtime chunk already shares it).
 */
export type NoticeLevel = "info" | "success" | "warning" | "error";

export interface Notice {
  /** Increases with every notice. */
  id: number;
  level: NoticeLevel;
  /** What was done, e.g. "Kiểm tra", "Tổng hợp". */
  title: string;
  /** Vietnamese text for the user. */
  message: string;
  time: Date;
}

type Listener = (notice: Notice) => void;

interface Board {
  seq: number;
  latest: Notice | null;
  listeners: Set<Listener>;
}

const KEY = "__pdvNoticeBoard";

function board(): Board {
  const g = globalThis as unknown as Record<string, Board | undefined>;
  let b = g[KEY];
  if (!b) {
    b = { seq: 0, latest: null, listeners: new Set() };
    g[KEY] = b;
  }
  return b;
}

/** Post a notice; every listener hears it (a failing listener does not stop the others). */
export function postNotice(level: NoticeLevel, title: string, message: string): Notice {
  const b = board();
  const notice: Notice = { id: ++b.seq, level, title, message, time: new Date() };
  b.latest = notice;
  for (const listener of [...b.listeners]) {
    try {
      listener(notice);
    } catch (err) {
      console.error("PDV: notice listener failed", err);
    }
  }
  return notice;
}

/** The last notice posted, or null. */
export function latestNotice(): Notice | null {
  return board().latest;
}

/** Listen for notices; returns the function that stops listening. */
export function subscribeNotices(listener: Listener): () => void {
  const b = board();
  b.listeners.add(listener);
  return () => {
    b.listeners.delete(listener);
  };
}

/** Forget every notice and listener (tests). */
export function resetNotices(): void {
  const b = board();
  b.seq = 0;
  b.latest = null;
  b.listeners.clear();
}
