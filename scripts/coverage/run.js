#!/usr/bin/env node
// @ts-check
'use strict';
// `npm run test:coverage`: the mocha suite (as `npm test` runs it, after the build) under c8, with
// the floors of .c8rc.json. Child processes (the bundled CLI and language server the tests start)
// inherit NODE_V8_COVERAGE and are counted too, mapped back to server/src through their source
// maps; flush-on-sigterm.js makes the servers the tests stop with SIGTERM write their coverage.
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const hook = path.join(__dirname, 'flush-on-sigterm.js');
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(hook)}`.trim() };
const c8 = require.resolve('c8/bin/c8.js');
const mocha = require.resolve('mocha/bin/mocha.js');
const r = spawnSync(process.execPath, [c8, process.execPath, mocha, ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
if (r.error) {
  console.error(`test:coverage: could not start c8: ${r.error.message}`);
  process.exit(1);
}
process.exit(r.status ?? 1);
