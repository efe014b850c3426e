// Starts build/bin/mock-gc serve for an SDK test and reads its banner: the region lines and "ready".
// Shared by the SDK suites (one launcher, one banner reader).
'use strict';
const { spawn } = require('node:child_process');

function parseWords(line) {
  const out = {};
  for (const word of line.trim().split(/\s+/)) {
    const eq = word.indexOf('=');
    if (eq > 0) out[word.slice(0, eq)] = word.slice(eq + 1);
  }
  return out;
}

// Resolves to {process, regions: {key: {url, port, client_id, client_secret, ...}}, shared: {url, port}}.
function serve(bin, args) {
  const child = spawn(bin, ['serve', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const regions = {};
  let shared;
  let buffered = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('mock-gc did not print "ready" within 30 s')), 30000);
    child.once('exit', (code) => reject(new Error(`mock-gc exited early with ${code}`)));
    child.stdout.on('data', (chunk) => {
      buffered += chunk.toString();
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith('region=')) {
          const w = parseWords(line);
          regions[w.region] = { ...w, port: Number(new URL(w.url).port) };
        } else if (line.startsWith('shared ')) {
          const w = parseWords(line);
          shared = { ...w, port: Number(new URL(w.url).port) };
        } else if (line.trim() === 'ready') {
          clearTimeout(timer);
          resolve({ process: child, regions, shared });
        }
      }
    });
  });
}

module.exports = { serve, parseWords };
