// The Notifications API through the official JS SDK (NotificationsApi) and the npm `ws` WebSocket client,
// as an integration would use them: create a channel, subscribe, open connectUri, receive heartbeats and a
// WFM event, answer ping, survive a socket_closing by reconnecting. The world runs a real clock at 60x so
// the 30-second heartbeat comes every half second. Run by CTest (label `sdk`) with MOCKGC_BIN set.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const WebSocket = require('ws');
const { serve } = require('./serve.cjs');

process.env.HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'mockgc-sdk-home-'));
const platformClient = require('purecloud-platform-client-v2');

const client = platformClient.ApiClient.instance;
client.config.live_reload_config = false;
const notifications = new platformClient.NotificationsApi();
const wfm = new platformClient.WorkforceManagementApi();

let server;
let emea;

// A socket with every message it received, and waiters for the next matching one.
function open(uri) {
  const ws = new WebSocket(uri);
  const seen = [];
  const waiters = [];
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString());
    seen.push(message);
    for (const w of waiters.splice(0)) if (!w(message)) waiters.push(w);
  });
  const closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
  const next = (match, what, ms = 10000) => {
    const earlier = seen.find(match);
    if (earlier) return Promise.resolve(earlier);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms; got ${JSON.stringify(seen)}`)), ms);
      waiters.push((m) => {
        if (!match(m)) return false;
        clearTimeout(timer);
        resolve(m);
        return true;
      });
    });
  };
  const opened = new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, seen, next, closed, opened };
}

const isHeartbeat = (m) => m.topicName === 'channel.metadata' && m.eventBody.message === 'WebSocket Heartbeat';

async function admin(pathname, body) {
  const res = await fetch(`${emea.url}${pathname}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 201, await res.text());
}

before(async () => {
  const bin = process.env.MOCKGC_BIN;
  assert.ok(bin, 'MOCKGC_BIN must point at build/bin/mock-gc');
  const scenario = JSON.parse(fs.readFileSync(process.env.MOCKGC_SCENARIO, 'utf8'));
  scenario.clock = { mode: 'real', speed: 60 };
  delete scenario.expect;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mockgc-sdk-notify-')), 'fast.json');
  fs.writeFileSync(file, JSON.stringify(scenario));
  server = await serve(bin, ['--port', '0', '--seed', '7', '--scenario', file]);
  emea = server.regions.eu_central_1;
  assert.ok(emea, 'mock-gc did not announce eu_central_1');
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: emea.port });
  await client.loginClientCredentialsGrant(emea.client_id, emea.client_secret);
});

after(() => {
  if (server && server.process.exitCode === null) server.process.kill('SIGTERM');
});

test('available topics; subscriptions added, listed and removed', async () => {
  const topics = await notifications.getNotificationsAvailabletopics({ expand: ['schema'] });
  const ids = topics.entities.map((t) => t.id);
  assert.ok(ids.includes('v2.users.{id}.workforcemanagement.timeoffrequests'), ids.join(', '));
  const bus = await wfm.getWorkforcemanagementBusinessunits();
  const mus = await wfm.getWorkforcemanagementBusinessunitManagementunits(bus.entities[0].id);
  const mu = mus.entities[0].id;
  const [a, b] = (await wfm.getWorkforcemanagementManagementunitUsers(mu)).entities.map((u) => u.id);
  const channel = await notifications.postNotificationsChannels();
  const topicOf = (id) => `v2.users.${id}.workforcemanagement.timeoffrequests`;
  await notifications.postNotificationsChannelSubscriptions(channel.id, [{ id: topicOf(a) }]);
  await notifications.postNotificationsChannelSubscriptions(channel.id, [{ id: topicOf(b) }]);
  const both = await notifications.getNotificationsChannelSubscriptions(channel.id);
  assert.deepEqual(both.entities.map((t) => t.id).sort(), [topicOf(a), topicOf(b)].sort());
  await notifications.deleteNotificationsChannelSubscriptions(channel.id);
  const none = await notifications.getNotificationsChannelSubscriptions(channel.id);
  assert.deepEqual(none.entities, []);
});

