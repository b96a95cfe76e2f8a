#!/usr/bin/env node
// Entry point of the `pdv` command: runs the compiled CLI (built by `npm install` through `prepare`).
"use strict";
const path = require("path");
const fs = require("fs");
const main = path.join(__dirname, "..", "build", "cli", "main.js");
if (!fs.existsSync(main)) {
  process.stderr.write("pdv: chưa biên dịch; hãy chạy `npm install` (hoặc `npm run build:cli`) trước.\n");
  process.exit(2);
}
require(main).run(process.argv.slice(2)).then((code) => { process.exitCode = code; });
