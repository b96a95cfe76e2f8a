#!/usr/bin/env node
/**
 * `npm run validate`: offline checks of manifest.xml. Microsoft's validator
 * (office-addin-manifest validate) posts the manifest to a web service that is unreachable offline,
 * so this runs xmllint (well-formedness) and the structural test (test/manifest) instead.
 */
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");

const ROOT = path.join(__dirname, "..");

function step(label, command, args) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(command, args, { cwd: ROOT, stdio: "inherit" });
  if (r.error) {
    console.error(`Không chạy được ${command}: ${r.error.message}${command === "xmllint" ? " (apt-get install libxml2-utils)" : ""}`);
    return false;
  }
  return r.status === 0;
}

const ok =
  step("xmllint --noout manifest.xml", "xmllint", ["--noout", "manifest.xml"]) &&
  step("jest test/manifest", process.execPath, [path.join(ROOT, "node_modules", "jest", "bin", "jest.js"), "test/manifest"]);

console.log(
  "\nLưu ý: trình kiểm tra trực tuyến của Microsoft (office-addin-manifest validate) cần Internet; khi ngoại tuyến chỉ có các kiểm tra trên." +
    "\nNote: Microsoft's online validator (office-addin-manifest validate) needs the Internet and is not run offline.",
);
console.log(ok ? "Manifest hợp lệ theo các kiểm tra ngoại tuyến. / Manifest passes the offline checks." : "Manifest KHÔNG đạt. / Manifest FAILED.");
process.exitCode = ok ? 0 : 1;