test('channel, subscriptions, heartbeat, ping, a time-off event and a socket_closing reconnect', async () => {
  const channel = await notifications.postNotificationsChannels();
  assert.match(channel.id, /^streaming-0-/);
  assert.equal(channel.connectUri, `ws://127.0.0.1:${emea.port}/channels/${channel.id}`);
  assert.ok(Date.parse(channel.expires) > Date.now());
  const listed = await notifications.getNotificationsChannels();
  assert.ok(listed.entities.some((c) => c.id === channel.id));
  await notifications.headNotificationsChannel(channel.id);

  const bus = await wfm.getWorkforcemanagementBusinessunits();
  const mus = await wfm.getWorkforcemanagementBusinessunitManagementunits(bus.entities[0].id);
  const mu = mus.entities[0].id;
  const agent = (await wfm.getWorkforcemanagementManagementunitUsers(mu)).entities[0].id;
  const topic = `v2.users.${agent}.workforcemanagement.timeoffrequests`;
  const answer = await notifications.putNotificationsChannelSubscriptions(channel.id, [
    { id: topic },
    { id: 'v2.users.not-a-user.presence' },
  ]);
  assert.equal(answer.entities[0].state, 'Permitted');
  assert.equal(answer.entities[1].state, 'Rejected');
  assert.equal(typeof answer.entities[1].rejectionReason, 'string');
  const subs = await notifications.getNotificationsChannelSubscriptions(channel.id);
  assert.deepEqual(subs.entities.map((t) => t.id), [topic]);

  const first = open(channel.connectUri);
  await first.opened;
  await first.next(isHeartbeat, 'heartbeat');
  first.ws.send(JSON.stringify({ message: 'ping' }));
  await first.next((m) => m.topicName === 'channel.metadata' && m.eventBody.message === 'pong', 'pong');

  const day = new Date(Date.now() + 21 * 86400000).toISOString().slice(0, 10);
  const created = await wfm.postWorkforcemanagementManagementunitTimeoffrequests(mu, {
    status: 'PENDING',
    users: [{ id: agent }],
    activityCodeId: '5',
    fullDayManagementUnitDates: [day],
    dailyDurationMinutes: 480,
  });
  const requestId = created.timeOffRequests[0].id;
  const event = await first.next((m) => m.topicName === topic, 'time-off event');
  assert.equal(event.version, '2');
  assert.equal(event.eventBody.id, requestId);
  assert.equal(typeof event.eventBody.submittedBy, 'string');
  assert.equal(typeof event.metadata.CorrelationId, 'string');

  // Maintenance: a warning, then the close; the channel lives on and a new socket carries on.
  await admin('/mockgc/admin/faults', { type: 'notification', action: 'socket_closing', grace: 'PT30S' });
  await first.next((m) => m.topicName === 'v2.system.socket_closing', 'socket_closing');
  assert.equal(await first.closed, 1000);
  const second = open(channel.connectUri);
  await second.opened;
  await second.next(isHeartbeat, 'heartbeat after reconnecting');
  second.ws.close();
  await second.closed;
});

test('a second socket on a channel closes the first; an unknown channel answers 404', async () => {
  const channel = await notifications.postNotificationsChannels();
  const first = open(channel.connectUri);
  await first.opened;
  const second = open(channel.connectUri);
  await second.opened;
  assert.equal(await first.closed, 1000);
  second.ws.close();
  await second.closed;
  const unknown = open(`ws://127.0.0.1:${emea.port}/channels/streaming-0-unknown`);
  await unknown.opened;
  assert.deepEqual(await unknown.next((m) => m.result !== undefined, '404 message'), { result: '404' });
  await unknown.closed;
});

// Adherence from the agent state process: a second server whose real clock (60x) starts on a Monday morning
// in London, so the EMEA agents are at work; a management unit's adherence topic carries its members' changes
// in the topic model (adherenceChangeTime, a plain-string managementUnitId), not the REST one.
test('a management unit adherence event from the agent state process', async () => {
  const scenario = JSON.parse(fs.readFileSync(process.env.MOCKGC_SCENARIO, 'utf8'));
  scenario.clock = { mode: 'real', speed: 60, start: '2026-03-02T09:00:00Z' };
  delete scenario.expect;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mockgc-sdk-adherence-')), 'monday.json');
  fs.writeFileSync(file, JSON.stringify(scenario));
  const monday = await serve(process.env.MOCKGC_BIN, ['--port', '0', '--seed', '7', '--scenario', file]);
  try {
    const region = monday.regions.eu_central_1;
    client.setGateway({ host: '127.0.0.1', protocol: 'http', port: region.port });
    await client.loginClientCredentialsGrant(region.client_id, region.client_secret);
    const bus = await wfm.getWorkforcemanagementBusinessunits();
    const mu = (await wfm.getWorkforcemanagementBusinessunitManagementunits(bus.entities[0].id)).entities[0].id;
    const members = new Set((await wfm.getWorkforcemanagementManagementunitUsers(mu)).entities.map((u) => u.id));
    const topic = `v2.workforcemanagement.managementunits.${mu}.adherence`;
    const channel = await notifications.postNotificationsChannels();
    const answer = await notifications.putNotificationsChannelSubscriptions(channel.id, [{ id: topic }]);
    assert.equal(answer.entities[0].state, 'Permitted');
    const socket = open(channel.connectUri);
    await socket.opened;
    const event = await socket.next((m) => m.topicName === topic, 'adherence event', 20000);
    const body = event.eventBody;
    assert.ok(members.has(body.user.id), `${body.user.id} is not a member of ${mu}`);
    assert.equal(body.managementUnitId, mu);
    assert.equal(typeof body.businessUnitId, 'string');
    assert.ok(!Number.isNaN(Date.parse(body.adherenceChangeTime)), JSON.stringify(body));
    assert.equal(body.timeOfAdherenceChange, undefined);
    assert.match(body.adherenceState, /^(InAdherence|OutOfAdherence|Unscheduled)$/);
    assert.match(body.routingStatus, /^(OFF_QUEUE|IDLE|INTERACTING)$/);
    // The same agent's REST record has the same ids in the REST model.
    const rest = await wfm.getWorkforcemanagementAdherence([body.user.id]);
    assert.equal(rest[0].managementUnit.id, mu);
    socket.ws.close();
    await socket.closed;
  } finally {
    monday.process.kill('SIGTERM');
    client.setGateway({ host: '127.0.0.1', protocol: 'http', port: emea.port });
  }
});
