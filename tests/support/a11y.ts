/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// What a page must meet for older patients (适老化; the national design rules for mobile apps and WCAG 2.2 AA),
// checked in the browser on what is on screen: text contrast at least 4.5:1 (axe-core's color-contrast rule),
// touch targets at least 44 × 44 CSS px, and no text squeezed to one character a line.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export interface A11yProblem {
  rule: 'contrast' | 'target-size' | 'one-char-lines';
  /** What the patient sees there: the element's text (or its class when it has none). */
  where: string;
  detail: string;
}

const AXE = fs.readFileSync(path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');

/** Elements a finger taps: buttons, tappable cells and rows, tabs, choices, inputs. */
const TAP_TARGETS = [
  'button',
  'a[href]',
  '[role="button"]',
  'taro-button-core',
  '.nut-button',
  '.nut-cell--clickable',
  '.tap',
  '.taro-tabbar__tabbar-item',
  '.nut-tabs-titles-item',
  '.nut-radio',
  '.nut-checkbox',
  '.nut-dialog-footer .nut-button',
  'input:not([type="hidden"])',
  'taro-input-core',
].join(',');

// Runs in the page, as source text: a compiled function could reference the test compiler's helpers.
const LAYOUT_CHECK = `function (selector, min) {
  function visible(el) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) return false;
    // Taro's H5 router keeps earlier pages in the DOM, hidden.
    return !el.closest('.taro_page[style*="display: none"]');
  }
  function label(el) {
    return (el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 40) ||
      '<' + el.tagName.toLowerCase() + ' class="' + el.className + '">';
  }
  const small = [];
  for (const el of Array.from(document.querySelectorAll(selector))) {
    if (!visible(el)) continue;
    // A target inside a bigger target (a label in a cell) is tapped through its parent.
    const parent = el.parentElement && el.parentElement.closest(selector);
    if (parent && visible(parent)) continue;
    const r = el.getBoundingClientRect();
    if (r.width + 0.5 < min || r.height + 0.5 < min) {
      small.push({ where: label(el), detail: Math.round(r.width) + ' × ' + Math.round(r.height) + ' px' });
    }
  }
  const squeezed = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent || '').trim();
    const chars = Array.from(text).length;
    if (chars < 3 || !node.parentElement || !visible(node.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
    // As many lines as characters (give or take one): the box is one character wide.
    if (tops.size >= 3 && tops.size >= chars - 1) {
      squeezed.push({ where: text.slice(0, 40), detail: chars + ' characters on ' + tops.size + ' lines' });
    }
  }
  return { small, squeezed };
}`;

/** Checks the visible page; returns every problem found (an empty list when it passes). */
export async function checkA11y(page: Page, opts: { minTarget?: number } = {}): Promise<A11yProblem[]> {
  const minTarget = opts.minTarget ?? 44;
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy (rightly) refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const contrast = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected above
    const axe = (window as any).axe;
    const result = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } });
    // biome-ignore lint/suspicious/noExplicitAny: axe's result shape
    return result.violations.flatMap((v: any) =>
      // biome-ignore lint/suspicious/noExplicitAny: axe's result shape
      v.nodes.map((n: any) => ({
        where: String(n.target?.[0] ?? ''),
        html: String(n.html ?? '').slice(0, 120),
        detail: String(n.any?.[0]?.message ?? n.failureSummary ?? ''),
      })),
    );
  });
  const layout = (await page.evaluate(`(${LAYOUT_CHECK})(${JSON.stringify(TAP_TARGETS)}, ${minTarget})`)) as {
    small: Array<{ where: string; detail: string }>;
    squeezed: Array<{ where: string; detail: string }>;
  };
  return [
    // biome-ignore lint/suspicious/noExplicitAny: from page.evaluate
    ...contrast.map((c: any) => ({
      rule: 'contrast' as const,
      where: `${c.where} ${c.html}`,
      detail: c.detail,
    })),
    ...layout.small.map((s) => ({ rule: 'target-size' as const, ...s })),
    ...layout.squeezed.map((s) => ({ rule: 'one-char-lines' as const, ...s })),
  ];
}
