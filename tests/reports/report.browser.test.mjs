// report.html of a real `mock-gc check` run (scenarios/apac-outage.json, examples/integrations/careful), opened
// from disk with the network off: verdict table, one timeline per region with its fault bands, the narrated
// timeline, a working journal table, zero console errors, a screenshot under build/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openSession, within } from './lib/browser.mjs';

const reportHtml = process.env.MOCKGC_REPORT_HTML;
const scenario = JSON.parse(readFileSync(process.env.MOCKGC_SCENARIO, 'utf8'));
const reportJson = JSON.parse(readFileSync(join(dirname(reportHtml), 'report.json'), 'utf8'));

test('the check report renders offline with every part in place', async () => {
  const s = await openSession({ offline: true });
  try {
    await within(30_000, 'load', s.page.goto(pathToFileURL(reportHtml).href, { waitUntil: 'load' }));
    const page = s.page;

    // One cell per rule and region of report.json, each carrying its status.
    const cells = await page.$$eval('#verdict-table td[data-rule]',
      (tds) => tds.map((td) => `${td.dataset.rule} ${td.dataset.region} ${td.dataset.status}`));
    const expected = reportJson.rules.map((r) => `${r.id} ${r.region ?? 'run'} ${r.status}`);
    assert.deepEqual(cells.sort(), expected.sort());

    // One timeline per region, each with the scenario's fault windows for it as bands.
    const regions = scenario.world.orgs.map((o) => o.region);
    const timelines = await page.$$eval('figure.timeline', (fs) => fs.map((f) => ({
      region: f.dataset.region,
      bands: [...f.querySelectorAll('g.band')].map((b) => b.dataset.name).sort(),
      bars: f.querySelectorAll('g.bars rect').length,
    })));
    assert.deepEqual(timelines.map((t) => t.region), regions);
    for (const t of timelines) {
      const want = scenario.faults.filter((f) => !f.region || f.region === t.region).map((f) => f.id).sort();
      assert.deepEqual(t.bands, want, `bands of ${t.region}`);
      assert.ok(t.bars > 0, `bars in ${t.region}`);
    }

    // The narration: one paragraph per fault window; the APAC outage's ends with its recovery.
    const story = await page.$$eval('ol.narrative li', (lis) => lis.map((li) => li.textContent));
    assert.equal(story.length, scenario.faults.length);
    const outage = story.find((p) => p.includes('(apac-down)'));
    assert.match(outage, /^\d\d:\d\d APAC outage begins \(apac-down\): every route answers 503\./);
    assert.match(outage, /APAC recovers; the first successful request came \d+ (s|minutes?) later\./);

    // The journal table: paged, and filtering by region keeps only that region's rows.
    const first = await page.$eval('#j-info', (e) => e.textContent);
    assert.match(first, /^page 1 of \d+ · \d+ rows$/);
    assert.equal(await page.$$eval('#journal-table tbody tr', (r) => r.length) > 0, true);
    await page.select('#f-region', 'ap_southeast_2');
    const shown = await page.$$eval('#journal-table tbody tr td:nth-child(3)', (tds) => tds.map((t) => t.textContent));
    assert.ok(shown.length > 0);
    assert.deepEqual([...new Set(shown)], ['ap_southeast_2']);
    await page.select('#f-status', 'server');
    const statuses = await page.$$eval('#journal-table tbody tr td:nth-child(7)', (tds) => tds.map((t) => t.textContent));
    assert.ok(statuses.length > 0, 'the outage answered 503s');
    assert.ok(statuses.every((st) => st.startsWith('5')), statuses.join(','));

    await s.screenshot('report-check-apac-outage');
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
