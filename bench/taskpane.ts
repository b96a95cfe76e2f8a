/**
 * Section 5: the task pane. (a) Initial JavaScript, gzipped: one production webpack build of the
 * add-in into a temporary folder, then the sum of gzip sizes (zlib default level 6) of the scripts
 * the built taskpane.html loads by <script src>, i.e. the runtime, the vendor chunks and the three
 * entries; lazy chunks (the .xlsx reader) and office.js (Microsoft's CDN) are not ours / not
 * initial and are listed apart. (b) Time to first render in headless chromium: the built page served
 * over http from 127.0.0.1, office.js answered with an empty script, the fake Excel host with 48
 * units and the Office globals injected before the page's scripts (bench/page/fake-office.ts), from
 * navigation start until the task pane's root holds rendered content. Fresh profile per run.
 */
import { spawn } from "child_process";
import { promises as fs, readFileSync } from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { gzipSync } from "zlib";
import { CHROMIUM, CHROMIUM_FLAGS } from "../test/helpers/chromium";

// Compiled to bench/build/bench/: the repository is three levels up.
const ROOT = path.join(__dirname, "..", "..", "..");

export interface ScriptSize {
  src: string;
  bytes: number;
  gzipBytes: number;
}

export interface TaskpaneResult {
  buildMs: number;
  buildError?: string;
  initialJsGzipBytes: number | null;
  initialJsBytes: number | null;
  scripts: ScriptSize[];
  external: string[];
  lazyChunks: ScriptSize[];
  firstRenderMs: number | null;
  firstRenderRuns: number[];
  renderError?: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function sizeOf(dir: string, file: string): Promise<ScriptSize> {
  const bytes = await fs.readFile(path.join(dir, file));
  return { src: file, bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
}

/** The fake Office page script, bundled for the browser with the project's webpack + ts-loader. */
async function bundleFake(outDir: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require(path.join(ROOT, "node_modules", "webpack"));
  const config = {
    mode: "production",
    target: "web",
    context: ROOT,
    entry: path.join(ROOT, "bench", "page", "fake-office.ts"),
    output: { path: outDir, filename: "fake-office.js", iife: true },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext" } } } }],
    },
    performance: { hints: false },
  };
  await new Promise<void>((resolve, reject) =>
    webpack(config, (err: Error | null, stats: { hasErrors(): boolean; toString(o: unknown): string }) => {
      if (err) reject(err);
      else if (stats.hasErrors()) reject(new Error(stats.toString("errors-only")));
      else resolve();
    }),
  );
  return readFileSync(path.join(outDir, "fake-office.js"), "utf8");
}

function serve(dir: string): Promise<http.Server> {
  const types: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "application/javascript", ".json": "application/json", ".png": "image/png", ".css": "text/css" };
  const server = http.createServer(async (req, res) => {
    const rel = decodeURIComponent((req.url ?? "/").split("?")[0]).replace(/^\/+/, "");
    const file = path.join(dir, rel || "taskpane.html");
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export async function taskpaneBench(renderRuns: number, log: (s: string) => void): Promise<TaskpaneResult> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "pdv-bench-pane-"));
  const dist = path.join(tmp, "dist");
  const result: TaskpaneResult = {
    buildMs: 0,
    initialJsGzipBytes: null,
    initialJsBytes: null,
    scripts: [],
    external: [],
    lazyChunks: [],
    firstRenderMs: null,
    firstRenderRuns: [],
  };
  try {
    const t0 = performance.now();
    const webpackCli = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
    const built = await run(process.execPath, [webpackCli, "--mode", "production", "--output-path", dist], { ...process.env, PDV_DIST: dist });
    result.buildMs = Math.round(performance.now() - t0);
    if (built.code !== 0) {
      result.buildError = built.out.split("\n").filter((l) => /error/i.test(l)).slice(0, 5).join(" | ") || `webpack exit ${built.code}`;
      log(`  webpack thất bại: ${result.buildError}`);
      return result;
    }
    log(`  webpack production: ${(result.buildMs / 1000).toFixed(1)} s`);
    const html = await fs.readFile(path.join(dist, "taskpane.html"), "utf8");
    // The production page is minified: attribute values may be quoted or not.
    const srcs = [...html.matchAll(/<script\b[^>]*?\ssrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)].map((m) => m[1] ?? m[2] ?? m[3]);
    for (const src of srcs) {
      if (/^(https?:)?\/\//.test(src)) result.external.push(src);
      else result.scripts.push(await sizeOf(dist, src));
    }
    const initial = new Set(result.scripts.map((s) => s.src));
    for (const f of await fs.readdir(dist)) if (f.endsWith(".js") && !initial.has(f)) result.lazyChunks.push(await sizeOf(dist, f));
    result.initialJsGzipBytes = result.scripts.reduce((s, x) => s + x.gzipBytes, 0);
    result.initialJsBytes = result.scripts.reduce((s, x) => s + x.bytes, 0);

    // Time to first render.
    let chromium: typeof import("playwright-core").chromium;
    try {
      chromium = (await import("playwright-core")).chromium;
    } catch (e) {
      result.renderError = `playwright-core: ${String(e)}`;
      return result;
    }
    const fake = await bundleFake(path.join(tmp, "page"));
    const server = await serve(dist);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/taskpane.html`;
    try {
      for (let i = 0; i < renderRuns; i++) {
        const profile = await fs.mkdtemp(path.join(tmp, "profile-"));
        const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
        try {
          await context.route(/appsforoffice\.microsoft\.com/, (route) =>
            route.fulfill({ status: 200, contentType: "application/javascript", body: "/* office.js: the benchmark injects a fake */" }),
          );
          await context.addInitScript({ content: fake });
          const page = context.pages()[0] ?? (await context.newPage());
          await page.goto(url, { waitUntil: "load" });
          const handle = await page.waitForFunction(() => (window as unknown as { __pdvFirstRender?: number }).__pdvFirstRender, undefined, { timeout: 30_000 });
          const ms = Number(await handle.jsonValue());
          result.firstRenderRuns.push(Math.round(ms));
        } catch (e) {
          result.renderError = String(e).split("\n")[0];
          log(`  chromium: ${result.renderError}`);
          break;
        } finally {
          await context.close();
        }
      }
    } finally {
      server.close();
    }
    if (result.firstRenderRuns.length) result.firstRenderMs = median(result.firstRenderRuns);
    return result;
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
