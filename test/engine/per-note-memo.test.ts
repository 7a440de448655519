import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { billingSummary, lintText } from '../../server/src/engine';
import { devices } from '../../server/src/engine/rules/devices';
import { FIXTURES, REPO_ROOT } from '../helpers/paths';

const CLEAN = fs.readFileSync(path.join(FIXTURES, 'clean-97760-pt.tnote'), 'utf8');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('per-note lookups live on the note', () => {
  it('are worked out once per note and kept in note.memo', () => {
    const { note } = lintText(CLEAN);
    assert.ok(note.memo.size > 0, 'the rules shared nothing through note.memo');
    assert.equal(billingSummary(note), billingSummary(note));
    assert.equal(devices(note), devices(note));
    assert.ok([...note.memo.values()].includes(billingSummary(note)));
  });

  it('are never cached in a WeakMap keyed by a note, charge or summary (V8 keeps those values until a full GC)', () => {
    const offenders = sources(path.join(REPO_ROOT, 'server', 'src', 'engine')).filter((f) => /new WeakMap<\s*(Note|Charge|BillingSummary|Section|Field)\b/.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(
      offenders.map((f) => path.relative(REPO_ROOT, f)),
      [],
    );
  });
});
