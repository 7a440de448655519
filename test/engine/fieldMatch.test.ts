/**
 * The body parser's `Label: value` matcher (server/src/engine/parse/body.ts `matchField`) against
 * the regular expression it replaced, which stays here as the reference: on every line of every
 * .tnote in the repository, on hand-picked edge cases, and on many seeded random lines made of the
 * characters that matter (blanks, list markers, bold markers, label characters, colons, slashes).
 * Both must find the same field with the same parts, or both none.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { matchField, type FieldMatch } from '../../server/src/engine/parse/body';
import { REPO_ROOT } from '../helpers/paths';
import { seededRandom, tnoteFiles } from '../helpers/repoNotes';

// The reference (the body parser's expression until matchField replaced it).
const FIELD = /^([ \t]*(?:[-*+][ \t]+)?)(\*\*|__)?([A-Za-z][A-Za-z0-9 /&'().+-]{0,48}?)[ \t]*(?:(\*\*|__)[ \t]*)?:(?:\*\*|__)?(?![/\\])[ \t]*(.*)/;

/** The reference's answer in matchField's terms, for `line` placed at `offset` in a longer text. */
function reference(line: string, offset: number): FieldMatch | null {
  const m = FIELD.exec(line);
  if (!m) return null;
  const prefixEnd = offset + m[1].length;
  const labelStart = prefixEnd + (m[2]?.length ?? 0);
  return { prefixEnd, labelStart, labelEnd: labelStart + m[3].length, valueStart: offset + line.length - m[5].length };
}

function actual(line: string, offset: number): FieldMatch | null {
  // The line sits inside other text, as in a note: the matcher must not read past its end.
  const text = `${'x:'.repeat(offset / 2)}${line}**: y`;
  const m = matchField(text, offset, offset + line.length, { prefixEnd: -1, labelStart: -1, labelEnd: -1, valueStart: -1 });
  return m ? { ...m } : null;
}

function check(line: string): void {
  for (const offset of [0, 4]) assert.deepEqual(actual(line, offset), reference(line, offset), JSON.stringify(line));
}

describe('body field matcher (matchField) against its reference expression', () => {
  it('reads every line of every note in the repository as the expression does', () => {
    let lines = 0;
    for (const file of tnoteFiles(REPO_ROOT)) {
      for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
        if (/[\r\u2028\u2029]/.test(line)) continue; // such lines never reach the matcher
        check(line);
        lines++;
      }
    }
    assert.ok(lines > 5000, `only ${lines} lines read`);
  });

  it('agrees on edge cases: markers, bold, blanks, URLs and paths, label length', () => {
    const cases = [
      'Device: wrist orthosis',
      '- Device: x',
      '* **Device:** x',
      '+\tLabel :\tvalue  ',
      '**Label**: value',
      '__Label__ : value',
      '**Label:** value',
      '**Label:**',
      'Label:',
      'Label:   ',
      'Label:/path',
      'Label:**/x',
      'Label:**\\x',
      'Label:\\x',
      'Label: /x',
      'http://example.org',
      'See https://example.org: it',
      'Ab c: d',
      'Ab  **  : d',
      'Ab **x: d',
      'A**: b',
      '-Label: x',
      '- - Label: x',
      '*Label: x',
      '1. Label: x',
      '   Label: x',
      '\t\tLabel: x',
      `${'A'.repeat(49)}: x`,
      `${'A'.repeat(50)}: x`,
      `A${' '.repeat(48)}: x`,
      `A${' '.repeat(60)}: x`,
      `${'A'.repeat(48)} : x`,
      "O'Brien (PT) & co./team+1-2: x",
      'Label\t: x',
      'Lab\tel: x',
      ':',
      ' : x',
      '**: x',
      '**',
      '*',
      '- ',
      '',
      'Time: 10:30',
      'Label:: x',
      'Label :** x',
      'Label__: x',
      'Label_: x',
    ];
    for (const c of cases) check(c);
  });

  it('agrees on 200,000 seeded random lines of the characters that matter', () => {
    const next = seededRandom(97760);
    const alphabet = [' ', ' ', '\t', '-', '*', '+', '_', ':', ':', '/', '\\', 'a', 'B', 'z', '1', '.', '(', ')', "'", '&', '#', 'é', 'x', 'Label', 'Device type', '**', '__', 'http', ': ', ' :'];
    for (let i = 0; i < 200_000; i++) {
      const parts = 1 + Math.floor(next() * 14);
      let line = '';
      for (let k = 0; k < parts; k++) line += alphabet[Math.floor(next() * alphabet.length)];
      check(line);
    }
  });

  it('agrees on long lines of blanks or label characters (both linear)', () => {
    for (const line of [' '.repeat(200_000), `A${' '.repeat(200_000)}: x`, `- ${'a'.repeat(200_000)}: x`, `**${'a '.repeat(100_000)}`, `Ab${' '.repeat(100_000)}**${' '.repeat(100_000)}:`])
      check(line);
  });
});
