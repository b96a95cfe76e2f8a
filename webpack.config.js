/**
 * Webpack build of the PDV add-in: one shared-runtime page (taskpane.html) that loads office.js and
 * three bundles (custom functions, ribbon commands, task pane), plus functions.json, the manifest
 * and the icons.
 *
 *   npm run build        production build into dist/ (manifest URLs rewritten to PRODUCTION_URL)
 *   npm run build:dev    development build (URLs stay https://localhost:3000/)
 *   npm run dev-server   https dev server on port 3000 (office-addin-dev-certs; http if that fails)
 *
 * Switches (environment variables):
 *   PDV_OFFICE_JS=local  copy the few office.js files needed into dist/office-js/ and load them from
 *                        there instead of Microsoft's CDN (offline tests, the browser preview).
 *   PDV_DIST=<dir>       output directory (default dist/); the build test writes to a temp dir.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const fs = require("fs");
const path = require("path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

/** Where the add-in is hosted in production. The one place to change it. */
const PRODUCTION_URL = "https://pdv.example.vn/";
/** The development URL written in manifest.xml; replaced by PRODUCTION_URL in production builds. */
const DEV_URL = "https://localhost:3000/";
const DEV_PORT = Number(process.env.npm_package_config_dev_server_port || 3000);

const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_JS_HOST = "https://appsforoffice.microsoft.com";
const OFFICE_JS_DIST = path.join(__dirname, "node_modules", "@microsoft", "office-js", "dist");
/**
 * The office.js files copied for PDV_OFFICE_JS=local. office.js is a loader: inside Excel it then
 * loads the host file for the platform (Excel on the web: excel-web-16.00.js) and the strings of the
 * UI locale (with en-us as fallback); outside Office (no host information) it takes the Office 2013
 * path and loads o15apptofilemappingtable.js, without which Office.onReady never resolves (seen in
 * headless Chromium). The whole dist is 86 MB, so only these are copied (and marked minimized so
 * terser leaves them alone).
 */
const OFFICE_JS_FILES = [
  "office.js",
  "o15apptofilemappingtable.js",
  "en-us/office_strings.js",
  "vi-vn/office_strings.js",
  "excel-web-16.00.js",
  "custom-functions-runtime.js",
];

