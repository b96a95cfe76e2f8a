#!/usr/bin/env node
/**
 * `npm run preview`: build the browser preview (scripts/preview-build.js) and serve it on
 * http://localhost:3000/preview.html — the production task pane against an in-page fake Excel
 * holding the sample district. No Office, no network needed.
 *
 *   node scripts/preview.js [--dev] [--no-build] [--port <n>] [--out <dir>]
 *
 *   --dev       development build of the add-in (faster; default: production, what ships)
 *   --no-build  serve what an earlier build left in the output folder
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { buildPreview, DEFAULT_OUT } = require("./preview-build");
const { serveStatic } = require("./static-server");

async function main() {
  const argv = process.argv.slice(2);
  const opts = { dev: false, build: true, port: Number(process.env.npm_package_config_dev_server_port || 3000), out: DEFAULT_OUT };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--dev") opts.dev = true;
    else if (argv[i] === "--no-build") opts.build = false;
    else if (argv[i] === "--port") opts.port = Number(argv[++i]);
    else if (argv[i] === "--out") opts.out = path.resolve(argv[++i]);
    else throw new Error(`Dùng / usage: node scripts/preview.js [--dev] [--no-build] [--port <n>] [--out <dir>] (nhận được / got: ${argv[i]})`);
  }
  if (opts.build) {
    console.log(`[pdv] Đang dựng bản xem trước (${opts.dev ? "development" : "production"}, 1–3 phút)… / Building the preview…`);
    await buildPreview({ outDir: opts.out, mode: opts.dev ? "development" : "production" });
  } else if (!fs.existsSync(path.join(opts.out, "preview.html"))) {
    throw new Error(`Chưa có bản dựng trong ${opts.out}: chạy lại không có --no-build. / No build in ${opts.out}.`);
  }
  const { url } = await serveStatic(opts.out, { host: "localhost", port: opts.port });
  console.log(
    [
      "",
      `  Xem thử PDV trong trình duyệt / PDV browser preview:  ${url}/preview.html`,
      `  Sổ có một đơn vị lỗi / with a broken unit:             ${url}/preview.html?broken=1`,
      `  Sổ trống / empty workbook:                             ${url}/preview.html?book=empty`,
      "",
      "  Excel ở đây là bản giả lập trong trang (src/host/fake-excel.ts); Ctrl+C để dừng.",
      "  Excel here is an in-page fake (src/host/fake-excel.ts); Ctrl+C to stop.",
    ].join("\n"),
  );
}

main().catch((e) => {
  console.error(`[pdv] ${e.message || e}`);
  process.exitCode = 1;
});
