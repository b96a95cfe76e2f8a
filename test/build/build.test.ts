/**
 * The production build, once per test run (about 2–3 minutes on two cores): webpack --mode
 * production with PDV_OFFICE_JS=local into a temporary directory, then checks of what would ship.
 */
import { execFile, execFileSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join, relative } from "path";
import { JSDOM } from "jsdom";
import { createContext, runInContext } from "vm";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require("../../webpack.config.js") as {
  PRODUCTION_URL: string;
  DEV_URL: string;
  OFFICE_JS_FILES: string[];
};

const ROOT = join(__dirname, "..", "..");
const PDV_FUNCTIONS = ["TYLE", "CONLAI", "TIENDO", "DUBAO", "CANTHANG", "XEPLOAI", "NHANXET"];
/** Code that builds code from strings; the page's CSP (no 'unsafe-eval') would refuse to run it. */
const EVAL_LIKE = /\beval\(|new Function\b|\bFunction\(/g;
/**
 * Occurrences tolerated in a lazily loaded vendor chunk (ExcelJS's browser build) because they are
 * fallbacks a browser never reaches: global-object detection after `self`/`window`/`globalThis`
 * were tried, the setImmediate polyfill's string-callback form, and regenerator's last resort after
 * `globalThis`. Anything else fails.
 */
const TOLERATED_IN_LAZY_VENDOR = [
  /\|\|Function\("return this"\)\(\)/,
  /"function"!=typeof e&&\(e=new Function\(""\+e\)\)/,
  /globalThis\.regeneratorRuntime=\w+:Function\("r","regeneratorRuntime = r"\)/,
];

/**
 * What the shipped code needs, by requirement set: a pattern found in a shipped file → the set and
 * version (custom-functions-requirement-sets.md, the office-js typings' "[Api set: …]" notes). An
 * entry with `guard` may go beyond the manifest when the same file also holds that runtime check.
 */
const USES: { set: string; version: string; what: string; pattern: RegExp; guard?: RegExp }[] = [
  { set: "CustomFunctionsRuntime", version: "1.2", what: "CustomFunctions.Error", pattern: /CustomFunctions\.Error\b(?!Code)/ },
  { set: "CustomFunctionsRuntime", version: "1.3", what: "CustomFunctions.ErrorCode", pattern: /CustomFunctions\.ErrorCode\b/ },
  { set: "CustomFunctionsRuntime", version: "1.4", what: "allowCustomDataForDataTypeAny", pattern: /"allowCustomDataForDataTypeAny"\s*:\s*true/ },
  { set: "SharedRuntime", version: "1.1", what: "Office.addin.showAsTaskpane", pattern: /\.showAsTaskpane\(/ },
  { set: "DialogApi", version: "1.1", what: "displayDialogAsync", pattern: /\.displayDialogAsync\(/ },
  { set: "ExcelApi", version: "1.6", what: "suspendApiCalculationUntilNextSync", pattern: /\.suspendApiCalculationUntilNextSync\(/ },
  { set: "ExcelApi", version: "1.7", what: "getRangeByIndexes / freezeRows / chart series", pattern: /\.(getRangeByIndexes|freezeRows|setXAxisValues)\(/ },
  { set: "ExcelApi", version: "1.9", what: "get/setCellProperties, copyFrom, suspendScreenUpdating", pattern: /\.(getCellProperties|setCellProperties|copyFrom|suspendScreenUpdatingUntilNextSync)\(/ },
  {
    set: "ExcelApi",
    version: "1.13",
    what: "insertWorksheetsFromBase64",
    pattern: /\.insertWorksheetsFromBase64\(/,
    guard: /isSetSupported\("ExcelApi","1\.13"\)/,
  },
];

function versionAbove(a: string, b: string): boolean {
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  return x[0] !== y[0] ? x[0] > y[0] : (x[1] ?? 0) > (y[1] ?? 0);
}

let dist = "";
let buildLog = "";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}
const read = (name: string) => readFileSync(join(dist, name), "utf8");

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), "pdv-dist-"));
  const cli = join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  buildLog = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, "--mode", "production", "--no-color"],
      { cwd: ROOT, env: { ...process.env, PDV_OFFICE_JS: "local", PDV_DIST: dist }, maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60 * 1000 },
      (err, stdout, stderr) => (err ? reject(new Error(`webpack failed:\n${stdout}\n${stderr}`)) : resolve(stdout + stderr)),
    );
  });
}, 16 * 60 * 1000);

afterAll(() => {
  if (dist && !process.env.PDV_KEEP_DIST) rmSync(dist, { recursive: true, force: true });
});

