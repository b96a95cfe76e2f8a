/**
 * Child process of the CLI benchmark, the floor: read every .xlsx file of a folder (subfolders
 * not walked: the benchmark's folders have none) and inflate every part of each with zlib,
 * parsing nothing. No reader can do less and still see every cell. Prints files and bytes.
 */
import { readdirSync, readFileSync } from "fs";
import * as path from "path";
import { inflateRawSync } from "zlib";
import { openPackage, rawEntry } from "../src/workbook/xlsx/zip";

const dir = process.argv[2];
let files = 0;
let bytes = 0;
for (const name of readdirSync(dir).filter((n) => n.toLowerCase().endsWith(".xlsx"))) {
  const pkg = openPackage(readFileSync(path.join(dir, name)), name);
  for (const e of pkg.entries) {
    if (e.method === 8) bytes += inflateRawSync(rawEntry(pkg, e)).length;
    else bytes += e.uncompressedSize;
  }
  files++;
}
process.stdout.write(`${JSON.stringify({ files, bytes })}\n`);
