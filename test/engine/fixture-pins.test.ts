/**
 * Tests about the fixture tests themselves (markdownlint and ESLint's RuleTester do the same):
 *
 * - The expectations pin what users see. For every rule, each of three mutations — the reported
 *   range's end moved by one character, the end moved to the end of the note (a rule reporting
 *   "to the end of the note"), one character of the message changed — is applied to a copy of the
 *   rule, its fixtures are compared with that copy's output through the very comparison the
 *   fixture tests assert (test/helpers/fixtures.ts), and the comparison must report the mutated
 *   finding as unexpected and the real one as missing. The unmutated copy must pass, so the
 *   wrapping itself is not what fails. Cross-note rules are wrapped the same way; the input-limit
 *   rules are reported by the engine itself (engine/limits.ts), not through the rule object, so
 *   for them the mutation is applied to their findings after linting.
 * - `fixable` agrees with the fixes offered across the fixtures (markdownlint fails a rule that
 *   fixes without being tagged fixable): a rule flagged fixable offers a fix in at least one of
 *   its bad fixtures, and a rule not flagged never offers one in any fixture or example.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText, lintWorkspace, RULES, type Finding, type NoteDigest, type Range, type Rule, type WorkspaceInput } from '../../server/src/engine';
import { LIMITS_RULES } from '../../server/src/engine/rules/limits';
import type { NoteRule, RuleReport, WorkspaceRule } from '../../server/src/engine/rules/types';
import { checkNoteFixture, checkWorkspaceCase, configFor, noteFixtureActual, workspaceCaseActual, workspaceInputs, type NoteLinter, type WorkspaceLinter } from '../helpers/fixtures';
import { FIXTURES, REPO_ROOT } from '../helpers/paths';

const RULE_FIXTURES = path.join(FIXTURES, 'rules');

interface Mutation {
  name: string;
  /** The mutated report, given the text of the note it is about. */
  apply(range: Range, message: string, text: string): { range: Range; message: string };
}

const MUTATIONS: Mutation[] = [
  {
    name: 'range end moved by one character',
    apply: (range, message, text) => ({ range: { start: range.start, end: range.end < text.length ? range.end + 1 : Math.max(range.start, range.end - 1) }, message }),
  },
  { name: 'range end moved to the end of the note', apply: (range, message, text) => ({ range: { start: range.start, end: text.length }, message }) },
  {
    name: 'one character of the message changed',
    apply: (range, message) => {
      const i = Math.floor(message.length / 2);
      return { range, message: message.slice(0, i) + (message[i] === 'x' ? 'y' : 'x') + message.slice(i + 1) };
    },
  },
];
const IDENTITY: Mutation = { name: 'no mutation', apply: (range, message) => ({ range, message }) };

function mutateReport(r: RuleReport, m: Mutation, text: string): RuleReport {
  const { range, message } = m.apply(r.range, r.message, text);
  return { ...r, range, message };
}

function isLimitRule(rule: Rule): boolean {
  return LIMITS_RULES.some((r) => r.id === rule.id);
}

/** A linter whose copy of `rule` reports mutated ranges or messages; everything else is the engine. */
function mutatedNoteLinter(rule: Rule, m: Mutation): NoteLinter {
  if (isLimitRule(rule)) {
    return (text, config) => {
      const result = lintText(text, config);
      return { ...result, findings: result.findings.map((f): Finding => (f.ruleId === rule.id ? { ...f, ...m.apply(f.range, f.message, text) } : f)) };
    };
  }
  const inner = rule as NoteRule;
  const copy: NoteRule = { ...inner, check: (ctx) => inner.check({ ...ctx, report: (r) => ctx.report(mutateReport(r, m, ctx.note.text)) }) };
  const rules = RULES.map((r) => (r === rule ? copy : r));
  return (text, config) => lintText(text, config, rules);
}

function mutatedWorkspaceLinter(rule: WorkspaceRule, m: Mutation): WorkspaceLinter {
  return (inputs: readonly WorkspaceInput[]) => {
    const texts = new Map(inputs.map((i) => [i.file, i.text]));
    const copy: WorkspaceRule = {
      ...rule,
      checkWorkspace: (notes, report) => rule.checkWorkspace(notes, (target: NoteDigest, r: RuleReport) => report(target, mutateReport(r, m, texts.get(target.file) ?? ''))),
    };
    return lintWorkspace(
      inputs,
      RULES.map((r) => (r === rule ? copy : r)),
    );
  };
}

function badFixtures(ruleId: string): string[] {
  const dir = path.join(RULE_FIXTURES, ruleId);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('bad-') && f.endsWith('.tnote') && !f.endsWith('.fixed.tnote'))
    .sort()
    .map((f) => path.join(dir, f));
}

function workspaceCases(ruleId: string): string[] {
  const dir = path.join(RULE_FIXTURES, ruleId);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((d) => d.startsWith('workspace-') && fs.statSync(path.join(dir, d)).isDirectory())
    .sort()
    .map((d) => path.join(dir, d));
}

const rel = (p: string) => path.relative(REPO_ROOT, p);

