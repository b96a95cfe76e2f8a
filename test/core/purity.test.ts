/**
 * src/core is pure TypeScript: it imports only other files of src/core (no Office, DOM, Node or
 * file library). Globals are checked by the compiler: `tsc -p tsconfig.core.json` (part of
 * `npm test`) compiles src/core with the ES library only, no DOM and no Node types.
 */
import { readdirSync, readFileSync } from "fs";
import * as path from "path";

const CORE = path.join(__dirname, "..", "..", "src", "core");

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
  );
}

test("src/core imports nothing outside src/core", () => {
  const files = tsFiles(CORE);
  expect(files.length).toBeGreaterThan(10);
  const outside: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g)) {
      const target = m[1];
      const inside = target.startsWith(".") && path.resolve(path.dirname(file), target).startsWith(CORE + path.sep);
      if (!inside) outside.push(`${path.relative(CORE, file)}: ${target}`);
    }
  }
  expect(outside).toEqual([]);
});
