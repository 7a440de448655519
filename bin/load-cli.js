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
 * time the young generation would grow, so it works when set at run time (no second process).
 * Left alone when the user sets semi-space sizes in node options or NODE_OPTIONS. V8 accepts a code
 * cache only under the flags it was made with: bin/tnote.js and scripts/cli-code-cache.js both call
 * this first. A check of many notes also caps the old generation's growth (server/src/cli/heap.ts).
 */
function applyCliV8Flags() {
  const chosen = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  if (!/--(max-|min-)?semi-space/.test(chosen)) require('v8').setFlagsFromString('--semi-space-growth-factor=1');
}

/** Subcommands that check many notes: on a small machine they run in a process with one V8 worker thread. */
const HEAVY_COMMANDS = new Set(['check', 'report']);
/** Set in the process started by {@link smallPoolCommand} (never respawns again). */
const RESPAWNED = 'TNOTE_RESPAWNED';

/**
 * The command line to run this CLI again with `--v8-pool-size=1`, or undefined to run here
 * (issue 13). V8 runs its background work (the optimizing compiler, garbage-collection helpers)
 * on a pool of worker threads, 4 by default: on a machine with 2 cores those threads and the main
 * thread, which checks the notes, take turns, and a check of 10,000 notes takes ~10 % longer than
 * with one worker thread (measured on the 2-core bench and CI machine; the same CPU time, less
 * waiting). The pool size can only be given when Node starts, so `check` and `report` respawn
 * once on machines with at most 2 cores (~60 ms more for a run of a few notes). Not when the
 * user set a pool size (node options or NODE_OPTIONS), in the respawned process itself, or with
 * `TNOTE_V8_POOL=off`; `TNOTE_V8_POOL=N` asks for a pool of N threads on any machine.
 * @param {{ argv: string[], execArgv: string[], env: NodeJS.ProcessEnv, cores: number, script: string }} p
 * @returns {string[] | undefined} the node arguments, or undefined
 */
function smallPoolCommand({ argv, execArgv, env, cores, script }) {
  const setting = (env.TNOTE_V8_POOL ?? 'auto').trim().toLowerCase();
  if (env[RESPAWNED] || setting === 'off' || !HEAVY_COMMANDS.has(argv[0] ?? '')) return undefined;
  if (argv.includes('--help') || argv.includes('-h')) return undefined;
  if (/--v8-pool-size/.test(`${execArgv.join(' ')} ${env.NODE_OPTIONS ?? ''}`)) return undefined;
  const forced = /^[1-9]\d{0,2}$/.test(setting) ? Number(setting) : undefined;
  if (forced === undefined && (setting !== 'auto' || cores > 2)) return undefined;
  return [`--v8-pool-size=${forced ?? 1}`, ...execArgv, script, ...argv];
}

/**
 * Runs {@link smallPoolCommand}'s command line when there is one and returns true (this process
 * then only waits: signals are passed on, and the respawned process's exit status or signal
 * becomes this one's); false to run the CLI in this process.
 * @param {string} script the CLI script (bin/tnote.js)
 */
function respawnWithSmallPool(script) {
  const os = require('os');
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const args = smallPoolCommand({ argv: process.argv.slice(2), execArgv: process.execArgv, env: process.env, cores, script });
  if (!args) return false;
  const child = require('child_process').spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, [RESPAWNED]: '1' } });
  const forward = (/** @type {NodeJS.Signals} */ signal) => {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  };
  const signals = /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);
  for (const signal of signals) process.on(signal, forward);
  child.on('error', (err) => {
    for (const signal of signals) process.off(signal, forward);
    console.error(`tnote: could not start a checking process (${err.message})`);
    process.exitCode = 2;
  });
  child.on('exit', (code, signal) => {
    for (const s of signals) process.off(s, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 2;
  });
  return true;
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

module.exports = { applyCliV8Flags, loadBundle, writeCodeCache, cacheFileOf, smallPoolCommand, respawnWithSmallPool };
