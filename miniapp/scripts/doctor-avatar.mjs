#!/usr/bin/env node
// Draws the default doctor picture, shown wherever a doctor has no photo (`node scripts/doctor-avatar.mjs`
// rewrites src/assets/doctor-default.png): a plain head-and-shoulders outline in a white coat's collar on the
// brand's pale teal, so it reads at once as "no photo" and never as somebody's portrait. 192 px is 96 CSS px
// at 2× (the largest size it is shown at).
import { writeFileSync } from 'node:fs';
import { circle, minus, png, rect, rgb } from './png.mjs';

const SIZE = 192;
const background = [...rgb('#e6f3f1'), 255];
const figure = [...rgb('#8cc2b8'), 255];
const coat = [...rgb('#ffffff'), 255];

const head = circle(0.5, 0.4, 0.17);
const shoulders = (x, y) => y <= 1 && circle(0.5, 1.04, 0.42)(x, y);
// The coat's open collar: a V from the shoulders down to the chest, inside the shoulders.
const collar = minus(
  (x, y) => shoulders(x, y) && y >= 0.64 && Math.abs(x - 0.5) <= 0.2 - (y - 0.64) * 0.55,
  (x, y) => Math.abs(x - 0.5) <= 0.06 - (y - 0.64) * 0.15 || rect(0, 0, 1, 0.66)(x, y),
);

writeFileSync(
  new URL('../src/assets/doctor-default.png', import.meta.url),
  png(SIZE, (x, y) => (collar(x, y) ? coat : head(x, y) || shoulders(x, y) ? figure : background)),
);
