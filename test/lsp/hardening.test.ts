/**
 * Issue 12, the language server's side: a hostile workspace (config and code files that are FIFOs,
 * devices or huge), an exact workspace index (ordered updates per file, removed folders, one note
 * per real file), config changes that do not pile up, and logging that stays quiet.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { DiagnosticSeverity, DidChangeWatchedFilesNotification, DidChangeWorkspaceFoldersNotification, FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { checkAll, fileUri, LspTestClient } from './helpers/lspClient';

const CLEAN = fs.readFileSync(path.join(REPO_ROOT, 'test', 'lsp', 'fixtures', 'clean-97760-pt.tnote'), 'utf8');
const RULE = 'repeat-initial-encounter';
const POSIX = process.platform !== 'win32';
const dated = (date: string) => CLEAN.replace(/2026-11-20/g, date);
const hasRule = (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === RULE);

const watched = (c: LspTestClient, uri: string, type: FileChangeType) => c.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type }] });

/** Opens a FIFO for writing and closes it, so a reader blocked on it gets EOF (cleanup only). */
function release(fifo: string): void {
  try {
    fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
  } catch {
    /* nobody is reading it */
  }
}

describe('LSP: hardening (issue 12)', function () {
  let dir: string;
  let client: LspTestClient | undefined;
  const fifos: string[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-lsp-hard-'));
  });
  afterEach(() => {
    client?.kill();
    client = undefined;
    for (const f of fifos.splice(0)) release(f);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  (POSIX ? describe : describe.skip)('hostile config and code files (POSIX)', () => {
    for (const kind of ['a FIFO as icd10CodeFile', '/dev/zero as icd10CodeFile', '.tnoterc.yaml a symlink to a FIFO']) {
      it(`${kind}: notes are still checked, across notes too`, async () => {
        const cfg = path.join(dir, '.tnoterc.yaml');
        if (kind.startsWith('a FIFO')) {
          execFileSync('mkfifo', [path.join(dir, 'codes.txt')]);
          fifos.push(path.join(dir, 'codes.txt'));
          fs.writeFileSync(cfg, 'icd10CodeFile: codes.txt\n');
        } else if (kind.startsWith('/dev/zero')) {
          fs.writeFileSync(cfg, 'icd10CodeFile: /dev/zero\n');
        } else {
          execFileSync('mkfifo', [path.join(dir, 'pipe')]);
          fifos.push(path.join(dir, 'pipe'));
          fs.symlinkSync('pipe', cfg);
        }
        const earlier = path.join(dir, 'first.tnote');
        const later = path.join(dir, 'second.tnote');
        fs.writeFileSync(earlier, CLEAN);
        fs.writeFileSync(later, CLEAN.replace(/2026-11-20/g, '2026-12-01'));
        client = await LspTestClient.start({ workspaceFolders: [dir] });
        const uri = fileUri(later);
        await client.open(uri, CLEAN.replace(/2026-11-20/g, '2026-12-01'));
        // The earlier note on disk was indexed (the config problem did not stop the index).
        await client.waitForCurrentDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === RULE), 6000);
      });
    }
  });

  describe('the workspace index is exact', () => {
    it('a note created and deleted in quick succession leaves no ghost (no diagnostics, no cross-note findings)', async () => {
      const first = path.join(dir, 'first.tnote');
      fs.writeFileSync(first, CLEAN);
      fs.writeFileSync(path.join(dir, 'second.tnote'), dated('2026-12-01'));
      client = await LspTestClient.start({ workspaceFolders: [dir] });
      assert.equal((await checkAll(client)).notes, 2);
      await client.waitForDiagnostics(fileUri(first), (p) => !hasRule(p));
      // An earlier visit appears and is gone again: two watcher notifications, one after the other,
      // while the file is still there to be read (the delete lands while the create is being read).
      const ghost = path.join(dir, 'ghost.tnote');
      fs.writeFileSync(ghost, dated('2026-10-01'));
      await watched(client, fileUri(ghost), FileChangeType.Created);
      await watched(client, fileUri(ghost), FileChangeType.Deleted);
      // A later change to another note, seen once the changes before it are applied.
      const second = path.join(dir, 'second.tnote');
      fs.writeFileSync(second, dated('2026-12-01').replace('modifiers: [GP]', 'modifiers: []'));
      await watched(client, fileUri(second), FileChangeType.Changed);
      await client.waitForDiagnostics(fileUri(second), (p) => p.diagnostics.some((d) => d.code === 'missing-discipline-modifier'));
      const totals = await checkAll(client);
      fs.rmSync(ghost);
      assert.equal(totals.notes, 2, 'the deleted note is not counted');
      const last = [...client.publications].reverse().find((p) => p.uri === fileUri(ghost));
      assert.ok(!last || last.diagnostics.length === 0, 'no diagnostics stand for the deleted file');
      assert.ok(!hasRule(client.diagnostics.get(fileUri(first))!), 'the deleted note does not make the first visit a repeat');
    });

    it('removing a workspace folder drops its notes and their diagnostics', async () => {
      const a = path.join(dir, 'a');
      const b = path.join(dir, 'b');
      fs.mkdirSync(a);
      fs.mkdirSync(b);
      const first = path.join(a, 'first.tnote');
      const second = path.join(b, 'second.tnote');
      fs.writeFileSync(first, CLEAN.replace('modifiers: [GP]', 'modifiers: []')); // a finding of its own
      fs.writeFileSync(second, dated('2026-12-01'));
      client = await LspTestClient.start({ workspaceFolders: [a, b] });
      assert.equal((await checkAll(client)).notes, 2);
      await client.waitForDiagnostics(fileUri(second), hasRule);
      await client.waitForDiagnostics(fileUri(first), (p) => p.diagnostics.length > 0);
      await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [{ uri: fileUri(a), name: 'a' }] } });
      await client.waitForDiagnostics(fileUri(first), (p) => p.diagnostics.length === 0);
      await client.waitForDiagnostics(fileUri(second), (p) => !hasRule(p));
      assert.equal((await checkAll(client)).notes, 1);
    });

    it('a file in a sibling folder whose name starts like the workspace folder is not indexed', async () => {
      const a = path.join(dir, 'a');
      const ab = path.join(dir, 'ab');
      fs.mkdirSync(a);
      fs.mkdirSync(ab);
      fs.writeFileSync(path.join(a, 'first.tnote'), CLEAN);
      fs.writeFileSync(path.join(ab, 'outside.tnote'), dated('2026-12-01'));
      client = await LspTestClient.start({ workspaceFolders: [a] });
      assert.equal((await checkAll(client)).notes, 1);
      await watched(client, fileUri(path.join(ab, 'outside.tnote')), FileChangeType.Created);
      assert.equal((await checkAll(client)).notes, 1, 'ab/ is not inside a/');
    });

    (POSIX ? it : it.skip)('a note reached by two paths (a symbolic link) is one note, through the watcher and when opened by the link (POSIX)', async () => {
      const real = path.join(dir, 'real.tnote');
      const later = path.join(dir, 'later.tnote');
      fs.writeFileSync(real, CLEAN);
      fs.writeFileSync(later, dated('2026-12-01'));
      client = await LspTestClient.start({ workspaceFolders: [dir] });
      assert.equal((await checkAll(client)).notes, 2);
      const alias = path.join(dir, 'alias.tnote');
      fs.symlinkSync('real.tnote', alias);
      await watched(client, fileUri(alias), FileChangeType.Created);
      assert.equal((await checkAll(client)).notes, 2, 'the link is not a second note');
      const ofRule = (uri: string) => client!.diagnostics.get(uri)?.diagnostics.filter((d) => d.code === RULE) ?? [];
      assert.deepEqual(ofRule(fileUri(real)), [], 'not a repeat of itself');
      assert.equal(ofRule(fileUri(later)).length, 1);
      // Opened by the link, it stands in for its copy on disk (not beside it).
      await client.open(fileUri(alias), CLEAN);
      const p = await client.waitForCurrentDiagnostics(fileUri(alias));
      assert.ok(!hasRule(p), p.diagnostics.map((d) => d.message).join('\n'));
      assert.equal((await checkAll(client)).notes, 2);
      assert.equal(ofRule(fileUri(later)).length, 1);
    });
  });

  describe('config changes', () => {
    const indexedLines = (c: LspTestClient) => c.logMessages.filter((m) => /indexed \d+ note/.test(m)).length;
    /** A one-character edit at the end of the note, then its diagnostics (so its config was resolved again). */
    const touch = async (c: LspTestClient, uri: string) => {
      const doc = c.documents.get(uri)!;
      const end = doc.positionAt(doc.getText().length);
      await c.change(uri, [{ range: { start: end, end }, text: doc.version % 2 ? '\n' : '' }]);
      return c.waitForCurrentDiagnostics(uri);
    };

    it('several saves of .tnoterc.yaml within 300 ms give one re-index', async () => {
      const cfg = path.join(dir, '.tnoterc.yaml');
      fs.writeFileSync(cfg, 'profile: medicare\n');
      for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(dir, `n${i}.tnote`), dated(`2026-11-2${i}`));
      client = await LspTestClient.start({ workspaceFolders: [dir] });
      await checkAll(client);
      const before = indexedLines(client);
      assert.equal(before, 1);
      for (let i = 0; i < 6; i++) {
        fs.writeFileSync(cfg, `profile: medicare\nrules:\n  ${RULE}: ${i % 2 ? 'info' : 'warning'}\n`);
        await watched(client, fileUri(cfg), FileChangeType.Changed);
        await new Promise((r) => setTimeout(r, 40)); // saves 40 ms apart
      }
      await checkAll(client); // waits for the re-index
      assert.equal(indexedLines(client) - before, 1, client.logMessages.join('\n'));
    });

    it('problems of .tnoterc.yaml are diagnostics at the bad key, not pop-ups; quick flips give none', async () => {
      const cfg = path.join(dir, '.tnoterc.yaml');
      fs.writeFileSync(cfg, 'profile: medicare\nrules:\n  no-such-rule: off\n');
      const note = path.join(dir, 'n.tnote');
      fs.writeFileSync(note, CLEAN);
      client = await LspTestClient.start({ workspaceFolders: [dir] });
      await client.open(fileUri(note), CLEAN);
      const p = await client.waitForDiagnostics(fileUri(cfg), (x) => x.diagnostics.length > 0);
      assert.equal(p.diagnostics.length, 1);
      const d = p.diagnostics[0];
      assert.equal(d.code, 'config-invalid');
      assert.equal(d.source, 'tnote');
      assert.equal(d.severity, DiagnosticSeverity.Error);
      assert.deepEqual(d.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 14 } });
      assert.match(String(d.message), /unknown rule id "no-such-rule"/);
      // Thirty quick flips between broken and sound YAML: diagnostics follow, no pop-up.
      for (let i = 0; i < 30; i++) {
        fs.writeFileSync(cfg, i % 2 ? 'profile: medicare\n' : 'rules: [unclosed\n');
        await watched(client, fileUri(cfg), FileChangeType.Changed);
        await touch(client, fileUri(note));
      }
      await client.waitForDiagnostics(fileUri(cfg), (x) => x.diagnostics.length === 0);
      assert.deepEqual(client.shownMessages, []);
      // Deleted: its diagnostics go.
      fs.writeFileSync(cfg, 'rules: [unclosed\n');
      await watched(client, fileUri(cfg), FileChangeType.Changed);
      await touch(client, fileUri(note));
      await client.waitForDiagnostics(fileUri(cfg), (x) => x.diagnostics.length === 1);
      fs.rmSync(cfg);
      await watched(client, fileUri(cfg), FileChangeType.Deleted);
      await client.waitForDiagnostics(fileUri(cfg), (x) => x.diagnostics.length === 0);
    });

    (POSIX ? it : it.skip)('a config file that cannot be read gets one pop-up however often it changes (POSIX)', async () => {
      const cfg = path.join(dir, '.tnoterc.yaml');
      execFileSync('mkfifo', [path.join(dir, 'pipe')]);
      fifos.push(path.join(dir, 'pipe'));
      fs.symlinkSync('pipe', cfg);
      const note = path.join(dir, 'n.tnote');
      fs.writeFileSync(note, CLEAN);
      client = await LspTestClient.start({ workspaceFolders: [dir] });
      await client.open(fileUri(note), CLEAN);
      await client.waitForCurrentDiagnostics(fileUri(note));
      for (let i = 0; i < 10; i++) {
        await watched(client, fileUri(cfg), FileChangeType.Changed);
        await touch(client, fileUri(note));
      }
      const p = await client.waitForDiagnostics(fileUri(cfg), (x) => x.diagnostics.length > 0);
      assert.match(String(p.diagnostics[0].message), /not a regular file/);
      assert.equal(client.shownMessages.length, 1, client.shownMessages.join('\n'));
      assert.match(client.shownMessages[0], /\.tnoterc\.yaml.*not a regular file/);
    });

    it('.tnoterc.yaml is not read again on every keystroke: a change applies when the watcher reports it', async () => {
      const cfg = path.join(dir, '.tnoterc.yaml');
      const rule = 'missing-discipline-modifier';
      fs.writeFileSync(cfg, `rules:\n  ${rule}: info\n`);
      const note = path.join(dir, 'n.tnote');
      const text = CLEAN.replace('modifiers: [GP]', 'modifiers: []');
      fs.writeFileSync(note, text);
      client = await LspTestClient.start({ workspaceFolders: [dir] });
      await client.open(fileUri(note), text);
      const severity = (p: PublishDiagnosticsParams) => p.diagnostics.find((d) => d.code === rule)?.severity;
      assert.equal(severity(await client.waitForCurrentDiagnostics(fileUri(note))), DiagnosticSeverity.Information);
      // Changed on disk, no watcher event yet: keystrokes keep the configuration they had.
      fs.writeFileSync(cfg, `rules:\n  ${rule}: warning\n# a longer file\n`);
      assert.equal(severity(await touch(client, fileUri(note))), DiagnosticSeverity.Information);
      assert.equal(severity(await touch(client, fileUri(note))), DiagnosticSeverity.Information);
      await watched(client, fileUri(cfg), FileChangeType.Changed);
      await client.waitForCurrentDiagnostics(fileUri(note), (p) => severity(p) === DiagnosticSeverity.Warning);
    });
  });

  describe('config extends (issue 11, item 7)', () => {
    it('a note gets the extended file’s settings; each file’s problems are its own diagnostics', async () => {
      const rule = 'missing-discipline-modifier';
      fs.writeFileSync(path.join(dir, 'org.yaml'), `rules:\n  ${rule}: info\n  no-such-rule: off\n`);
      fs.mkdirSync(path.join(dir, 'team'));
      const cfg = path.join(dir, 'team', '.tnoterc.yaml');
      fs.writeFileSync(cfg, 'profile: medicare\nextends: ../org.yaml\n');
      const note = path.join(dir, 'team', 'n.tnote');
      const text = CLEAN.replace('modifiers: [GP]', 'modifiers: []');
      fs.writeFileSync(note, text);
      client = await LspTestClient.start({ workspaceFolders: [dir] });
      await client.open(fileUri(note), text);
      const p = await client.waitForCurrentDiagnostics(fileUri(note));
      assert.equal(p.diagnostics.find((d) => d.code === rule)?.severity, DiagnosticSeverity.Information);
      const org = await client.waitForDiagnostics(fileUri(path.join(dir, 'org.yaml')), (x) => x.diagnostics.length > 0);
      assert.deepEqual(
        org.diagnostics.map((d) => [d.range.start.line, d.code]),
        [[2, 'config-invalid']],
      );
      const own = await client.waitForDiagnostics(fileUri(cfg), (x) => x.diagnostics.length > 0);
      assert.deepEqual(
        own.diagnostics.map((d) => d.range.start.line),
        [1],
      );
      assert.match(String(own.diagnostics[0].message), /extended config file "\.\.\/org\.yaml" has 1 problem/);
    });

    it('a package in node_modules is not taken for a watched file: a change to it applies without a watcher event', async () => {
      // Editors do not watch node_modules (VS Code's files.watcherExclude), so its files are checked by time and size.
      const rule = 'missing-discipline-modifier';
      const pkgConfig = path.join(dir, 'node_modules', 'tnote-config-clinic', '.tnoterc.yaml');
      fs.mkdirSync(path.dirname(pkgConfig), { recursive: true });
      fs.writeFileSync(pkgConfig, `rules:\n  ${rule}: info\n`);
      fs.writeFileSync(path.join(dir, '.tnoterc.yaml'), 'extends: tnote-config-clinic\n');
      const note = path.join(dir, 'n.tnote');
      const text = CLEAN.replace('modifiers: [GP]', 'modifiers: []');
      fs.writeFileSync(note, text);
      client = await LspTestClient.start({ workspaceFolders: [dir] });
      await client.open(fileUri(note), text);
      const severity = (p: PublishDiagnosticsParams) => p.diagnostics.find((d) => d.code === rule)?.severity;
      assert.equal(severity(await client.waitForCurrentDiagnostics(fileUri(note))), DiagnosticSeverity.Information);
      fs.writeFileSync(pkgConfig, `rules:\n  ${rule}: warning\n# a longer file\n`);
      const doc = client.documents.get(fileUri(note))!;
      const end = doc.positionAt(doc.getText().length);
      await client.change(fileUri(note), [{ range: { start: end, end }, text: '\n' }]);
      assert.equal(severity(await client.waitForCurrentDiagnostics(fileUri(note))), DiagnosticSeverity.Warning);
    });
  });

  describe('logging', () => {
    it('no log line per check; with tracing on, one $/logTrace line per check without note text', async () => {
      const note = path.join(dir, 'n.tnote');
      fs.writeFileSync(note, CLEAN);
      for (const trace of ['off', 'verbose'] as const) {
        client?.kill();
        client = await LspTestClient.start({ workspaceFolders: [dir], trace });
        await client.open(fileUri(note), CLEAN);
        await client.waitForCurrentDiagnostics(fileUri(note));
        await client.change(fileUri(note), [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '' }]);
        await client.waitForCurrentDiagnostics(fileUri(note));
        assert.deepEqual(
          client.logMessages.filter((m) => /finding\(s\)/.test(m)),
          [],
          trace,
        );
        const traced = client.traces.filter((m) => /finding\(s\) in \d+ ms/.test(m));
        if (trace === 'off') assert.deepEqual(traced, []);
        else {
          assert.ok(traced.length >= 2, client.traces.join('\n'));
          assert.ok(!client.traces.some((m) => m.includes('MRN-004211')), 'no note text');
        }
      }
    });
  });
});
