// A plain static file server for dist/ on 127.0.0.1, as any CDN or static host would
// serve it. Used by the end-to-end tests of the app on its own (without the endpoint).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json',
};

// Serves `root`.
//   hide:          file names answered with 404, to simulate a broken upload
//   overrides:     { 'config.json': '{}' } — answer these names with this text instead
//   prefix:        the path dist/ lives under, e.g. '/some/prefix/' (anything else is 404)
//   precompressed: answer with the .br / .gz sibling when the browser accepts it, as a CDN
//                  configured by docs/hosting.md does
//   port:          a fixed port (default: any free one), to bring a "new deploy" up on the
//                  same origin as an earlier one
// `requests` records every answer: { path, status, encoding, bytes } (bytes = body sent).
export function serveStatic(root, { hide = [], overrides = {}, prefix = '/', precompressed = false, port = 0 } = {}) {
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw new Error(`prefix must start and end with /: ${prefix}`);
  const requests = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    const pathname = decodeURIComponent(url.pathname);
    const answer = (status, headers, body) => {
      response.writeHead(status, headers);
      response.end(body);
      requests.push({ path: pathname, status, encoding: headers['Content-Encoding'] || null, bytes: body.length });
    };
    const relative = pathname.startsWith(prefix) ? pathname.slice(prefix.length) || 'index.html' : null;
    const file = relative === null ? null : path.join(root, relative);
    if (relative !== null && Object.hasOwn(overrides, relative)) {
      answer(200, { 'Content-Type': TYPES[path.extname(relative)] || 'text/plain' }, Buffer.from(overrides[relative]));
      return;
    }
    if (file === null || !file.startsWith(path.resolve(root)) || hide.includes(path.basename(file)) ||
        !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      answer(404, { 'Content-Type': 'text/plain' }, Buffer.from('not found'));
      return;
    }
    const headers = { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' };
    let body = null;
    if (precompressed) {
      const accepted = String(request.headers['accept-encoding'] || '');
      for (const [token, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
        if (new RegExp(`\\b${token}\\b`).test(accepted) && fs.existsSync(file + suffix)) {
          body = fs.readFileSync(file + suffix);
          headers['Content-Encoding'] = token;
          headers.Vary = 'Accept-Encoding';
          break;
        }
      }
    }
    body ??= fs.readFileSync(file);
    headers['Content-Length'] = body.length;
    answer(200, headers, body);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}${prefix}`,
        origin: `http://127.0.0.1:${port}`,
        requests,
        // Also drops idle keep-alive connections, so "closed" means unreachable at once.
        close: () => new Promise((done) => { server.close(done); server.closeAllConnections(); }),
      });
    });
  });
}
