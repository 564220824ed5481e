// Draws the five tab-bar icons (81×81 PNG, grey and green) without any image library: each icon is
// an "is this point inside?" function sampled 4×4 per pixel for smooth edges. WeChat requires
// icon files (≤ 40 KB each); these are ~1 KB. Run: node scripts/make-tab-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 81;
const OUT = join(dirname(fileURLToPath(import.meta.url)), '../src/assets/tabbar');
const COLORS = { '': [0x8a, 0x90, 0x99], '-active': [0x07, 0xa3, 0x5a] };

// Shapes in a 0..1 unit square.
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const union =
  (...fs) =>
  (x, y) =>
    fs.some((f) => f(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);
const triangle = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const s = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = s(ax, ay, bx, by),
    d2 = s(bx, by, cx, cy),
    d3 = s(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (!rect(x0, y0, x1, y1)(x, y)) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const outline = (outer, inner) => minus(outer, inner);
// The classic heart curve (x²+y²−1)³ − x²y³ ≤ 0, which spans x ±1.14 and y −1…1.24, scaled to `r`.
const heart = (cx, cy, r) => (x, y) => {
  const u = (x - cx) / r,
    v = (cy - y) / r + 0.12;
  return (u * u + v * v - 1) ** 3 - u * u * v * v * v <= 0;
};

const icons = {
  // 首页: a house with a door.
  home: union(
    outline(triangle(0.5, 0.1, 0.06, 0.5, 0.94, 0.5), triangle(0.5, 0.22, 0.22, 0.47, 0.78, 0.47)),
    outline(rect(0.18, 0.44, 0.82, 0.9), rect(0.26, 0.5, 0.74, 0.82)),
    rect(0.42, 0.6, 0.58, 0.9),
  ),
  // 诉求: a speech bubble with three dots.
  grievances: union(
    outline(roundRect(0.08, 0.14, 0.92, 0.72, 0.14), roundRect(0.16, 0.22, 0.84, 0.64, 0.08)),
    triangle(0.24, 0.68, 0.44, 0.68, 0.22, 0.9),
    circle(0.32, 0.43, 0.055),
    circle(0.5, 0.43, 0.055),
    circle(0.68, 0.43, 0.055),
  ),
  // 志愿: a heart.
  volunteer: outline(heart(0.5, 0.47, 0.3), heart(0.5, 0.45, 0.2)),
  // 议事: a ballot going into a box.
  agora: union(
    outline(roundRect(0.1, 0.46, 0.9, 0.9, 0.06), roundRect(0.18, 0.54, 0.82, 0.82, 0.03)),
    rect(0.3, 0.42, 0.7, 0.5),
    outline(rect(0.34, 0.1, 0.66, 0.46), rect(0.41, 0.17, 0.59, 0.46)),
  ),
  // 我的: a person.
  me: union(
    outline(circle(0.5, 0.3, 0.2), circle(0.5, 0.3, 0.12)),
    minus(outline(circle(0.5, 0.98, 0.42), circle(0.5, 0.98, 0.34)), rect(0, 0.92, 1, 1)),
    rect(0.08, 0.86, 0.92, 0.92),
  ),
};

function crcTable() {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}
const TABLE = crcTable();
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(shape, [r, g, b]) {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  const S = 4;
  for (let py = 0; py < SIZE; py++) {
    raw[py * (SIZE * 4 + 1)] = 0;
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) if (shape((px + (sx + 0.5) / S) / SIZE, (py + (sy + 0.5) / S) / SIZE)) hits++;
      const o = py * (SIZE * 4 + 1) + 1 + px * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round((hits / (S * S)) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT, { recursive: true });
for (const [name, shape] of Object.entries(icons)) {
  for (const [suffix, color] of Object.entries(COLORS)) {
    const file = join(OUT, `${name}${suffix}.png`);
    writeFileSync(file, png(shape, color));
  }
}
console.log(`wrote ${Object.keys(icons).length * 2} icons to ${OUT}`);
