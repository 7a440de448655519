/**
 * The bench corpus (bench/corpus.js) is what the performance figures are measured on, so it has to
 * be what it claims: realistic notes of every kind, clean final notes without findings, every
 * defective note and draft with at least one, 40–120 lines, the same notes from the same seed.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { lintWorkspace } from '../../server/src/engine';
import { REPO_ROOT } from '../helpers/paths';

interface CorpusNote {
  name: string;
  kind: string;
  draft: boolean;
  student: boolean;
  text: string;
  lines: number;
  defects: string[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const corpus = require(path.join(REPO_ROOT, 'bench', 'corpus.js')) as {
  generateCorpus: (seed: number, count: number) => CorpusNote[];
  largeNote: (seed: number, lines: number) => { text: string; lines: number };
  KINDS: string[];
};

describe('bench corpus', () => {
  const notes = corpus.generateCorpus(97760, 400);
  const results = new Map(lintWorkspace(notes.map((n) => ({ file: `${n.name}.tnote`, text: n.text }))).map((r) => [r.file.replace(/\.tnote$/, ''), r.findings]));

  it('is the same for the same seed and differs for another', () => {
    assert.deepEqual(
      corpus.generateCorpus(97760, 50).map((n) => n.text),
      notes.slice(0, 50).map((n) => n.text),
    );
    assert.notDeepEqual(
      corpus.generateCorpus(1, 50).map((n) => n.text),
      notes.slice(0, 50).map((n) => n.text),
    );
  });

  it('holds every kind of note, co-signed student notes, drafts and defective notes', () => {
    const kinds = new Set(notes.map((n) => n.kind));
    assert.deepEqual([...kinds].sort(), [...corpus.KINDS].sort());
    assert.ok(notes.some((n) => n.student && /^Co-signed: /m.test(n.text) && /^Supervision: /m.test(n.text)));
    assert.ok(notes.some((n) => n.draft && /^status: draft$/m.test(n.text)));
    assert.ok(
      notes.some((n) => n.text.split('\n## Device\n').length === 3),
      'a note with two Device sections',
    );
    for (const code of ['97760', '97761', '97763'])
      assert.ok(
        notes.some((n) => n.text.includes(`code: ${code}`)),
        code,
      );
    const defective = notes.filter((n) => n.defects.length && !n.draft).length / notes.length;
    assert.ok(defective > 0.15 && defective < 0.45, `share of defective notes ${defective}`);
  });

  it('notes run 40–120 lines with narrative paragraphs', () => {
    for (const n of notes) {
      assert.ok(n.lines >= 40 && n.lines <= 120, `${n.name}: ${n.lines} lines`);
      assert.equal(n.text.split('\n').length - 1, n.lines, n.name);
    }
    const mean = notes.reduce((a, n) => a + n.lines, 0) / notes.length;
    assert.ok(mean > 50 && mean < 80, `mean ${mean}`);
    const paragraphs = notes.filter((n) => /\n\n[A-Z][^\n:]{80,}\. [A-Z][^\n]+\.\n/.test(n.text)).length;
    assert.ok(paragraphs > notes.length * 0.8, `${paragraphs} notes with a narrative paragraph`);
  });

  it('clean final notes have no findings (workspace rules included)', () => {
    const noisy = notes
      .filter((n) => !n.defects.length && !n.draft && results.get(n.name)?.length)
      .map(
        (n) =>
          `${n.name}: ${results
            .get(n.name)
            ?.map((f) => f.ruleId)
            .join(', ')}`,
      );
    assert.deepEqual(noisy, []);
  });

  it('every defective note and every draft has a finding', () => {
    const silent = notes.filter((n) => (n.defects.length || n.draft) && !results.get(n.name)?.length).map((n) => `${n.name} (${n.defects.join(', ')})`);
    assert.ok(silent.length <= notes.length * 0.01, `defective notes without findings: ${silent.join('; ')}`);
  });

  it('keeps the synthetic long notes for the size curve', () => {
    for (const lines of [2000, 20000]) {
      const n = corpus.largeNote(lines, lines);
      assert.equal(n.text.split('\n').length, lines, 'lines as the checker counts them');
      assert.deepEqual(
        lintWorkspace([{ file: 'large.tnote', text: n.text }])[0].findings.map((f) => f.ruleId),
        [],
      );
    }
  });
});
