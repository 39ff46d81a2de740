// `npm run bench:h5`: the patient H5 app on a slow phone. The real server on PGlite with the demo hospital, once
// with compression (the build's brotli files, JSON compressed on the fly) and once with COMPRESSION=false;
// headless Chromium on a throttled network (Regular 3G: 750 kbps down, 250 kbps up, 100 ms round trip) with
// its CPU slowed 4×. Each run opens a fresh browser context (an empty cache) and loads a page cold, then
// again (warm: the cache of the first load). Prints the time to content — from the start of navigation until
// the page's first meaningful element is on screen (the home page's departments, a department's doctors) —
// the bytes transferred and the requests. Nothing here asserts timing.
//
//   RUNS=3 npm run bench:h5        (or --runs=3)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../support/chromium';
import { startServerProcess } from '../support/server-process';
import { cleanup, intOption, onCleanup, ROOT, step } from './support';

/** The build measured: miniapp/dist/h5 (built when missing), or H5_DIR. */
const H5_BUILD = process.env.H5_DIR
  ? path.resolve(process.env.H5_DIR)
  : path.join(ROOT, 'miniapp', 'dist', 'h5');
const opts = { runs: intOption('RUNS', 3) };

/** Chrome DevTools' "Regular 3G" preset, and a phone about four times slower than this machine's core. */
const NETWORK = { latency: 100, downloadKbps: 750, uploadKbps: 250 };
const CPU_SLOWDOWN = 4;

interface Load {
  /** Milliseconds from the start of navigation until the content was on screen. */
  contentMs: number;
  /** Bytes received (headers and bodies, as on the wire) until then. */
  bytes: number;
  requests: number;
  /** Of those, answered from the browser's cache without a request reaching the server. */
  fromCache: number;
}

interface Target {
  name: string;
  url: string;
  /** Text of the first meaningful element: when it is visible, the page has its content. */
  content: string;
}

/**
 * Browser code (a string: the tests' TypeScript has no DOM types): records `performance.now()` — milliseconds
 * since the navigation started — into `window.__content` on the first frame that shows `text` on screen.
 */
const watchForContent = (text: string) => `(() => {
  const text = ${JSON.stringify(text)};
  const visible = () => {
    const found = document.evaluate('//*[text()[contains(., "' + text + '")]]', document, null,
      XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
    for (let i = 0; i < found.snapshotLength; i++) {
      const box = found.snapshotItem(i).getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight) return true;
    }
    return false;
  };
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued || window.__content !== undefined) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      if (window.__content === undefined && visible()) {
        window.__content = performance.now();
        observer.disconnect();
      }
    });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})()`;

/** Throttles the page and counts what it receives. */
async function throttle(
  page: Page,
): Promise<{ cdp: CDPSession; reset(): void; read(): Omit<Load, 'contentMs'> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: NETWORK.latency,
    downloadThroughput: (NETWORK.downloadKbps * 1000) / 8,
    uploadThroughput: (NETWORK.uploadKbps * 1000) / 8,
    connectionType: 'cellular3g',
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  let bytes = 0;
  let requests = new Set<string>();
  let cached = new Set<string>();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.request.url.startsWith('http')) requests.add(e.requestId);
  });
  cdp.on('Network.requestServedFromCache', (e) => cached.add(e.requestId));
  cdp.on('Network.responseReceived', (e) => {
    if (e.response.fromDiskCache) cached.add(e.requestId);
  });
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
  });
  return {
    cdp,
    reset: () => {
      bytes = 0;
      requests = new Set();
      cached = new Set();
    },
    read: () => ({
      bytes,
      requests: requests.size,
      fromCache: [...cached].filter((id) => requests.has(id)).length,
    }),
  };
}