/** Content-Security-Policy of the page: scripts only from the add-in's origin and Office's script host. */
function contentSecurityPolicy(dev) {
  const connect = dev ? "'self' ws: wss:" : "'self'";
  return [
    "default-src 'self'",
    `script-src 'self' ${OFFICE_JS_HOST}`,
    // Fluent UI (Griffel) inserts its CSS in <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/**
 * https options for the dev server, or null (plain http) when no certificate can be had.
 * Windows and macOS: office-addin-dev-certs makes the certificates and trusts its CA the first time,
 * as the Office templates do. Linux: its installer runs `sudo`, which a dev server should not do
 * unasked, so the certificates are only generated (trust them once with
 * `npx office-addin-dev-certs install`).
 */
async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const defaults = require("office-addin-dev-certs/lib/defaults");
  const generatedOnly = async (why) => {
    if (!fs.existsSync(defaults.localhostCertificatePath) || !fs.existsSync(defaults.localhostKeyPath)) {
      await devCerts.generateCertificates();
    }
    console.warn(
      `[pdv] https với chứng chỉ phát triển chưa được hệ thống tin cậy (${why}). Tin cậy một lần bằng: npx office-addin-dev-certs install\n` +
        `[pdv] https with a development certificate the system does not trust yet (${why}). Trust it once: npx office-addin-dev-certs install`,
    );
    return {
      key: fs.readFileSync(defaults.localhostKeyPath),
      cert: fs.readFileSync(defaults.localhostCertificatePath),
      ca: fs.readFileSync(defaults.caCertificatePath),
    };
  };
  try {
    if (process.platform === "linux") return await generatedOnly("Linux: no automatic sudo install");
    try {
      return await devCerts.getHttpsServerOptions();
    } catch (installError) {
      return await generatedOnly(installError.message || String(installError));
    }
  } catch (error) {
    console.warn(
      `[pdv] KHÔNG có https: không tạo được chứng chỉ (${error.message || error}). Máy chủ chạy http://localhost:${DEV_PORT}/; ` +
        "Office cần https nên chỉ dùng được cho bản xem trước.\n" +
        "[pdv] NO https: certificates could not be made; serving plain http, which Office will not load (preview only).",
    );
    return null;
  }
}

/**
 * Drops `allowCustomDataForDataTypeAny` from functions.json. custom-functions-metadata adds it
 * (true) to every file; it is a CustomFunctionsRuntime 1.4 feature that perpetual Office 2021/LTSC
 * lacks, and PDV's functions take and return no data types (numbers and text only), so the flag
 * would only narrow where the add-in runs (README, "Requirement sets").
 */
class DropDataTypeFlagPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("PdvDropDataTypeFlag", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "PdvDropDataTypeFlag", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          const asset = compilation.getAsset("functions.json");
          if (!asset) return;
          const meta = JSON.parse(asset.source.source().toString());
          delete meta.allowCustomDataForDataTypeAny;
          compilation.updateAsset("functions.json", new webpack.sources.RawSource(JSON.stringify(meta, null, 2)));
        },
      );
    });
  }
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== "production";
  const serving = Boolean(env.WEBPACK_SERVE);
  const localOfficeJs = process.env.PDV_OFFICE_JS === "local";
  const outDir = path.resolve(process.env.PDV_DIST || path.join(__dirname, "dist"));
  const https = serving ? await httpsOptions() : null;

  const copyPatterns = [
    { from: "assets/*.png", to: "assets/[name][ext]" },
    { from: "assets/*.html", to: "assets/[name][ext]", noErrorOnMissing: true },
    {
      from: "manifest.xml",
      to: "manifest.xml",
      transform(content) {
        if (dev) return content;
        return content.toString().split(DEV_URL).join(PRODUCTION_URL);
      },
    },
  ];
  if (localOfficeJs) {
    for (const file of OFFICE_JS_FILES) {
      copyPatterns.push({
        from: path.join(OFFICE_JS_DIST, file),
        to: `office-js/${file}`,
        info: { minimized: true },
      });
    }
  }

  return {
    mode: dev ? "development" : "production",
    // Office's current webviews (WebView2, WKWebView) run ES2020; the source targets it too. Knowing
    // globalThis exists, webpack's runtime needs no `new Function("return this")` fallback.
    target: ["web", "es2020"],
    // No eval-based source maps: the page's CSP has no 'unsafe-eval'.
    devtool: dev ? "cheap-module-source-map" : "source-map",
    entry: {
      functions: "./src/functions/functions.ts",
      commands: "./src/commands/commands.ts",
      taskpane: "./src/taskpane/index.tsx",
    },
    output: {
      path: outDir,
      filename: "[name].js",
      chunkFilename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: true,
      publicPath: "",
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
      // src/workbook/xlsx.ts is written for Node; the task pane imports it (lazily) to read unit
      // files. Only its bytes-in path runs in the browser: file access is left out (fs: false) and
      // the two Node calls on that path get small stand-ins (webpack/shims). Remove these once the
      // reader has a browser-safe module of its own.
      fallback: {
        fs: false,
        path: path.join(__dirname, "webpack", "shims", "path.js"),
        zlib: path.join(__dirname, "webpack", "shims", "zlib.js"),
      },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type checking is `npm run lint` (tsc --noEmit); the build only transpiles.
            options: { transpileOnly: true, compilerOptions: { module: "esnext", sourceMap: true } },
          },
        },
      ],
    },
    optimization: {
      // One webpack runtime for the three entries on the shared page: a module imported by two of
      // them (flows, the notice board) is instantiated once, so commands and task pane share state.
      runtimeChunk: "single",
      splitChunks: {
        chunks: "all",
        cacheGroups: {
          react: {
            test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/,
            name: "vendor-react",
            chunks: "initial",
            priority: 30,
          },
          fluent: {
            test: /[\\/]node_modules[\\/](@fluentui|@griffel|@floating-ui|tabster|keyborg|@swc|tslib)[\\/]/,
            name: "vendor-fluent",
            chunks: "initial",
            priority: 20,
          },
          vendor: {
            test: /[\\/]node_modules[\\/]/,
            name: "vendor",
            // Initial chunks only: what the task pane imports lazily (ExcelJS for unit files)
            // stays in its own chunk, loaded on first use.
            chunks: "initial",
            priority: 10,
          },
        },
      },
    },
    performance: {
      hints: dev ? false : "warning",
      // What the task pane loads before it can paint (React, Fluent UI, PDV): 700 KiB at the end of
      // November 2026 (the core's fast paths for issue 11 added 2 KiB). A guard against a library
      // slipping into the first load; the budget itself is `npm run bench`'s gzipped size (≤ 300 kB).
      maxEntrypointSize: 740 * 1024,
      // ExcelJS (lazy, ~1 MB) is the largest chunk; Microsoft's office.js copies are not ours to size.
      maxAssetSize: 1100 * 1024,
      assetFilter: (file) => file.endsWith(".js") && !file.startsWith("office-js/"),
    },
    plugins: [
      // xlsx.ts wraps bytes in a Node Buffer for ExcelJS.
      new webpack.ProvidePlugin({ Buffer: ["buffer", "Buffer"] }),
      new CustomFunctionsMetadataPlugin({
        input: "./src/functions/functions.ts",
        output: "functions.json",
      }),
      new DropDataTypeFlagPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "commands", "taskpane"],
        chunksSortMode: "manual",
        scriptLoading: "defer",
        inject: "head",
        templateParameters: {
          officeJs: localOfficeJs ? "office-js/office.js" : OFFICE_JS_CDN,
          csp: contentSecurityPolicy(dev),
        },
      }),
      new CopyWebpackPlugin({ patterns: copyPatterns }),
    ],
    devServer: {
      port: DEV_PORT,
      hot: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: https ? { type: "https", options: https } : "http",
      static: false,
      client: { overlay: { warnings: false, errors: true } },
    },
  };
};

module.exports.PRODUCTION_URL = PRODUCTION_URL;
module.exports.DEV_URL = DEV_URL;
module.exports.OFFICE_JS_CDN = OFFICE_JS_CDN;
module.exports.OFFICE_JS_FILES = OFFICE_JS_FILES;
