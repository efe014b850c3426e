// The official Genesys Cloud JS SDK (purecloud-platform-client-v2@262.0.0) as a real client of mock-gc.
// If the SDK cannot talk to mock-gc, mock-gc is wrong. Run by CTest (label `sdk`) with MOCKGC_BIN set.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

// The SDK watches ~/.genesyscloudjavascript/config and can silently replace a gateway: isolate HOME.
process.env.HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'mockgc-sdk-home-'));
const platformClient = require('purecloud-platform-client-v2');

const client = platformClient.ApiClient.instance;
client.config.live_reload_config = false;
const wfm = new platformClient.WorkforceManagementApi();
const usersApi = new platformClient.UsersApi();
const routingApi = new platformClient.RoutingApi();
const tokensApi = new platformClient.TokensApi();

let server;
const regions = {};  // key -> {url, port, client_id, client_secret}

function parseWords(line) {
  const out = {};
  for (const word of line.trim().split(/\s+/)) {
    const eq = word.indexOf('=');
    if (eq > 0) out[word.slice(0, eq)] = word.slice(eq + 1);
  }
  return out;
}

function useRegion(key) {
  const r = regions[key];
  assert.ok(r, `mock-gc did not announce region ${key}`);
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: r.port });
  return r;
}

async function login(key) {
  const r = useRegion(key);
  const auth = await client.loginClientCredentialsGrant(r.client_id, r.client_secret);
  assert.equal(typeof auth.accessToken, 'string');
  assert.ok(auth.accessToken.length > 10);
  assert.ok(auth.tokenExpiryTime > Date.now(), 'expires_in must be sent (the SDK computes NaN otherwise)');
  return auth;
}

// API rejections carry the parsed ErrorBody; assert its Genesys shape.
async function rejectsWith(promise, status, code) {
  let err;
  try {
    await promise;
  } catch (e) {
    err = e;
  }
  assert.ok(err, `expected a ${status} rejection`);
  assert.equal(err.status, status, JSON.stringify(err));
  if (code) assert.equal(err.code, code, JSON.stringify(err));
  assert.equal(typeof err.message, 'string');
  assert.equal(typeof err.contextId, 'string');
  assert.ok(Array.isArray(err.details) && Array.isArray(err.errors));
  return err;
}

