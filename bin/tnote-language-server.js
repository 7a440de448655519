#!/usr/bin/env node
// @ts-check
'use strict';
const path = require('path');
const fs = require('fs');
const server = path.join(__dirname, '..', 'dist', 'server.js');
if (!fs.existsSync(server)) {
  console.error('tnote-language-server: not built yet; run `npm run build` (npm ci runs it for you).');
  process.exit(2);
}
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) process.argv.push('--stdio');
require(server);
