// @ts-check
'use strict';
/**
 * Loads the bundled CLI (dist/cli.js) as `require` would, but with V8's code cache for it when the
 * build wrote one (dist/cli.js.v8cache, see scripts/cli-code-cache.js): V8 then neither parses the
 * bundle nor compiles the functions a `tnote check` run uses, which is a good part of a short run
 * (a warm `--cache` run). The cache file starts with the SHA-256 of the bundle it was made from;
 * any other bundle (a rebuild), a cache V8 rejects (another Node version or V8 flags), a missing
 * or unreadable file: the bundle is compiled as usual. Not used when Node collects coverage or maps
 * stack traces through source maps (those need the normal loader).
 */
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

/** The code cache file of a bundle. */
const cacheFileOf = (/** @type {string} */ file) => `${file}.v8cache`;
const DIGEST_BYTES = 32;

/** @param {Buffer} bytes */
const digest = (bytes) => crypto.createHash('sha256').update(bytes).digest();

/**
 * The CLI's V8 settings, set before its bundle is compiled (issue 12 item 9, issue 13): checking a
 * note makes much short-lived garbage and keeps little. With V8's defaults the young generation
 * grows to 3 × 16 MB, and the old generation's limit grows with it (peak RSS ~155 MB at 10,000
 * notes). Keeping the young generation at its first size (1 MB semi-spaces) brings that to
 * ~110 MB for a few per cent more CPU time (more, smaller scavenges). V8 reads this setting each
 * time the young generation would grow, so it works when set at run time (no start-up flag).
 * Left alone when the user sets semi-space sizes in node options or NODE_OPTIONS. V8 accepts a code
 * cache only under the flags it was made with: bin/tnote.js and scripts/cli-code-cache.js both call
 * this first. A check of many notes also caps the old generation's growth (server/src/cli/heap.ts).
 */
function applyCliV8Flags() {
  if (!/--(max-|min-)?semi-space/.test(require('./respawn').userNodeOptions())) require('v8').setFlagsFromString('--semi-space-growth-factor=1');
}

/** Whether the code cache may be used in this process. */
function cacheAllowed() {
  return !process.env.NODE_V8_COVERAGE && !process.execArgv.some((a) => a.startsWith('--enable-source-maps')) && !/--enable-source-maps/.test(process.env.NODE_OPTIONS ?? '');
}

/**
 * Loads `file` (a CommonJS bundle) and returns its exports and the compiled script (to make a cache from).
 * @param {string} file
 * @param {{ useCache?: boolean }} [options]
 * @returns {{ exports: any, script: import('vm').Script | undefined, cache: 'used' | 'rejected' | 'none' }}
 */
function loadBundle(file, options = {}) {
  const useCache = options.useCache ?? cacheAllowed();
  if (!useCache && options.useCache === undefined) return { exports: require(file), script: undefined, cache: 'none' };
  const bytes = fs.readFileSync(file);
  const source = bytes.toString('utf8');
  /** @type {Buffer | undefined} */
  let cachedData;
  if (useCache) {
    try {
      const data = fs.readFileSync(cacheFileOf(file));
      if (data.length > DIGEST_BYTES && data.subarray(0, DIGEST_BYTES).equals(digest(bytes))) cachedData = data.subarray(DIGEST_BYTES);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  return { exports: mod.exports, script, cache: cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used' };
}

/**
 * Writes the code cache of a loaded bundle (after it ran a representative workload, so that the
 * functions it compiled are in the cache).
 * @param {string} file
 * @param {import('vm').Script} script
 */
function writeCodeCache(file, script) {
  fs.writeFileSync(cacheFileOf(file), Buffer.concat([digest(fs.readFileSync(file)), script.createCachedData()]));
}

module.exports = { applyCliV8Flags, loadBundle, writeCodeCache, cacheFileOf };
