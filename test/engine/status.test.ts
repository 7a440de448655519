/**
 * Draft / final / template notes (rules.md §I): every rule's kind, and how a note's `status`
 * changes what is reported — in the engine here; the CLI and the server have their own tests.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, lintText, RULES, RULE_KINDS, type Finding } from '../../server/src/engine';
import { REPO_ROOT } from '../helpers/paths';

/** rules.md §I: something not written yet. Every other rule reports something written that is wrong. */
const COMPLETENESS = [
  'device-not-identified',
  'fitting-only-no-training',
  'front-matter-missing',
  'missing-assessment-elements',
  'missing-body-region',
  'missing-date-of-service',
  'missing-direct-contact',
  'missing-functional-training',
  'missing-instruction-elements',
  'missing-medical-necessity',
  'missing-required-field',
  'missing-signature-credentials',
  'missing-subsequent-elements',
  'missing-total-timed-minutes',
  'missing-total-treatment-time',
  'no-supporting-diagnosis',
  'org-required-element',
  'unresolved-placeholder',
];

const read = (p: string) => fs.readFileSync(path.join(REPO_ROOT, p), 'utf8');
const withStatus = (text: string, status: string) => text.replace(/^---\n/, `---\nstatus: ${status}\n`);
const problems = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info');
const describe1 = (f: Finding) => `${f.severity} ${f.ruleId}: ${f.message}`;

describe('rule kinds', () => {
  it('every rule has a kind, and the completeness rules are exactly those of rules.md §I', () => {
    for (const r of RULES) assert.ok(RULE_KINDS.includes(r.kind), `${r.id} has no kind`);
    const ids = new Set(RULES.map((r) => r.id));
    const actual = RULES.filter((r) => r.kind === 'completeness')
      .map((r) => r.id)
      .sort();
    assert.deepEqual(actual, COMPLETENESS.filter((id) => ids.has(id)).sort());
  });

  it('every finding carries its rule’s kind', () => {
    const { findings } = lintText(read('examples/pt-afo-flawed.tnote'));
    assert.ok(findings.length > 3);
    for (const f of findings) assert.equal(f.kind, RULES.find((r) => r.id === f.ruleId)!.kind, f.ruleId);
  });
});

describe('note status', () => {
  const template = read('templates/97760-pt.tnote');
  const draft = template.replace(/^status: template$/m, 'status: draft');

  it('the bundled templates are status: template and report nothing', () => {
    for (const name of fs.readdirSync(path.join(REPO_ROOT, 'templates')).filter((n) => n.endsWith('.tnote'))) {
      const text = read(`templates/${name}`);
      assert.match(text, /^---\nstatus: template\n/, name);
      assert.deepEqual(lintText(text).findings.map(describe1), [], name);
    }
  });

  it('a draft from a template has no error or warning, only "to do" items — one per placeholder field', () => {
    const { findings, note } = lintText(draft);
    assert.deepEqual(problems(findings).map(describe1), []);
    const todos = findings.filter((f) => f.todo);
    assert.ok(todos.length >= 10, `only ${todos.length} to-do items`);
    for (const f of todos) {
      assert.equal(f.severity, 'info');
      assert.equal(f.kind, 'completeness');
      assert.match(f.message, /^To do: /);
    }
    // The Safety field holds a placeholder: the instruction rule reports it, the placeholder is not reported twice.
    const safetyLine = note.lines.lineAt(draft.indexOf('Safety:'));
    const onSafety = findings.filter((f) => note.lines.lineAt(f.range.start) === safetyLine);
    assert.deepEqual(
      onSafety.map((f) => f.ruleId),
      ['missing-instruction-elements'],
    );
    // A placeholder that no element rule covers is one "fill in" item.
    const mrn = findings.find((f) => f.ruleId === 'unresolved-placeholder' && f.message.includes('patient MRN'));
    assert.equal(mrn?.message, 'To do: fill in `patient MRN`.');
  });

  it('a draft keeps correctness findings at their severity (a wrong modifier is an error at once)', () => {
    const wrong = draft.replace('modifiers: [GP]', 'modifiers: [GO]');
    const errors = lintText(wrong).findings.filter((f) => f.severity === 'error');
    assert.deepEqual(
      errors.map((f) => f.ruleId),
      ['discipline-modifier-mismatch'],
    );
    assert.equal(errors[0].kind, 'correctness');
    assert.ok(!errors[0].todo);
  });

  it('the same text as a final note (or with forceFinal) reports its placeholders as errors', () => {
    const asFinal = lintText(draft.replace(/^status: draft\n/m, ''));
    const forced = lintText(draft, { ...defaultConfig(), forceFinal: true });
    for (const r of [asFinal, forced]) {
      const errors = r.findings.filter((f) => f.severity === 'error');
      assert.ok(errors.some((f) => f.ruleId === 'unresolved-placeholder'));
      assert.ok(!r.findings.some((f) => f.todo));
    }
    assert.deepEqual(forced.findings.map(describe1), asFinal.findings.map(describe1));
  });

  it('a template missing its Safety line is an error naming the missing element', () => {
    const broken = template.replace(/^Safety:.*\n/m, '');
    const errors = lintText(broken).findings.filter((f) => f.severity === 'error');
    assert.equal(errors.length, 1, errors.map(describe1).join('\n'));
    assert.equal(errors[0].ruleId, 'missing-instruction-elements');
    assert.match(errors[0].message, /safety/i);
    assert.match(errors[0].message, /Every note made from this template would lack it/);
  });

  it('a template with a placeholder that has no label is an error; literal codes are still checked', () => {
    const unlabeled = template.replace('{{patient MRN}}', '{{}}');
    assert.deepEqual(
      lintText(unlabeled).findings.map((f) => `${f.severity} ${f.ruleId}`),
      ['error unresolved-placeholder'],
    );
    const wrongCode = template.replace('modifiers: [GP]', 'modifiers: [GO]');
    assert.deepEqual(
      lintText(wrongCode).findings.map((f) => `${f.severity} ${f.ruleId}`),
      ['error discipline-modifier-mismatch'],
    );
  });

  it('a report can be of another kind than its rule: "record the assistant minutes" is a to-do in a draft', () => {
    const text = withStatus(read('examples/pt-afo-clean.tnote'), 'draft').replace('provider: ', 'furnished_by: assistant\nprovider: ');
    const asking = lintText(text).findings.filter((f) => f.ruleId === 'missing-assistant-modifier');
    assert.equal(asking.length, 1, 'one finding asking for the minutes');
    assert.equal(asking[0].kind, 'completeness');
    assert.equal(asking[0].severity, 'info');
    assert.ok(asking[0].todo);
    const final = lintText(text.replace(/^status: draft\n/m, '')).findings.filter((f) => f.ruleId === 'missing-assistant-modifier');
    assert.deepEqual(
      final.map((f) => f.severity),
      ['warning'],
    );
  });

  it('an unknown status counts as final (and invalid-field-value says so)', () => {
    const text = withStatus(read('examples/pt-afo-clean.tnote'), 'drafty');
    const { findings } = lintText(text);
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['invalid-field-value'],
    );
  });
});
