#!/usr/bin/env node
// Maintenance: gives the L-code lines of test notes the side modifier that
// `lcode-missing-side-modifier` asks for (RT/LT on AFO, knee orthosis, footwear and lower-limb
// prosthesis codes), for notes written before the rule existed. Only the rule's *safe* fix is
// applied (the side documented for the device); `--force RT|LT` applies that choice where the
// side is not documented. Expectation line numbers of `<!-- expect … -->` blocks and workspace
// `expected.txt` files are shifted for the inserted lines. `.fixed.tnote` files are not touched:
// delete the ones of changed fixtures and let `TNOTE_WRITE_FIXED=1 npm test` write them again,
// then `npm run update-expect` (messages that name line numbers) and review `git diff`.
//
//   npx tsc -b && node scripts/add-side-modifiers.js test/fixtures/rules [more paths]
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'out');
if (!fs.existsSync(path.join(OUT, 'test', 'helpers', 'fixtures.js'))) {
  console.error('out/ is missing: build first (`npx tsc -b`).');
  process.exit(2);
}
/** @type {typeof import('../server/src/engine')} */
const engine = require(path.join(OUT, 'server', 'src', 'engine'));
/** @type {typeof import('../test/helpers/fixtures')} */
const fixtures = require(path.join(OUT, 'test', 'helpers', 'fixtures.js'));
/** @type {typeof import('../server/src/engine/text')} */
const text = require(path.join(OUT, 'server', 'src', 'engine', 'text'));

const RULE = 'lcode-missing-side-modifier';
const args = process.argv.slice(2);
const forceAt = args.indexOf('--force');
const force = forceAt >= 0 ? args.splice(forceAt, 2)[1] : undefined;
if (force !== undefined && force !== 'RT' && force !== 'LT') {
  console.error('--force takes RT or LT');
  process.exit(2);
}

/** @param {string} dir @param {string[]} out */
function walk(dir, out) {
  for (const f of fs.readdirSync(dir)) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.tnote') && !p.endsWith('.fixed.tnote')) out.push(p);
  }
  return out;
}

/** @param {import('../server/src/engine').Finding} f */
function chosenFix(f) {
  if (force) return f.fixes.find((x) => x.title === `Add modifier ${force}`);
  const first = f.fixes[0];
  return first && first.kind === 'safe' && first.title.startsWith('Add modifier') ? first : undefined;
}

/** Shifts `L:C` positions of expectation lines (optionally after a file name) by `shift(line)`. */
function shiftPositions(/** @type {string} */ line, /** @type {(l: number) => number} */ shift, /** @type {string | undefined} */ file) {
  const m = /^(\s*(?:related\s+)?)((?:\S+\.tnote )?)(\d+):(\d+)(?:-(\d+):(\d+))?(\s.*)?$/.exec(line);
  if (!m || (file !== undefined && m[2] !== `${file} `)) return line;
  const end = m[5] ? `-${shift(Number(m[5]))}:${m[6]}` : '';
  return `${m[1]}${m[2]}${shift(Number(m[3]))}:${m[4]}${end}${m[7] ?? ''}`;
}

const targets = args.flatMap((a) => (fs.statSync(a).isDirectory() ? walk(a, []) : [a])).filter((f) => !f.split(path.sep).includes(RULE));
let changed = 0;
for (const file of targets) {
  const before = fs.readFileSync(file, 'utf8');
  const { findings } = engine.lintText(before, fixtures.configFor(file));
  const fixes = findings
    .filter((f) => f.ruleId === RULE)
    .map(chosenFix)
    .filter((f) => f !== undefined);
  if (fixes.length === 0) continue;
  const lines = new text.LineIndex(before);
  /** @type {number[]} 0-based lines before which a line was inserted, once per inserted line */
  const inserted = [];
  for (const fix of fixes) for (const e of fix.edits) for (let i = 0; i < (e.newText.match(/\n/g) ?? []).length; i++) inserted.push(lines.lineAt(e.start));
  const shift = (/** @type {number} */ l) => l + inserted.filter((k) => k <= l - 1).length;
  let after = engine.applyFixes(before, fixes).text;
  const open = after.indexOf('<!-- expect');
  if (open >= 0) {
    const close = after.indexOf('-->', open);
    const block = after
      .slice(open, close)
      .split('\n')
      .map((l) => (l.endsWith('\r') ? shiftPositions(l.slice(0, -1), shift, undefined) + '\r' : shiftPositions(l, shift, undefined)));
    after = after.slice(0, open) + block.join('\n') + after.slice(close);
  }
  fs.writeFileSync(file, after);
  const expected = path.join(path.dirname(file), 'expected.txt');
  if (fs.existsSync(expected)) {
    const t = fs.readFileSync(expected, 'utf8');
    const u = t
      .split('\n')
      .map((l) => shiftPositions(l, shift, path.basename(file)))
      .join('\n');
    if (u !== t) fs.writeFileSync(expected, u);
  }
  changed++;
  console.log(`${path.relative(ROOT, file)}: ${fixes.map((f) => f.title.replace('Add modifier ', '')).join(', ')}`);
}
console.log(`${changed} note(s) changed`);
