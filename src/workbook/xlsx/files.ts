/** Reading an input file and writing an output file for the `pdv` command (Node only). */
import { promises as fs, readFileSync } from "fs";
import * as path from "path";
import { inflateRawSync } from "zlib";
import { PortError } from "../port";
import { useNativeInflate } from "./zip";

// On Node, parts are inflated by zlib (native), each with its declared size as the output limit
// and, up to 1 MB, one byte more as the output buffer: the part comes out in one piece, and a
// small part does not cost zlib's default 16 kB buffer (a size that lies costs at most 1 MB).
const CHUNK_MAX = 1 << 20;
useNativeInflate((data, limit) => inflateRawSync(data, { maxOutputLength: limit, chunkSize: Math.max(64, Math.min(CHUNK_MAX, limit + 1)) }));

/** Read a file from disk (read-only); PortError names the file on any failure. */
export async function readFileBytes(filePath: string): Promise<Buffer> {
  return readFileBytesSync(filePath);
}

/**
 * `readFileBytes` without a promise, for the folder's loop over thousands of unit files (no
 * async function resumed per file: the loop runs, and V8 compiles it, as a plain loop).
 */
export function readFileBytesSync(filePath: string): Buffer {
  const name = path.basename(filePath);
  try {
    // One synchronous read: for thousands of small files the asynchronous one's several thread
    // pool round trips per file cost more than the reading (this runs in the command line only).
    return readFileSync(filePath, { flag: "r" });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "EISDIR") throw new PortError(`${name} là một thư mục, không phải tệp .xlsx.`, "io");
    if (code === "ENOENT") throw new PortError(`Không tìm thấy tệp ${filePath}.`, "io");
    if (code === "EACCES" || code === "EPERM") throw new PortError(`Không có quyền đọc tệp ${filePath}.`, "io");
    throw new PortError(`Không đọc được tệp ${filePath}.`, "io");
  }
}

/** Refuse (PortError "overwrite-input") to write `filePath` when it is the file `openedFrom`. */
export function refuseInput(filePath: string, openedFrom: string | undefined): void {
  if (openedFrom && path.resolve(openedFrom) === path.resolve(filePath)) {
    throw new PortError(`Không ghi đè tệp đầu vào ${path.basename(filePath)}; hãy chọn tệp kết quả khác.`, "overwrite-input");
  }
}

/** Write a file atomically (a temporary file in the same folder, then rename); PortError on failure. */
export async function writeFileAtomic(filePath: string, bytes: Uint8Array): Promise<void> {
  const target = path.resolve(filePath);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const code = (err as { code?: string }).code;
    if (code === "EACCES" || code === "EPERM") throw new PortError(`Không có quyền ghi tệp ${filePath}.`, "io");
    if (code === "EISDIR") throw new PortError(`${filePath} là một thư mục, không ghi được tệp .xlsx.`, "io");
    throw new PortError(`Không ghi được tệp ${filePath}.`, "io");
  }
}
