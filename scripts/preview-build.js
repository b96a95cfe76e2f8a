#!/usr/bin/env node
/**
 * Builds the browser preview: the add-in exactly as webpack.config.js builds it (taskpane.html and
 * its bundles, unchanged), then, in a second small compilation, preview.js (the in-page Excel host,
 * src/preview/) and finally preview.html: the page of src/preview/preview.html carrying the CSP and
 * the script tags of the built taskpane.html — office.js removed, preview.js put first.
 *
 *   node scripts/preview-build.js [--out <dir>] [--mode production|development]
 *
 * Default: --out build/preview --mode production. Used by `npm run preview` and the e2e tests.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const TEMPLATE = path.join(ROOT, "src", "preview", "preview.html");
const DEFAULT_OUT = path.join(ROOT, "build", "preview");

/** Script tags of an HTML page: [{ tag, src }]. */
function scriptTags(html) {
  const out = [];
  for (const m of html.matchAll(/<script\b[^>]*>\s*<\/script>/gi)) {
    const src = /\bsrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(m[0]);
    out.push({ tag: m[0], src: src ? (src[1] ?? src[2] ?? src[3]) : null });
  }
  return out;
}

/** True for the office.js loader (CDN or local copy): never loaded by the preview. */
function isOfficeJs(src) {
  return /(^|\/)office(\.debug)?\.js$/i.test(src || "");
}

/** preview.html from the built taskpane.html and the template. */
function previewHtml(taskpaneHtml, template) {
  const csp = /<meta[^>]+http-equiv=["']?Content-Security-Policy["']?[^>]*content=(?:"([^"]*)"|'([^']*)')/i.exec(taskpaneHtml);
  if (!csp) throw new Error("preview: taskpane.html has no Content-Security-Policy");
  const scripts = scriptTags(taskpaneHtml);
  if (!scripts.some((s) => /(^|\/)taskpane\.js$/.test(s.src || ""))) throw new Error("preview: taskpane.html does not load taskpane.js");
  const kept = scripts.filter((s) => !isOfficeJs(s.src)).map((s) => s.tag);
  // preview.js is a plain (blocking) script: it runs before the deferred production bundles.
  const tags = ['<script src="preview.js"></script>', ...kept].join("\n    ");
  return template.replace("%PDV_CSP%", csp[1] ?? csp[2]).replace("%PDV_SCRIPTS%", tags);
}

/** The webpack configurations: the add-in's own (as is) and the preview's. */
async function configs(outDir, mode) {
  const webpack = require("webpack");
  const saved = process.env.PDV_DIST;
  process.env.PDV_DIST = outDir;
  let addin;
  try {
    addin = await require(path.join(ROOT, "webpack.config.js"))({}, { mode });
  } finally {
    if (saved === undefined) delete process.env.PDV_DIST;
    else process.env.PDV_DIST = saved;
  }
  addin.name = "addin";
  // Both compilations write to outDir: the add-in's clean step must leave the preview's files.
  addin.output = { ...addin.output, clean: { keep: /^preview/ } };

  const preview = {
    name: "preview",
    dependencies: ["addin"],
    context: ROOT,
    // The preview's own code is not what ships: a development build (no minifier) keeps it fast.
    mode: "development",
    devtool: false,
    target: addin.target,
    entry: { preview: "./src/preview/index.ts" },
    output: {
      path: outDir,
      filename: "preview.js",
      chunkFilename: "preview-[name].js",
      publicPath: "",
      // A name of its own, so its chunk loading never mixes with the add-in's runtime.
      uniqueName: "pdvPreview",
      clean: false,
    },
    resolve: addin.resolve,
    module: {
      rules: [...addin.module.rules, { test: /\.csv$/, type: "asset/source" }],
    },
    // Whatever the add-in's build provides to browser code (e.g. Buffer for the .xlsx reader).
    plugins: addin.plugins.filter((p) => p instanceof webpack.ProvidePlugin),
    optimization: { splitChunks: false, runtimeChunk: false },
    performance: { hints: false },
    stats: "errors-warnings",
  };
  return [addin, preview];
}

/** Builds into outDir; resolves with the path of preview.html. */
async function buildPreview({ outDir = DEFAULT_OUT, mode = "production", log = console.log } = {}) {
  const webpack = require("webpack");
  const out = path.resolve(outDir);
  const compiler = webpack(await configs(out, mode));
  const stats = await new Promise((resolve, reject) => {
    compiler.run((err, result) => {
      compiler.close(() => undefined);
      if (err) reject(err);
      else resolve(result);
    });
  });
  if (stats.hasErrors()) {
    throw new Error(`preview: webpack failed\n${stats.toString({ all: false, errors: true, errorDetails: false })}`);
  }
  const html = previewHtml(fs.readFileSync(path.join(out, "taskpane.html"), "utf8"), fs.readFileSync(TEMPLATE, "utf8"));
  const file = path.join(out, "preview.html");
  fs.writeFileSync(file, html);
  log(`[pdv] Bản xem trước đã dựng / preview built: ${file} (${mode})`);
  return file;
}

function parseArgs(argv) {
  const args = { outDir: DEFAULT_OUT, mode: "production" };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") args.outDir = argv[++i];
    else if (argv[i] === "--mode") args.mode = argv[++i];
    else throw new Error(`Dùng / usage: node scripts/preview-build.js [--out <dir>] [--mode production|development] (nhận được / got: ${argv[i]})`);
  }
  if (!["production", "development"].includes(args.mode)) throw new Error(`--mode production|development, không phải ${args.mode}`);
  return args;
}

module.exports = { buildPreview, previewHtml, scriptTags, isOfficeJs, DEFAULT_OUT };

if (require.main === module) {
  buildPreview(parseArgs(process.argv.slice(2))).catch((e) => {
    console.error(e.message || e);
    process.exitCode = 1;
  });
}
