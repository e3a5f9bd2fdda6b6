#!/usr/bin/env node
// Turns the raw link output into the CDN-ready dist/ (run by the web build after linking):
//
//   liaoxiu.<hash>.js, liaoxiu.<hash>.wasm, catalogue.<hash>.json, icon*.<hash>.*
//                          content-hashed: cacheable forever
//   index.html             the loader, rewritten with the hashed names (not hashed)
//   liaoxiu-desk.<hash>.js/.wasm, desk.html
//                          the secretariat's desk: the same loader on the desk's own build
//                          (--desk-js/--desk-wasm); never precached by the service worker, so
//                          a worker's phone never downloads it
//   config.json            deploy-time settings read by the app (not hashed)
//   manifest.webmanifest   web app manifest
//   sw.js                  service worker precaching this build (offline second visits)
//   asset-manifest.json    logical name → hashed name, for tests and tools
//   _headers               cache rules for Netlify / Cloudflare Pages (nginx: docs/hosting.md)
//   <file>.br, <file>.gz   precompressed copies beside every served file
//
// dist/ ends up holding exactly these files: anything else (older builds' hashed files,
// the raw unhashed link output) is removed. Unchanged files are not rewritten, so running
// it twice changes nothing.
//
//   node tools/package_web.mjs --out DIR --js liaoxiu.js --wasm liaoxiu.wasm
//        --catalogue catalogue.json --shell shell/index.html --web web/ [--headers-base /]
//        [--desk-js liaoxiu-desk.js --desk-wasm liaoxiu-desk.wasm]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HASH_LENGTH = 10;

function parseArguments(argv) {
  const options = { headersBase: '/' };
  const names = { '--out': 'out', '--js': 'js', '--wasm': 'wasm', '--catalogue': 'catalogue',
                  '--shell': 'shell', '--web': 'web', '--headers-base': 'headersBase',
                  '--desk-js': 'deskJs', '--desk-wasm': 'deskWasm' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = names[argv[i]];
    if (!key || argv[i + 1] === undefined) throw new Error(`unknown or incomplete option ${argv[i]}`);
    options[key] = argv[i + 1];
  }
  for (const required of ['out', 'js', 'wasm', 'catalogue', 'shell', 'web']) {
    if (!options[required]) throw new Error(`missing --${required}`);
  }
  if (!options.deskJs !== !options.deskWasm) throw new Error('--desk-js and --desk-wasm go together');
  if (!options.headersBase.endsWith('/')) options.headersBase += '/';
  return options;
}

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

// "liaoxiu.js" + bytes → "liaoxiu.0123abcd45.js"
function hashedName(logical, bytes) {
  const dot = logical.indexOf('.');
  return `${logical.slice(0, dot)}.${sha256(bytes).slice(0, HASH_LENGTH)}${logical.slice(dot)}`;
}

// Rewrites the loader: the file table between the markers gets the hashed names, and the
// manifest and icon links go into <head>.
function rewriteIndex(html, hashed, entry = 'liaoxiu') {
  const marker = /\/\*liaoxiu-files\*\/[^]*?\/\*end\*\//;
  if (!marker.test(html)) throw new Error('shell: the /*liaoxiu-files*/{…}/*end*/ table is missing');
  const table = { js: hashed[`${entry}.js`], wasm: hashed[`${entry}.wasm`], catalogue: hashed['catalogue.json'] };
  html = html.replace(marker, JSON.stringify(table));
  const links = [
    '<link rel="manifest" href="manifest.webmanifest">',
    `<link rel="icon" href="${hashed['icon.svg']}" type="image/svg+xml">`,
    `<link rel="apple-touch-icon" href="${hashed['icon-192.png']}">`,
  ].join('\n');
  if (!html.includes('</head>')) throw new Error('shell: no </head>');
  html = html.replace(/<link rel="icon"[^>]*>\n?/g, '');  // a placeholder icon gives way to ours
  html = html.replace('</head>', `${links}\n</head>`);
  const absolute = [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']*)["']/g)]
    .map((match) => match[1]).filter((url) => /^(?:[a-z][a-z0-9+.-]*:|\/)/i.test(url) && !url.startsWith('data:'));
  if (absolute.length) throw new Error(`shell: only relative URLs work under any prefix, found ${absolute.join(', ')}`);
  return html;
}

