// Drives the preview in a real browser: Debian's Chromium through playwright-core (it cannot download
// its own browser here). Shared by `npm run screenshots` and the browser checks (tests/browser).
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** iPhone X's CSS viewport, the size WeChat's design drafts use. */
export const PHONE = { width: 375, height: 812 };

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Opens a preview address in the tab and waits until the page has settled: the runtime started, no
 * call to the emulator in flight for a while, fonts loaded. Collects console errors, uncaught
 * exceptions and unhandled rejections in `problems` (cleared per open).
 */
export function watch(tab) {
  const problems = [];
  tab.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  tab.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

export async function openAndSettle(tab, url) {
  await tab.goto(url, { waitUntil: 'load' });
  await settle(tab);
}

/** Quiet = nothing in flight for several consecutive checks (a call's answer may start another). */
export async function settle(tab, { quietChecks = 4, intervalMs = 60, timeoutMs = 45_000 } = {}) {
  await tab.waitForFunction(() => Boolean(window.__yztPreview) || Boolean(document.querySelector('.yzt-missing')), null, {
    timeout: timeoutMs,
  });
  const deadline = Date.now() + timeoutMs;
  for (let quiet = 0; quiet < quietChecks;) {
    if (Date.now() > deadline) throw new Error('the page never settled: calls keep going');
    await tab.waitForTimeout(intervalMs);
    const busy = await tab.evaluate(() => window.__yztPreview?.inFlight() ?? 0);
    quiet = busy === 0 ? quiet + 1 : 0;
  }
  await tab.evaluate(() =>
    document.fonts.ready.then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))),
  );
}

/** Sets the viewport width (rpx follows it) and lets layout settle. */
export async function resize(tab, width) {
  await tab.setViewportSize({ width, height: PHONE.height });
  await tab.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Large text (关怀模式) on or off in the open page, as WeChat's font setting changes rem. */
export async function setLargeText(tab, on) {
  await tab.evaluate((large) => {
    document.documentElement.classList.toggle('yzt-large-text', large);
    return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }, on);
}

// ---- layout facts, measured inside the page ----------------------------------------------------

/** Elements of the page in front that reach past the phone's right edge (or its left). */
export async function overflow(tab) {
  const found = await tab.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const root = document.querySelector('.yzt-page:not([hidden])');
    if (!root) return [];
    const found = [];
    for (const element of root.querySelectorAll('*')) {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || style.position === 'fixed') continue;
      // Content inside a horizontal scroller is meant to scroll.
      if (element.closest('wx-scroll-view[scroll-x]') && element.tagName !== 'WX-SCROLL-VIEW') continue;
      if (rect.right > width + 0.5 || rect.left < -0.5) {
        found.push({ element: describe(element), left: Math.round(rect.left), right: Math.round(rect.right), width });
      }
    }
    // Report the outermost offenders only: their children overflow with them.
    return found
      .filter((item, index) => index === 0 || !found.slice(0, index).some((outer) => item.element.startsWith(outer.element)))
      .slice(0, 5);
    function describe(element) {
      const path = [];
      for (let node = element; node && node !== root; node = node.parentElement) {
        path.unshift(`${node.tagName.toLowerCase()}${node.classList.length ? `.${[...node.classList].join('.')}` : ''}`);
      }
      return `${path.slice(-3).join(' > ')} "${(element.textContent ?? '').trim().slice(0, 30)}"`;
    }
  });
  if (found.length) return found;
  const scrolls = await tab.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 0.5);
  return scrolls ? [{ element: 'the document scrolls sideways' }] : [];
}

/**
 * Primary actions smaller than 44×44 px: TDesign buttons of the primary theme and builtin buttons of
 * type primary, except those a page marks secondary by making them small (`size="small"`/`mini`).
 */
export function smallPrimaryActions(tab, minimum = 44) {
  return tab.evaluate((min) => {
    const root = document.querySelector('.yzt-page:not([hidden])');
    if (!root) return [];
    const primary = [...root.querySelectorAll('wx-button')].filter(
      (button) =>
        (button.getAttribute('type') === 'primary' && button.getAttribute('size') !== 'mini') ||
        ([...button.classList].some((name) => name.endsWith('t-button--primary')) &&
          ![...button.classList].some((name) => name.endsWith('t-button--size-small') || name.endsWith('t-button--size-extra-small'))),
    );
    return primary
      .map((button) => ({ button, rect: button.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width > 0 && rect.height > 0 && (rect.width < min || rect.height < min))
      .map(({ button, rect }) => ({
        text: (button.textContent ?? '').trim().slice(0, 30),
        width: Math.round(rect.width),
        height: Math.round(rect.height),
      }));
  }, minimum);
}

/**
 * Text below WCAG AA contrast: 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold). Each visible
 * text run of the page against the first opaque background behind it; disabled controls and text
 * over images are exempt, as WCAG exempts them.
 */
export function lowContrastText(tab) {
  return tab.evaluate(() => {
    const root = document.querySelector('.yzt-page:not([hidden])');
    if (!root) return [];
    const parse = (color) => {
      const match = /rgba?\(([^)]+)\)/.exec(color);
      if (!match) return null;
      const [r, g, b, a = 1] = match[1]
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return { r, g, b, a };
    };
    const luminance = ({ r, g, b }) => {
      const channel = (v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const blend = (top, bottom) => ({
      r: top.r * top.a + bottom.r * (1 - top.a),
      g: top.g * top.a + bottom.g * (1 - top.a),
      b: top.b * top.a + bottom.b * (1 - top.a),
      a: 1,
    });
    const background = (element) => {
      const layers = [];
      for (let node = element; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.backgroundImage !== 'none') return null; // over an image or gradient: not measurable
        const color = parse(style.backgroundColor);
        if (color && color.a > 0) {
          layers.push(color);
          if (color.a >= 1) break;
        }
      }
      let result = { r: 255, g: 255, b: 255, a: 1 };
      for (const layer of layers.reverse()) result = blend(layer, result);
      return result;
    };
    const failures = [];
    const seen = new Set();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      const element = node.parentElement;
      if (!text || !element || seen.has(element)) continue;
      seen.add(element);
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      if (element.closest('[disabled], [aria-disabled="true"], [aria-hidden="true"]')) continue;
      let opacity = 1;
      for (let n = element; n && n !== document.body; n = n.parentElement) opacity *= Number(getComputedStyle(n).opacity);
      const behind = background(element);
      const color = parse(style.color);
      if (!behind || !color) continue;
      const foreground = blend({ ...color, a: color.a * opacity }, behind);
      const [light, dark] = [luminance(foreground), luminance(behind)].sort((a, b) => b - a);
      const ratio = (light + 0.05) / (dark + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const needed = large ? 3 : 4.5;
      if (ratio < needed) failures.push({ text: text.slice(0, 30), ratio: Math.round(ratio * 100) / 100, needed, color: style.color });
    }
    return failures.slice(0, 8);
  });
}
