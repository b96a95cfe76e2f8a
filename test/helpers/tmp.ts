/** A temporary folder per test file, made before the tests and removed after them. */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";

/** The repository's samples folder. */
export const SAMPLES = path.join(__dirname, "..", "..", "samples");

/** Registers beforeAll/afterAll; the returned function gives the folder (valid inside tests). */
export function useTempDir(prefix: string): () => string {
  let dir = "";
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** Copy the sample district's folder (danh-muc.xlsx + 48 unit files) to `dest`; returns `dest`. */
export async function copySampleFolder(dest: string): Promise<string> {
  await fs.cp(path.join(SAMPLES, "phu-binh-2020"), dest, { recursive: true });
  return dest;
}
