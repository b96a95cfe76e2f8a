#!/usr/bin/env node
/**
 * Writes the add-in's ribbon and catalogue icons (assets/icon-<size>.png) with a tiny PNG encoder
 * (no ImageMagick needed): a red rounded square with a yellow five-pointed star and a small
 * white bar chart at the foot. Run: node scripts/make-icons.js [outDir]
 */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];

/* ---------------------------------------------------------------- PNG encoding */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels (width*height*4 bytes, row-major) → PNG file bytes (8-bit RGBA, no interlace). */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/* ---------------------------------------------------------------- drawing (unit square 0..1) */

const RED = [200, 16, 46];
const YELLOW = [255, 205, 0];
const WHITE = [255, 255, 255];

function starPolygon(cx, cy, outer, inner) {
  const pts = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return pts;
}

function inPolygon(x, y, pts) {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inRoundedSquare(x, y, radius) {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

const STAR = starPolygon(0.5, 0.43, 0.33, 0.135);
const BARS = [
  [0.22, 0.78, 0.33, 0.88],
  [0.445, 0.72, 0.555, 0.88],
  [0.67, 0.66, 0.78, 0.88],
];

/** Colour (RGBA, 0..255) of a point of the unit square, or null when transparent. */
function colourAt(x, y, small) {
  if (!inRoundedSquare(x, y, 0.18)) return null;
  // At 16 px the bars would be mush: a bigger star alone reads better.
  if (small) {
    if (inPolygon(x, y, starPolygon(0.5, 0.53, 0.42, 0.17))) return YELLOW;
    return RED;
  }
  if (inPolygon(x, y, STAR)) return YELLOW;
  for (const [x0, y0, x1, y1] of BARS) if (x >= x0 && x <= x1 && y >= y0 && y <= y1) return WHITE;
  return RED;
}

/** Render with 4×4 supersampling for smooth edges. */
function render(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const ss = 4;
  const small = size <= 16;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = colourAt((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size, small);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
        rgba[o + 3] = Math.round((255 * a) / (ss * ss));
      }
    }
  }
  return rgba;
}

function main() {
  const outDir = path.resolve(process.argv[2] || path.join(__dirname, "..", "assets"));
  fs.mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, size, render(size)));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

if (require.main === module) main();

module.exports = { encodePng, crc32, SIZES };
