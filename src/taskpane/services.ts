/**
 * What the task pane needs besides the workbook port, injected so that tests and the browser
 * preview can replace it: reading picked/dropped files, the .xlsx reader, the clipboard, saving a
 * file for the user (a download), the clock, and a pause that lets the pane repaint between phases
 * of long work.
 */
import type { SheetGrid } from "../core/types";
import { decodeCsvBytes } from "../flows/csv-bytes";

export interface TaskpaneServices {
  /** The bytes of a picked or dropped file. */
  readFile(file: File): Promise<Uint8Array>;
  /** The text of a picked CSV file (UTF-8 or UTF-16 with BOM, BOM removed); CsvError naming the first non-UTF-8 line. */
  readText(file: File): Promise<string>;
  /** The grids of every worksheet of a unit's .xlsx file (the .xlsx adapter's readXlsx). */
  readXlsx(bytes: Uint8Array, fileName: string): Promise<SheetGrid[]>;
  /** The add-in state stored in a .xlsx file (its `_pdv_state` sheet; empty when none): tells an unedited feedback file. */
  readState?(bytes: Uint8Array, fileName: string): Promise<Record<string, string>>;
  /** Put text on the clipboard; rejects with a Vietnamese message when the host refuses. */
  copyText(text: string): Promise<void>;
  /** Offer `bytes` to the user as a file named `name` (a download), of MIME type `type`. */
  saveFile(name: string, bytes: Uint8Array, type: string): Promise<void>;
  now(): Date;
  /** Yield to the browser so progress is painted before the next phase. */
  pause(): Promise<void>;
}

async function blobBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return new Uint8Array(await file.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(new Error("Không đọc được tệp đã chọn."));
    reader.readAsArrayBuffer(file);
  });
}

/** Copy through the Clipboard API, or the older execCommand where the Office webview blocks it. */
async function copyToClipboard(text: string): Promise<void> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return;
    }
  } catch {
    // Refused (no permission in the add-in's frame): fall through to execCommand.
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = typeof document.execCommand === "function" && document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("Không sao chép được vào bộ nhớ tạm. Hãy chọn đoạn văn rồi bấm Ctrl+C.");
}

/** A download through a temporary link to a Blob (the task pane's webview saves it as a file). */
async function downloadFile(name: string, bytes: Uint8Array, type: string): Promise<void> {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  try {
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.rel = "noopener";
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/** The services of a real browser page; `readXlsx` is passed in (the .xlsx adapter is loaded lazily). */
export function browserServices(readXlsx: TaskpaneServices["readXlsx"], readState?: TaskpaneServices["readState"]): TaskpaneServices {
  return {
    ...(readState ? { readState } : {}),
    readFile: blobBytes,
    async readText(file) {
      return decodeCsvBytes(await blobBytes(file), file.name);
    },
    readXlsx,
    copyText: copyToClipboard,
    saveFile: downloadFile,
    now: () => new Date(),
    pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
  };
}