describe('fixture expectations pin ranges and messages', () => {
  for (const rule of RULES) {
    it(`${rule.id}: a changed range end or message fails its fixtures`, () => {
      const notes = rule.scope === 'note' || rule.scope === 'input' ? badFixtures(rule.id) : [];
      const cases = rule.scope === 'workspace' ? workspaceCases(rule.id) : [];
      assert.ok(notes.length + cases.length > 0, `${rule.id} has no fixture that reports it`);
      for (const file of notes) {
        assert.deepEqual(
          checkNoteFixture(file, rule.id, mutatedNoteLinter(rule, IDENTITY)),
          { hasBlock: true, missing: [], unexpected: [], short: [] },
          `${rel(file)} fails with the unmutated copy of the rule`,
        );
      }
      for (const dir of cases) {
        assert.deepEqual(
          checkWorkspaceCase(dir, rule.id, mutatedWorkspaceLinter(rule as WorkspaceRule, IDENTITY)),
          { missing: [], unexpected: [], short: [] },
          `${rel(dir)} fails with the unmutated copy of the rule`,
        );
      }
      const unmutated = new Map<string, string>([
        ...notes.map((f): [string, string] => [f, JSON.stringify(noteFixtureActual(f, rule.id))]),
        ...cases.map((d): [string, string] => [d, JSON.stringify(workspaceCaseActual(d, rule.id))]),
      ]);
      const caught = (missing: string[], unexpected: string[]) => missing.some((x) => x.includes(` ${rule.id} `)) && unexpected.some((x) => x.includes(` ${rule.id} `));
      for (const m of MUTATIONS) {
        let detected = 0;
        for (const file of notes) {
          const lint = mutatedNoteLinter(rule, m);
          // Fixtures where the mutation changes nothing visible (e.g. a range already ending at
          // the end of the note) prove nothing either way; each mutation must be caught somewhere.
          if (JSON.stringify(noteFixtureActual(file, rule.id, undefined, lint)) === unmutated.get(file)) continue;
          const { missing, unexpected } = checkNoteFixture(file, rule.id, lint);
          assert.ok(caught(missing, unexpected), `${m.name}: ${rel(file)} still passes (missing: ${missing.join(' | ')}; unexpected: ${unexpected.join(' | ')})`);
          detected++;
        }
        for (const dir of cases) {
          const lint = mutatedWorkspaceLinter(rule as WorkspaceRule, m);
          if (JSON.stringify(workspaceCaseActual(dir, rule.id, lint)) === unmutated.get(dir)) continue;
          const { missing, unexpected } = checkWorkspaceCase(dir, rule.id, lint);
          assert.ok(caught(missing, unexpected), `${m.name}: ${rel(dir)} still passes (missing: ${missing.join(' | ')}; unexpected: ${unexpected.join(' | ')})`);
          detected++;
        }
        assert.ok(detected > 0, `${m.name}: changes nothing visible in any fixture of ${rule.id}, so no fixture pins it`);
      }
    });
  }
});

describe('fixable flags agree with the fixes offered', () => {
  /** Per rule: the fixtures (bad or good, any rule's folder, and the examples) where it offers a fix. */
  const offers = new Map<string, Set<string>>();
  const record = (where: string, findings: readonly Finding[]) => {
    for (const f of findings) {
      if (f.fixes.length === 0) continue;
      if (!offers.has(f.ruleId)) offers.set(f.ruleId, new Set());
      offers.get(f.ruleId)!.add(where);
    }
  };
  before(() => {
    for (const ruleDir of fs.readdirSync(RULE_FIXTURES).sort()) {
      const dir = path.join(RULE_FIXTURES, ruleDir);
      for (const name of fs.readdirSync(dir).sort()) {
        const full = path.join(dir, name);
        if (name.endsWith('.tnote')) record(rel(full), lintText(fs.readFileSync(full, 'utf8'), configFor(full)).findings);
        else if (name.startsWith('workspace-') && fs.statSync(full).isDirectory()) for (const r of lintWorkspace(workspaceInputs(full))) record(`${rel(full)}/${r.file}`, r.findings);
      }
    }
    const examples = path.join(REPO_ROOT, 'examples');
    for (const name of fs.readdirSync(examples).filter((f) => f.endsWith('.tnote'))) record(`examples/${name}`, lintText(fs.readFileSync(path.join(examples, name), 'utf8')).findings);
  });

  for (const rule of RULES) {
    if (rule.fixable) {
      it(`${rule.id} is flagged fixable and offers a fix in one of its bad fixtures`, () => {
        const own = `test/fixtures/rules/${rule.id}/`;
        const where = [...(offers.get(rule.id) ?? [])].filter((w) => w.startsWith(`${own}bad-`) || w.startsWith(`${own}workspace-`));
        assert.ok(where.length > 0, `${rule.id} is flagged fixable, but none of its bad fixtures gets a fix from it`);
      });
    } else {
      it(`${rule.id} is not flagged fixable and offers no fix anywhere`, () => {
        assert.deepEqual([...(offers.get(rule.id) ?? [])], [], `${rule.id} offers fixes but is not flagged fixable`);
      });
    }
  }
});
