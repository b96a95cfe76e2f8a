/**
 * Each `pdv` command declares its arguments (src/cli/commands/): `pdv <command> --help` prints
 * that command's usage and every option it accepts with a description, and nothing of the others;
 * `pdv --help` lists every command.
 */
import { runPdv } from "../helpers/cli-run";
import { COMMANDS } from "../../src/cli/commands";

describe("per-command help", () => {
  it("lists every command in `pdv --help`", async () => {
    const r = await runPdv(["--help"]);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) for (const u of c.usage) expect(r.stdout).toContain(u);
  });

  it.each(COMMANDS.map((c) => [c.name]))("`pdv %s --help` prints that command's help only", async (name) => {
    const cmd = COMMANDS.find((c) => c.name === name)!;
    const r = await runPdv([name, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    for (const u of cmd.usage) expect(r.stdout).toContain(u);
    for (const [opt, decl] of Object.entries(cmd.options)) {
      expect(decl.description.trim()).not.toBe("");
      expect(r.stdout).toMatch(new RegExp(`^  --${opt}\\b`, "m"));
    }
    for (const other of COMMANDS.filter((c) => c.name !== name)) expect(r.stdout).not.toContain(`pdv ${other.name} `);
    // `pdv help <command>` is the same text.
    expect((await runPdv(["help", name])).stdout).toBe(r.stdout);
  });

  it("accepts only the options a command declares", async () => {
    for (const c of COMMANDS) {
      const foreign = c.options.truoc ? "--chi-tieu" : "--truoc";
      const r = await runPdv([c.name, foreign, "1"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(foreign);
    }
  });
});
