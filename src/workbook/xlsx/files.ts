/** Reading an input file from disk for the `pdv` command (Node only). */
import { readFileSync } from "fs";
import * as path from "path";
import { PortError } from "../port";

/** Read a file from disk (read-only); PortError names the file on any failure. */
export async function readFileBytes(filePath: string): Promise<Buffer> {
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
