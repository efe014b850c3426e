// The live console (/mockgc/console) of a running `mock-gc serve --port 0`, in the system chromium: the page
// connects to its event stream, "outage" on APAC makes the next APAC request a 503 and shows the fault as
// active (and the 503 in the region's journal lines), "clear" brings APAC back; no console errors; screenshots
// in build/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSession } from './lib/browser.mjs';
import { serve } from './lib/serve.cjs';

const kRegion = 'ap_southeast_2';
let server;
let consoleUrl;
const regionUrls = {};

before(async () => {
  const bin = process.env.MOCKGC_BIN;
  assert.ok(bin, 'MOCKGC_BIN must point at build/bin/mock-gc');
  const started = await serve(bin, ['--port', '0', '--scenario', process.env.MOCKGC_SCENARIO]);
  server = started.process;
  for (const [key, words] of Object.entries(started.regions)) regionUrls[key] = words.url;
  consoleUrl = started.console?.url;
  assert.ok(consoleUrl, 'the banner prints a console url=… line');
  assert.ok(regionUrls[kRegion], `the banner lists ${kRegion}`);
});

after(() => {
  if (server && server.exitCode === null) server.kill('SIGTERM');
});

// An API request to the region's own port, without a token: an outage answers 503 before authentication,
// a healthy region asks for a token (401).
async function apiStatus() {
  const res = await fetch(`${regionUrls[kRegion]}/api/v2/users?pageSize=1`);
  await res.arrayBuffer();
  return res.status;
}

const panel = `section[data-region="${kRegion}"]`;

test('outage on a region from the console: 503 while active, recovery after clearing, no console errors', async () => {
  const s = await openSession();
  try {
    await s.page.goto(consoleUrl, { waitUntil: 'load' });
    await s.page.waitForFunction(() => document.getElementById('stream').textContent === 'live', { timeout: 15000 });
    await s.page.waitForSelector(`${panel} [data-role="no-faults"]`, { timeout: 15000 });
    assert.equal(await apiStatus(), 401, 'healthy before the outage');

    await s.page.click(`${panel} button[data-action="outage"]`);
    const fault = `${panel} ul[data-role="faults"] li[data-type="outage"]`;
    await s.page.waitForSelector(fault, { timeout: 15000 });
    assert.equal(await s.page.$eval(`${fault} .state`, (e) => e.textContent), 'active');
    assert.equal(await apiStatus(), 503, 'the next request to the region gets 503');
    // The 503 shows up in the region's journal lines; EMEA shows no fault.
    await s.page.waitForFunction((sel) => [...document.querySelectorAll(`${sel} tbody tr td:nth-child(3)`)]
      .some((td) => td.textContent === '503'), { timeout: 15000 }, panel);
    assert.equal(await s.page.$$eval('section[data-region="eu_central_1"] li[data-type]', (els) => els.length), 0);
    await s.screenshot('console-outage');

    await s.page.click(`${fault} button[data-action="clear"]`);
    await s.page.waitForSelector(`${panel} [data-role="no-faults"]`, { timeout: 15000 });
    assert.equal(await apiStatus(), 401, 'the region answers again after clearing');
    await s.page.waitForFunction((sel) => [...document.querySelectorAll(`${sel} tbody tr td:nth-child(3)`)]
      .some((td) => td.textContent === '401'), { timeout: 15000 }, panel);
    await s.screenshot('console-recovered');
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
