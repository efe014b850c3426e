// gc-hub's --html pages in chromium: gc-hub volume, capacity and adherence run against a real
// `mock-gc serve --scenario dst-week` (both hemispheres' DST changes in one fortnight), each page is opened
// from disk with the network off, and the SVG element counts are checked against the command's own --json
// (fan chart percentile lines and bands, tornado bars, one bar group per local day, DST marks on the
// scenario's change days), with zero console errors; screenshots land in build/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openSession } from './lib/browser.mjs';
import { serve as serveMockGc } from './lib/serve.cjs';

const gcHub = process.env.GC_HUB_BIN;
const mockGc = process.env.MOCKGC_BIN;
const scenarios = process.env.MOCKGC_SCENARIOS_DIR;
const dir = mkdtempSync(join(tmpdir(), 'gc-hub-html-'));
const orgs = join(dir, 'orgs.json');
const end = '2026-04-07T00:00:00Z';  // two weeks back covers London's 03-29 and Sydney's 04-05
let server;

// Starts mock-gc on port 0 and resolves with the shared URL once it prints `ready`.
async function serve() {
  const started = await serveMockGc(mockGc, ['--scenario', join(scenarios, 'dst-week.json'), '--port', '0',
    '--write-orgs', orgs], { timeoutMs: 300_000 });
  server = started.process;
  return started.shared?.url;
}

// Runs gc-hub and returns its stdout (exit status 0 required).
const gcHubJson = (...args) => JSON.parse(execFileSync(gcHub, args, { encoding: 'utf8', timeout: 300_000 }));

async function open(file, name, check) {
  const s = await openSession({ offline: true });
  try {
    await s.page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await check(s.page);
    await s.screenshot(name);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
}

const count = (page, selector) => page.$$eval(selector, (els) => els.length);

let volume;
before(async () => {
  const shared = await serve();
  const res = await fetch(`${shared}/mockgc/admin/clock/set`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ to: end }) });
  assert.equal(res.status, 200, await res.text());
  volume = gcHubJson('volume', '--orgs', orgs, '--weeks', '2', '--end', end, '--json',
    '--write-volume', join(dir, 'volume.json'), '--html', join(dir, 'volume.html'));
});

after(() => {
  server?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

test('volume: one bar group per local day per org, DST days marked', async () => {
  const want = { eu_central_1: '2026-03-29', ap_southeast_2: '2026-04-05' };
  assert.equal(volume.orgs.length, 2);
  await open(join(dir, 'volume.html'), 'gc-hub-volume', async (page) => {
    const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((svg) => ({
      days: [...svg.querySelectorAll('g.day')].map((g) => g.dataset.date),
      marks: [...svg.querySelectorAll('g.band.mark')].map((g) => g.dataset.name),
      markedDays: [...svg.querySelectorAll('g.band.mark')].length,
    })));
    assert.equal(charts.length, volume.orgs.length);
    volume.orgs.forEach((org, i) => {
      assert.deepEqual(charts[i].days, org.localDays.map((d) => d.date), org.region);
      const dst = org.localDays.filter((d) => d.minutes !== 1440);
      assert.deepEqual(dst.map((d) => d.date), [want[org.region]], org.region);
      assert.deepEqual(charts[i].marks, dst.map((d) => `DST ${d.minutes / 60} h`), org.region);
    });
    // Every bar is drawn with a size (the page laid out, nothing collapsed).
    const box = await page.$eval('g.day rect', (r) => r.getBBox().width);
    assert.ok(box > 0);
  });
});

test('capacity: fan charts with five percentile lines and two bands, tornado bars by swing', async () => {
  const file = join(dir, 'capacity.html');
  const report = gcHubJson('capacity', '--volume', join(dir, 'volume.json'), '--draws', '2000', '--json',
    '--html', file);
  await open(file, 'gc-hub-capacity', async (page) => {
    const fans = await page.$$eval('svg.chart', (svgs) => svgs
      .filter((svg) => svg.querySelector('polyline.fan-line'))
      .map((svg) => ({
        lines: [...svg.querySelectorAll('polyline.fan-line')].map((l) => l.points.numberOfItems),
        bands: svg.querySelectorAll('path.fan-band').length,
        q: [...svg.querySelectorAll('g.fan-series')].map((g) => g.dataset.q),
      })));
    const periods = [report.weekly.length, report.monthly.length];
    assert.equal(fans.length, 2);
    fans.forEach((fan, i) => {
      assert.deepEqual(fan.lines, Array(5).fill(2 * periods[i]));
      assert.equal(fan.bands, 2);
      assert.deepEqual(fan.q, ['P5', 'P25', 'P50', 'P75', 'P95']);
    });
    const bars = await page.$$eval('g.tornado-bar', (gs) => gs.map((g) => g.dataset.name));
    const swing = (f) => f.P95_fte - f.P5_fte;
    const bySwing = [...report.attribution.factors].sort((a, b) => swing(b) - swing(a)).map((f) => f.factor);
    assert.deepEqual(bars, bySwing);
  });
});

test('adherence: a row per region plus the merged global row, outliers listed', async () => {
  const file = join(dir, 'adherence.html');
  const snap = gcHubJson('adherence', '--orgs', orgs, '--json', '--html', file);
  await open(file, 'gc-hub-adherence', async (page) => {
    assert.equal(await count(page, 'g.share-row'), snap.orgs.length + 1);
    assert.equal(await count(page, 'g.share-row.total'), 1);
    assert.equal(await count(page, 'tr.outlier'), snap.outliers.length);
    const text = await page.$eval('body', (b) => b.textContent);
    assert.match(text, new RegExp(`global \\(${snap.people} people\\)`));
  });
});
