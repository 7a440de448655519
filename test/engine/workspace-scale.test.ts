/**
 * Workspace rules stay fast in big workspaces (issue 12, item 8): the cross-note stage re-checks
 * only the patient whose digest changed, `repeat-initial-encounter` is linear in the notes of one
 * patient, and the incremental results equal a full run from scratch.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CrossNoteChecker, defaultConfig, lintNote, lintWorkspace, RULES, type Finding, type NoteDigest, type Rule } from '../../server/src/engine';
import { FIXTURES } from '../helpers/paths';

const CLEAN = fs.readFileSync(path.join(FIXTURES, 'clean-97760-pt.tnote'), 'utf8');
const RULE = 'repeat-initial-encounter';

/** A note of `patient` on `date`, billing 97760 for the lower extremity. */
const note = (patient: string, date: string) => CLEAN.replace('MRN-004211', patient).replace(/2026-11-20/g, date);
const brief = (found: ReadonlyMap<string, Finding[]>) =>
  [...found].map(
    ([id, fs]) => `${id}: ${fs.map((f) => `${f.ruleId}@${f.range.start}:${f.severity}:${f.message}|${(f.related ?? []).map((r) => `${r.file}@${r.range.start}`).join(',')}`).join(' ; ')}`,
  );

describe('workspace rules at scale', () => {
  /** The registry's rules, recording how many notes each workspace-rule run is given. */
  function counted(): { rules: Rule[]; sizes: number[] } {
    const sizes: number[] = [];
    const rules = RULES.map((r) =>
      r.scope === 'workspace'
        ? {
            ...r,
            checkWorkspace(...args: Parameters<typeof r.checkWorkspace>) {
              sizes.push(args[0].length);
              return r.checkWorkspace(...args);
            },
          }
        : r,
    );
    return { rules, sizes };
  }

  it('a changed digest re-checks only the notes of its patient (old and new)', () => {
    const { rules, sizes } = counted();
    const c = new CrossNoteChecker(rules);
    const digest = (id: string, text: string): NoteDigest => lintNote(id, text, defaultConfig(), rules).digest;
    c.set('/a1', digest('/a1', note('MRN-A', '2026-01-05')));
    c.set('/a2', digest('/a2', note('MRN-A', '2026-02-05')));
    for (let i = 0; i < 5; i++) c.set(`/b${i}`, digest(`/b${i}`, note('MRN-B', `2026-03-0${i + 1}`)));
    c.set('/c1', digest('/c1', note('MRN-C', '2026-04-05')));
    c.findings();
    sizes.length = 0;
    // A keystroke in a note of patient A that moves its charges: only A's two notes are checked again.
    c.set('/a2', digest('/a2', note('MRN-A', '2026-02-05').replace('payer: medicare', 'payer:  medicare')), 'open');
    assert.equal(c.findingsFor('/a2').length, 1);
    assert.deepEqual(sizes, [2]);
    // The note moves to patient C: A (now one note) and C (now two) are checked, not B.
    sizes.length = 0;
    c.set('/a2', digest('/a2', note('MRN-C', '2026-05-05')), 'open');
    assert.equal(c.findingsFor('/a2')[0]?.related?.[0]?.file, '/c1');
    assert.deepEqual([...sizes].sort(), [1, 2]);
    assert.deepEqual(c.findingsFor('/a1'), []);
    assert.equal(c.findingsFor('/b4').length, 1);
  });

  it('incremental results equal a run from scratch after any sequence of changes', () => {
    const c = new CrossNoteChecker();
    const texts = new Map<string, string>();
    const patients = ['MRN-1', 'MRN-2', 'MRN-3'];
    let seed = 12345;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let step = 0; step < 300; step++) {
      const id = `/n/${rnd(12)}.tnote`;
      if (rnd(5) === 0) {
        c.delete(id);
        c.delete(id, 'open');
        texts.delete(id);
      } else {
        // Often only the text moves (the same shape, other positions), as a keystroke does.
        const previous = texts.get(id);
        const text =
          previous && rnd(2)
            ? previous.replace(/^payer: +/m, `payer:${' '.repeat(1 + rnd(4))}`)
            : note(patients[rnd(3)], `2026-0${1 + rnd(3)}-1${rnd(3)}`).replace('region: lower', rnd(2) ? 'region: lower' : 'region: upper');
        texts.set(id, text);
        c.set(id, lintNote(id, text, defaultConfig()).digest, rnd(4) ? 'disk' : 'open');
      }
      if (rnd(3) === 0 || step === 299) {
        const scratch = new Map(
          lintWorkspace([...texts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([file, text]) => ({ file, text })))
            .map((r) => [r.file, r.findings.filter((f) => f.ruleId === RULE)] as const)
            .filter(([, fs]) => fs.length > 0),
        );
        assert.deepEqual(brief(new Map([...c.findings()].sort(([a], [b]) => (a < b ? -1 : 1)))), brief(scratch), `step ${step}`);
      }
    }
  });

  it('a note that only moved is checked with the notes related to it: their related ranges follow it', () => {
    const { rules, sizes } = counted();
    const c = new CrossNoteChecker(rules);
    const set = (id: string, text: string) => c.set(id, lintNote(id, text, defaultConfig(), rules).digest);
    set('/first', note('MRN-A', '2026-01-05'));
    for (let i = 0; i < 50; i++) set(`/later${String(i).padStart(2, '0')}`, note('MRN-A', '2026-02-05'));
    const related = () => c.findingsFor('/later07')[0]?.related?.[0]?.range.start;
    const at = related();
    assert.equal(c.findingsFor('/later07')[0]?.related?.[0]?.file, '/first');
    sizes.length = 0;
    set('/first', note('MRN-A', '2026-01-05').replace('payer: medicare', 'payer:    medicare'));
    assert.ok(at !== undefined);
    assert.equal(related(), at + 3, 'the related range moved with the text');
    // /first and the 50 notes whose findings relate to it; nothing else exists here, so all 51.
    assert.deepEqual(sizes, [51]);
    sizes.length = 0;
    // A later note that moves: it and the note it relates to, not the other 49.
    set('/later20', note('MRN-A', '2026-02-05').replace('payer: medicare', 'payer:  medicare'));
    assert.equal(c.findingsFor('/later20')[0]?.range.start, c.findingsFor('/later21')[0].range.start + 1);
    assert.deepEqual(sizes, [2]);
  });

  it(`${RULE} is linear: the work per note does not grow with the notes of the patient`, () => {
    // Counted, not timed (timings belong to the bench): every read of a charge's regions is counted.
    // The one-pass check reads each charge's regions a few times; the quadratic loop it replaced read
    // every earlier charge's regions for each later one (n²/2 reads: 12.5 million for 5,000 notes).
    const rule = RULES.find((r) => r.id === RULE);
    assert.ok(rule && rule.scope === 'workspace');
    const config = defaultConfig();
    const readsFor = (n: number): number => {
      let reads = 0;
      const items = Array.from({ length: n }, (_, i) => {
        const date = new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 365) * 86_400_000).toISOString().slice(0, 10);
        const regions = [i % 3 ? 'lower' : 'upper'];
        const charge = {
          index: 0,
          range: { start: 100, end: 105 },
          get regions() {
            reads++;
            return regions;
          },
          fixes: [],
          suppressed: false,
        };
        const summary = { patient: 'mrn-1', date, charges: [charge] };
        return { digest: { file: `/n/${i}.tnote`, profile: 'medicare' as const, config, summaries: new Map([[RULE, summary]]) }, summary };
      });
      let reported = 0;
      rule.checkWorkspace(items, () => reported++);
      assert.equal(reported, n - 2, 'every 97760 but the first of each region is a repeat');
      return reads;
    };
    const small = readsFor(500);
    const large = readsFor(5_000);
    assert.ok(large <= 8 * 5_000, `${large} reads of regions for 5,000 notes`);
    // Ten times the notes, about ten times the reads (a quadratic loop would read about a hundred times as many).
    assert.ok(large / small < 12, `reads grew ${(large / small).toFixed(1)}× for 10× the notes`);
  });
});
