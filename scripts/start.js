#!/usr/bin/env node
/**
 * `npm start` / `npm run stop`: sideload the add-in into desktop Excel with office-addin-debugging
 * (Windows, macOS). On Linux there is no desktop Excel and office-addin-debugging cannot sideload —
 * worse, it exits 0 when it fails — so say so plainly and start the browser preview instead (or, until
 * the preview exists, explain how to sideload into Excel on the web).
 *
 *   node scripts/start.js [start|stop]
 */
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const MANIFEST = "manifest.xml";
const SIDELOAD_DOCS = "https://learn.microsoft.com/office/dev/add-ins/testing/sideload-office-add-ins-for-testing";

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", shell: process.platform === "win32" });
  if (result.error) throw result.error;
  return result.status === null ? 1 : result.status;
}

function hasScript(name) {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  return Boolean(pkg.scripts && pkg.scripts[name]);
}

function linux(action) {
  console.log(
    [
      "Trên Linux không có Excel cho máy tính: office-addin-debugging không cài (sideload) được add-in,",
      "và nó vẫn báo thành công (mã thoát 0) dù thất bại, nên lệnh này không gọi nó.",
      "On Linux there is no desktop Excel: office-addin-debugging cannot sideload the add-in and exits 0",
      "even when it fails, so this script does not run it.",
      "",
    ].join("\n"),
  );
  if (action === "stop") {
    console.log("Không có gì để dừng. / Nothing to stop (stop the dev server or preview with Ctrl+C).");
    return 0;
  }
  if (hasScript("preview")) {
    console.log("Mở bản xem trước trong trình duyệt: npm run preview / Starting the browser preview: npm run preview\n");
    return run("npm", ["run", "preview"]);
  }
  console.log(
    [
      "Chưa có bản xem trước (npm run preview). Để thử trong Excel trên web:",
      "  1. npm run dev-server            (https://localhost:3000/)",
      "  2. Mở một sổ trong Excel trên web → Trang đầu → Bổ trợ → Thêm → Tải lên bổ trợ của tôi",
      `     → chọn ${MANIFEST} (bản phát triển, trỏ tới localhost).`,
      "No browser preview yet (npm run preview). To try it in Excel on the web:",
      "  1. npm run dev-server",
      `  2. In Excel on the web: Home → Add-ins → More add-ins → Upload My Add-in → ${MANIFEST}.`,
      `Hướng dẫn / Guide: ${SIDELOAD_DOCS}`,
    ].join("\n"),
  );
  return 0;
}

function desktop(action) {
  const bin = path.join(ROOT, "node_modules", ".bin", process.platform === "win32" ? "office-addin-debugging.cmd" : "office-addin-debugging");
  if (!fs.existsSync(bin)) {
    console.error(
      "Thiếu office-addin-debugging (phụ thuộc tùy chọn, có thể đã không cài được). / office-addin-debugging is not installed " +
        `(optional dependency). Sideload by hand: ${SIDELOAD_DOCS}`,
    );
    return 1;
  }
  const args = action === "stop" ? ["stop", MANIFEST] : ["start", MANIFEST, "desktop", "--app", "excel"];
  return run(bin, args);
}

function main() {
  const action = process.argv[2] || "start";
  if (action !== "start" && action !== "stop") {
    console.error(`Dùng / usage: node scripts/start.js [start|stop] (nhận được / got: ${action})`);
    return 2;
  }
  return process.platform === "linux" ? linux(action) : desktop(action);
}

process.exitCode = main();