describe("production build (PDV_OFFICE_JS=local)", () => {
  test("compiles without errors or warnings", () => {
    expect(buildLog).toMatch(/compiled successfully/);
    expect(buildLog).not.toMatch(/ERROR in|WARNING in/);
  });

  test("ships the manifest with every URL rewritten to the production host (no localhost left)", () => {
    const manifest = read("manifest.xml");
    expect(manifest).not.toMatch(/localhost/i);
    expect(manifest).toContain(`${config.PRODUCTION_URL}taskpane.html`);
    expect(manifest).toContain(`${config.PRODUCTION_URL}functions.json`);
    expect(manifest).toContain(`${config.PRODUCTION_URL}assets/icon-80.png`);
    expect(() => execFileSync("xmllint", ["--noout", join(dist, "manifest.xml")], { stdio: "pipe" })).not.toThrow();
    // The rewrite touched nothing but the URLs.
    const source = readFileSync(join(ROOT, "manifest.xml"), "utf8");
    expect(manifest).toBe(source.split(config.DEV_URL).join(config.PRODUCTION_URL));
  });

  test("functions.json lists exactly the seven PDV functions, and functions.js associates each", () => {
    const meta = JSON.parse(read("functions.json")) as { functions: { id: string; name: string }[] };
    expect(meta.functions.map((f) => f.id).sort()).toEqual([...PDV_FUNCTIONS].sort());
    const js = read("functions.js");
    for (const id of PDV_FUNCTIONS) expect(js).toMatch(new RegExp(`CustomFunctions\\.associate\\("${id}",`));
  });

  test("the manifest declares every requirement set the shipped files use (functions.json has no data-type flag)", () => {
    const declared = new Map(
      [...read("manifest.xml").matchAll(/<Set Name="(\w+)" MinVersion="([\d.]+)"\/>/g)].map((m) => [m[1], m[2]] as [string, string]),
    );
    const shipped = readdirSync(dist).filter((f) => f.endsWith(".js") || f === "functions.json");
    const missing: string[] = [];
    let found = 0;
    for (const file of shipped) {
      const text = read(file);
      for (const use of USES) {
        if (!use.pattern.test(text)) continue;
        found++;
        const have = declared.get(use.set);
        const guarded = use.guard?.test(text) ?? false;
        if (!guarded && (have === undefined || versionAbove(use.version, have))) {
          missing.push(`${file}: ${use.what} needs ${use.set} ${use.version}, the manifest declares ${have ?? "nothing"}`);
        }
      }
    }
    expect(found).toBeGreaterThan(5); // the scan does see the bundles' API calls
    expect(missing).toEqual([]);
    expect(JSON.parse(read("functions.json"))).not.toHaveProperty("allowCustomDataForDataTypeAny");
  });

  test("the production functions bundle gives the same result whether a blank cell arrives as 0 (desktop) or null (web)", () => {
    class CfError {
      constructor(
        readonly code: string,
        readonly message?: string,
      ) {}
    }
    const associated = new Map<string, (...args: unknown[]) => unknown>();
    const sandbox: Record<string, unknown> = {
      console,
      CustomFunctions: {
        associate: (id: string, fn: (...args: unknown[]) => unknown) => associated.set(id, fn),
        Error: CfError,
        ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!" },
      },
    };
    sandbox.self = sandbox;
    sandbox.window = sandbox;
    const context = createContext(sandbox);
    // The scripts taskpane.html loads up to functions.js, office.js excepted, in page order.
    const srcs = Array.from(new JSDOM(read("taskpane.html")).window.document.querySelectorAll("script")).map((s) => s.getAttribute("src")!);
    for (const src of srcs.slice(0, srcs.indexOf("functions.js") + 1)) {
      if (!src.startsWith("office-js/")) runInContext(read(src), context, { filename: src });
    }
    expect([...associated.keys()].sort()).toEqual([...PDV_FUNCTIONS].sort());
    const AUG31 = 44074;
    const call = (id: string, blank: 0 | null): unknown => {
      const f = associated.get(id)!;
      const args: Record<string, unknown[]> = {
        TIENDO: [[[31]], [[253]], AUG31, blank, blank],
        DUBAO: [[[31]], AUG31, blank, blank],
        XEPLOAI: [[[31]], [[253]], AUG31, blank, blank],
        CANTHANG: [[[31]], [[253]], AUG31, blank],
        NHANXET: [[[31]], [[253]], AUG31, blank],
      };
      try {
        return f(...args[id]);
      } catch (e) {
        return e;
      }
    };
    for (const id of ["TIENDO", "DUBAO", "XEPLOAI", "CANTHANG", "NHANXET"]) {
      expect([id, call(id, 0)]).toEqual([id, call(id, null)]);
      expect(call(id, 0)).not.toBeInstanceOf(CfError);
    }
    expect(call("TIENDO", 0)).toBeCloseTo(0.18379, 5);
    expect(call("NHANXET", 0)).toBe("Tính đến hết tháng 8/2020, mới kết nạp được 31 đảng viên, đạt 12,25% so với chỉ tiêu được giao (253 đảng viên).");
  });

  test("commands.js registers both ribbon commands", () => {
    const js = read("commands.js");
    expect(js).toContain('"validateWorkbook"');
    expect(js).toContain('"consolidateWorkbook"');
  });

  describe("taskpane.html", () => {
    const page = () => new JSDOM(read("taskpane.html")).window.document;

    test("has a Content-Security-Policy: scripts from 'self' and Office's script host only, no eval", () => {
      const meta = page().querySelector('meta[http-equiv="Content-Security-Policy"]');
      expect(meta).not.toBeNull();
      const csp = meta!.getAttribute("content")!;
      const directives = new Map(
        csp.split(";").map((d) => {
          const [name, ...values] = d.trim().split(/\s+/);
          return [name, values] as [string, string[]];
        }),
      );
      expect(directives.get("script-src")).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
      expect(directives.get("default-src")).toEqual(["'self'"]);
      expect(directives.get("object-src")).toEqual(["'none'"]);
      expect(csp).not.toContain("unsafe-eval");
      expect(csp).not.toMatch(/ws:|wss:/); // dev-server sockets are for development builds only
    });

    test("loads office.js first (local copy), then the runtime and the three bundles, all present", () => {
      const srcs = Array.from(page().querySelectorAll("script")).map((s) => s.getAttribute("src")!);
      expect(srcs[0]).toBe("office-js/office.js");
      expect(srcs).toEqual(expect.arrayContaining(["runtime.js", "functions.js", "commands.js", "taskpane.js"]));
      for (const src of srcs) expect(existsSync(join(dist, src))).toBe(true);
      expect(srcs.indexOf("runtime.js")).toBe(1);
    });

    test("the task pane's initial scripts stay small; ExcelJS is not among them", () => {
      const srcs = Array.from(page().querySelectorAll("script")).map((s) => s.getAttribute("src")!).slice(1);
      const bytes = srcs.reduce((n, s) => n + statSync(join(dist, s)).size, 0);
      expect(bytes).toBeLessThan(800 * 1024);
      for (const s of srcs) expect(read(s)).not.toContain("regeneratorRuntime = r"); // ExcelJS's bundle marker
    });
  });

  test("copies only the needed office.js files, in place of the whole 86 MB dist", () => {
    const copied = files(join(dist, "office-js")).map((f) => relative(join(dist, "office-js"), f).split("\\").join("/"));
    expect(copied.sort()).toEqual([...config.OFFICE_JS_FILES].sort());
  });

  test("copies the icons and the help page", () => {
    for (const f of ["icon-16.png", "icon-32.png", "icon-64.png", "icon-80.png", "huong-dan.html"]) {
      expect(existsSync(join(dist, "assets", f))).toBe(true);
    }
  });

  test("no eval or new Function in the shipped bundles (except known, unreachable fallbacks in lazy vendor code)", () => {
    const initial = new Set(
      Array.from(new JSDOM(read("taskpane.html")).window.document.querySelectorAll("script")).map((s) => s.getAttribute("src")!),
    );
    const bundles = readdirSync(dist).filter((f) => f.endsWith(".js"));
    expect(bundles.length).toBeGreaterThan(4);
    const report: string[] = [];
    for (const file of bundles) {
      const js = read(file);
      for (const m of js.matchAll(EVAL_LIKE)) {
        const around = js.slice(Math.max(0, m.index! - 80), m.index! + 60);
        const tolerated = !initial.has(file) && TOLERATED_IN_LAZY_VENDOR.some((re) => re.test(around));
        if (!tolerated) report.push(`${file}: …${around}…`);
      }
    }
    expect(report).toEqual([]);
  });

  test("production source maps are separate files, not eval-wrapped modules", () => {
    const js = read("taskpane.js");
    expect(js).toMatch(/\/\/# sourceMappingURL=taskpane\.js\.map\s*$/);
    expect(js).not.toContain("//# sourceURL=webpack://");
  });
});
