/**
 * The editor's workspace index leaves out what `ignore:` in .tnoterc.yaml names, through the same
 * walker as the CLI: "Check All Notes in Workspace" counts the notes `tnote check .` checks.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { CLI, FIXTURES } from '../helpers/paths';
import { checkAll, fileUri, LspTestClient, withDeadline } from './helpers/lspClient';

const CLEAN = fs.readFileSync(path.join(FIXTURES, 'clean-97760-pt.tnote'), 'utf8');

describe('ignore: the workspace index and the CLI find the same notes', function () {
  this.timeout(60000);
  let client: LspTestClient | undefined;
  after(() => client?.kill());

  it('leaves out ignored folders and notes', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-ignore-')));
    const files = ['notes/a.tnote', 'notes/b.tnote', 'templates/t.tnote', 'notes/templates/u.tnote', 'drafts/keep.tnote', 'drafts/old.tnote'];
    files.forEach((f, i) => {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), CLEAN.replace('MRN-004211', `MRN-${i}`));
    });
    fs.writeFileSync(path.join(dir, '.tnoterc.yaml'), 'ignore:\n  - templates\n  - drafts\n  - "!drafts/keep.tnote"\n');
    const cli = spawnSync(process.execPath, [CLI, 'check', '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.match(cli.stdout, / in 3 files checked/);
    client = await LspTestClient.start({ workspaceFolders: [dir] });
    const totals = await withDeadline(checkAll(client), 30000, 'check all notes');
    assert.equal(totals.notes, 3);
  });

  it('leaves out a note created later under an ignored folder (watched files honour ignore: too; issue 12)', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-ignore-watch-')));
    try {
      fs.mkdirSync(path.join(dir, 'notes'));
      fs.mkdirSync(path.join(dir, 'drafts'));
      fs.writeFileSync(path.join(dir, 'notes', 'a.tnote'), CLEAN);
      fs.writeFileSync(path.join(dir, '.tnoterc.yaml'), 'ignore:\n  - drafts\n  - "*.old.tnote"\n');
      client?.kill();
      client = await LspTestClient.start({ workspaceFolders: [dir] });
      const notes = async () => (await withDeadline(checkAll(client!), 30000, 'check all notes')).notes;
      assert.equal(await notes(), 1);
      const created = (rel: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), CLEAN.replace('MRN-004211', `MRN-${rel.length}`));
        return client!.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(path.join(dir, rel)), type: FileChangeType.Created }] });
      };
      await created('drafts/new.tnote');
      await created('drafts/deeper/newer.tnote');
      await created('notes/b.old.tnote');
      assert.equal(await notes(), 1, 'notes created under ignored paths are not indexed');
      await created('notes/c.tnote');
      assert.equal(await notes(), 2, 'a note created elsewhere is');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
