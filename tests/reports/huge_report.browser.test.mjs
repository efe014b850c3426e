// The report of a synthetic 1,000,000-entry run (mockgc-synthetic-report): it loads, draws and stays
// responsive (every interaction answers within seconds), offline, without console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { openSession, within } from './lib/browser.mjs';

const reportHtml = process.env.MOCKGC_HUGE_REPORT_HTML;

test('a 1,000,000-entry report renders without freezing', async () => {
  assert.ok(statSync(reportHtml).size < 4 * 1024 * 1024, 'under the documented 4 MiB');
  const s = await openSession({ offline: true });
  try {
    const page = s.page;
    const started = Date.now();
    await within(20_000, 'load', page.goto(pathToFileURL(reportHtml).href, { waitUntil: 'load' }));
    // A frame is painted soon after load: the main thread is free.
    await within(5_000, 'first frame', page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r()))));
    const loadMs = Date.now() - started;

    assert.match(await page.$eval('#journal p.muted', (e) => e.textContent), /A sample of the 1000000 entries/);
    assert.equal(await page.$$eval('figure.timeline', (f) => f.length), 2);
    assert.ok(await page.$$eval('g.bars rect', (r) => r.length) > 500);
    assert.equal(await page.$$eval('#journal-table tbody tr', (r) => r.length), 100);

    const t0 = Date.now();
    await within(5_000, 'filter', (async () => {
      await page.select('#f-region', 'ap_southeast_2');
      await page.select('#f-status', 'server');
    })());
    const statuses = await page.$$eval('#journal-table tbody tr td:nth-child(7)', (tds) => tds.map((t) => t.textContent));
    assert.ok(statuses.length > 0 && statuses.every((st) => st === '503'), statuses.join(','));
    await within(5_000, 'next page', page.click('#j-next'));
    assert.match(await page.$eval('#j-info', (e) => e.textContent), /^page 2 of /);
    const interactMs = Date.now() - t0;

    await s.screenshot('report-1m-entries');
    assert.deepEqual(s.errors, []);
    console.log(`loaded in ${loadMs} ms, filtered and paged in ${interactMs} ms`);
  } finally {
    await s.close();
  }
});
