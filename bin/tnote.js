#!/usr/bin/env node
// @ts-check
'use strict';
const path = require('path');
const fs = require('fs');
const v8 = require('v8');

// Memory (issue 12 item 9, issue 13): checking a note makes much short-lived garbage and keeps
// little. With V8's defaults the young generation grows to 3 × 16 MB, and the old generation's
// limit grows with it (peak RSS ~155 MB at 10,000 notes). Keeping the young generation at its
// first size (1 MB semi-spaces) brings that to ~110 MB for a few per cent more CPU time (more,
// smaller scavenges). V8 reads this setting each time the young generation would grow, so it
// works when set here, before the CLI is loaded (no second process). Left alone when the user
// sets semi-space sizes in node options or NODE_OPTIONS. A check of many notes also caps the old
// generation's growth (server/src/cli/heap.ts).
const chosen = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
if (!/--(max-|min-)?semi-space/.test(chosen)) v8.setFlagsFromString('--semi-space-growth-factor=1');

const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  console.error('tnote: the CLI is not built yet; run `npm run build` (npm ci runs it for you).');
  process.exit(2);
}
// With the build's V8 code cache when it matches (bin/load-cli.js): a short run starts sooner.
require('./load-cli')
  .loadBundle(cli)
  .exports.main(process.argv.slice(2))
  .then((/** @type {number} */ code) => {
    process.exitCode = code;
  });
