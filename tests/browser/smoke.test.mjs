// The launcher itself: the system chromium starts, an offline page from disk renders inline SVG, console
// errors and attempted fetches are collected, and screenshots land in the build folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openSession, within } from './lib/browser.mjs';

const dir = mkdtempSync(join(tmpdir(), 'mockgc-browser-smoke-'));

function page(name, body) {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title></head><body>${body}</body></html>`);
  return pathToFileURL(file).href;
}

test('an offline page from disk renders inline SVG and saves a screenshot', async () => {
  const s = await openSession({ offline: true });
  try {
    await s.page.goto(page('svg', '<svg width="100" height="50"><rect class="r" width="40" height="20"/></svg>'));
    assert.equal(await s.page.$$eval('svg rect.r', (els) => els.length), 1);
    const shot = await s.screenshot('browser-smoke');
    assert.ok(existsSync(shot), shot);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test('console errors, page errors and fetches are collected', async () => {
  const s = await openSession({ offline: true });
  try {
    await s.page.goto(page('errors', `<img src="http://203.0.113.1/x.png"><script>
      console.error('boom'); setTimeout(() => { throw new Error('uncaught'); }, 0);</script>`));
    // Each kind on its own: the failed image alone is reported twice (network and requestfailed).
    const collected = () => s.errors.some((e) => e.startsWith('console: boom')) &&
      s.errors.some((e) => e.includes('uncaught')) && s.errors.some((e) => e.startsWith('network: http://203.0.113.1/'));
    await within(5000, 'errors', (async () => {
      while (!collected()) await new Promise((r) => setTimeout(r, 50));
    })());
    assert.ok(s.errors.some((e) => e.startsWith('console: boom')), s.errors.join('\n'));
    assert.ok(s.errors.some((e) => e.includes('uncaught')), s.errors.join('\n'));
    assert.ok(s.errors.some((e) => e.startsWith('network: http://203.0.113.1/')), s.errors.join('\n'));
  } finally {
    await s.close();
  }
});
