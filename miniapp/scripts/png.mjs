// A minimal PNG encoder (8-bit RGBA, no filter) for the pictures the build scripts draw, so they need no
// design tool and no image library.
import { crc32, deflateSync } from 'node:zlib';

/** Anti-aliasing: samples per pixel and axis. */
const SAMPLES = 4;

/**
 * Encodes a size×size picture. `colourAt(x, y)` gets a point of the unit square and answers its colour as
 * [r, g, b, a] (0–255), or null where nothing is painted; each pixel averages SAMPLES² points.
 */
export function png(size, colourAt) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = colourAt((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          if (!c) continue;
          // Colours weighted by their alpha, so edges blend towards the painted colour, not towards black.
          for (let i = 0; i < 3; i++) sum[i] += c[i] * c[3];
          sum[3] += c[3];
        }
      const alpha = sum[3] / SAMPLES ** 2;
      const rgb = sum[3] ? sum.slice(0, 3).map((v) => Math.round(v / sum[3])) : [0, 0, 0];
      raw.set([...rgb, Math.round(alpha)], py * (size * 4 + 1) + 1 + px * 4);
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
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** '#rrggbb' → [r, g, b]. */
export const rgb = (hex) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));

// Shapes in a unit square; each returns true when (x, y) is painted.
export const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
export const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
export const union =
  (...s) =>
  (x, y) =>
    s.some((f) => f(x, y));
export const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);
