/**
 * Fixture-driven rule tests. For each registered rule, `test/fixtures/rules/<rule-id>/` holds:
 * - `bad-*.tnote`: must produce exactly the findings in its `<!-- expect … -->` block (every
 *   error and warning of any rule, plus this rule's infos), one `LINE:COL SEVERITY RULE` a line;
 * - `bad-*.fixed.tnote`: the text after applying the first fix of each of this rule's findings;
 *   re-linting it must show none of the fixed findings again, and anything new must sit inside
 *   the text the fix inserted (a scaffold's placeholders);
 * - `good-*.tnote`: must produce no error or warning and no finding of this rule.
 * A fixture is checked with the configuration in `<fixture>.tnoterc.yaml` beside it, else the
 * folder's `.tnoterc.yaml`, else the defaults (e.g. organisation-required sections).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyFixes, defaultConfig, lintText as lintWith, RULES, type Finding, type ResolvedConfig } from '../../server/src/engine';
import { parseConfigText } from '../../server/src/engine/config/load';
import { describeExpected, describeFinding, insertedRanges, readExpectations } from '../helpers/fixtures';
import { FIXTURES, REPO_ROOT } from '../helpers/paths';

const RULE_FIXTURES = path.join(FIXTURES, 'rules');

function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/** The fixture's configuration: `<name>.tnoterc.yaml`, else the folder's `.tnoterc.yaml`, else defaults. */
function configFor(fixture: string): ResolvedConfig {
  const own = fixture.replace(/\.tnote$/, '.tnoterc.yaml');
  const file = [own, path.join(path.dirname(fixture), '.tnoterc.yaml')].find((f) => fs.existsSync(f));
  if (!file) return defaultConfig();
  const { config, problems } = parseConfigText(read(file), file, { dirname: path.dirname, resolve: path.resolve, readCodeFile: read });
  assert.deepEqual(problems.map((p) => `${p.line}:${p.column} ${p.message}`), [], `${path.basename(file)} has problems`);
  return config;
}

function relevant(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.severity !== 'info' || f.ruleId === ruleId);
}

describe('rules (fixtures)', () => {
  for (const rule of RULES) {
    describe(rule.id, () => {
      const dir = path.join(RULE_FIXTURES, rule.id);
      const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.tnote') && !f.endsWith('.fixed.tnote')).sort() : [];

      it('has fixtures and a docs page', () => {
        if (rule.scope === 'workspace') {
          // Cross-note rules are driven by workspace-*/ cases (test/engine/workspace-rules.test.ts).
          const cases = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith('workspace-bad') || (f.startsWith('workspace-') && !f.startsWith('workspace-good'))) : [];
          assert.ok(cases.length > 0, `no workspace-*/ case that must trigger ${rule.id}`);
        } else assert.ok(files.some((f) => f.startsWith('bad-')), `no bad-*.tnote fixture in ${path.relative(REPO_ROOT, dir)}`);
        assert.ok(files.some((f) => f.startsWith('good-')), `no good-*.tnote fixture in ${path.relative(REPO_ROOT, dir)}`);
        assert.ok(fs.existsSync(path.join(REPO_ROOT, 'docs', 'rules', `${rule.id}.md`)), `no docs/rules/${rule.id}.md`);
      });

      for (const file of files) {
        const full = path.join(dir, file);
        const lintText = (text: string) => lintWith(text, configFor(full));
        if (file.startsWith('good-')) {
          it(`${file} is clean`, () => {
            const { findings, note } = lintText(read(full));
            const bad = findings.filter((f) => f.severity !== 'info' || f.ruleId === rule.id);
            assert.deepEqual(bad.map((f) => `${describeFinding(f, note.lines)}: ${f.message}`), []);
          });
          continue;
        }
        if (!file.startsWith('bad-')) continue;
        it(`${file} reports exactly its expected findings`, () => {
          const text = read(full);
          const expected = readExpectations(text);
          assert.ok(expected, `${file} has no <!-- expect … --> block`);
          assert.ok(expected.some((e) => e.rule === rule.id), `${file} expects no ${rule.id} finding`);
          const { findings, note } = lintText(text);
          assert.deepEqual(relevant(findings, rule.id).map((f) => describeFinding(f, note.lines)).sort(), expected.map(describeExpected).sort());
        });
        const fixable = () => lintText(read(full)).findings.filter((f) => f.ruleId === rule.id && f.fixes.length > 0);
        const fixedFile = full.replace(/\.tnote$/, '.fixed.tnote');
        it(`${file}: its fixes produce ${path.basename(fixedFile)} and resolve the findings`, function () {
          const toFix = fixable();
          if (toFix.length === 0) {
            assert.ok(!fs.existsSync(fixedFile), `${path.basename(fixedFile)} exists but no finding offers a fix`);
            return;
          }
          const text = read(full);
          const { text: fixed, applied } = applyFixes(text, toFix.map((f) => f.fixes[0]));
          if (!fs.existsSync(fixedFile) && process.env.TNOTE_WRITE_FIXED) {
            // Developer aid: write the fixer's output for review (git diff), then fail this run.
            fs.writeFileSync(fixedFile, fixed);
            assert.fail(`wrote ${path.relative(REPO_ROOT, fixedFile)}: review it`);
          }
          assert.ok(fs.existsSync(fixedFile), `${file} has fixable findings but no ${path.basename(fixedFile)}`);
          assert.equal(fixed, read(fixedFile));
          const before = lintText(text).findings;
          const after = lintText(fixed).findings;
          const inserted = insertedRanges(applied.flatMap((f) => f.edits));
          const fixedMessages = new Set(toFix.map((f) => `${f.ruleId} ${f.message}`));
          const unfixedBefore = before.filter((f) => !fixedMessages.has(`${f.ruleId} ${f.message}`)).map((f) => `${f.ruleId} ${f.message}`);
          for (const f of after) {
            const key = `${f.ruleId} ${f.message}`;
            const insideInserted = inserted.some((r) => f.range.start >= r.start && f.range.start <= r.end);
            if (insideInserted) continue;
            const i = unfixedBefore.indexOf(key);
            assert.ok(i !== -1, `after fixing, a finding remains or appears outside the inserted text: ${key}`);
            unfixedBefore.splice(i, 1);
          }
        });
      }
    });
  }
});
