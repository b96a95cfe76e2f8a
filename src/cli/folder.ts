/**
 * The files of an input folder as people keep it: unit files may sit in subfolders (as folder
 * imports of spreadsheet programs read them); hidden entries (a name starting with "."), Excel's
 * and LibreOffice's lock files ("~$…", ".~lock…"), and the system folders and files Windows and
 * macOS leave ("$RECYCLE.BIN", "System Volume Information", "__MACOSX", "Thumbs.db",
 * "desktop.ini") are skipped. Symbolic links are not followed (no loops).
 */
import { promises as fs } from "fs";
import * as path from "path";
import { viCollator } from "../core/vi";

const SYSTEM_NAMES = new Set(["$recycle.bin", "system volume information", "__macosx", "thumbs.db", "desktop.ini", "ehthumbs.db"]);

/** Skipped whatever its kind: hidden, lock or system entry. */
export function isSkippedEntry(name: string): boolean {
  return name.startsWith(".") || name.startsWith("~$") || SYSTEM_NAMES.has(name.toLowerCase());
}

/**
 * Every file under `dir` (subfolders included, at most `maxDepth` levels), as paths relative to
 * `dir` with "/" separators, in Vietnamese order with numbers compared as numbers. Throws the
 * file system's error for `dir` itself; a subfolder that cannot be read is skipped.
 */
export async function listFolderFiles(dir: string, maxDepth = 8): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true });
    } catch (err) {
      if (rel === "") throw err;
      return;
    }
    for (const d of entries) {
      if (isSkippedEntry(d.name)) continue;
      const child = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory() && depth < maxDepth) await walk(child, depth + 1);
      else if (d.isFile()) out.push(child);
    }
  };
  await walk("", 0);
  const depthOf = (p: string) => p.split("/").length;
  const vi = viCollator(); // compare(a, b) is a.localeCompare(b, "vi", { numeric: true }), made once
  return out.sort((a, b) => depthOf(a) - depthOf(b) || vi.compare(a, b));
}
