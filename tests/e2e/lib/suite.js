// What most browser tests stand on: the real liaoxiu-server on a fresh copy of the demo, an API
// client for it, and headless Chromium — started before a file's tests and stopped after them.
// `const suite = demoSuite();` at the top level, then suite.server, suite.api, suite.chrome in tests.
import { before, after } from 'node:test';
import { launch } from './browser.js';
import { startServer, apiClient } from './server.js';

export function demoSuite(serverOptions = {}) {
  const suite = { server: null, api: null, chrome: null };
  before(async () => {
    suite.server = await startServer(serverOptions);
    suite.api = apiClient(suite.server.origin);
    suite.chrome = await launch();
  });
  after(async () => {
    await suite.chrome?.close();
    await suite.server?.stop();
  });
  return suite;
}
