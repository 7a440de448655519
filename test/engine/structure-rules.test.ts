/**
 * Unit tests for the note-structure rules' helpers and for behaviour that depends on
 * configuration (aliases, organisation-required sections), which fixtures cannot vary per case.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyFixes, lintText } from '../../server/src/engine';
import { parseConfigText } from '../../server/src/engine/config/load';
import { editDistance, hasCredential, isIsoCalendarDate, isoCandidates, nearest } from '../../server/src/engine/rules/structure/util';
import { FIXTURES } from '../helpers/paths';

const CLEAN = fs.readFileSync(path.join(FIXTURES, 'clean-97760-pt.tnote'), 'utf8');

function config(yaml: string) {
  const { config, problems } = parseConfigText(yaml, '.tnoterc.yaml');
  assert.deepEqual(problems, []);
  return config;
}

function ids(text: string, yaml?: string, rule?: string): string[] {
  const { findings, note } = lintText(text, yaml ? config(yaml) : undefined);
  return findings.filter((f) => !rule || f.ruleId === rule).map((f) => `${note.lines.positionAt(f.range.start).line + 1} ${f.severity} ${f.ruleId}`);
}

describe('structure rules: helpers', () => {
  it('recognises professional credentials, not names or bare degrees', () => {
    for (const s of [
      'Alex Rivera, PT, DPT',
      'Sam Lee, OTR/L',
      'Jo Park PTA',
      'J. Smith, M.S., CCC-SLP',
      'Alex Rivera, P.T.',
      'Kim Ng, cota',
      'Dana Fox, physical therapist',
      'Lee Wu, Speech-Language Pathologist',
      'Ana Diaz COTA/L 2026-11-20',
    ])
      assert.ok(hasCredential(s), s);
    for (const s of ['Alex Rivera', 'Ken Ota', 'Pat Otto — 2026-11-20', 'Chris Ma, MS', 'Robin Slip', 'Alex Rivera, PhD']) assert.ok(!hasCredential(s), s);
  });

  it('accepts only real ISO calendar dates', () => {
    for (const s of ['2026-11-20', '2028-02-29', '2000-02-29', '2026-12-31']) assert.ok(isIsoCalendarDate(s), s);
    for (const s of ['2026-02-30', '2026-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-11-31', '26-11-20', '2026-11-20T10:00', '2026/11/20']) assert.ok(!isIsoCalendarDate(s), s);
  });

  it('rewrites other date formats as ISO, both readings when ambiguous', () => {
    assert.deepEqual(isoCandidates('11/20/2026'), ['2026-11-20']);
    assert.deepEqual(isoCandidates('20.11.2026'), ['2026-11-20']);
    assert.deepEqual(isoCandidates('2026/1/5'), ['2026-01-05']);
    assert.deepEqual(isoCandidates('05/06/2026'), ['2026-05-06', '2026-06-05']);
    assert.deepEqual(isoCandidates('3/3/2026'), ['2026-03-03']);
    assert.deepEqual(isoCandidates('2/30/2026'), []);
    assert.deepEqual(isoCandidates('Nov 20'), []);
  });

  it('suggests only close names', () => {
    assert.equal(editDistance('Instrucion', 'instruction'), 1);
    assert.equal(nearest('Instrution', ['Device', 'Instruction']), 'Instruction');
    assert.equal(nearest('Plam', ['Plan', 'Time']), 'Plan');
    assert.equal(nearest('Subjective', ['Device', 'Instruction', 'Plan']), undefined);
    assert.equal(nearest('Plan', ['Plan']), undefined);
  });
});

describe('structure rules: configuration', () => {
  const withPain = CLEAN.replace('## Device\n', '## Pain\nScore: 2/10\n\n## Device\n');

  it('unknown-section: an organisation-required custom section is a known heading', () => {
    assert.deepEqual(ids(withPain, undefined, 'unknown-section'), ['23 info unknown-section']);
    assert.deepEqual(ids(withPain, 'required:\n  - Pain\n', 'unknown-section'), []);
  });

  it('unknown-section: configured section aliases are known and are suggested for typos', () => {
    const home = CLEAN.replace('## Instruction\n', '## Home Program\n');
    assert.deepEqual(ids(home, 'aliases:\n  sections:\n    instruction: [Home Program]\n'), []);
    const typo = CLEAN.replace('## Plan\n', '## Home Programm\n');
    const { findings } = lintText(typo, config('aliases:\n  sections:\n    instruction: [Home Program]\n'));
    const f = findings.find((x) => x.ruleId === 'unknown-section');
    assert.ok(f && /did you mean `Home Program`/.test(f.message), f?.message);
  });

  it('unknown-section: configuration can raise its severity', () => {
    assert.deepEqual(ids(withPain, 'rules:\n  unknown-section: warning\n', 'unknown-section'), ['23 warning unknown-section']);
  });

  it('org-required-element: silent without `required`, reports each missing part with it', () => {
    assert.deepEqual(ids(CLEAN, undefined, 'org-required-element'), []);
    assert.deepEqual(ids(CLEAN, 'required:\n  - Pain\n  - section: Plan\n    fields: [Frequency, Next visit]\n', 'org-required-element'), [
      '1 warning org-required-element',
      '53 warning org-required-element',
    ]);
  });

  it('org-required-element: a section required without fields gets a placeholder line', () => {
    const { findings } = lintText(CLEAN, config('required:\n  - Home Exercise Program\n'));
    const f = findings.find((x) => x.ruleId === 'org-required-element')!;
    assert.match(f.message, /`Home Exercise Program` section/);
    const fixed = applyFixes(CLEAN, [f.fixes[0]]).text;
    assert.ok(fixed.includes('## Home Exercise Program\n{{Home Exercise Program}}\n\n## Signature\n'), fixed);
  });
});

describe('structure rules: no double reports', () => {
  it('a missing date is reported once, by missing-date-of-service', () => {
    const text = CLEAN.replace('date: 2026-11-20\n', '');
    assert.deepEqual(
      ids(text).filter((s) => / (missing-required-field|missing-date-of-service)$/.test(s)),
      ['1 error missing-date-of-service'],
    );
  });

  it('field rules stay quiet while the front matter is missing or unreadable', () => {
    const broken = CLEAN.replace('payer: medicare\n', 'payer medicare\n').replace('patient: MRN-004211\n', '');
    assert.deepEqual(
      ids(broken).filter((s) => / (front-matter-invalid|missing-required-field|missing-date-of-service|invalid-field-value)$/.test(s)),
      ['6 error front-matter-invalid'],
    );
    assert.deepEqual(
      ids('# Note\n\n## Plan\nNext visit: soon\n').filter((s) => / (front-matter-missing|missing-required-field|missing-date-of-service|invalid-field-value)$/.test(s)),
      ['1 error front-matter-missing'],
    );
  });

  it('a placeholder in the front matter is reported only by unresolved-placeholder', () => {
    const text = CLEAN.replace('date: 2026-11-20', 'date: {{YYYY-MM-DD}}').replace('discipline: PT', 'discipline: {{PT, OT or SLP}}');
    assert.deepEqual(
      ids(text).filter((s) => / (missing-required-field|missing-date-of-service|invalid-field-value|unresolved-placeholder)$/.test(s)),
      ['3 error unresolved-placeholder', '4 error unresolved-placeholder'],
    );
  });
});
