/**
 * Fixture-driven rule tests (ESLint's RuleTester and markdownlint's scenario tests are the models).
 * For each registered rule, `test/fixtures/rules/<rule-id>/` holds:
 * - `bad-*.tnote`: must produce exactly the findings in its `<!-- expect … -->` block (every
 *   error and warning of any rule, plus this rule's infos) — range, severity, rule and message,
 *   one finding a line, e.g.
 *       <!-- expect
 *       32:1-32:21 warning missing-instruction-elements 97760 note has no safety instruction: …
 *       -->
 *   (1-based line:column, end exclusive; `related START-END MESSAGE` lines follow their finding;
 *   the format is described in test/helpers/fixtures.ts). After a deliberate change to a range or
 *   a message, `npm run update-expect` rewrites the blocks from the engine's output, but only
 *   where every finding's start, severity and rule still agree with the block; review the diff.
 *   A new fixture starts with hand-written `LINE:COL SEVERITY RULE-ID` lines; the script fills in
 *   ranges and messages (this test rejects the short form).
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
import { applyFixes, lintText as lintWith, RULES } from '../../server/src/engine';
import { checkNoteFixture, configFor, describeFinding, insertedRanges, readExpectBlock, relevant, UPDATE_COMMAND } from '../helpers/fixtures';
import { FIXTURES, REPO_ROOT } from '../helpers/paths';

const RULE_FIXTURES = path.join(FIXTURES, 'rules');

function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

describe('rules (fixtures)', () => {
  for (const rule of RULES) {
    describe(rule.id, () => {
      const dir = path.join(RULE_FIXTURES, rule.id);
      const files = fs.existsSync(dir)
        ? fs
            .readdirSync(dir)
            .filter((f) => f.endsWith('.tnote') && !f.endsWith('.fixed.tnote'))
            .sort()
        : [];

      it('has fixtures and a docs page', () => {
        if (rule.scope === 'workspace') {
          // Cross-note rules are driven by workspace-*/ cases (test/engine/workspace-rules.test.ts).
          const cases = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith('workspace-bad') || (f.startsWith('workspace-') && !f.startsWith('workspace-good'))) : [];
          assert.ok(cases.length > 0, `no workspace-*/ case that must trigger ${rule.id}`);
        } else
          assert.ok(
            files.some((f) => f.startsWith('bad-')),
            `no bad-*.tnote fixture in ${path.relative(REPO_ROOT, dir)}`,
          );
        assert.ok(
          files.some((f) => f.startsWith('good-')),
          `no good-*.tnote fixture in ${path.relative(REPO_ROOT, dir)}`,
        );
        assert.ok(fs.existsSync(path.join(REPO_ROOT, 'docs', 'rules', `${rule.id}.md`)), `no docs/rules/${rule.id}.md`);
      });

      for (const file of files) {
        const full = path.join(dir, file);
        const lintText = (text: string) => lintWith(text, configFor(full));
        if (file.startsWith('good-')) {
          it(`${file} is clean`, () => {
            const { findings, note } = lintText(read(full));
            const bad = relevant(findings, rule.id);
            assert.deepEqual(
              bad.map((f) => `${describeFinding(f, note.lines)}: ${f.message}`),
              [],
            );
          });
          continue;
        }
        if (!file.startsWith('bad-')) continue;
        it(`${file} reports exactly its expected findings`, () => {
          const block = readExpectBlock(read(full));
          assert.ok(block, `${file} has no <!-- expect … --> block`);
          assert.ok(
            block.expectations.some((e) => e.rule === rule.id),
            `${file} expects no ${rule.id} finding`,
          );
          const { missing, unexpected, short } = checkNoteFixture(full, rule.id);
          assert.deepEqual(
            { missing, unexpected, short },
            { missing: [], unexpected: [], short: [] },
            `${file}: findings differ from its expect block or are in the short form (after a deliberate change, or to complete short lines: \`${UPDATE_COMMAND}\`, then review the diff)`,
          );
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
          const { text: fixed, applied } = applyFixes(
            text,
            toFix.map((f) => f.fixes[0]),
          );
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
