/**
 * Browser stand-in for `zlib.inflateRawSync(data, { maxOutputLength })`, the one zlib call the task
 * pane makes (the zip-bomb guard of src/workbook/xlsx.ts), on pako (ExcelJS's zip library
 * already ships it). Output beyond maxOutputLength throws a RangeError at once, as Node does.
 */
"use strict";
const pako = require("pako");

function inflateRawSync(data, options) {
  const limit = options && options.maxOutputLength ? options.maxOutputLength : Infinity;
  const chunks = [];
  let total = 0;
  const inflator = new pako.Inflate({ raw: true, chunkSize: 64 * 1024 });
  inflator.onData = (chunk) => {
    total += chunk.length;
    if (total > limit) {
      const err = new RangeError("Cannot create a Buffer larger than maxOutputLength");
      err.code = "ERR_BUFFER_TOO_LARGE";
      throw err;
    }
    chunks.push(chunk);
  };
  inflator.push(data instanceof Uint8Array ? data : new Uint8Array(data), true);
  if (inflator.err) throw new Error(inflator.msg || "invalid deflate data");
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Writing .xlsx files (XlsxPort.toBuffer: deflate, CRC) happens only on Node (the command line); the
 * task pane reads files and never saves one. These stand-ins fail plainly if that ever changes.
 */
function deflateRawSync() {
  throw new Error("zlib.deflateRawSync is not available in the browser build");
}
const constants = { Z_SYNC_FLUSH: 2 };
// No native CRC-32 here: xlsx.ts falls back to its own table when this is not a function.
const crc32 = undefined;

module.exports = { inflateRawSync, deflateRawSync, constants, crc32 };
