// dist/ names its assets by content hash (tools/package_web.mjs); asset-manifest.json maps
// each logical name ("catalogue.json") to the file that holds it ("catalogue.0123abcd45.json").
import fs from 'node:fs';
import path from 'node:path';
import { distDir } from './browser.js';

export function assetManifest(dir = distDir) {
  return JSON.parse(fs.readFileSync(path.join(dir, 'asset-manifest.json'), 'utf8'));
}

// The logical names of the secretariat's desk (desk.html's own wasm): never precached on a phone.
export const deskAssets = ['liaoxiu-desk.js', 'liaoxiu-desk.wasm'];

// The dist/ names the service worker precaches: every asset of the worker's app, none of the desk's.
export function precachedAssets(dir = distDir) {
  const manifest = assetManifest(dir);
  return Object.keys(manifest).filter((logical) => !deskAssets.includes(logical)).map((logical) => manifest[logical]);
}

// The dist/ file name of a logical asset name.
export function distFile(logical, dir = distDir) {
  const name = assetManifest(dir)[logical];
  if (!name) throw new Error(`${logical} is not in ${dir}/asset-manifest.json`);
  return name;
}
