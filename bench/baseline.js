#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * The practical limit for the CLI benchmark: find the same notes, read each one and split it into
 * lines — nothing else. `node bench/baseline.js DIR [ext]` prints the file and line counts.
 */
const fs = require('fs');
const path = require('path');

const [dir, ext = '.tnote'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench/baseline.js DIR [ext]');
  process.exit(2);
}

function walk(d, out) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && e.name.endsWith(ext)) out.push(p);
  }
  return out;
}

let files = 0;
let lines = 0;
for (const f of walk(path.resolve(dir), []).sort()) {
  lines += fs.readFileSync(f, 'utf8').split(/\r?\n/).length;
  files++;
}
process.stdout.write(JSON.stringify({ files, lines }) + '\n');