async function load(page: Page, meter: Awaited<ReturnType<typeof throttle>>, target: Target): Promise<Load> {
  await page.goto('about:blank');
  meter.reset();
  await page.goto(target.url, { waitUntil: 'commit' });
  // Polled with evaluate (the app's CSP refuses the eval that waitForFunction's predicate needs).
  const deadline = Date.now() + 180_000;
  for (;;) {
    const contentMs = await page
      .evaluate(() => (globalThis as { __content?: number }).__content)
      .catch(() => undefined); // the page is still being replaced
    if (contentMs !== undefined) return { contentMs, ...meter.read() };
    if (Date.now() > deadline) throw new Error(`${target.url}: "${target.content}" not on screen in 180 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** One fresh context (nothing cached): the page cold, then warm. */
async function coldAndWarm(browser: Browser, target: Target): Promise<{ cold: Load; warm: Load }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  try {
    await context.addInitScript({ content: watchForContent(target.content) });
    const page = await context.newPage();
    const meter = await throttle(page);
    const cold = await load(page, meter, target);
    const warm = await load(page, meter, target);
    return { cold, warm };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function printRows(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`;
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

/** A copy of the H5 build, precompressed, that a rebuild meanwhile cannot change under the measurement. */
function snapshotOfBuild(): string {
  if (!fs.existsSync(path.join(H5_BUILD, 'index.html'))) {
    const build = spawnSync('npm', ['run', 'build:h5', '-w', 'miniapp'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('H5 build failed');
  }
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-h5-'));
  onCleanup(() => fs.rmSync(copy, { recursive: true, force: true }));
  fs.cpSync(H5_BUILD, copy, { recursive: true, preserveTimestamps: true });
  const precompress = path.join(ROOT, 'miniapp', 'scripts', 'precompress.mjs');
  const made = spawnSync(process.execPath, [precompress, copy], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`precompress failed: ${made.stderr}`);
  console.log(`  ${made.stdout.trim()}`);
  return copy;
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (apt-get install -y chromium)`);
  const h5 = await step('snapshot and precompress the H5 build', async () => snapshotOfBuild());
  const loadBefore = os.loadavg()[0]!;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-h5-data-'));
  onCleanup(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const browser = await launchChromium();
  onCleanup(() => void browser.close());

  const results: { mode: string; target: string; cold: Load[]; warm: Load[] }[] = [];
  for (const [mode, compression] of [
    ['brotli/gzip', 'true'],
    ['none', 'false'],
  ] as const) {
    // The same database both times (seeded on the first start): one PGlite process at a time.
    const server = await step(`start the server (compression ${mode})`, () =>
      startServerProcess(
        { DATA_DIR: dataDir, H5_DIR: h5, COMPRESSION: compression, SEED_DEMO: 'true' },
        { detached: true },
      ),
    );
    onCleanup(() => {
      try {
        process.kill(-server.child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    });
    const departments = (await (await fetch(`${server.base}/api/v1/departments`)).json()) as {
      items: { id: string; code: string; name: string }[];
    };
    const department = departments.items[0]!;
    const doctors = (await (
      await fetch(`${server.base}/api/v1/departments/${department.id}/doctors`)
    ).json()) as { items: { name: string }[] };
    const targets: Target[] = [
      { name: 'home', url: `${server.base}/h5/`, content: department.name },
      {
        name: `doctors (${department.code})`,
        url: `${server.base}/h5/#/packages/booking/doctors/index?departmentId=${department.id}&name=${encodeURIComponent(department.name)}`,
        content: doctors.items[0]!.name,
      },
    ];
    for (const target of targets) {
      const row = { mode, target: target.name, cold: [] as Load[], warm: [] as Load[] };
      await step(`${target.name}, compression ${mode}: ${opts.runs} × cold + warm`, async () => {
        for (let i = 0; i < opts.runs; i++) {
          const { cold, warm } = await coldAndWarm(browser, target);
          row.cold.push(cold);
          row.warm.push(warm);
        }
      });
      results.push(row);
    }
    server.child.kill('SIGTERM');
    await server.exited;
  }

  const version = browser.version();
  await browser.close();
  console.log(
    `\nH5 app on a slow phone — Chromium ${version}, Regular 3G (${NETWORK.downloadKbps} kbps down, ` +
      `${NETWORK.uploadKbps} kbps up, ${NETWORK.latency} ms RTT), CPU ${CPU_SLOWDOWN}× slower; ` +
      `median of ${opts.runs} runs (min–max); machine load average ${loadBefore.toFixed(1)} at the start, ` +
      `${os.loadavg()[0]!.toFixed(1)} at the end (times stretch with it; bytes do not)\n`,
  );
  const rows: string[][] = [];
  for (const r of results) {
    for (const [load, list] of [
      ['cold', r.cold],
      ['warm', r.warm],
    ] as const) {
      const ms = list.map((l) => l.contentMs);
      rows.push([
        r.target,
        r.mode,
        load,
        `${seconds(median(ms))} (${seconds(Math.min(...ms))}–${seconds(Math.max(...ms))})`,
        kib(median(list.map((l) => l.bytes))),
        `${median(list.map((l) => l.requests))}${load === 'warm' ? `, ${median(list.map((l) => l.fromCache))} from cache` : ''}`,
      ]);
    }
  }
  printRows(['page', 'compression', 'load', 'time to content', 'transferred', 'requests'], rows);
}

main()
  .then(() => {
    cleanup();
    process.exit(0);
  })
  .catch((error) => {
    console.error(error);
    cleanup();
    process.exit(1);
  });