before(async () => {
  const bin = process.env.MOCKGC_BIN;
  assert.ok(bin, 'MOCKGC_BIN must point at build/bin/mock-gc');
  const args = ['serve', '--port', '0', '--seed', '7'];
  if (process.env.MOCKGC_SCENARIO) args.push('--scenario', process.env.MOCKGC_SCENARIO);
  server = spawn(bin, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: server.stdout });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('mock-gc did not print "ready" within 30 s')), 30000);
    server.once('exit', (code) => reject(new Error(`mock-gc exited early with ${code}`)));
    lines.on('line', (line) => {
      if (line.startsWith('region=')) {
        const w = parseWords(line);
        regions[w.region] = { ...w, port: Number(new URL(w.url).port) };
      } else if (line.trim() === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
});

after(() => {
  if (server && server.exitCode === null) server.kill('SIGTERM');
});

test('the default world announces EMEA and APAC regions with credentials', () => {
  for (const key of ['eu_central_1', 'ap_southeast_2']) {
    assert.ok(regions[key], `missing ${key}`);
    assert.ok(regions[key].client_id && regions[key].client_secret);
  }
});

test('a wrong secret is an OAuth-shaped 401 surfaced as the axios error', async () => {
  useRegion('eu_central_1');
  let err;
  try {
    await client.loginClientCredentialsGrant(regions.eu_central_1.client_id, 'wrong-secret');
  } catch (e) {
    err = e;
  }
  assert.ok(err && err.response, 'login must reject with the axios error');
  assert.equal(err.response.status, 401);
  assert.equal(err.response.data.error, 'invalid_client');
});

test('tokens/me identifies the EMEA organisation', async () => {
  await login('eu_central_1');
  const me = await tokensApi.getTokensMe();
  assert.ok(me.organization && me.organization.id);
});

let emeaBu;
test('business units, settings expand and management units (EMEA)', async () => {
  await login('eu_central_1');
  const bus = await wfm.getWorkforcemanagementBusinessunits();
  assert.ok(bus.entities.length >= 1);
  emeaBu = bus.entities[0];
  const full = await wfm.getWorkforcemanagementBusinessunit(emeaBu.id, { expand: ['settings'] });
  assert.equal(full.id, emeaBu.id);
  assert.equal(full.settings.timeZone, 'Europe/London');
  assert.ok(['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
    .includes(full.settings.startDayOfWeek));
  const tzOnly = await wfm.getWorkforcemanagementBusinessunit(emeaBu.id, { expand: ['settings.timeZone'] });
  assert.equal(tzOnly.settings.timeZone, 'Europe/London');

  const mus = await wfm.getWorkforcemanagementBusinessunitManagementunits(emeaBu.id);
  assert.ok(mus.entities.length >= 1);
  const mu = await wfm.getWorkforcemanagementManagementunit(mus.entities[0].id);
  assert.equal(mu.id, mus.entities[0].id);
  const all = await wfm.getWorkforcemanagementManagementunits();
  assert.ok(all.entities.some((m) => m.id === mu.id));

  const members = await wfm.getWorkforcemanagementManagementunitUsers(mu.id);
  assert.ok(members.entities.length >= 1);
  const agent = members.entities[0];
  const ref = await wfm.getWorkforcemanagementAgentManagementunit(agent.id);
  assert.equal(ref.managementUnit.id, mu.id);
  assert.equal(ref.businessUnit.id, emeaBu.id);
});

test('users page with classic paging and read back by id', async () => {
  await login('eu_central_1');
  const page1 = await usersApi.getUsers({ pageSize: 25, pageNumber: 1 });
  assert.equal(page1.pageSize, 25);
  assert.equal(page1.pageNumber, 1);
  assert.ok(page1.total >= 150, `total ${page1.total}`);
  assert.equal(page1.entities.length, 25);
  assert.equal(page1.pageCount, Math.ceil(page1.total / 25));
  assert.ok(page1.nextUri && page1.lastUri && page1.firstUri && page1.selfUri);
  const seen = new Set(page1.entities.map((u) => u.id));
  const page2 = await usersApi.getUsers({ pageSize: 25, pageNumber: 2 });
  for (const u of page2.entities) assert.ok(!seen.has(u.id), 'pages overlap');
  const one = await usersApi.getUser(page1.entities[0].id);
  assert.equal(one.id, page1.entities[0].id);
  assert.equal(one.email, page1.entities[0].email);
  const picked = await usersApi.getUsers({ id: [page1.entities[0].id, page1.entities[1].id] });
  assert.deepEqual(picked.entities.map((u) => u.id).sort(),
    [page1.entities[0].id, page1.entities[1].id].sort());
  await rejectsWith(usersApi.getUser('00000000-0000-4000-8000-000000000000'), 404, 'not.found');
});

test('routing queues page and filter by name with a trailing *', async () => {
  await login('eu_central_1');
  const all = await routingApi.getRoutingQueues({ pageSize: 100 });
  assert.ok(all.entities.length >= 2);
  const names = all.entities.map((q) => q.name);
  const sorted = [...names].sort((a, b) => a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);
  assert.deepEqual(names, sorted, 'queues are sorted by name');
  const prefix = all.entities[0].name.slice(0, 3);
  const filtered = await routingApi.getRoutingQueues({ name: `${prefix}*` });
  assert.ok(filtered.entities.length >= 1);
  for (const q of filtered.entities) assert.ok(q.name.toLowerCase().startsWith(prefix.toLowerCase()), q.name);
});

test('activity codes: list, create, get, update, stale update, bulk, delete (EMEA)', async () => {
  await login('eu_central_1');
  const bu = emeaBu.id;
  const listing = await wfm.getWorkforcemanagementBusinessunitActivitycodes(bu);
  const defaults = listing.entities.filter((c) => c.defaultCode);
  assert.equal(defaults.length, 8);
  assert.deepEqual(defaults.map((c) => c.category).sort(),
    ['Break', 'Meal', 'Meeting', 'OffQueueWork', 'OnQueueWork', 'TimeOff', 'Training', 'Unavailable']);

  const created = await wfm.postWorkforcemanagementBusinessunitActivitycodes(bu, {
    name: 'SDK conformance code', category: 'Meeting', lengthInMinutes: 30, countsAsPaidTime: true,
  });
  assert.ok(created.id);
  assert.equal(created.name, 'SDK conformance code');
  assert.equal(created.category, 'Meeting');
  assert.equal(created.defaultCode, false);
  assert.equal(typeof created.metadata.version, 'number');

  const got = await wfm.getWorkforcemanagementBusinessunitActivitycode(bu, created.id);
  assert.equal(got.name, created.name);

  const updated = await wfm.patchWorkforcemanagementBusinessunitActivitycode(bu, created.id, {
    name: 'SDK conformance code (renamed)', lengthInMinutes: 45, metadata: { version: created.metadata.version },
  });
  assert.equal(updated.name, 'SDK conformance code (renamed)');
  assert.equal(updated.lengthInMinutes, 45);
  assert.ok(updated.metadata.version > created.metadata.version);

  await rejectsWith(wfm.patchWorkforcemanagementBusinessunitActivitycode(bu, created.id, {
    name: 'stale', metadata: { version: created.metadata.version },
  }), 409);

  const bulk = await wfm.patchWorkforcemanagementBusinessunitActivitycodesBulk(bu, {
    entities: [{ id: created.id, lengthInMinutes: 60, metadata: { version: updated.metadata.version } }],
  });
  assert.equal(bulk.entities.length, 1);
  assert.equal(bulk.entities[0].lengthInMinutes, 60);

  await rejectsWith(wfm.postWorkforcemanagementBusinessunitActivitycodes(bu, { name: 'no category' }), 400);
  await rejectsWith(wfm.postWorkforcemanagementBusinessunitActivitycodes(bu, {
    name: 'bad category', category: 'Nap',
  }), 400, 'invalid.value');

  await wfm.deleteWorkforcemanagementBusinessunitActivitycode(bu, created.id);
  await rejectsWith(wfm.getWorkforcemanagementBusinessunitActivitycode(bu, created.id), 404, 'not.found');
  const after = await wfm.getWorkforcemanagementBusinessunitActivitycodes(bu);
  assert.ok(!after.entities.some((c) => c.id === created.id));

  const deflt = defaults[0];
  let refused;
  try {
    await wfm.deleteWorkforcemanagementBusinessunitActivitycode(bu, deflt.id);
  } catch (e) {
    refused = e;
  }
  assert.ok(refused && refused.status >= 400 && refused.status < 500, 'a default code must refuse deletion');
});

test('forceDownloadService gives a downloadUrl that serves the same schema', async () => {
  await login('eu_central_1');
  const listing = await wfm.getWorkforcemanagementBusinessunitActivitycodes(emeaBu.id, { forceDownloadService: true });
  assert.ok(listing.downloadUrl, JSON.stringify(listing));
  const res = await fetch(listing.downloadUrl);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.ok(Array.isArray(body.entities) && body.entities.length >= 8);
  assert.equal(body.downloadUrl, undefined);
});

test('the deprecated MU activity-code read returns the old map shape', async () => {
  await login('eu_central_1');
  const mus = await wfm.getWorkforcemanagementBusinessunitManagementunits(emeaBu.id);
  const container = await wfm.getWorkforcemanagementManagementunitActivitycodes(mus.entities[0].id);
  assert.equal(typeof container.activityCodes, 'object');
  const codes = Object.values(container.activityCodes);
  assert.ok(codes.length >= 8);
  for (const [id, code] of Object.entries(container.activityCodes)) assert.equal(code.id, id);
  assert.ok(codes.some((c) => c.isDefault === true));
});

test('an EMEA token is rejected by APAC with 401 bad.credentials', async () => {
  await login('eu_central_1');
  useRegion('ap_southeast_2');  // same token, other org
  await rejectsWith(wfm.getWorkforcemanagementBusinessunits(), 401, 'bad.credentials');
});

test('APAC is its own org in Australia/Sydney, sharing 5 bi-regional people with EMEA', async () => {
  const emails = {};
  for (const key of ['eu_central_1', 'ap_southeast_2']) {
    await login(key);
    const set = new Set();
    for (let page = 1; ; page++) {
      const res = await usersApi.getUsers({ pageSize: 100, pageNumber: page });
      for (const u of res.entities) set.add(u.email);
      if (!res.nextUri) break;
    }
    emails[key] = set;
  }
  await login('ap_southeast_2');
  const bus = await wfm.getWorkforcemanagementBusinessunits();
  const bu = await wfm.getWorkforcemanagementBusinessunit(bus.entities[0].id, { expand: ['settings'] });
  assert.equal(bu.settings.timeZone, 'Australia/Sydney');
  assert.notEqual(bu.id, emeaBu.id);
  const shared = [...emails.eu_central_1].filter((e) => emails.ap_southeast_2.has(e));
  assert.equal(shared.length, 5, `shared emails: ${shared.join(', ')}`);
});
