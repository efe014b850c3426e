// The official Genesys Cloud JS SDK (purecloud-platform-client-v2@262.0.0) as a real client of mock-gc.
// If the SDK cannot talk to mock-gc, mock-gc is wrong. Run by CTest (label `sdk`) with MOCKGC_BIN set.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { serve } = require('./serve.cjs');

// The SDK watches ~/.genesyscloudjavascript/config and can silently replace a gateway: isolate HOME.
process.env.HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'mockgc-sdk-home-'));
const platformClient = require('purecloud-platform-client-v2');

const client = platformClient.ApiClient.instance;
client.config.live_reload_config = false;
const wfm = new platformClient.WorkforceManagementApi();
const usersApi = new platformClient.UsersApi();
const routingApi = new platformClient.RoutingApi();
const tokensApi = new platformClient.TokensApi();
const analyticsApi = new platformClient.AnalyticsApi();
const uploadsApi = new platformClient.UploadsApi();
const organizationApi = new platformClient.OrganizationApi();
const authorizationApi = new platformClient.AuthorizationApi();
const teamsApi = new platformClient.TeamsApi();
const searchApi = new platformClient.SearchApi();
const oauthApi = new platformClient.OAuthApi();
const presenceApi = new platformClient.PresenceApi();
const zlib = require('node:zlib');

let server;
const regions = {};  // key -> {url, port, client_id, client_secret}

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
  const args = ['--port', '0', '--seed', '7'];
  if (process.env.MOCKGC_SCENARIO) args.push('--scenario', process.env.MOCKGC_SCENARIO);
  server = await serve(bin, args);
  Object.assign(regions, server.regions);
});

