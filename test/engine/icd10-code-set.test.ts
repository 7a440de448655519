/**
 * icd10-not-in-code-set needs a configuration with a loaded CMS code file, which the fixture
 * harness (default config) cannot give; it is tested here with a ResolvedConfig built in code.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, lintText, type ResolvedConfig } from '../../server/src/engine';
import { parseIcd10CodeFile } from '../../server/src/engine/knowledge/icd10File';
import { FIXTURES } from '../helpers/paths';

const RULE = 'icd10-not-in-code-set';
const CLEAN = fs.readFileSync(path.join(FIXTURES, 'clean-97760-pt.tnote'), 'utf8');

function configWith(codes: string[]): ResolvedConfig {
  const file = codes.map((c) => `${c.replace('.', '').padEnd(8)}description`).join('\n');
  return { ...defaultConfig(), icd10CodeFile: '/virtual/icd10cm-codes.txt', icd10Codes: parseIcd10CodeFile(file) };
}

function findingsOf(text: string, config: ResolvedConfig) {
  const { findings, note } = lintText(text, config);
  return findings
    .filter((f) => f.ruleId === RULE)
    .map((f) => {
      const p = note.lines.positionAt(f.range.start);
      return { at: `${p.line + 1}:${p.character + 1}`, severity: f.severity, code: text.slice(f.range.start, f.range.end), message: f.message };
    });
}

describe(RULE, () => {
  const codeSet = configWith(['M21.371', 'M21.372', 'M21.379', 'I69.351', 'S82.61XD', 'S02.2XXA', 'M84.371A', 'T31.11']);

  it('does nothing without a configured code file', () => {
    const text = CLEAN.replace('diagnoses: [M21.371, I69.351]', 'diagnoses: [M21.371, I69.351, Z99.999]');
    assert.deepEqual(findingsOf(text, defaultConfig()), []);
  });

  it('passes a note whose codes are all in the set (front matter and body, with or without dot)', () => {
    assert.deepEqual(findingsOf(CLEAN, codeSet), []);
    assert.deepEqual(findingsOf(CLEAN.replace('diagnoses: [M21.371, I69.351]', 'diagnoses: [m21371, "I69.351", S82.61XD]'), codeSet), []);
  });

  it('reports a well-shaped code missing from the set as an error, in the front matter and in the Diagnosis field', () => {
    const text = CLEAN.replace('diagnoses: [M21.371, I69.351]', 'diagnoses: [M21.371, I69.359]').replace('I69.351 hemiplegia', 'I69.359 hemiplegia');
    const got = findingsOf(text, codeSet);
    assert.deepEqual(
      got.map((f) => `${f.at} ${f.severity} ${f.code}`),
      ['8:22 error I69.359', '30:43 error I69.359'],
    );
    assert.match(got[0].message, /not a valid ICD-10-CM code in the configured code set/);
  });

  it('leaves badly shaped codes, headers and 7th-character problems to their own rules', () => {
    const text = CLEAN.replace('diagnoses: [M21.371, I69.351]', 'diagnoses: [M21-371, M21.37, S82.61, S02.2A, M84.37, I69.351]');
    assert.deepEqual(findingsOf(text, codeSet), []);
    const all = lintText(text, codeSet).findings.map((f) => `${f.ruleId} ${text.slice(f.range.start, f.range.end)}`);
    for (const id of ['icd10-format M21-371', 'icd10-incomplete M21.37', 'icd10-incomplete S82.61', 'seventh-char-placeholder S02.2A', 'icd10-incomplete M84.37']) {
      assert.ok(all.includes(id), id);
    }
  });

  it('lets the code file decide 7th characters (v2 item 4)', () => {
    // T31.11 is in the file: complete. S82.6D padded (S82.6XXD) is not in the file: not a code, so
    // no placeholder fix that would write an invalid code.
    const text = CLEAN.replace('diagnoses: [M21.371, I69.351]', 'diagnoses: [M21.371, T31.11, S82.6D]');
    assert.deepEqual(
      findingsOf(text, codeSet).map((f) => `${f.at} ${f.code}`),
      ['8:30 S82.6D'],
    );
    const rules = lintText(text, codeSet).findings.map((f) => f.ruleId);
    assert.ok(!rules.includes('seventh-char-placeholder') && !rules.includes('icd10-incomplete'), rules.join(', '));
  });

  it('can be turned off in configuration', () => {
    const text = CLEAN.replace('diagnoses: [M21.371, I69.351]', 'diagnoses: [M21.371, Z99.999]');
    assert.equal(findingsOf(text, codeSet).length, 1);
    assert.deepEqual(findingsOf(text, { ...codeSet, rules: { [RULE]: 'off' } }), []);
  });
});
