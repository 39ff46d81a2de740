#!/usr/bin/env node
// Draws the tab bar icons (WeChat only takes local PNG/JPG files there) so they need no design tool:
// `node scripts/tab-icons.mjs [#selectedColour]` rewrites src/assets/tab/*.png. 81×81 px is WeChat's advice.
import { mkdirSync, writeFileSync } from 'node:fs';
import { circle, minus, png, rect, rgb, union } from './png.mjs';

const SIZE = 81;
const colours = { '': '#8a94a0', '-active': process.argv[2] ?? '#0f766e' };

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

const dir = new URL('../src/assets/tab/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [name, paint] of Object.entries(icons))
  for (const [suffix, colour] of Object.entries(colours))
    writeFileSync(
      new URL(`${name}${suffix}.png`, dir),
      png(SIZE, (x, y) => (paint(x, y) ? [...rgb(colour), 255] : null)),
    );
