// A notification-channel user, careful or careless (--mode), for `mock-gc check`: in every org of ORGS.json
// it logs in once, makes a channel, subscribes the topic that completes its asynchronous schedule queries
// (v2.workforcemanagement.users.<client id>.schedules.query) and listens on the channel's WebSocket for
// --seconds real seconds, checking the channel with a HEAD every --check-interval seconds. Then it closes
// its sockets and exits 0.
//
//   careful:  opens one socket per channel; on v2.system.socket_closing it opens the next socket at once
//             (the new one replaces the old); when a socket ends without the client closing it, it opens
//             a new one after a short pause.
//   careless: opens the channel's socket twice (a "backup" connection), and never reconnects: a closed
//             socket stays closed while the HEAD keeps saying the channel is fine.
//
// Node 18+ and the npm package `ws` (tests/sdk pins it; CTest sets NODE_PATH to its node_modules).
'use strict';

const fs = require('fs');
const WebSocket = require('ws');

function parseArgs(argv) {
  const args = { orgs: null, mode: 'careful', seconds: 6, checkInterval: 1 };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--mode') args.mode = argv[++i];
    else if (a === '--seconds') args.seconds = Number(argv[++i]);
    else if (a === '--check-interval') args.checkInterval = Number(argv[++i]);
    else if (!args.orgs) args.orgs = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!args.orgs) args.orgs = process.env.MOCKGC_ORGS;
  if (!args.orgs) throw new Error('usage: channels.js ORGS.json [--mode careful|careless] [--seconds N]');
  if (args.mode !== 'careful' && args.mode !== 'careless') throw new Error(`--mode must be careful or careless`);
  return args;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function login(org) {
  const basic = Buffer.from(`${org.client_id}:${org.client_secret}`).toString('base64');
  const res = await fetch(`${org.login_url || org.base_url}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  if (res.status !== 200) throw new Error(`${org.name}: login answered ${res.status}`);
  return (await res.json()).access_token;
}

async function api(org, token, method, path, body) {
  const res = await fetch(`${org.base_url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = method === 'HEAD' ? '' : await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

// One org's channel and its socket(s).
class Listener {
  constructor(org, token, channel, careful) {
    Object.assign(this, { org, token, channel, careful });
    this.sockets = new Set();
    this.stopping = false;
    this.events = 0;
  }

  open() {
    const ws = new WebSocket(this.channel.connectUri);
    this.sockets.add(ws);
    ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.topicName === 'v2.system.socket_closing') {
        console.log(`${this.org.name}: socket_closing`);
        if (this.careful) this.open();  // the new socket replaces the old one
      } else if (message.topicName !== 'channel.metadata') {
        this.events += 1;
      }
    });
    ws.on('error', () => {});
    ws.on('close', () => {
      this.sockets.delete(ws);
      console.log(`${this.org.name}: socket closed`);
      if (this.careful && !this.stopping && this.sockets.size === 0) setTimeout(() => this.reopen(), 100);
    });
    return ws;
  }

  reopen() {
    if (!this.stopping && this.sockets.size === 0) this.open();
  }

  close() {
    this.stopping = true;
    for (const ws of this.sockets) ws.close();
  }
}

async function start(org, careful) {
  const token = await login(org);
  const made = await api(org, token, 'POST', '/api/v2/notifications/channels');
  if (made.status !== 200) throw new Error(`${org.name}: channel create answered ${made.status}`);
  const topic = `v2.workforcemanagement.users.${org.client_id}.schedules.query`;
  const sub = await api(org, token, 'PUT', `/api/v2/notifications/channels/${made.body.id}/subscriptions`, [{ id: topic }]);
  if (sub.status !== 200) throw new Error(`${org.name}: subscribe answered ${sub.status}`);
  const listener = new Listener(org, token, made.body, careful);
  listener.open();
  if (!careful) listener.open();  // a "backup" connection to the same channel
  return listener;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const orgs = JSON.parse(fs.readFileSync(args.orgs, 'utf8')).orgs;
  const careful = args.mode === 'careful';
  const listeners = await Promise.all(orgs.map((org) => start(org, careful)));
  const until = Date.now() + args.seconds * 1000;
  while (Date.now() < until) {
    for (const l of listeners) {
      await sleep((args.checkInterval * 1000) / listeners.length);  // the orgs' checks are not in lock-step
      const head = await api(l.org, l.token, 'HEAD', `/api/v2/notifications/channels/${l.channel.id}`);
      if (head.status !== 200) console.log(`${l.org.name}: channel answered ${head.status}`);
    }
  }
  for (const l of listeners) l.close();
  await sleep(200);
  for (const l of listeners) console.log(`${l.org.name}: ${l.events} events`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(String(e && e.stack ? e.stack : e));
    process.exit(1);
  },
);
