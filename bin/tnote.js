#!/usr/bin/env node
// @ts-check
'use strict';
const path = require('path');
const fs = require('fs');
const { respawnWithSmallPool } = require('./respawn');

// On a machine with 2 cores, `check` and `report` run in a process with one V8 worker thread
// (bin/respawn.js): this process then only waits for it.
if (!respawnWithSmallPool(__filename)) run();

function run() {
  const { applyCliV8Flags, loadBundle } = require('./load-cli');
  // V8 settings first: they shape memory, and the code cache is made under them (bin/load-cli.js).
  applyCliV8Flags();
  const cli = path.join(__dirname, '..', 'dist', 'cli.js');
  if (!fs.existsSync(cli)) {
    console.error('tnote: the CLI is not built yet; run `npm run build` (npm ci runs it for you).');
    process.exit(2);
  }
  // With the build's V8 code cache when it matches (bin/load-cli.js): a short run starts sooner.
  loadBundle(cli)
    .exports.main(process.argv.slice(2))
    .then((/** @type {number} */ code) => {
      process.exitCode = code;
    });
}
