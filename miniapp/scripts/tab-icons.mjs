#!/usr/bin/env node
// Draws the tab bar icons (WeChat only takes local PNG/JPG files there) so they need no design tool:
// `node scripts/tab-icons.mjs [#selectedColour]` rewrites src/assets/tab/*.png. 81×81 px is WeChat's advice.
import { mkdirSync, writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 81;
const SAMPLES = 4; // per axis, for anti-aliasing
const colours = { '': '#8a94a0', '-active': process.argv[2] ?? '#0f766e' };

// Shapes in a unit square; each returns true when (x, y) is painted.
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const union =
  (...s) =>
  (x, y) =>
    s.some((f) => f(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);
const roof = (x, y) => y >= 0.14 && y <= 0.48 && Math.abs(x - 0.5) <= (y - 0.14) * 1.15;

const icons = {
  home: minus(union(roof, rect(0.24, 0.44, 0.76, 0.86)), rect(0.43, 0.62, 0.57, 0.86)),
  bookings: union(
    minus(rect(0.16, 0.22, 0.84, 0.86), rect(0.22, 0.4, 0.78, 0.8)),
    rect(0.3, 0.12, 0.37, 0.3),
    rect(0.63, 0.12, 0.7, 0.3),
    rect(0.3, 0.5, 0.44, 0.62),
    rect(0.56, 0.5, 0.7, 0.62),
  ),
  me: union(circle(0.5, 0.32, 0.17), (x, y) => y <= 0.86 && circle(0.5, 0.94, 0.36)(x, y)),
};

function png(paint, hex) {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let py = 0; py < SIZE; py++) {
    raw[py * (SIZE * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++)
          if (paint((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE)) hits++;
      raw.set([r, g, b, Math.round((255 * hits) / SAMPLES ** 2)], py * (SIZE * 4 + 1) + 1 + px * 4);
    }
  }
  const chunk = (type, data) => {
    const out = Buffer.alloc(data.length + 12);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'ascii');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = new URL('../src/assets/tab/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [name, paint] of Object.entries(icons))
  for (const [suffix, colour] of Object.entries(colours))
    writeFileSync(new URL(`${name}${suffix}.png`, dir), png(paint, colour));
