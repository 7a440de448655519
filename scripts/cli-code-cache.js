#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Writes dist/cli.js.v8cache, V8's code cache of the bundled CLI, after a representative
 * workload: `tnote check` over the example notes in every format, cold and warm with `--cache`
 * (so the functions those runs compile are in it). bin/load-cli.js uses it when it matches the
 * bundle. Run by scripts/bundle.js in a fresh Node process without extra flags, under the CLI's
 * own V8 settings (applyCliV8Flags: V8 accepts a cache only under the flags it was made with).
 * The cache holds compiled code, no note text.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { applyCliV8Flags, loadBundle, writeCodeCache } = require('../bin/load-cli');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');

async function main() {
  applyCliV8Flags();
  const { exports: tnote, script } = loadBundle(cli, { useCache: false });
  if (!script) throw new Error('the bundle was not compiled through vm.Script');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-code-cache-'));
  try {
    const io = { out: () => {}, err: () => {}, cwd: dir, color: false };
    const examples = path.join(root, 'examples');
    const cache = ['--cache', '--cache-location', path.join(dir, 'cache')];
    for (const format of ['json', 'text', 'sarif', 'junit']) await tnote.main(['check', '--format', format, examples], io);
    await tnote.main(['check', '--format', 'json', ...cache, examples], io);
    await tnote.main(['check', '--format', 'json', ...cache, examples], io);
    await tnote.main(['rules'], io);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  writeCodeCache(cli, script);
}

main().catch((err) => {
  // No cache is not an error: the CLI then compiles its bundle as usual.
  console.error(`cli-code-cache: no code cache written (${err instanceof Error ? err.message : String(err)})`);
  fs.rmSync(`${cli}.v8cache`, { force: true });
});
