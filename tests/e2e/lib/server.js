// The real endpoint for end-to-end tests: liaoxiu-server serving dist/ and the API on one
// origin, on a fresh SQLite database with the demo catalogue and accounts. Test-only
// settings: cheapest password hashing, no rate limits.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, distDir } from './browser.js';

export const serverBinary = process.env.LIAOXIU_SERVER ||
  path.join(repoRoot, 'build', 'native', 'src', 'server', 'liaoxiu-server');
export const demoPassword = 'liaoxiu-demo';

// Starts the server and resolves once GET /api/v1/health answers 200.
//   port:  0 picks a free one; pass an earlier server's port to come back on the same origin
//   dbDir: a directory holding the database (a new temporary one by default); pass an
//          earlier server's dbDir to come back on the same data
export async function startServer({ port = 0, dbDir = null, web = distDir } = {}) {
  dbDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'liaoxiu-e2e-'));
  const args = ['serve', '--addr', `127.0.0.1:${port}`, '--db', `sqlite:${path.join(dbDir, 'db')}`, '--web', web,
                '--demo', '--demo-file', path.join(repoRoot, 'assets', 'demo', 'catalogue.json'),
                '--password-cost', 'min', '--signin-rate', '0', '--write-rate', '0', '--quiet'];
  const child = spawn(serverBinary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk) => { output += chunk; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  // The first line on stdout names the address actually bound.
  const origin = await new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk) => {
      text += chunk;
      const found = /listening on (http:\/\/[^\s]+)/.exec(text);
      if (found) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve(found[1].replace(/\/$/, ''));
      }
    };
    child.stdout.on('data', onData);
    exited.then(({ code, signal }) =>
      reject(new Error(`liaoxiu-server exited (${code ?? signal}) before listening: ${text}${output}`)));
  });

  const deadline = Date.now() + 15000;
  for (;;) {
    try {
      const response = await fetch(`${origin}/api/v1/health`);
      if (response.status === 200) break;
    } catch { /* not answering yet */ }
    if (Date.now() > deadline) throw new Error(`liaoxiu-server at ${origin} never became healthy: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    origin,
    url: `${origin}/`,
    port: Number(new URL(origin).port),
    dbDir,
    log: () => output,
    // Ends the process (SIGTERM, SIGKILL after 5 s) and resolves once it is gone.
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// A small API client for checks and set-up outside the browser.
export function apiClient(origin) {
  const call = async (method, pathname, { token, body, headers = {} } = {}) => {
    const response = await fetch(`${origin}/api/v1/${pathname}`, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}),
                 ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  return {
    call,
    signIn: async (login, password = demoPassword) => {
      const answer = await call('POST', 'sessions', { body: { login, password } });
      if (answer.status !== 201) throw new Error(`sign-in of ${login}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;  // { token, account }
    },
  };
}
