/**
 * Issue 13: the workspace index only parses notes on disk for their digests (the cross-note rules'
 * input); a note's own findings are computed when "Check All Notes in Workspace" needs them. Held
 * here: the digest-only pipeline gives the very digest and line starts of a full check; Check All
 * still publishes, for notes that are not open, what opening each note shows; a note edited on disk
 * after indexing shows its new findings; a restart from a saved index whose findings are unknown
 * gives the same totals; the cross-note rule still fires on an open note without Check All.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { defaultConfig, digestOnlyNote, lintFiles, lintNote, type FileOutcome } from '../../server/src/engine';
import { nodeFileAccess } from '../../server/src/node/nodeFs';
import { REPO_ROOT } from '../helpers/paths';
import { ageFile, checkAll, EXAMPLES, fileUri, LspTestClient, withDeadline } from './helpers/lspClient';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const corpus = require(path.join(REPO_ROOT, 'bench', 'corpus.js')) as {
  generateCorpus(seed: number, count: number): { name: string; text: string }[];
};

const CLEAN = fs.readFileSync(path.join(REPO_ROOT, 'test', 'lsp', 'fixtures', 'clean-97760-pt.tnote'), 'utf8');
const RULE = 'repeat-initial-encounter';
const INDEX_FILE = 'tnote-workspace-index.json';
const hasRule = (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === RULE);
/** What a diagnostic shows (not its version or fix data). */
const shown = (d: Diagnostic) => JSON.stringify([d.code, d.severity, d.range, d.message, (d.relatedInformation ?? []).map((r) => [r.location.uri, r.location.range, r.message]), d.tags ?? []]);
const shownAll = (p: PublishDiagnosticsParams | undefined) => (p?.diagnostics ?? []).map(shown).sort();

/** Resolves when the server logged its complete index ("indexed N note(s)…"); returns that line. */
async function indexed(c: LspTestClient, ms = 20000): Promise<string> {
  return withDeadline(
    (async () => {
      for (;;) {
        const line = c.logMessages.find((m) => /indexed \d+ note/.test(m));
        if (line) return line;
        await new Promise((r) => setTimeout(r, 20));
      }
    })(),
    ms,
    'the complete workspace index',
  );
}

