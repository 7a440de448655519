#!/usr/bin/env node
// @ts-check
'use strict';
// Checks a packaged extension: smaller than 1 MB, and holding what the extension needs at run time
// (the bundles, grammar, snippets, templates, schema, language configuration, rule docs) and no
// sources, tests or node_modules. Reads the zip's central directory itself (no unzip needed).
//
// Usage: node scripts/e2e/check-vsix.js FILE.vsix     exit 0 = fine, 1 = a problem (listed)

const fs = require('fs');
const path = require('path');

const MAX_BYTES = 1024 * 1024;
const REPO_ROOT = path.resolve(__dirname, '..', '..');

function zipEntries(buf) {
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end-of-central-directory record)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry ${n}`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

function main() {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/e2e/check-vsix.js FILE.vsix');
    process.exit(2);
  }
  const problems = [];
  const buf = fs.readFileSync(file);
  if (buf.length >= MAX_BYTES) problems.push(`${file} is ${buf.length} bytes; it must stay under ${MAX_BYTES}`);
  const names = new Set(zipEntries(buf));
  const has = (n) => names.has(`extension/${n}`);
  const required = [
    'package.json',
    'dist/extension.js',
    'dist/server.js',
    'dist/browser/extension.js',
    'dist/browser/server.js',
    'language-configuration.json',
    'syntaxes/tnote.tmLanguage.json',
    'snippets/tnote.code-snippets.json',
    'schemas/tnoterc.schema.json',
  ];
  for (const r of required) if (!has(r)) problems.push(`missing extension/${r}`);
  // Both entries of package.json (desktop `main`, web `browser`) must be in the package.
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  for (const key of ['main', 'browser']) {
    if (typeof manifest[key] !== 'string') problems.push(`package.json has no "${key}" entry`);
    else if (!has(path.posix.normalize(manifest[key]))) problems.push(`package.json "${key}" (${manifest[key]}) is not in the package`);
  }
  for (const dir of ['templates', 'docs/rules']) {
    for (const f of fs.readdirSync(path.join(REPO_ROOT, dir))) {
      if (!has(`${dir}/${f}`)) problems.push(`missing extension/${dir}/${f}`);
    }
  }
  // Every relative link of a packaged rule page reaches a packaged file (the pages link the format
  // page and the sources page next to them).
  for (const f of fs.readdirSync(path.join(REPO_ROOT, 'docs/rules')).filter((n) => n.endsWith('.md'))) {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'docs/rules', f), 'utf8');
    for (const m of text.matchAll(/\]\(([^)\s#]+\.md)(?:#[^)\s]*)?\)/g)) {
      if (/^[a-z]+:/i.test(m[1])) continue;
      const target = path.posix.normalize(path.posix.join('docs/rules', m[1]));
      // vsce stores README.md and CHANGELOG.md in lower case.
      if (!has(target) && !has(target.toLowerCase())) problems.push(`docs/rules/${f} links ${m[1]}, which is not packaged`);
    }
  }
  const forbidden = [...names].filter((n) => /^extension\/(node_modules|src|client|server|test|out|bench|examples|scripts|\.cache|test-results)\//.test(n) || /\.ts$|\.map$/.test(n));
  for (const n of forbidden) problems.push(`should not be packaged: ${n}`);
  const summary = `${path.basename(file)}: ${(buf.length / 1024).toFixed(0)} KB, ${names.size} entries`;
  if (problems.length) {
    console.error(`check-vsix: FAIL ${summary}\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`check-vsix: OK ${summary} (dist and dist/browser, syntaxes, snippets, templates, schemas, language-configuration.json, docs/rules)`);
}

main();
