// The one way mock-gc's browser tests drive chromium: the system browser (Debian `chromium`, never a
// downloaded one) through puppeteer-core, headless, with a fresh profile per launch and everything that would
// phone home switched off. A session collects console errors, uncaught page errors and failed requests, and
// saves screenshots under the build folder (MOCKGC_SCREENSHOT_DIR, set by mockgc_browser_test).
//
//   const s = await openSession({ offline: true });
//   await s.page.goto(pathToFileURL(file).href);
//   ...; await s.screenshot('report');
//   assert.deepEqual(s.errors, []);
//   await s.close();
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

export const chromiumPath = process.env.MOCKGC_CHROMIUM || '/usr/bin/chromium';
export const screenshotDir = process.env.MOCKGC_SCREENSHOT_DIR || join(process.cwd(), 'screenshots');

const kFlags = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-default-apps', '--disable-extensions', '--mute-audio', '--no-default-browser-check',
];

// URLs a page may load while offline: itself from disk, inline data, nothing else.
const isLocal = (url) => /^(file|data|about|blob):/.test(url);

// Launches chromium and opens one page.
//   offline: the page gets no network at all (setOfflineMode), and every request that is not file:/data:
//            is recorded in `errors` as well (a self-contained page makes none).
//   viewport: { width, height } (default 1280×900).
// The returned session: { browser, page, errors, screenshot(name), close() }.
export async function openSession({ offline = false, viewport = { width: 1280, height: 900 } } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'mockgc-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [...kFlags, `--user-data-dir=${profile}`],
    defaultViewport: viewport,
    protocolTimeout: 120_000,
  });
  const errors = [];
  const page = await browser.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message ?? err}`));
  page.on('requestfailed', (req) => errors.push(`requestfailed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  if (offline) {
    await page.setOfflineMode(true);
    page.on('request', (req) => {
      if (!isLocal(req.url())) errors.push(`network: ${req.url()}`);
    });
  }
  return {
    browser,
    page,
    errors,
    async screenshot(name) {
      mkdirSync(screenshotDir, { recursive: true });
      const path = join(screenshotDir, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await browser.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Rejects when `promise` takes longer than `ms` (a page that freezes blocks evaluate() indefinitely).
export function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
