#!/usr/bin/env node
// @ts-check
'use strict';
// The workspace the editor suites open: a private copy of examples/*.tnote plus the fixtures in
// test/e2e/workspace/ (e.g. repeat-initial/visit-1.tnote + visit-2.tnote). A copy, because the
// tests edit and save notes.
//
//   node test/e2e/prepare-workspace.js [DEST]   prints the folder (default: a new temp folder)
//   require('./prepare-workspace').prepareWorkspace(dest?) -> folder

const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, 'workspace');

function prepareWorkspace(dest) {
  const ws = dest ? path.resolve(dest) : fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-e2e-ws-'));
  fs.mkdirSync(ws, { recursive: true });
  for (const name of fs.readdirSync(path.join(ROOT, 'examples')).filter((n) => n.endsWith('.tnote'))) {
    fs.copyFileSync(path.join(ROOT, 'examples', name), path.join(ws, name));
  }
  fs.cpSync(FIXTURES, ws, { recursive: true, filter: (src) => path.basename(src) !== 'README.md' });
  return ws;
}

module.exports = { prepareWorkspace, ROOT };

if (require.main === module) console.log(prepareWorkspace(process.argv[2]));
