/**
 * The browser preview for the end-to-end tests: one production build (scripts/preview-build.js)
 * shared by every e2e file of a run, served from 127.0.0.1, and headless chromium with every
 * other request blocked (recorded, so a test can fail on it) and axe-core served locally.
 *
 * The build goes to a folder named by a hash of what it is built from (src/, scripts/,
 * webpack.config.js, package-lock.json): the first test file builds it (under a lock), the next
 * ones reuse it. PDV_PREVIEW_BUILD=<folder> uses an earlier `node scripts/preview-build.js --out <folder>`.
 */
import { createHash } from "crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { spawnSync } from "child_process";
import type { Server } from "http";
import { chromium } from "playwright-core";
import type { BrowserContext, Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_FLAGS } from "./chromium";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serveStatic } = require("../../scripts/static-server.js") as {
  serveStatic(root: string, o?: { host?: string; port?: number }): Promise<{ server: Server; url: string }>;
};

export const ROOT = join(__dirname, "..", "..");
const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");
const BUILD_TIMEOUT_MS = 14 * 60 * 1000;

function hashInputs(): string {
  const h = createHash("sha256");
  const walk = (p: string) => {
    const s = statSync(p);
    if (s.isDirectory()) for (const name of readdirSync(p).sort()) walk(join(p, name));
    else {
      h.update(p.slice(ROOT.length));
      h.update(readFileSync(p));
    }
  };
  for (const p of ["src", "scripts", "webpack.config.js", "package-lock.json", "samples/phu-binh-2020.csv"]) {
    const full = join(ROOT, p);
    if (existsSync(full)) walk(full);
  }
  return h.digest("hex").slice(0, 16);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The folder of a production preview build of the current sources (built once, see above). */
export function previewBuild(): string {
  if (process.env.PDV_PREVIEW_BUILD) return process.env.PDV_PREVIEW_BUILD;
  const out = join(tmpdir(), `pdv-preview-${hashInputs()}`);
  const done = join(out, "preview.html");
  const lock = `${out}.lock`;
  const started = Date.now();
  while (!existsSync(done)) {
    try {
      mkdirSync(lock);
    } catch {
      // Another test file is building it: wait (a lock older than the build timeout is stale).
      if (Date.now() - statSync(lock).mtimeMs > BUILD_TIMEOUT_MS) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() - started > BUILD_TIMEOUT_MS) throw new Error(`preview build: waited too long for ${lock}`);
      sleep(1000);
      continue;
    }
    try {
      const build = spawnSync(process.execPath, [join(ROOT, "scripts", "preview-build.js"), "--out", out, "--mode", "production"], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: BUILD_TIMEOUT_MS,
      });
      if (build.status !== 0) {
        rmSync(out, { recursive: true, force: true });
        throw new Error(`preview build failed (${build.status ?? build.signal}):\n${build.stdout}\n${build.stderr}`);
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return out;
}

export interface PreviewSession {
  outDir: string;
  base: string;
  page: Page;
  context: BrowserContext;
  /** A temporary folder for the test's own files (removed by close). */
  temp: string;
  /** Requests to anything but the local preview server (blocked). */
  blocked: string[];
  /** Uncaught errors in the page, and console errors that mean a broken page (CSP, 404). */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Build (or reuse) the preview, serve it and open chromium on it; throws when chromium is missing. */
export async function openPreviewSession(viewport = { width: 1440, height: 900 }, deviceScaleFactor = 1): Promise<PreviewSession> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Không tìm thấy chromium ở ${CHROMIUM}: các kiểm thử trong trình duyệt không chạy được. Cài gói Debian "chromium" ` +
        `(bash .ci/run tự cài). / chromium not found at ${CHROMIUM}: install Debian's chromium (bash .ci/run does) or set PDV_CHROMIUM.`,
    );
  }
  const outDir = previewBuild();
  const temp = mkdtempSync(join(tmpdir(), "pdv-e2e-"));
  const { server, url: base } = await serveStatic(outDir, { host: "127.0.0.1", port: 0 });
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  const context = await chromium.launchPersistentContext(join(temp, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
    deviceScaleFactor,
    locale: "vi-VN",
  });
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url === `${base}/__e2e/axe.min.js`) {
      await route.fulfill({ status: 200, contentType: "text/javascript", body: readFileSync(AXE, "utf8") });
    } else if (url.startsWith(`${base}/`)) {
      await route.continue();
    } else {
      blocked.push(url);
      await route.abort("blockedbyclient");
    }
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  page.on("pageerror", (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /Refused to|Failed to load resource|Content Security Policy/i.test(m.text())) pageErrors.push(`console: ${m.text()}`);
  });
  return {
    outDir,
    base,
    page,
    context,
    temp,
    blocked,
    pageErrors,
    async close() {
      await context.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(temp, { recursive: true, force: true });
    },
  };
}

/** axe-core on a part of the page (CSS selector): its serious and critical violations, as lines. */
export async function axeViolations(page: Page, base: string, scope: string): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ url: `${base}/__e2e/axe.min.js` });
  // Judge the view at rest: a message bar still fading in (Fluent's motion, Web Animations) has
  // transient colours that would fail colour contrast by timing alone.
  await page.evaluate(async () => {
    for (const a of document.getAnimations()) {
      try {
        a.finish();
      } catch {
        a.cancel(); // an endless one (a spinner) cannot finish
      }
    }
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  const results = await page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    // Tabster's (Fluent UI) focus-redirecting dummies are aria-hidden and focusable on purpose: a
    // known false positive of aria-hidden-focus (microsoft/tabster#288). Only they are left out.
    const r = await axe.run({ include: [[sel]], exclude: [["[data-tabster-dummy]"]] }, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  }, scope);
  return results.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.join(", ")})`);
}

/** Where the e2e tests put their screenshots (git-ignored). */
export const SHOTS = join(ROOT, "test-results", "screenshots");

/**
 * Opens one session for the calling test file (beforeAll, build included) and closes it (afterAll);
 * returns a getter for it. Register it before the file's own beforeAll hooks that use it.
 */
export function usePreviewSession(viewport?: { width: number; height: number }, deviceScaleFactor?: number): () => PreviewSession {
  let session: PreviewSession | null = null;
  beforeAll(async () => {
    session = await openPreviewSession(viewport, deviceScaleFactor);
    mkdirSync(SHOTS, { recursive: true });
  }, 15 * 60 * 1000);
  afterAll(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error("preview session not open (usePreviewSession's beforeAll failed)");
    return session;
  };
}
