#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Writes the README's Performance section from bench/results.json (`npm run bench:readme`).
 *   node bench/readme.js [--results FILE] [--check]
 * --check changes nothing and exits 1 when the README is not what results.json gives.
 */
const fs = require('fs');
const path = require('path');
const { updateReadme } = require('./report');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const ri = args.indexOf('--results');
const resultsFile = path.resolve(ri >= 0 ? args[ri + 1] : path.join(__dirname, 'results.json'));
const readmeFile = path.join(root, 'README.md');

let results;
try {
  results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
} catch (err) {
  console.error(`cannot read ${path.relative(process.cwd(), resultsFile)}: ${err.message} (run \`npm run bench\` first)`);
  process.exit(2);
}
if (!results?.machine || !Array.isArray(results.goals)) {
  console.error(`${path.relative(process.cwd(), resultsFile)} is not a bench result (no machine or goals); run \`npm run bench\``);
  process.exit(2);
}
const before = fs.readFileSync(readmeFile, 'utf8');
const after = updateReadme(before, results);
if (args.includes('--check')) {
  if (before !== after) {
    console.error('README.md Performance section is stale: run `npm run bench:readme`');
    process.exit(1);
  }
  console.log('README.md Performance section matches bench/results.json');
} else if (before === after) console.log('README.md Performance section already up to date');
else {
  fs.writeFileSync(readmeFile, after);
  console.log(`README.md Performance section written from ${path.relative(root, resultsFile)}`);
}
