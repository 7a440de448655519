/**
 * The shared check pipeline (engine/pipeline.ts): lintFiles over an in-memory file system, the
 * cross-note stage's incremental behaviour, note-file reading policies and fixes written back.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CrossNoteChecker,
  defaultConfig,
  lintFiles,
  lintNote,
  lintWorkspace,
  LineIndex,
  readNoteFile,
  RULES,
  type FileOutcome,
  type Finding,
  type NoteDigest,
  type ReadPolicy,
  type Rule,
} from '../../server/src/engine';
import { FIXTURES } from '../helpers/paths';
import { MemoryFs } from '../helpers/memoryFs';

const CLEAN = fs.readFileSync(path.join(FIXTURES, 'clean-97760-pt.tnote'), 'utf8');
const LATER = CLEAN.replace(/2026-11-20/g, '2026-12-04');
const NO_MODIFIER = CLEAN.replace('    modifiers: [GP]\n', '');
const STRICT: ReadPolicy = { maxBytes: 1_000_000, decoding: 'strict' };
const LENIENT: ReadPolicy = { maxBytes: 1_000_000, decoding: 'lenient' };

const brief = (fs: readonly Finding[]) => fs.map((f) => `${f.ruleId}@${f.range.start}-${f.range.end}:${f.severity}:${f.message}`);

async function run(m: MemoryFs, files: string[], extra: Partial<Parameters<typeof lintFiles>[1]> = {}) {
  const outcomes: FileOutcome[] = [];
  const crossNote: { file: string; findings: Finding[]; lines: LineIndex }[] = [];
  await lintFiles(files, {
    fs: m,
    read: STRICT,
    configFor: () => defaultConfig(),
    crossNote: new CrossNoteChecker(),
    onNote: (o) => void outcomes.push(o),
    onCrossNote: (file, findings, lines) => void crossNote.push({ file, findings, lines }),
    ...extra,
  });
  return { outcomes, crossNote };
}

describe('pipeline: lintFiles', () => {
  it('gives each note the findings lintWorkspace gives for the same texts, cross-note findings with their lines', async () => {
    const texts: Record<string, string> = { '/w/a-later.tnote': LATER, '/w/b-first.tnote': CLEAN, '/w/c-other-patient.tnote': NO_MODIFIER.replace('MRN-004211', 'MRN-000001') };
    const m = new MemoryFs();
    for (const [f, t] of Object.entries(texts)) m.file(f, t);
    const { outcomes, crossNote } = await run(m, Object.keys(texts));
    const expected = lintWorkspace(Object.entries(texts).map(([file, text]) => ({ file, text })));
    assert.deepEqual(
      outcomes.map((o) => o.file),
      Object.keys(texts),
      'outcomes come in file order',
    );
    for (const [i, o] of outcomes.entries()) {
      assert.ok(o.ok);
      const all = [...o.result.findings, ...(crossNote.find((c) => c.file === o.file)?.findings ?? [])];
      assert.deepEqual(brief(all).sort(), brief(expected[i].findings).sort(), o.file);
    }
    // The later visit repeats 97760: reported in the cross-note stage, against the earlier note.
    assert.deepEqual(
      crossNote.map((c) => c.file),
      ['/w/a-later.tnote'],
    );
    const repeat = crossNote[0].findings[0];
    assert.equal(repeat.ruleId, 'repeat-initial-encounter');
    assert.equal(repeat.related?.[0].file, '/w/b-first.tnote');
    assert.equal(crossNote[0].lines.text, LATER);
    assert.equal(LATER.slice(repeat.range.start, repeat.range.end), '97760');
  });

  it('turns unreadable files into outcomes and checks the others', async () => {
    const m = new MemoryFs()
      .file('/w/nul.tnote', new Uint8Array([45, 45, 45, 0, 10]))
      .file('/w/latin1.tnote', new Uint8Array([0x43, 0x61, 0x66, 0xe9, 10]))
      .file('/w/big.tnote', 'x'.repeat(2_000_000))
      .other('/w/fifo.tnote')
      .dir('/w/folder.tnote')
      .file('/w/ok.tnote', CLEAN);
    const files = ['/w/nul.tnote', '/w/latin1.tnote', '/w/big.tnote', '/w/fifo.tnote', '/w/folder.tnote', '/w/gone.tnote', '/w/ok.tnote'];
    const { outcomes } = await run(m, files);
    assert.deepEqual(
      outcomes.map((o) => (o.ok ? 'ok' : o.error)),
      [
        'looks like a binary file (contains NUL bytes), not a text note',
        'is not valid UTF-8 text; save the note as UTF-8',
        'file is larger than 1000000 bytes; not a note',
        'is not a regular file (a device, pipe or socket); not a note',
        'is a folder',
        'cannot read (ENOENT)',
        'ok',
      ],
    );
    assert.equal(m.calls.readFile, 3, 'only regular files within the size limit are read');
  });

  it('the lenient policy decodes as an editor does; both take a byte-order mark off', async () => {
    const m = new MemoryFs().file('/w/latin1.tnote', new Uint8Array([0x43, 0x61, 0x66, 0xe9, 10])).file('/w/bom.tnote', '\uFEFF' + CLEAN);
    const lenient = await readNoteFile(m, '/w/latin1.tnote', LENIENT);
    assert.ok(lenient.ok && lenient.text === 'Caf\uFFFD\n');
    for (const policy of [STRICT, LENIENT]) {
      const bom = await readNoteFile(m, '/w/bom.tnote', policy);
      assert.ok(bom.ok && bom.bom && bom.text === CLEAN);
    }
    const { outcomes } = await run(m, ['/w/latin1.tnote'], { read: LENIENT });
    assert.ok(outcomes[0].ok && outcomes[0].result.findings.some((f) => f.ruleId === 'invalid-characters'));
  });

  it('--fix: writes the fixed text (byte-order mark kept) and checks it; a failed write leaves the note as it was', async () => {
    const m = new MemoryFs().file('/w/a.tnote', '\uFEFF' + NO_MODIFIER).file('/w/b.tnote', NO_MODIFIER);
    const written: string[] = [];
    const { outcomes } = await run(m, ['/w/a.tnote', '/w/b.tnote'], {
      fix: {
        write: async (file, text) => {
          if (file === '/w/b.tnote') throw Object.assign(new Error('read-only'), { code: 'EROFS' });
          written.push(file);
          m.file(file, text);
        },
      },
    });
    assert.deepEqual(written, ['/w/a.tnote']);
    const fixed = m.text('/w/a.tnote');
    assert.ok(fixed.startsWith('\uFEFF---\n') && fixed.includes('modifiers: [GP]'), fixed.slice(0, 40));
    const [a, b] = outcomes;
    assert.ok(a.ok && b.ok);
    assert.deepEqual(a.fixed, { count: 1 });
    assert.deepEqual(a.result.findings, []);
    assert.deepEqual(b.fixed, { error: 'EROFS' });
    assert.ok(b.result.findings.some((f) => f.ruleId === 'missing-discipline-modifier'));
  });

  it('stops when `between` says so, and takes a note that can no longer be read out of the cross-note stage', async () => {
    const m = new MemoryFs().file('/w/a.tnote', CLEAN).file('/w/b.tnote', LATER);
    const crossNote = new CrossNoteChecker();
    const seen: string[] = [];
    await lintFiles(['/w/a.tnote', '/w/b.tnote'], { fs: m, read: STRICT, configFor: () => defaultConfig(), crossNote, onNote: (o) => void seen.push(o.file), between: () => false });
    assert.deepEqual(seen, ['/w/a.tnote']);
    await lintFiles(['/w/b.tnote'], { fs: m, read: STRICT, configFor: () => defaultConfig(), crossNote, onNote: () => undefined });
    assert.equal(crossNote.findingsFor('/w/b.tnote')[0]?.ruleId, 'repeat-initial-encounter');
    m.other('/w/a.tnote');
    await lintFiles(['/w/a.tnote'], { fs: m, read: STRICT, configFor: () => defaultConfig(), crossNote, onNote: () => undefined });
    assert.deepEqual(crossNote.ids(), ['/w/b.tnote']);
    assert.deepEqual(crossNote.findingsFor('/w/b.tnote'), []);
  });
});

describe('pipeline: cross-note stage', () => {
  /** The registry's workspace rules, counting how often they run. */
  function counted(): { rules: Rule[]; runs: () => number } {
    let runs = 0;
    const rules = RULES.map((r) =>
      r.scope === 'workspace'
        ? {
            ...r,
            checkWorkspace(...args: Parameters<typeof r.checkWorkspace>) {
              runs++;
              return r.checkWorkspace(...args);
            },
          }
        : r,
    );
    return { rules, runs: () => runs };
  }
  const digest = (name: string, text: string, rules: readonly Rule[]): NoteDigest => lintNote(name, text, defaultConfig(), rules).digest;

  it('runs the workspace rules only after a digest that changes what they read', () => {
    const { rules, runs } = counted();
    const c = new CrossNoteChecker(rules);
    assert.equal(c.set('a', digest('a', CLEAN, rules)), true);
    assert.equal(c.set('b', digest('b', LATER, rules)), true);
    assert.equal(c.findingsFor('b')[0]?.ruleId, 'repeat-initial-encounter');
    assert.equal(runs(), 1);
    // A change the rules do not read (a sentence in the body): same key, no new run.
    const edited = LATER.replace('## Plan', 'Some more words.\n\n## Plan');
    assert.notEqual(edited, LATER);
    assert.equal(c.set('b', digest('b', edited, rules)), false);
    assert.equal(c.stale, false);
    c.findings();
    assert.equal(runs(), 1);
    // Another patient: a new run, no finding.
    assert.equal(c.set('b', digest('b', LATER.replace('MRN-004211', 'MRN-000001'), rules)), true);
    assert.deepEqual(c.findingsFor('b'), []);
    assert.equal(runs(), 3, 'one run for the patient it left, one for the patient it joined');
  });

  it('an open digest stands in for the disk digest of the same id, and deleting it brings the disk one back', () => {
    const c = new CrossNoteChecker();
    c.set('a', digest('a', CLEAN, RULES));
    c.set('b', digest('b', LATER, RULES));
    assert.equal(c.findingsFor('b').length, 1);
    assert.equal(c.set('b', digest('b', LATER, RULES), 'open'), false, 'opening an unchanged note changes nothing');
    assert.equal(c.set('a', digest('a', CLEAN.replace('MRN-004211', 'MRN-000001'), RULES), 'open'), true);
    assert.deepEqual(c.findingsFor('b'), []);
    assert.equal(c.set('a', digest('a', CLEAN, RULES)), false, 'the disk layer under an open note is not seen');
    assert.equal(c.delete('a', 'open'), true);
    assert.equal(c.findingsFor('b').length, 1);
    assert.equal(c.delete('a', 'open'), false);
    assert.equal(c.delete('a'), true);
    assert.deepEqual(c.ids(), ['b']);
  });

  it('orders notes by id, so same-date notes give the same findings in any order of arrival', () => {
    const one = new CrossNoteChecker();
    const two = new CrossNoteChecker();
    one.set('/n/1.tnote', digest('/n/1.tnote', CLEAN, RULES));
    one.set('/n/2.tnote', digest('/n/2.tnote', CLEAN, RULES));
    two.set('/n/2.tnote', digest('/n/2.tnote', CLEAN, RULES));
    two.set('/n/1.tnote', digest('/n/1.tnote', CLEAN, RULES));
    assert.deepEqual([...two.findings()], [...one.findings()]);
    assert.deepEqual([...one.findings().keys()], ['/n/2.tnote'], 'the second by path repeats the first');
  });
});
