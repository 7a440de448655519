/**
 * One pipeline, one walker: `tnote check FOLDER` and the language server's "Check All Notes in
 * Workspace" find the same notes in a folder (skipped folders, symbolic links, a link loop) and
 * report the same findings for each, the cross-note rule `repeat-initial-encounter` included.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExecuteCommandRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import type { Row } from '../../server/src/cli/report';
import { CLI, FIXTURES } from '../helpers/paths';
import { fileUri, LspTestClient, withDeadline } from './helpers/lspClient';

const CLEAN = fs.readFileSync(path.join(FIXTURES, 'clean-97760-pt.tnote'), 'utf8');
const SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info' };

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Every `.tnote` file below `dir`, not following links: the notes both sides must find. */
function plainNotes(dir: string, skip: Set<string>, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && !skip.has(e.name)) plainNotes(p, skip, out);
    else if (e.isFile() && e.name.endsWith('.tnote')) out.push(p);
  }
  return out;
}

function rowKey(r: { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; rule: string; message: string }): string {
  return `${r.file} ${r.line}:${r.column}-${r.endLine}:${r.endColumn} ${r.severity} ${r.rule} ${r.message}`;
}

function diagnosticKey(file: string, d: Diagnostic): string {
  return rowKey({
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: SEVERITY[d.severity!],
    rule: String(d.code),
    message: String(d.message),
  });
}

describe('one pipeline: CLI and language server on the same folder', function () {
  this.timeout(60000);
  let dir: string;
  let client: LspTestClient | undefined;

  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-pipeline-')));
    // Every rule fixture (with the folder's .tnoterc.yaml), including the workspace-* cases.
    fs.cpSync(path.join(FIXTURES, 'rules'), path.join(dir, 'notes', 'rules'), { recursive: true });
    // A repeat 97760 across two notes of one patient.
    write(path.join(dir, 'notes', 'visits', 'first.tnote'), CLEAN);
    write(path.join(dir, 'notes', 'visits', 'second.tnote'), CLEAN.replace(/2026-11-20/g, '2026-12-04'));
    // Copies in folders both skip (they would repeat the 97760 again).
    for (const skipped of ['node_modules/pkg', '.git', 'out', 'dist', '.cache', 'notes/dist']) write(path.join(dir, skipped, 'copy.tnote'), CLEAN.replace(/2026-11-20/g, '2026-12-10'));
    // A link loop, a second path to a note and a second path to a folder.
    fs.symlinkSync('..', path.join(dir, 'notes', 'loop'));
    fs.symlinkSync(path.join('notes', 'visits', 'first.tnote'), path.join(dir, 'alias.tnote'));
    fs.symlinkSync(path.join('notes', 'visits'), path.join(dir, 'also-visits'));
  });

  after(() => {
    client?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds the same notes and reports the same findings, repeat-initial-encounter included', async () => {
    const expectedNotes = plainNotes(dir, new Set(['node_modules', '.git', 'out', 'dist', '.cache']))
      .map((f) => path.relative(dir, f).split(path.sep).join('/'))
      .sort();
    assert.ok(expectedNotes.length > 300, `expected the fixtures to be copied (${expectedNotes.length} notes)`);

    const cli = spawnSync(process.execPath, [CLI, 'check', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(cli.stderr, '', 'the CLI read every note');
    assert.equal(cli.status, 1, 'error findings give exit 1');
    const rows = (JSON.parse(cli.stdout) as Row[]).filter((r) => r.rule !== 'config-invalid');
    const text = spawnSync(process.execPath, [CLI, 'check', '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.match(text.stdout, new RegExp(` in ${expectedNotes.length} files checked`), 'the CLI checked each note once');

    client = await LspTestClient.start({ workspaceFolders: [dir] });
    const totals = (await withDeadline(client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'tnote.server.checkWorkspace', arguments: [] }), 30000, 'check all notes')) as {
      notes: number;
    };
    assert.equal(totals.notes, expectedNotes.length, 'the server indexed each note once');
    const published = () => [...client!.diagnostics.keys()].map((u) => path.relative(dir, fileURLToPath(u)).split(path.sep).join('/')).sort();
    for (let i = 0; i < 100 && published().length < expectedNotes.length; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(published(), expectedNotes, 'diagnostics were published for exactly the notes the walker finds');

    const lspKeys: string[] = [];
    for (const file of expectedNotes) for (const d of client.diagnostics.get(fileUri(path.join(dir, file)))!.diagnostics) lspKeys.push(diagnosticKey(file, d));
    const cliKeys = rows.map(rowKey);
    assert.deepEqual(lspKeys.sort(), cliKeys.sort());

    const repeats = rows.filter((r) => r.rule === 'repeat-initial-encounter');
    assert.ok(
      repeats.some((r) => r.file === 'notes/visits/second.tnote'),
      'the later visit repeats 97760',
    );
    assert.ok(
      repeats.some((r) => r.file.startsWith('notes/rules/repeat-initial-encounter/')),
      'the rule fixtures report it too',
    );
    assert.ok(!rows.some((r) => /(^|\/)(node_modules|out|dist|\.cache|\.git|loop|also-visits)\/|^alias\.tnote$/.test(r.file)), 'nothing from skipped folders or second paths');
  });
});