describe('LSP: indexed notes are only digested until Check All needs their findings (issue 13)', function () {
  this.timeout(90000);
  let dir: string;
  let notes: string;
  const clients: LspTestClient[] = [];
  const start = async (options: { storage?: string } = {}) => {
    const c = await LspTestClient.start({ workspaceFolders: [notes], initializationOptions: options.storage ? { storagePath: options.storage } : undefined });
    clients.push(c);
    return c;
  };
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-lsp-lazy-')));
    notes = path.join(dir, 'notes');
    fs.mkdirSync(notes);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The examples and some generated notes (drafts, defects, repeat visits), every one aged. */
  const writeCorpus = (): string[] => {
    const files: string[] = [];
    for (const name of fs.readdirSync(EXAMPLES).filter((n) => n.endsWith('.tnote'))) {
      files.push(path.join(notes, name));
      fs.copyFileSync(path.join(EXAMPLES, name), files[files.length - 1]);
    }
    for (const n of corpus.generateCorpus(1313, 40)) {
      files.push(path.join(notes, `${n.name}.tnote`));
      fs.writeFileSync(files[files.length - 1], n.text);
    }
    fs.writeFileSync(path.join(notes, 'first.tnote'), CLEAN);
    fs.writeFileSync(path.join(notes, 'second.tnote'), CLEAN.replace(/2026-11-20/g, '2026-12-01'));
    files.push(path.join(notes, 'first.tnote'), path.join(notes, 'second.tnote'));
    for (const f of files) ageFile(f);
    return files;
  };

  it('the digest-only pipeline gives the same digest and line starts as a full check, and no findings', async () => {
    const files = writeCorpus();
    const full = new Map<string, FileOutcome>();
    const digested = new Map<string, FileOutcome>();
    const options = { fs: nodeFileAccess(), read: { maxBytes: 2_000_000, decoding: 'lenient' as const }, configFor: () => defaultConfig() };
    await lintFiles(files, { ...options, onNote: (o) => void full.set(o.file, o) });
    await lintFiles(files, { ...options, digestOnly: true, onNote: (o) => void digested.set(o.file, o) });
    let withFindings = 0;
    for (const file of files) {
      const a = full.get(file)!;
      const b = digested.get(file)!;
      assert.ok(a.ok && b.ok, file);
      assert.equal(a.digestOnly, undefined);
      assert.equal(b.digestOnly, true);
      assert.deepEqual(b.result.findings, []);
      assert.deepEqual(b.digest, a.digest, file);
      assert.deepEqual(b.result.note.lines.lineStarts, a.result.note.lines.lineStarts, file);
      assert.equal(b.result.profile, a.result.profile, file);
      if (a.result.findings.length > 0) withFindings++;
    }
    assert.ok(withFindings >= 5, `the corpus has notes with findings (${withFindings})`);
    // Text the input checks refuse to parse (binary): the same digest too.
    const binary = 'patient: x\n\u0000\u0000\u0000 not a note';
    assert.deepEqual(digestOnlyNote('b', binary, defaultConfig()).digest, lintNote('b', binary, defaultConfig()).digest);
    // A per-file choice, asked when the file is checked.
    const asked: string[] = [];
    const mixed: FileOutcome[] = [];
    await lintFiles(files.slice(0, 4), {
      ...options,
      digestOnly: (f) => {
        asked.push(f);
        return files.indexOf(f) % 2 === 0;
      },
      onNote: (o) => void mixed.push(o),
    });
    assert.deepEqual(asked, files.slice(0, 4));
    assert.deepEqual(
      mixed.map((o) => o.ok && o.digestOnly === true),
      [true, false, true, false],
    );
  });

  it('Check All publishes for every note that is not open what opening that note shows, and the totals match', async () => {
    const files = writeCorpus();
    const a = await start();
    await indexed(a);
    const totals = await checkAll(a);
    assert.equal(totals.notes, files.length);
    assert.ok(totals.errors + totals.warnings + totals.infos > 0);

    // Another server, every note opened (checked in full as an open note).
    const b = await start();
    await indexed(b);
    const expected = { notes: 0, errors: 0, warnings: 0, infos: 0 };
    for (const file of files) {
      const uri = fileUri(file);
      await b.open(uri, fs.readFileSync(file, 'utf8'));
      const opened = await b.waitForCurrentDiagnostics(uri);
      expected.notes++;
      for (const d of opened.diagnostics) {
        if (d.severity === 1) expected.errors++;
        else if (d.severity === 2) expected.warnings++;
        else expected.infos++;
      }
      const closed = await a.waitForDiagnostics(uri);
      assert.equal(closed.version, undefined);
      assert.deepEqual(shownAll(closed), shownAll(opened), path.basename(file));
    }
    assert.deepEqual(totals, expected);
    assert.ok(hasRule(a.diagnostics.get(fileUri(path.join(notes, 'second.tnote')))!));
  });

  it('a note edited on disk after indexing shows its new findings on Check All', async () => {
    writeCorpus();
    const second = path.join(notes, 'second.tnote');
    const c = await start();
    await indexed(c);
    // No watched-file event: the index only has the note's digest, its findings are read at Check All.
    const broken = CLEAN.replace(/2026-11-20/g, '2026-12-01').replace('97760', '97799');
    assert.notEqual(broken, fs.readFileSync(second, 'utf8'));
    fs.writeFileSync(second, broken);
    await checkAll(c);
    const closed = await c.waitForDiagnostics(fileUri(second));
    // What the edited text shows when opened in another server.
    const other = await start();
    await indexed(other);
    await other.open(fileUri(second), broken);
    const opened = await other.waitForCurrentDiagnostics(fileUri(second));
    assert.ok(opened.diagnostics.length > 0, 'the edit introduced findings');
    assert.deepEqual(shownAll(closed), shownAll(opened));
  });

  it('a restart from a saved index with unknown findings gives the same Check All totals and diagnostics', async () => {
    const files = writeCorpus();
    const storage = path.join(dir, 'storage');
    // A fresh server's answer, nothing saved.
    const fresh = await start();
    await indexed(fresh);
    const want = await checkAll(fresh);
    const wantShown = new Map(files.map((f) => [f, shownAll(fresh.diagnostics.get(fileUri(f)))]));
    fresh.kill();

    // Indexed (digests only) and saved: the findings are saved as unknown.
    let c = await start({ storage });
    await indexed(c);
    await c.stop();
    const saved = fs.readFileSync(path.join(storage, INDEX_FILE), 'utf8');
    const body = JSON.parse(saved.slice(saved.indexOf('\n') + 1)) as { notes: unknown[][] };
    assert.equal(body.notes.length, files.length);
    assert.ok(
      body.notes.every((n) => n[11] === null),
      'findings saved as unknown',
    );

    // Restored: findings unknown until Check All; the cross-note rule fires without it.
    c = await start({ storage });
    assert.match(await indexed(c), new RegExp(`, ${files.length} from the saved index`));
    const second = fileUri(path.join(notes, 'second.tnote'));
    await c.open(second, fs.readFileSync(path.join(notes, 'second.tnote'), 'utf8'));
    await c.waitForCurrentDiagnostics(second, hasRule);
    await c.close(second);
    assert.deepEqual(await checkAll(c), want);
    for (const f of files) assert.deepEqual(shownAll(await c.waitForDiagnostics(fileUri(f))), wantShown.get(f), path.basename(f));
    await c.stop();

    // Saved again, now with the findings: restored as they are, same answer.
    const again = fs.readFileSync(path.join(storage, INDEX_FILE), 'utf8');
    const body2 = JSON.parse(again.slice(again.indexOf('\n') + 1)) as { notes: unknown[][] };
    assert.ok(
      body2.notes.every((n) => Array.isArray(n[11])),
      'findings saved once known',
    );
    c = await start({ storage });
    assert.match(await indexed(c), new RegExp(`, ${files.length} from the saved index`));
    assert.deepEqual(await checkAll(c), want);
    for (const f of files) assert.deepEqual(shownAll(await c.waitForDiagnostics(fileUri(f))), wantShown.get(f), path.basename(f));
  });

  it('the cross-note rule fires on an open note against an unopened, only digested one, without Check All', async () => {
    writeCorpus();
    const c = await start();
    await indexed(c);
    const second = fileUri(path.join(notes, 'second.tnote'));
    await c.open(second, fs.readFileSync(path.join(notes, 'second.tnote'), 'utf8'));
    const p = await c.waitForCurrentDiagnostics(second, hasRule);
    const d = p.diagnostics.find((x) => x.code === RULE)!;
    assert.equal(d.relatedInformation?.[0]?.location.uri, fileUri(path.join(notes, 'first.tnote')));
    // Nothing is published for notes that are not open.
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(
      [...c.diagnostics.keys()].filter((u) => u !== second && (c.diagnostics.get(u)?.diagnostics.length ?? 0) > 0),
      [],
    );
  });
});
