/**
 * Workspace-scoped rules (checked across several notes with `lintWorkspace`).
 *
 * In-memory cases, then folder fixtures: `test/fixtures/rules/<rule-id>/workspace-<case>/` holds
 * the notes of one check (read in file-name order) and `expected.txt`, which lists every error and
 * warning of any rule across those notes (plus this rule's infos), one `FILE START-END SEVERITY
 * RULE-ID MESSAGE` a line, each followed by `related FILE START-END MESSAGE` lines for its related
 * information (format and `npm run update-expect`: test/helpers/fixtures.ts). `<note>.fixed.tnote` is the note after applying the first fix of each of this
 * rule's findings in it (written for review with TNOTE_WRITE_FIXED=1); re-checking the fixed
 * workspace must not report those findings again.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyFixes, lintWorkspace, RULES, type Finding, type LineIndex, type WorkspaceResult } from '../../server/src/engine';
import { checkWorkspaceCase, UPDATE_COMMAND, workspaceInputs } from '../helpers/fixtures';
import { FIXTURES, REPO_ROOT } from '../helpers/paths';

const CLEAN = fs.readFileSync(path.join(FIXTURES, 'clean-97760-pt.tnote'), 'utf8');
const RULE = 'repeat-initial-encounter';

function pos(lines: LineIndex, offset: number): string {
  const p = lines.positionAt(offset);
  return `${p.line + 1}:${p.character + 1}`;
}

function withDate(text: string, date: string): string {
  return text.replace(/2026-11-20/g, date);
}

function ofRule(r: WorkspaceResult): Finding[] {
  return r.findings.filter((f) => f.ruleId === RULE);
}

describe('workspace rules', () => {
  describe(`${RULE} (in memory)`, () => {
    it('reports a later 97760 for the same patient and region, with the earlier charge as related information', () => {
      const later = withDate(CLEAN, '2026-12-04');
      // File order puts the later visit first: the date decides which one is the repeat.
      const [second, first] = lintWorkspace([
        { file: 'visits/second.tnote', text: later },
        { file: 'visits/first.tnote', text: CLEAN },
      ]);
      assert.deepEqual(ofRule(first), []);
      const found = ofRule(second);
      assert.equal(found.length, 1);
      const f = found[0];
      assert.equal(f.severity, 'warning');
      assert.equal(pos(second.note.lines, f.range.start), '10:11');
      assert.match(f.message, /97763/);
      assert.match(f.message, /2026-11-20/);
      assert.equal(f.related?.length, 1);
      const rel = f.related[0];
      assert.equal(rel.file, 'visits/first.tnote');
      assert.equal(pos(first.note.lines, rel.range.start), '10:11');
      assert.equal(first.note.text.slice(rel.range.start, rel.range.end), '97760');
      assert.equal(f.fixes[0].kind, 'choice');
      const fixed = applyFixes(later, [f.fixes[0]]).text;
      assert.match(fixed, /- code: 97763\n/);
      assert.match(fixed, /encounter: subsequent\n/);
      const again = lintWorkspace([
        { file: 'visits/second.tnote', text: fixed },
        { file: 'visits/first.tnote', text: CLEAN },
      ]);
      assert.deepEqual(again.flatMap(ofRule), []);
    });

    it('takes the region from the Device section when the charge has none, and orders same-date notes by file order', () => {
      const noChargeRegion = CLEAN.replace('    region: lower\n', '');
      const [a, b] = lintWorkspace([
        { file: 'a.tnote', text: CLEAN },
        { file: 'b.tnote', text: noChargeRegion },
      ]);
      assert.deepEqual(ofRule(a), []);
      assert.equal(ofRule(b).length, 1);
      assert.equal(ofRule(b)[0].related?.[0].file, 'a.tnote');
      assert.match(ofRule(b)[0].message, /another note of the same date/);
    });

    it('does not report different patients, different regions, or a single note', () => {
      const later = withDate(CLEAN, '2026-12-04');
      const otherPatient = later.replace('patient: MRN-004211', 'patient: MRN-000001');
      const upper = later.replace('    region: lower\n', '    region: upper\n').replace('Region: lower extremity', 'Region: upper extremity');
      for (const other of [otherPatient, upper]) {
        const results = lintWorkspace([
          { file: 'first.tnote', text: CLEAN },
          { file: 'other.tnote', text: other },
        ]);
        assert.deepEqual(results.flatMap(ofRule), []);
      }
      assert.deepEqual(lintWorkspace([{ file: 'only.tnote', text: CLEAN }]).flatMap(ofRule), []);
    });

    it('does not report when the earlier note billed 97763 or has no usable date', () => {
      const later = withDate(CLEAN, '2026-12-04');
      const earlier97763 = CLEAN.replace('encounter: initial', 'encounter: subsequent').replace('- code: 97760', '- code: 97763');
      const undated = CLEAN.replace('date: 2026-11-20\n', '');
      const impossibleDate = CLEAN.replace('date: 2026-11-20', 'date: 2026-02-30');
      for (const earlier of [earlier97763, undated, impossibleDate]) {
        const results = lintWorkspace([
          { file: 'earlier.tnote', text: earlier },
          { file: 'later.tnote', text: later },
        ]);
        assert.deepEqual(results.flatMap(ofRule), []);
      }
    });
  });

  describe('workspace fixtures', () => {
    for (const rule of RULES.filter((r) => r.scope === 'workspace')) {
      const dir = path.join(FIXTURES, 'rules', rule.id);
      const cases = fs.existsSync(dir)
        ? fs
            .readdirSync(dir)
            .filter((d) => d.startsWith('workspace-') && fs.statSync(path.join(dir, d)).isDirectory())
            .sort()
        : [];
      it(`${rule.id} has workspace fixtures, reported and clean`, () => {
        assert.ok(
          cases.some((c) => !c.startsWith('workspace-good-')),
          `no reporting workspace-* case in ${path.relative(REPO_ROOT, dir)}`,
        );
        assert.ok(
          cases.some((c) => c.startsWith('workspace-good-')),
          `no workspace-good-* case in ${path.relative(REPO_ROOT, dir)}`,
        );
      });
      for (const c of cases) {
        const caseDir = path.join(dir, c);
        const inputs = () => workspaceInputs(caseDir);
        it(`${rule.id}/${c} reports exactly expected.txt`, () => {
          const { missing, unexpected, short } = checkWorkspaceCase(caseDir, rule.id);
          assert.deepEqual(
            { missing, unexpected, short },
            { missing: [], unexpected: [], short: [] },
            `${c}: findings differ from expected.txt or are in the short form (after a deliberate change, or to complete short lines: \`${UPDATE_COMMAND}\`, then review the diff)`,
          );
        });
        it(`${rule.id}/${c}: fixes produce the .fixed.tnote files and resolve the findings`, () => {
          const before = lintWorkspace(inputs());
          const fixedTexts = new Map<string, string>();
          for (const r of before) {
            const toFix = r.findings.filter((f) => f.ruleId === rule.id && f.fixes.length > 0);
            const fixedFile = path.join(caseDir, r.file.replace(/\.tnote$/, '.fixed.tnote'));
            if (toFix.length === 0) {
              assert.ok(!fs.existsSync(fixedFile), `${path.basename(fixedFile)} exists but no finding in ${r.file} offers a fix`);
              continue;
            }
            const fixed = applyFixes(
              r.note.text,
              toFix.map((f) => f.fixes[0]),
            ).text;
            if (!fs.existsSync(fixedFile) && process.env.TNOTE_WRITE_FIXED) {
              fs.writeFileSync(fixedFile, fixed);
              assert.fail(`wrote ${path.relative(REPO_ROOT, fixedFile)}: review it`);
            }
            assert.ok(fs.existsSync(fixedFile), `${r.file} has fixable findings but no ${path.basename(fixedFile)}`);
            assert.equal(fixed, fs.readFileSync(fixedFile, 'utf8'));
            fixedTexts.set(r.file, fixed);
          }
          if (fixedTexts.size === 0) return;
          const after = lintWorkspace(inputs().map((i) => ({ file: i.file, text: fixedTexts.get(i.file) ?? i.text })));
          for (const r of after) {
            const bad = r.findings.filter((f) => f.ruleId === rule.id || (f.severity !== 'info' && fixedTexts.has(r.file)));
            assert.deepEqual(
              bad.map((f) => `${r.file} ${pos(r.note.lines, f.range.start)} ${f.ruleId}: ${f.message}`),
              [],
            );
          }
        });
      }
    }
  });
});