after(() => {
  if (server && server.process.exitCode === null) server.process.kill('SIGTERM');
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

// ---- Every other served operation, through the SDK, in both default regions ----

const REGIONS = ['eu_central_1', 'ap_southeast_2'];
const DAY_MS = 24 * 3600 * 1000;

// The UTC day before today as an ISO interval (history covers the 190 days before the server's start).
function yesterdayInterval() {
  const end = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
  const start = new Date(end.getTime() - DAY_MS);
  return `${start.toISOString()}/${end.toISOString()}`;
}

// The first BU and MU of the region the client is logged in to.
async function units() {
  const bu = (await wfm.getWorkforcemanagementBusinessunits()).entities[0];
  const mu = (await wfm.getWorkforcemanagementBusinessunitManagementunits(bu.id)).entities[0];
  return { bu, mu };
}

// Waits poll once a second (at most 12 times): each region's client is held to Genesys' 300 requests a minute
// (scenarios/default.json), and the suite's polling must leave that budget to the operations under test.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

for (const key of REGIONS) {
  test(`directory: organization, divisions, teams, skills, languages, members, search (${key})`, async () => {
    await login(key);
    const me = await tokensApi.getTokensMe();
    const org = await organizationApi.getOrganizationsMe();
    assert.equal(org.id, me.organization.id);
    assert.equal(typeof org.version, 'number');
    const oauthClient = await oauthApi.getOauthClient(me.OAuthClient.id);
    assert.equal(oauthClient.id, regions[key].client_id);
    assert.equal(oauthClient.authorizedGrantType, 'CLIENT-CREDENTIALS');

    await rejectsWith(usersApi.getUsersMe(), 400, 'bad.request');

    const divisions = await authorizationApi.getAuthorizationDivisions({ objectCount: true });
    assert.equal(divisions.entities[0].homeDivision, true);
    const home = await authorizationApi.getAuthorizationDivision(divisions.entities[0].id);
    assert.equal(home.name, divisions.entities[0].name);

    const teams = await teamsApi.getTeams({ pageSize: 2 });
    assert.equal(teams.entities.length, 2);
    assert.ok(teams.nextUri, 'cursor paging offers the next page');
    const team = await teamsApi.getTeam(teams.entities[0].id);
    const members = await teamsApi.getTeamMembers(team.id, { pageSize: 100 });
    assert.equal(members.entities.length, team.memberCount);

    const skills = await routingApi.getRoutingSkills({ pageSize: 100 });
    assert.ok(skills.total >= 5);
    const skill = await routingApi.getRoutingSkill(skills.entities[0].id);
    assert.equal(skill.name, skills.entities[0].name);
    const languages = await routingApi.getRoutingLanguages();
    assert.ok(languages.entities.some((l) => l.name === 'English'));
    const language = await routingApi.getRoutingLanguage(languages.entities[0].id);
    assert.equal(language.id, languages.entities[0].id);

    const user = members.entities[0];
    const held = await usersApi.getUserRoutingskills(user.id);
    assert.ok(held.entities.length >= 1);
    assert.ok(skills.entities.some((s) => s.id === held.entities[0].id));

    const queues = await routingApi.getRoutingQueues({ pageSize: 100 });
    const queue = queues.entities.find((q) => q.memberCount > 0);
    assert.equal((await routingApi.getRoutingQueue(queue.id)).name, queue.name);
    const queueMembers = await routingApi.getRoutingQueueMembers(queue.id, { pageSize: 100 });
    assert.equal(queueMembers.entities.length, queue.memberCount);
    assert.equal(queueMembers.entities.filter((m) => m.joined).length, queue.joinedMemberCount);
    await rejectsWith(routingApi.getRoutingQueueMembers(queue.id, { pageSize: 101 }), 400, 'bad.request');

    const found = await searchApi.postUsersSearch({
      pageSize: 5, query: [{ type: 'EXACT', fields: ['email'], value: queueMembers.entities[0].user.email }],
    });
    assert.equal(found.total, 1);
    assert.equal(found.results[0].id, queueMembers.entities[0].id);
    const err = await rejectsWith(usersApi.postUsersSearch({ query: [{ type: 'FUZZY' }] }), 400, 'invalid.value');
    assert.match(err.message, /query\[0\]\.type/);
  });

  test(`analytics: aggregates query and the jobs trio (${key})`, async () => {
    await login(key);
    const interval = yesterdayInterval();
    const body = { interval, granularity: 'PT1H', groupBy: ['queueId'], metrics: ['nOffered', 'tHandle'] };
    const sync = await analyticsApi.postAnalyticsConversationsAggregatesQuery(body);
    assert.ok(sync.results.length >= 1);
    for (const r of sync.results) assert.ok(r.group.mediaType && r.group.queueId);
    const offered = sync.results.reduce((n, r) => n + r.data.reduce((m, d) =>
      m + (d.metrics.find((x) => x.metric === 'nOffered')?.stats.count || 0), 0), 0);
    assert.ok(offered > 0);

    const job = await analyticsApi.postAnalyticsConversationsAggregatesJobs({ ...body, pageSize: 5 });
    assert.ok(job.jobId);
    let status;
    for (let i = 0; i < 12; i++) {
      status = await analyticsApi.getAnalyticsConversationsAggregatesJob(job.jobId);
      if (status.state === 'FULFILLED') break;
      await sleep(1000);
    }
    assert.equal(status.state, 'FULFILLED');
    let cursor;
    let groups = 0;
    do {
      const page = await analyticsApi.getAnalyticsConversationsAggregatesJobResults(job.jobId, cursor ? { cursor } : {});
      groups += page.results.length;
      cursor = page.cursor;
    } while (cursor);
    assert.equal(groups, sync.results.length);
    await rejectsWith(analyticsApi.postAnalyticsConversationsAggregatesQuery({ ...body, interval: 'yesterday' }), 400,
      'invalid.date');
  });

  test(`schedules: week list, metadata, query (inline, forceAsync, forceDownloadService), search (${key})`, async () => {
    await login(key);
    const { bu, mu } = await units();
    const listing = await wfm.getWorkforcemanagementBusinessunitWeekSchedules(bu.id, 'recent');
    assert.ok(listing.entities.length >= 1);
    const item = listing.entities[0];
    const meta = await wfm.getWorkforcemanagementBusinessunitWeekSchedule(bu.id, item.weekDate, item.id,
      { expand: 'managementUnits.agents' });
    assert.equal(meta.id, item.id);
    assert.ok(meta.managementUnits.some((m) => m.managementUnit.id === mu.id));

    const q = { managementUnitId: mu.id };
    const inline = await wfm.postWorkforcemanagementBusinessunitWeekScheduleAgentschedulesQuery(bu.id, item.weekDate, item.id, q);
    assert.equal(inline.status, 'Complete');
    assert.ok(inline.result.agentSchedules.length >= 1);
    const processing = await wfm.postWorkforcemanagementBusinessunitWeekScheduleAgentschedulesQuery(bu.id, item.weekDate,
      item.id, q, { forceAsync: true });
    assert.equal(processing.status, 'Processing');
    assert.ok(processing.operationId);
    const download = await wfm.postWorkforcemanagementBusinessunitWeekScheduleAgentschedulesQuery(bu.id, item.weekDate,
      item.id, q, { forceDownloadService: true });
    assert.ok(download.downloadUrl);
    const downloaded = await (await fetch(download.downloadUrl)).json();
    assert.deepEqual(downloaded.agentSchedules.map((a) => a.user.id), inline.result.agentSchedules.map((a) => a.user.id));

    const start = new Date(`${item.weekDate}T00:00:00Z`);
    const range = { startDate: start.toISOString(), endDate: new Date(start.getTime() + 2 * DAY_MS).toISOString() };
    const buSearch = await wfm.postWorkforcemanagementBusinessunitAgentschedulesSearch(bu.id, range);
    assert.equal(buSearch.status, 'Complete');
    const muSearch = await wfm.postWorkforcemanagementManagementunitAgentschedulesSearch(mu.id, range);
    assert.ok(muSearch.result.agentSchedules.length <= buSearch.result.agentSchedules.length);
    assert.ok(muSearch.result.publishedSchedules.length >= 1);
  });

  test(`time off: admin create, query, per-user list/get, patch; agent routes need a user (${key})`, async () => {
    await login(key);
    const { mu } = await units();
    const users = await wfm.getWorkforcemanagementManagementunitUsers(mu.id);
    const userId = users.entities[0].id;
    const day = new Date(Date.now() + 10 * DAY_MS).toISOString().slice(0, 10);
    const created = await wfm.postWorkforcemanagementManagementunitTimeoffrequests(mu.id, {
      status: 'PENDING', users: [{ id: userId }], activityCodeId: '5',
      partialDayStartDateTimes: [`${day}T09:00:00Z`, `${day}T13:00:00Z`], durationMinutes: [60, 120],
    });
    const request = created.timeOffRequests[0];
    assert.deepEqual(request.durationMinutes, [60, 120]);
    const pending = await wfm.postWorkforcemanagementManagementunitTimeoffrequestsQuery(mu.id, { statuses: ['PENDING'] });
    assert.ok(pending.entities.some((r) => r.id === request.id));
    const list = await wfm.getWorkforcemanagementManagementunitUserTimeoffrequests(mu.id, userId);
    assert.ok(list.timeOffRequests.some((r) => r.id === request.id));
    const got = await wfm.getWorkforcemanagementManagementunitUserTimeoffrequest(mu.id, userId, request.id);
    assert.equal(got.status, 'PENDING');
    const approved = await wfm.patchWorkforcemanagementManagementunitUserTimeoffrequest(mu.id, userId, request.id,
      { status: 'APPROVED', metadata: { version: got.metadata.version } });
    assert.equal(approved.status, 'APPROVED');
    await rejectsWith(wfm.patchWorkforcemanagementManagementunitUserTimeoffrequest(mu.id, userId, request.id,
      { status: 'DENIED', metadata: { version: got.metadata.version } }), 409);

    await rejectsWith(wfm.getWorkforcemanagementTimeoffrequests(), 400);
    await rejectsWith(wfm.getWorkforcemanagementTimeoffrequest(request.id), 400);
    await rejectsWith(wfm.postWorkforcemanagementTimeoffrequests({ activityCodeId: '5' }), 400);
    await rejectsWith(wfm.patchWorkforcemanagementTimeoffrequest(request.id, { status: 'CANCELED' }), 400);
  });

  test(`adherence: by users, management unit and team (${key})`, async () => {
    await login(key);
    const { mu } = await units();
    const users = (await wfm.getWorkforcemanagementManagementunitUsers(mu.id)).entities.slice(0, 3).map((u) => u.id);
    const byUsers = await wfm.getWorkforcemanagementAdherence(users);
    assert.deepEqual(byUsers.map((a) => a.id).sort(), [...users].sort());
    const byMu = await wfm.getWorkforcemanagementManagementunitAdherence(mu.id);
    assert.ok(byMu.entities.length >= users.length);
    const teamId = byMu.entities.find((a) => a.team).team.id;
    const byTeam = await wfm.getWorkforcemanagementTeamAdherence(teamId);
    assert.ok(byTeam.entities.every((a) => a.team.id === teamId));
  });

  test(`agent state: presence definitions, users with presence, user aggregates and details (${key})`, async () => {
    await login(key);
    const definitions = await presenceApi.getPresenceDefinitions0();
    assert.ok(definitions.entities.length >= 1);
    const first = await presenceApi.getPresenceDefinition0(definitions.entities[0].id);
    assert.equal(first.id, definitions.entities[0].id);
    const ids = new Set(definitions.entities.map((d) => d.id));
    const users = await usersApi.getUsers({ pageSize: 25, expand: ['presence', 'routingStatus'] });
    for (const u of users.entities) {
      assert.ok(ids.has(u.presence.presenceDefinition.id), `${u.id}: presence ${u.presence.presenceDefinition.id} resolves`);
      assert.ok(u.routingStatus.status, `${u.id} has a routing status`);
    }

    // Users' handle time adds up to the queues' for the same interval (one world behind both families).
    const interval = yesterdayInterval();
    const byUser = await analyticsApi.postAnalyticsUsersAggregatesQuery({
      interval, groupBy: ['userId'], metrics: ['tHandle', 'tAgentRoutingStatus', 'tSystemPresence'] });
    const byQueue = await analyticsApi.postAnalyticsConversationsAggregatesQuery({
      interval, groupBy: ['queueId'], metrics: ['tHandle'] });
    const handled = (results) => (results || []).reduce((n, r) => n + r.data.reduce((m, d) =>
      m + (d.metrics.find((x) => x.metric === 'tHandle')?.stats.sum || 0), 0), 0);
    assert.ok(handled(byQueue.results) > 0);
    assert.equal(handled(byUser.results), handled(byQueue.results));

    const someone = users.entities[0].id;
    const details = await analyticsApi.postAnalyticsUsersDetailsQuery({
      interval, paging: { pageSize: 5, pageNumber: 1 },
      userFilters: [{ type: 'or', predicates: [{ type: 'dimension', dimension: 'userId', value: someone }] }] });
    assert.ok(details.userDetails.length >= 1);
    assert.ok(details.userDetails.every((d) => d.userId === someone));
    await rejectsWith(analyticsApi.postAnalyticsUsersAggregatesQuery({ interval, metrics: ['tNothing'] }), 400, 'invalid.value');
  });

  test(`analytics: conversation details and the jobs of every family (${key})`, async () => {
    await login(key);
    const interval = yesterdayInterval();
    const first = await analyticsApi.postAnalyticsConversationsDetailsQuery({ interval, paging: { pageSize: 10, pageNumber: 1 } });
    assert.ok(first.totalHits > 10);
    assert.equal(first.conversations.length, 10);
    const c = first.conversations[0];
    assert.ok(c.conversationId && c.conversationStart && c.participants.some((p) => p.purpose === 'acd'));
    const queueId = c.participants.find((p) => p.purpose === 'acd').sessions[0].segments[0].queueId;
    const byQueue = await analyticsApi.postAnalyticsConversationsDetailsQuery({ interval,
      segmentFilters: [{ type: 'and', predicates: [{ type: 'dimension', dimension: 'queueId', value: queueId }] }] });
    assert.ok(byQueue.totalHits >= 1 && byQueue.totalHits <= first.totalHits);
    // One conversation by id is the details query's; an unknown id is a 404.
    assert.deepEqual(await analyticsApi.getAnalyticsConversationDetails(c.conversationId), c);
    await rejectsWith(analyticsApi.getAnalyticsConversationDetails('00000000-0000-4000-8000-000000000000'), 404, 'not.found');
    // Aggregates by a wider dimension, with a conversation-level metric.
    const byUser = await analyticsApi.postAnalyticsConversationsAggregatesQuery({ interval, groupBy: ['userId'],
      metrics: ['nConnected', 'oServiceLevel'] });
    assert.ok(byUser.results.some((r) => r.group.userId && r.data[0].metrics[0].metric === 'nConnected'));
    assert.ok(byUser.results.some((r) => !r.group.userId && r.data[0].metrics.some((m) => m.metric === 'oServiceLevel'
      && m.stats.denominator >= m.stats.numerator && m.stats.ratio === m.stats.numerator / m.stats.denominator)));

    // Runs a job of one family to FULFILLED and returns every page's `key` array, concatenated.
    const runJob = async (create, status, results, body, key, opts = {}) => {
      const job = await create(body);
      assert.ok(job.jobId);
      let state;
      for (let i = 0; i < 12 && state !== 'FULFILLED'; i++) {
        state = (await status(job.jobId)).state;
        if (state !== 'FULFILLED') await sleep(1000);
      }
      assert.equal(state, 'FULFILLED');
      const all = [];
      let cursor;
      do {
        const page = await results(job.jobId, cursor ? { ...opts, cursor } : opts);
        all.push(...(page[key] || []));
        cursor = page.cursor;
      } while (cursor);
      return { id: job.jobId, all };
    };
    const a = analyticsApi;
    const details = await runJob((b) => a.postAnalyticsConversationsDetailsJobs(b), (id) => a.getAnalyticsConversationsDetailsJob(id),
      (id, o) => a.getAnalyticsConversationsDetailsJobResults(id, o), { interval, limit: 250 }, 'conversations', { pageSize: 100 });
    assert.equal(details.all.length, 250);
    assert.deepEqual(details.all.slice(0, 10), first.conversations);
    const users = await runJob((b) => a.postAnalyticsUsersAggregatesJobs(b), (id) => a.getAnalyticsUsersAggregatesJob(id),
      (id, o) => a.getAnalyticsUsersAggregatesJobResults(id, o),
      { interval, groupBy: ['userId'], metrics: ['tAgentRoutingStatus'], pageSize: 50 }, 'results');
    const syncUsers = await a.postAnalyticsUsersAggregatesQuery({ interval, groupBy: ['userId'], metrics: ['tAgentRoutingStatus'] });
    assert.deepEqual(users.all, syncUsers.results);
    const userDetails = await runJob((b) => a.postAnalyticsUsersDetailsJobs(b), (id) => a.getAnalyticsUsersDetailsJob(id),
      (id, o) => a.getAnalyticsUsersDetailsJobResults(id, o), { interval }, 'userDetails', { pageSize: 60 });
    assert.equal(userDetails.all.length, syncUsers.results.length);

    // Another job's cursor is a 400; DELETE forgets a job (404 after); availability answers a date.
    const page = await a.getAnalyticsConversationsDetailsJobResults(details.id, { pageSize: 10 });
    await rejectsWith(a.getAnalyticsUsersDetailsJobResults(userDetails.id, { cursor: page.cursor }), 400, 'bad.request');
    await a.deleteAnalyticsConversationsDetailsJob(details.id);
    await rejectsWith(a.getAnalyticsConversationsDetailsJob(details.id), 404, 'not.found');
    await a.deleteAnalyticsUsersAggregatesJob(users.id);
    await a.deleteAnalyticsUsersDetailsJob(userDetails.id);
    const aggregates = await a.postAnalyticsConversationsAggregatesJobs({ interval, metrics: ['nOffered'] });
    await a.deleteAnalyticsConversationsAggregatesJob(aggregates.jobId);
    await rejectsWith(a.getAnalyticsConversationsAggregatesJob(aggregates.jobId), 404, 'not.found');
    assert.ok((await a.getAnalyticsConversationsDetailsJobsAvailability()).dataAvailabilityDate);
    assert.ok((await a.getAnalyticsUsersDetailsJobsAvailability()).dataAvailabilityDate);
    await rejectsWith(a.postAnalyticsConversationsDetailsQuery({ interval, orderBy: 'tHandle' }), 400, 'invalid.value');
  });

  test(`forecasts: planning groups, list, get with expand, data, import (${key})`, async () => {
    await login(key);
    const { bu } = await units();
    const groups = await wfm.getWorkforcemanagementBusinessunitPlanninggroups(bu.id);
    assert.ok(groups.entities.length >= 1);
    const group = await wfm.getWorkforcemanagementBusinessunitPlanninggroup(bu.id, groups.entities[0].id);
    assert.equal(group.name, groups.entities[0].name);

    const recent = await wfm.getWorkforcemanagementBusinessunitWeekShorttermforecasts(bu.id, 'recent');
    const item = recent.entities[recent.entities.length - 1];
    const forecast = await wfm.getWorkforcemanagementBusinessunitWeekShorttermforecast(bu.id, item.weekDate, item.id,
      { expand: ['generationResults'] });
    assert.deepEqual(Object.keys(forecast.generationResults), ['planningGroupResults']);
    for (const r of forecast.generationResults.planningGroupResults)
      for (const m of r.metricResults) assert.ok(['Offered', 'AverageHandleTimeSeconds'].includes(m.metric));
    const data = await wfm.getWorkforcemanagementBusinessunitWeekShorttermforecastData(bu.id, item.weekDate, item.id);
    assert.equal(data.result.planningGroups[0].offeredPerInterval.length, 672);

    const planningGroups = groups.entities.slice(0, 1).map((g) => ({
      planningGroupId: g.id, offeredPerInterval: Array(672).fill(2.5), averageHandleTimeSecondsPerInterval: Array(672).fill(240),
    }));
    const gz = zlib.gzipSync(JSON.stringify({ description: 'SDK import', weekCount: 1, canUseForScheduling: true, planningGroups }));
    const target = await wfm.postWorkforcemanagementBusinessunitWeekShorttermforecastsImportUploadurl(bu.id, item.weekDate,
      { contentLengthBytes: gz.length });
    const put = await fetch(target.url, { method: 'PUT', headers: target.headers, body: gz });
    assert.equal(put.status, 200);
    const imported = await wfm.postWorkforcemanagementBusinessunitWeekShorttermforecastsImport(bu.id, item.weekDate,
      { uploadKey: target.uploadKey });
    assert.equal(imported.status, 'Processing');
    assert.ok(imported.operationId);
    // Validated when the import completes (5 s later): listed then, not before.
    const listed = async () => (await wfm.getWorkforcemanagementBusinessunitWeekShorttermforecasts(bu.id, item.weekDate))
      .entities.some((f) => f.creationMethod === 'Import' && f.description === 'SDK import');
    for (let i = 0; i < 12 && !(await listed()); ++i) await sleep(1000);
    assert.ok(await listed());

    // Content that is not gzip is not refused by the import call: the import completes Error instead.
    const bad = await wfm.postWorkforcemanagementBusinessunitWeekShorttermforecastsImportUploadurl(bu.id, item.weekDate,
      { contentLengthBytes: 9 });
    assert.equal((await fetch(bad.url, { method: 'PUT', headers: bad.headers, body: 'not gzip!' })).status, 200);
    const refused = await wfm.postWorkforcemanagementBusinessunitWeekShorttermforecastsImport(bu.id, item.weekDate,
      { uploadKey: bad.uploadKey });
    assert.equal(refused.status, 'Processing');
    await rejectsWith(wfm.postWorkforcemanagementBusinessunitWeekShorttermforecastsImport(bu.id, item.weekDate, {}),
      400, 'bad.request');
  });

  test(`shift trades: week list with match review, create, patch, search, bulk approve/deny (${key})`, async () => {
    await login(key);
    const { bu, mu } = await units();
    const recent = await wfm.getWorkforcemanagementBusinessunitWeekSchedules(bu.id, 'recent');
    const weeks = [...new Set(recent.entities.map((e) => e.weekDate))];
    const week = weeks[weeks.length - 2];  // a future week no other test imports into
    const listed = await wfm.getWorkforcemanagementManagementunitWeekShifttrades(mu.id, week, { evaluateMatches: true });
    const matched = listed.entities.find((e) => e.trade.state === 'Matched');
    assert.ok(matched);
    assert.equal(matched.trade.weekDate, week);
    assert.ok(matched.matchReview.receivingUser.weeklyMaximumPaidMinutes > 0);
    const version = matched.trade.metadata.version;
    const approved = await wfm.postWorkforcemanagementManagementunitWeekShifttradesStateBulk(mu.id, week,
      { entities: [{ id: matched.trade.id, state: 'Approved', metadata: { version } }] });
    assert.equal(approved.status, 'Complete');
    assert.equal(approved.result.entities[0].state, 'Approved');
    assert.equal(approved.result.entities[0].failureReason, undefined);
    await rejectsWith(wfm.postWorkforcemanagementManagementunitWeekShifttradesStateBulk(mu.id, week,
      { entities: [{ id: matched.trade.id, state: 'Denied', metadata: { version } }] }), 409);

    // An offer of a shift no trade names yet: create, PATCH, search, then deny it (forceAsync).
    const scheduleId = matched.trade.schedule.id;
    const q = await wfm.postWorkforcemanagementBusinessunitWeekScheduleAgentschedulesQuery(bu.id, week, scheduleId,
      { managementUnitId: mu.id });
    const offered = new Set(listed.entities.map((e) => e.trade.initiatingShiftId));
    const shift = q.result.agentSchedules.flatMap((a) => a.shifts).find((s) => !offered.has(s.id));
    const created = await wfm.postWorkforcemanagementManagementunitWeekShifttrades(mu.id, week,
      { scheduleId, initiatingShiftId: shift.id });
    assert.equal(created.state, 'Unmatched');
    const patched = await wfm.patchWorkforcemanagementManagementunitWeekShifttrade(mu.id, week, created.id,
      { expiration: { value: shift.startDate }, metadata: { version: created.metadata.version } });
    assert.equal(patched.metadata.version, created.metadata.version + 1);
    const search = await wfm.postWorkforcemanagementManagementunitWeekShifttradesSearch(mu.id, week,
      { receivingScheduleId: scheduleId });
    assert.ok(search.trades.some((t) => t.trade.id === created.id));
    const denied = await wfm.postWorkforcemanagementManagementunitWeekShifttradesStateBulk(mu.id, week,
      { entities: [{ id: created.id, state: 'Denied', metadata: { version: patched.metadata.version } }] },
      { forceAsync: true });
    assert.equal(denied.status, 'Processing');
    assert.ok(denied.operationId);
    await rejectsWith(wfm.postWorkforcemanagementManagementunitWeekShifttradesStateBulk(mu.id, week, { entities: [] }),
      400, 'bad.request');
  });

  test(`schedule import and update: upload, import, update, the schedule answers the agent query (${key})`, async () => {
    await login(key);
    const { bu, mu } = await units();
    const recent = await wfm.getWorkforcemanagementBusinessunitWeekSchedules(bu.id, 'recent');
    const item = recent.entities[recent.entities.length - 1];
    const meta = await wfm.getWorkforcemanagementBusinessunitWeekSchedule(bu.id, item.weekDate, item.id);
    const weekStart = Date.parse(meta.managementUnits[0].startDate);
    const userId = (await wfm.getWorkforcemanagementManagementunitUsers(mu.id)).entities[0].id;
    const startDate = new Date(weekStart + 33 * 3600 * 1000).toISOString();  // the second day, 09:00 BU-local
    const schedule = { description: 'SDK schedule import', weekCount: 1, published: true, agentSchedules: [{ userId,
      shifts: [{ startDate, lengthMinutes: 240, activities: [{ startDate, lengthMinutes: 240, activityCodeId: '0' }] }] }] };
    const gz = zlib.gzipSync(JSON.stringify(schedule));
    const target = await wfm.postWorkforcemanagementBusinessunitWeekSchedulesImportUploadurl(bu.id, item.weekDate,
      { contentLengthBytes: gz.length });
    assert.equal((await fetch(target.url, { method: 'PUT', headers: target.headers, body: gz })).status, 200);
    const imported = await wfm.postWorkforcemanagementBusinessunitWeekSchedulesImport(bu.id, item.weekDate,
      { uploadKey: target.uploadKey });
    assert.equal(imported.status, 'Processing');
    assert.ok(imported.operationId);
    // Validated when the import completes (5 s later): listed then, not before.
    const find = async () => (await wfm.getWorkforcemanagementBusinessunitWeekSchedules(bu.id, item.weekDate))
      .entities.find((e) => e.description === 'SDK schedule import');
    for (let i = 0; i < 12 && !(await find()); ++i) await sleep(1000);
    const listed = await find();
    assert.ok(listed);
    assert.equal(listed.published, true);
    const q = await wfm.postWorkforcemanagementBusinessunitWeekScheduleAgentschedulesQuery(bu.id, item.weekDate, listed.id,
      { managementUnitId: mu.id, userIds: [userId] });
    assert.equal(q.result.agentSchedules[0].shifts[0].startDate, startDate);
    await rejectsWith(wfm.postWorkforcemanagementBusinessunitWeekSchedulesImport(bu.id, item.weekDate, {}), 400, 'bad.request');

    // Update (UpdateScheduleUploadSchema): the shift, by its id, grows to 300 minutes; the description changes.
    const shift = q.result.agentSchedules[0].shifts[0];
    const update = { metadata: { version: listed.metadata.version }, description: 'SDK schedule update', published: true,
      agentSchedules: [{ userId, shifts: [{ id: shift.id, startDate, lengthMinutes: 300,
        activities: [{ startDate, lengthMinutes: 300, activityCodeId: '0' }] }] }] };
    const ugz = zlib.gzipSync(JSON.stringify(update));
    const utarget = await wfm.postWorkforcemanagementBusinessunitWeekScheduleUpdateUploadurl(bu.id, item.weekDate,
      listed.id, { contentLengthBytes: ugz.length });
    assert.equal((await fetch(utarget.url, { method: 'PUT', headers: utarget.headers, body: ugz })).status, 200);
    const updated = await wfm.postWorkforcemanagementBusinessunitWeekScheduleUpdate(bu.id, item.weekDate, listed.id,
      { uploadKey: utarget.uploadKey });
    assert.equal(updated.status, 'Processing');
    assert.ok(updated.operationId);
    const readMeta = async () => wfm.getWorkforcemanagementBusinessunitWeekSchedule(bu.id, item.weekDate, listed.id);
    for (let i = 0; i < 12 && (await readMeta()).description !== 'SDK schedule update'; ++i) await sleep(1000);
    const after = await readMeta();
    assert.equal(after.description, 'SDK schedule update');
    assert.equal(after.metadata.version, listed.metadata.version + 1);
    const uq = await wfm.postWorkforcemanagementBusinessunitWeekScheduleAgentschedulesQuery(bu.id, item.weekDate, listed.id,
      { managementUnitId: mu.id, userIds: [userId] });
    assert.equal(uq.result.agentSchedules[0].shifts[0].id, shift.id);
    assert.equal(uq.result.agentSchedules[0].shifts[0].lengthMinutes, 300);
    await rejectsWith(wfm.postWorkforcemanagementBusinessunitWeekScheduleUpdateUploadurl(bu.id, item.weekDate,
      'no-such-schedule', { contentLengthBytes: 10 }), 404, 'not.found');
  });

  test(`historical adherence: MU and team queries, job, result file (${key})`, async () => {
    await login(key);
    const { bu, mu } = await units();
    const settings = await wfm.getWorkforcemanagementBusinessunit(bu.id, { expand: ['settings'] });
    const users = (await wfm.getWorkforcemanagementManagementunitUsers(mu.id)).entities.slice(0, 2).map((u) => u.id);
    const endDate = new Date().toISOString();
    const startDate = new Date(Date.now() - DAY_MS).toISOString();
    const byMu = await wfm.postWorkforcemanagementManagementunitHistoricaladherencequery(mu.id,
      { startDate, endDate, userIds: users, includeExceptions: true });
    assert.equal(byMu.queryState, 'Processing');
    const teamId = (await wfm.getWorkforcemanagementAdherence([users[0]]))[0].team.id;
    const byTeam = await wfm.postWorkforcemanagementTeamAdherenceHistorical(teamId,
      { startDate, endDate, timeZone: settings.settings.timeZone });
    assert.equal(byTeam.queryState, 'Processing');
    const finished = async (id) => {
      for (let i = 0; i < 12; ++i) {
        const job = await wfm.getWorkforcemanagementAdherenceHistoricalJob(id);
        if (job.queryState === 'Complete') return job;
        await sleep(1000);
      }
      assert.fail(`job ${id} did not complete`);
    };
    const muJob = await finished(byMu.id);
    const muFile = await (await fetch(muJob.downloadUrls[0])).json();
    assert.equal(muFile.entityId, mu.id);
    assert.deepEqual(muFile.data.map((d) => d.userId), users);
    for (const d of muFile.data) {
      assert.ok(d.adherencePercentage >= 0 && d.adherencePercentage <= 100);
      assert.ok(Array.isArray(d.exceptionInfo) && Array.isArray(d.dayMetrics));
    }
    const teamJob = await finished(byTeam.id);
    const teamFile = await (await fetch(teamJob.downloadUrls[0])).json();
    assert.equal(teamFile.entityId, teamId);
    assert.ok(teamFile.data.some((d) => d.userId === users[0]));
    await rejectsWith(wfm.postWorkforcemanagementManagementunitHistoricaladherencequery(mu.id, { endDate }), 400,
      'bad.request');
    await rejectsWith(wfm.getWorkforcemanagementAdherenceHistoricalJob('no-such-job'), 404, 'not.found');
  });

  test(`historical data import: upload URL, PUT CSV, validate, status (${key})`, async () => {
    await login(key);
    const queue = (await routingApi.getRoutingQueues({ pageSize: 1 })).entities[0];
    const day = new Date(Date.now() - 7 * DAY_MS).toISOString().slice(0, 10);
    const csv = 'Interval Start UTC Date,Queue,Media Type,Offered,Interactions Handled,Total Handle Time (Seconds)\n' +
      `${day}T08:00:00Z,${queue.name},Voice,12,11,3300\n`;
    const target = await uploadsApi.postUploadsWorkforcemanagementHistoricaldataCsv({ fileName: 'sdk.csv' });
    const put = await fetch(target.url, { method: 'PUT', headers: target.headers, body: csv });
    assert.equal(put.status, 200);
    const accepted = await wfm.postWorkforcemanagementHistoricaldataValidate({
      uploadKey: target.uploadKey, dateImportEnded: new Date().toISOString(),
    });
    assert.ok(accepted.id);
    const status = await wfm.getWorkforcemanagementHistoricaldataImportstatusJobId(accepted.id);
    assert.equal(status.fileName, 'sdk.csv');
    const listing = await wfm.getWorkforcemanagementHistoricaldataImportstatus();
    assert.ok(listing.entities.some((s) => s.requestId === accepted.id));
  });
}

// Faults injected through the admin API surface through the SDK's error object like Genesys' own.
async function admin(method, p, body) {
  const r = regions.eu_central_1;
  const res = await fetch(`http://127.0.0.1:${r.port}${p}`, {
    method, headers: body ? { 'Content-Type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(res.status < 300, `${method} ${p}: ${res.status} ${await res.clone().text()}`);
  return res.status === 204 ? null : res.json();
}

test('an injected 429 and 503 reach the SDK as ErrorBody rejections', async () => {
  await login('eu_central_1');
  const limit = await admin('POST', '/mockgc/admin/faults',
    { type: 'rate_limit', method: 'GET', path: '/api/v2/organizations/me', per_minute: 1 });
  await organizationApi.getOrganizationsMe();
  client.setReturnExtendedResponses(true);
  try {
    let err;
    try {
      await organizationApi.getOrganizationsMe();
    } catch (e) {
      err = e;
    }
    assert.ok(err, 'the second call within the minute is refused');
    assert.equal(err.status, 429);
    assert.equal(err.body.code, 'too.many.requests.retry.after');
    assert.ok(Number(err.headers['retry-after']) >= 1);
    assert.equal(err.body.contextId, err.headers['inin-correlation-id']);
  } finally {
    client.setReturnExtendedResponses(false);
    await admin('DELETE', `/mockgc/admin/faults/${encodeURIComponent(limit.id)}`);
  }
  const outage = await admin('POST', '/mockgc/admin/faults',
    { type: 'outage', status: 503, region: 'eu_central_1', path: '/api/v2/routing/skills' });
  try {
    await rejectsWith(routingApi.getRoutingSkills(), 503, 'service.unavailable');
  } finally {
    await admin('DELETE', `/mockgc/admin/faults/${encodeURIComponent(outage.id)}`);
  }
  assert.ok((await routingApi.getRoutingSkills()).total >= 5, 'served again once the fault is cleared');
});

test('successful answers carry the cache headers the SDK README shows', async () => {
  await login('eu_central_1');
  client.setReturnExtendedResponses(true);
  try {
    const res = await organizationApi.getOrganizationsMe();
    assert.equal(res.status, 200);
    assert.equal(res.headers['cache-control'], 'no-cache, no-store, must-revalidate');
    assert.equal(res.headers.pragma, 'no-cache');
    assert.equal(res.headers.expires, '0');
    assert.ok(res.headers['inin-correlation-id']);
  } finally {
    client.setReturnExtendedResponses(false);
  }
});