// The manifest's icon sources name logical files; they become the hashed names.
function rewriteManifest(text, hashed) {
  const manifest = JSON.parse(text);
  for (const icon of manifest.icons || []) {
    if (!hashed[icon.src]) throw new Error(`manifest: unknown icon ${icon.src}`);
    icon.src = hashed[icon.src];
  }
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function serviceWorker(template, build, hashedNames) {
  for (const placeholder of ['__LIAOXIU_BUILD__', '__LIAOXIU_HASHED__']) {
    if (!template.includes(placeholder)) throw new Error(`sw.js: ${placeholder} is missing`);
  }
  return template.replace('__LIAOXIU_BUILD__', build)
    .replace('__LIAOXIU_HASHED__', JSON.stringify(hashedNames));
}

// Cache rules in the _headers format of Netlify and Cloudflare Pages. Exact paths (not
// patterns) because the two hosts' wildcard rules differ; a build lists its own files.
function headersFile(base, hashedNames, shortLived) {
  const lines = ['# Written by tools/package_web.mjs. Hashed names change with their content: cache forever.', ''];
  lines.push(`${base}*`, '  X-Content-Type-Options: nosniff', '');
  for (const name of hashedNames) lines.push(`${base}${name}`, '  Cache-Control: public, max-age=31536000, immutable');
  lines.push('', '# Entry points and settings: always revalidated, so a new deploy is seen at once.');
  for (const name of ['', ...shortLived]) lines.push(`${base}${name}`, '  Cache-Control: no-cache');
  lines.push(`${base}manifest.webmanifest`, '  Content-Type: application/manifest+json');
  return `${lines.join('\n')}\n`;
}

const brotli = (bytes) => zlib.brotliCompressSync(bytes, { params: {
  [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
const gzip = (bytes) => zlib.gzipSync(bytes, { level: 9 });  // header mtime is 0: reproducible

// Writes only when the content differs; returns whether it wrote.
function writeIfChanged(file, bytes) {
  if (fs.existsSync(file) && fs.readFileSync(file).equals(bytes)) return false;
  const temporary = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temporary, bytes);
  fs.renameSync(temporary, file);
  return true;
}

export async function packageWeb(options) {
  const read = (file) => fs.readFileSync(file);
  const web = (name) => path.join(options.web, name);
  const { iconPng } = await import(pathToFileURL(path.resolve(web('icon_png.mjs'))).href);

  // Content-hashed files, by logical name.
  const sources = {
    'liaoxiu.js': read(options.js),
    'liaoxiu.wasm': read(options.wasm),
    'catalogue.json': read(options.catalogue),
    'icon.svg': read(web('icon.svg')),
    'icon-192.png': iconPng(192),
    'icon-512.png': iconPng(512),
  };
  if (options.deskJs) {
    sources['liaoxiu-desk.js'] = read(options.deskJs);
    sources['liaoxiu-desk.wasm'] = read(options.deskWasm);
  }
  const hashed = {};
  const output = new Map();  // dist file name → bytes
  for (const [logical, bytes] of Object.entries(sources)) {
    hashed[logical] = hashedName(logical, bytes);
    output.set(hashed[logical], bytes);
  }
  const hashedNames = Object.values(hashed);
  // What the service worker precaches: the worker's app, not the desk.
  const deskNames = new Set([hashed['liaoxiu-desk.js'], hashed['liaoxiu-desk.wasm']].filter(Boolean));
  const workerNames = hashedNames.filter((name) => !deskNames.has(name));

  output.set('index.html', Buffer.from(rewriteIndex(read(options.shell).toString('utf8'), hashed)));
  if (options.deskJs) output.set('desk.html', Buffer.from(rewriteIndex(read(options.shell).toString('utf8'), hashed, 'liaoxiu-desk')));
  output.set('config.json', read(web('config.json')));
  JSON.parse(output.get('config.json'));  // a broken config must fail the build, not the kiosk
  output.set('manifest.webmanifest', Buffer.from(rewriteManifest(read(web('manifest.webmanifest')).toString('utf8'), hashed)));
  output.set('asset-manifest.json', Buffer.from(`${JSON.stringify(hashed, null, 2)}\n`));

  // The build id covers every file the service worker serves, so any change installs a new one.
  const build = sha256([...output.entries()].sort().map(([name, bytes]) => `${name} ${sha256(bytes)}`).join('\n'))
    .slice(0, 12);
  output.set('sw.js', Buffer.from(serviceWorker(read(web('sw.js')).toString('utf8'), build, workerNames)));
  const shortLived = ['index.html', 'config.json', 'sw.js', 'manifest.webmanifest', 'asset-manifest.json'];
  if (options.deskJs) shortLived.push('desk.html');
  output.set('_headers', Buffer.from(headersFile(options.headersBase, hashedNames, shortLived)));

  // Precompressed copies of everything a browser fetches (_headers is read by the host only).
  for (const [name, bytes] of [...output.entries()]) {
    if (name === '_headers') continue;
    output.set(`${name}.br`, brotli(bytes));
    output.set(`${name}.gz`, gzip(bytes));
  }

  fs.mkdirSync(options.out, { recursive: true });
  let written = 0, removed = 0;
  for (const [name, bytes] of output) if (writeIfChanged(path.join(options.out, name), bytes)) written++;
  for (const entry of fs.readdirSync(options.out, { withFileTypes: true })) {
    if (entry.isFile() && !output.has(entry.name)) {
      fs.unlinkSync(path.join(options.out, entry.name));
      removed++;
    }
  }
  // The build system judges dist/ by this file's time: mark it current even when unchanged.
  const now = new Date();
  fs.utimesSync(path.join(options.out, 'asset-manifest.json'), now, now);
  return { hashed, build, written, removed, files: output.size };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const options = parseArguments(process.argv.slice(2));
    const result = await packageWeb(options);
    console.log(`package_web: ${options.out}: build ${result.build}, ${result.files} files ` +
                `(${result.written} written, ${result.removed} removed)`);
  } catch (error) {
    console.error(`package_web: ${error.message}`);
    process.exit(1);
  }
}
