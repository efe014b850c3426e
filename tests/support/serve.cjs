// Starts build/bin/mock-gc serve and reads its banner up to "ready": the JavaScript tests' one launcher and
// banner reader (the SDK suites require it, the browser tests import it from ./lib/serve.cjs).
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

// `mock-gc serve ARGS…`; resolves to {process, regions: {key: {url, port, client_id, client_secret, ...}},
// shared: {url, port, hosts}, console: {url} (when printed), lines: every line before "ready"}.
// Rejects when mock-gc exits first, or stops it and rejects when it prints no "ready" within `timeoutMs`.
function serve(bin, args, { timeoutMs = 30000 } = {}) {
  const child = spawn(bin, ['serve', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const regions = {};
  const lines = [];
  let shared;
  let consoleWords;
  let buffered = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`mock-gc did not print "ready" within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.once('exit', (code) => reject(new Error(`mock-gc exited early with ${code}`)));
    child.stdout.on('data', (chunk) => {
      buffered += chunk.toString();
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.trim() === 'ready') {
          clearTimeout(timer);
          resolve({ process: child, regions, shared, console: consoleWords, lines });
          continue;
        }
        lines.push(line);
        if (line.startsWith('region=')) {
          const w = parseWords(line);
          regions[w.region] = { ...w, port: Number(new URL(w.url).port) };
        } else if (line.startsWith('shared ')) {
          const w = parseWords(line);
          shared = { ...w, port: Number(new URL(w.url).port) };
        } else if (line.startsWith('console ')) {
          consoleWords = parseWords(line);
        }
      }
    });
  });
}

module.exports = { serve, parseWords };
