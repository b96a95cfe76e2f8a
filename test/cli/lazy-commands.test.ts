/**
 * `pdv` loads a command's module only when that command runs (src/cli/commands/index.ts): the
 * help texts are those of before the change (fixtures/help/, captured from the eager version),
 * the table's usage and summary are the modules' own, and `pdv consolidate` of a folder leaves
 * no ExcelJS, docx or React, and no other command's module, in the child's require.cache.
 */
import { execFileSync } from "child_process";
import { promises as fs, readFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { COMMANDS, loadCommand } from "../../src/cli/commands";
import { runPdv } from "../helpers/cli-run";
import { MAIN, ROOT, buildIfStale } from "../helpers/cli-build";

const HELP = path.join(__dirname, "fixtures", "help");
const expected = (name: string) => readFileSync(path.join(HELP, `${name}.txt`), "utf8");

describe("lazy command table", () => {
  it("prints `pdv --help` exactly as before", async () => {
    const r = await runPdv(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expected("overview"));
  });

  it.each(COMMANDS.map((c) => [c.name]))("prints `pdv %s --help` exactly as before", async (name) => {
    expect((await runPdv([name, "--help"])).stdout).toBe(expected(name));
    expect((await runPdv(["--help", name])).stdout).toBe(expected(name));
  });

  it.each(COMMANDS.map((c) => [c.name]))("keeps the usage and summary of %s as its module declares them", (name) => {
    const own = loadCommand(name)!;
    const listed = COMMANDS.find((c) => c.name === name)!;
    expect(own.name).toBe(name);
    expect(listed.usage).toEqual(own.usage);
    expect(listed.summary).toBe(own.summary);
    expect(listed.options).toBe(own.options);
  });
});

describe("modules loaded by `pdv consolidate <folder>`", () => {
  let tmp: string;
  beforeAll(async () => {
    buildIfStale();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), "pdv-lazy-"));
  });
  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it("loads no ExcelJS, no docx, no React and no other command", () => {
    const script = `
      const { run } = require(${JSON.stringify(MAIN)});
      const quiet = { stdout() {}, stderr() {}, stderrIsTTY: false };
      run(process.argv.slice(1), quiet).then((code) => {
        const mods = Object.values(require.cache);
        const heavy = (id) => /[\\\\/]node_modules[\\\\/](exceljs|docx|react|react-dom|@fluentui)[\\\\/]/.test(id);
        const out = {
          code,
          heavy: [...new Set(mods.map((m) => m.id).filter(heavy).map((id) => id.replace(/^.*?node_modules[\\\\/]/, "").split(/[\\\\/]/)[0]))],
          ours: mods.map((m) => m.id).filter((id) => id.includes("build")).map((id) => id.replace(/.*build[\\\\/]/, "").replace(/\\\\/g, "/")),
          heavyBy: mods.filter((m) => !heavy(m.id) && m.children.some((c) => heavy(c.id))).map((m) => m.id.replace(/.*build[\\\\/]/, "").replace(/\\\\/g, "/")),
        };
        process.stdout.write(JSON.stringify(out));
      });`;
    const out = JSON.parse(
      execFileSync(process.execPath, ["-e", script, "consolidate", path.join(ROOT, "samples", "phu-binh-2020"), "--out", path.join(tmp, "th.xlsx")], { encoding: "utf8" }),
    ) as { code: number; heavy: string[]; ours: string[]; heavyBy: string[] };
    expect(out.code).toBe(0);
    expect(out.heavy).toEqual([]);
    expect(out.heavyBy).toEqual([]);
    const commands = out.ours.filter((m) => m.startsWith("cli/commands/") && m !== "cli/commands/index.js");
    expect(commands).toEqual(["cli/commands/consolidate.js"]);
    expect(out.ours).not.toContain("report/docx.js");
  });
});
