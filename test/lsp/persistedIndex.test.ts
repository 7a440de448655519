/**
 * Issue 13: the saved workspace index. With `initializationOptions.storagePath` the server saves
 * what it knows of each note on disk (stamps, digests, findings; never note text) and a restart
 * trusts only the notes whose stamps and config are as saved: an edited note is read again, a
 * deleted one is left out, and a damaged, cut-short or foreign index file is discarded.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from '../helpers/paths';
import { ageFile, checkAll, fileUri, LspTestClient } from './helpers/lspClient';

const CLEAN = fs.readFileSync(path.join(REPO_ROOT, 'test', 'lsp', 'fixtures', 'clean-97760-pt.tnote'), 'utf8');
const RULE = 'repeat-initial-encounter';
/** A narrative sentence that must never reach the saved index. */
const NARRATIVE = 'walked to the quince orchard gate unaided';
const INDEX_FILE = 'tnote-workspace-index.json';
const hasRule = (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === RULE);
const note = (date: string, patient = 'MRN-004211') =>
  CLEAN.replace(/2026-11-20/g, date)
    .replace('MRN-004211', patient)
    .replace('Toe clearance improved; no loss of balance.', `Toe clearance improved; ${NARRATIVE}.`);

describe('LSP: the saved workspace index (issue 13)', function () {
  this.timeout(60000);
  let dir: string;
  let storage: string;
  let client: LspTestClient | undefined;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-lsp-saved-')));
    storage = path.join(dir, 'storage'); // created by the server
    fs.mkdirSync(path.join(dir, 'notes'));
  });
  afterEach(() => {
    client?.kill();
    client = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const file = (name: string) => path.join(dir, 'notes', name);
  /** A session: starts the server, waits for the complete index; the caller stops it (the index is saved on shutdown). */
  const session = async () => {
    client = await LspTestClient.start({ workspaceFolders: [path.join(dir, 'notes')], initializationOptions: { storagePath: storage } });
    const totals = await checkAll(client);
    const line = client.logMessages.find((m) => /indexed \d+ note/.test(m)) ?? '';
    return { c: client, notes: totals.notes, line };
  };
  const stop = async () => {
    await client!.stop();
    client = undefined;
  };
  /** Three notes: a first 97760 visit, a later one for the same patient and region (a repeat), another patient. */
  const writeNotes = () => {
    fs.writeFileSync(file('first.tnote'), note('2026-11-20'));
    fs.writeFileSync(file('second.tnote'), note('2026-12-01'));
    fs.writeFileSync(file('other.tnote'), note('2026-11-25', 'MRN-777777'));
    for (const f of ['first.tnote', 'second.tnote', 'other.tnote']) ageFile(file(f), 120);
  };

  it('restores unchanged notes, reads an edited one again, leaves out a deleted one; no note text in the file', async () => {
    writeNotes();
    let s = await session();
    assert.equal(s.notes, 3);
    assert.doesNotMatch(s.line, /from the saved index/, 'nothing was saved yet');
    await s.c.waitForDiagnostics(fileUri(file('second.tnote')), hasRule);
    await stop();

    const saved = fs.readFileSync(path.join(storage, INDEX_FILE), 'utf8');
    assert.ok(saved.includes(fileUri(file('second.tnote'))), 'the notes are in the saved index');
    for (const text of [NARRATIVE, 'Toe drag and two near-falls', 'Donning and doffing taught', 'Trim lines checked']) {
      assert.ok(!saved.includes(text), `no note text in the saved index: "${text}"`);
    }
    if (process.platform !== 'win32') assert.equal(fs.statSync(path.join(storage, INDEX_FILE)).mode & 0o077, 0, 'readable by the user only');

    // Between sessions the first visit becomes another patient's: same size, another time stamp.
    fs.writeFileSync(file('first.tnote'), note('2026-11-20', 'MRN-004299'));
    ageFile(file('first.tnote'), 60);
    s = await session();
    assert.equal(s.notes, 3);
    assert.match(s.line, /indexed 3 note\(s\).*, 2 from the saved index/);
    // The edited note's new digest is used: the later visit is no longer a repeat.
    const second = await s.c.waitForDiagnostics(fileUri(file('second.tnote')), (p) => !hasRule(p));
    assert.ok(!hasRule(second));
    await stop();

    fs.rmSync(file('other.tnote'));
    s = await session();
    assert.equal(s.notes, 2, 'the deleted note is left out');
    assert.match(s.line, /indexed 2 note\(s\).*, 2 from the saved index/);
    await stop();
  });

  it('a note whose stamp was too fresh when read is read again, even when an edit kept its size and time (racy stamp)', async () => {
    writeNotes();
    // Stamped "now" (whole seconds, a little ahead): when read, a later edit could keep this stamp.
    const stamp = Math.floor(Date.now() / 1000) + 30;
    fs.utimesSync(file('first.tnote'), stamp, stamp);
    let s = await session();
    await s.c.waitForDiagnostics(fileUri(file('second.tnote')), hasRule);
    await stop();
    // The edit keeps size and time stamp: only the racy mark tells it may have changed.
    fs.writeFileSync(file('first.tnote'), note('2026-11-20', 'MRN-004299'));
    fs.utimesSync(file('first.tnote'), stamp, stamp);
    s = await session();
    assert.match(s.line, /, 2 from the saved index/);
    await s.c.waitForDiagnostics(fileUri(file('second.tnote')), (p) => !hasRule(p));
    await stop();
  });

  const damage: [string, (text: string) => string][] = [
    ['cut short', (t) => t.slice(0, Math.floor(t.length / 2))],
    // Same length, valid JSON, a patient changed: if trusted, the later visit would not be a repeat.
    ['changed inside', (t) => t.replace('"patient":"mrn-004211"', '"patient":"mrn-004299"')],
    ['not an index at all', () => 'this is not a saved index\n{}\n'],
    ['written by another version', (t) => t.replace(/"build":"[^"]*"/, '"build":"0.0.0+other"')],
    ['empty', () => ''],
  ];
  for (const [what, spoil] of damage) {
    it(`an index file that is ${what} is discarded, and every note is read`, async () => {
      writeNotes();
      await session();
      await stop();
      const indexFile = path.join(storage, INDEX_FILE);
      const before = fs.readFileSync(indexFile, 'utf8');
      const spoiled = spoil(before);
      assert.notEqual(spoiled, before);
      fs.writeFileSync(indexFile, spoiled);
      const s = await session();
      assert.equal(s.notes, 3);
      assert.doesNotMatch(s.line, /from the saved index/, s.c.logMessages.join('\n'));
      if (spoiled !== '') assert.ok(s.c.logMessages.some((m) => m.includes('the saved workspace index was discarded')));
      await s.c.waitForDiagnostics(fileUri(file('second.tnote')), hasRule);
      await stop();
      // Written anew, and trusted by the next session.
      const s2 = await session();
      assert.match(s2.line, /, 3 from the saved index/);
      await stop();
    });
  }

  it('without a storage folder nothing is saved', async () => {
    writeNotes();
    client = await LspTestClient.start({ workspaceFolders: [path.join(dir, 'notes')] });
    assert.equal((await checkAll(client)).notes, 3);
    await stop();
    assert.deepEqual(fs.readdirSync(dir).sort(), ['notes']);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'notes')).sort(), ['first.tnote', 'other.tnote', 'second.tnote']);
  });
});
