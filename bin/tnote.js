#!/usr/bin/env node
// @ts-check
'use strict';
const path = require('path');
const fs = require('fs');
const v8 = require('v8');

// Memory (issue 12 item 9, issue 13): checking a note makes much short-lived garbage and keeps
// little (~35 MB live at 100,000 notes). With V8's defaults the young generation grows to
// 3 × 16 MB and the old generation to up to 4× its live size between full collections: peak RSS
// 300–460 MB at 100,000 notes. Two settings that V8 reads as it runs (so they work when set
// here, before the CLI is loaded; no second process) keep the young generation at its first size
// (1 MB semi-spaces) and let the old generation at most double between full collections:
// ~150 MB at 100,000 notes, ~87 MB instead of ~155 MB at 10,000, for a few per cent more CPU
// time (more, smaller collections). Each is left alone when the user sets it (or the sizes it
// bears on) in node options or NODE_OPTIONS.
const chosen = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
if (!/--(max-|min-)?semi-space/.test(chosen)) v8.setFlagsFromString('--semi-space-growth-factor=1');
if (!/--heap-growing-percent|--optimize-for-size/.test(chosen)) v8.setFlagsFromString('--heap-growing-percent=100');

const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  console.error('tnote: the CLI is not built yet; run `npm run build` (npm ci runs it for you).');
  process.exit(2);
}
require(cli)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
