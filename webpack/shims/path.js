/**
 * Browser stand-in for the few `path` functions reachable from the task pane (src/workbook/xlsx.ts
 * names files with basename/extname). POSIX semantics, "/" and "\" both separate. The Node-only
 * parts of xlsx.ts (reading and writing files) are never called in the browser.
 */
"use strict";

function basename(p, ext) {
  const parts = String(p).split(/[\\/]/);
  let base = parts[parts.length - 1] || parts[parts.length - 2] || "";
  if (ext && base.endsWith(ext) && base !== ext) base = base.slice(0, -ext.length);
  return base;
}

function extname(p) {
  const base = basename(p);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot);
}

function dirname(p) {
  const s = String(p);
  const i = Math.max(s.lastIndexOf("/"), s.lastIndexOf("\\"));
  return i < 0 ? "." : i === 0 ? s[0] : s.slice(0, i);
}

function join(...parts) {
  return parts.filter((x) => x !== "").join("/").replace(/\/+/g, "/");
}

function resolve(...parts) {
  return join(...parts);
}

module.exports = { basename, extname, dirname, join, resolve, sep: "/" };
