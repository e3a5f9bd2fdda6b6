#!/usr/bin/env node
// What a page's first load costs in bytes on the wire: the entry's wasm and JS, brotli at the
// packager's quality (tools/package_web.mjs), for each build directory given, side by side with
// the first one. Used to hold the worker's index.html to the desk issue's budget (the desk may
// add at most 10 KB): build the commit before a change and after it, then compare.
//
//   node tests/bench/web/first_load_bytes.mjs BASE_BUILD_DIR [OTHER_BUILD_DIR ...] [--entry liaoxiu]
//
// Each BUILD_DIR is a web build (build/web): its link/<entry>.wasm and link/<entry>.js are read.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const entryAt = args.indexOf('--entry');
const entry = entryAt >= 0 ? args.splice(entryAt, 2)[1] : 'liaoxiu';
if (args.length === 0) {
  console.error('usage: first_load_bytes.mjs BASE_BUILD_DIR [OTHER_BUILD_DIR ...] [--entry liaoxiu]');
  process.exit(2);
}
const brotli = (bytes) => zlib.brotliCompressSync(bytes, { params: {
  [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length;

const rows = args.map((dir) => {
  const sizes = {};
  for (const ext of ['wasm', 'js']) {
    const file = path.join(dir, 'link', `${entry}.${ext}`);
    if (!fs.existsSync(file)) {
      console.error(`${file}: missing (build ${dir} with: cmake --build --preset web --target ${entry})`);
      process.exit(1);
    }
    const bytes = fs.readFileSync(file);
    sizes[ext] = { raw: bytes.length, br: brotli(bytes) };
  }
  return { dir, ...sizes, total: sizes.wasm.br + sizes.js.br };
});
const base = rows[0].total;
console.log(`| build | wasm raw | wasm brotli | js brotli | first load brotli | vs ${rows[0].dir} |`);
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  const delta = r.total - base;
  console.log(`| ${r.dir} | ${r.wasm.raw} | ${r.wasm.br} | ${r.js.br} | ${r.total} | ${delta >= 0 ? '+' : ''}${delta} |`);
}
