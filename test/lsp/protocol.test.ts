/** shared/protocol.ts: the names and shapes the client and the server agree on, at the wire. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ChecklistRequest,
  ClientCommand,
  FinalizeCheckRequest,
  FsReadDirectoryRequest,
  FsReadFileRequest,
  FsStatRequest,
  NoteFromTemplateRequest,
  NoteItemsRequest,
  NoteSummaryRequest,
  ServerCommand,
  type NoteSummary,
} from '../../shared/protocol';
import { REPO_ROOT } from '../helpers/paths';
import { LspTestClient } from './helpers/lspClient';

const CLEAN = fs.readFileSync(path.join(REPO_ROOT, 'test', 'lsp', 'fixtures', 'clean-97760-pt.tnote'), 'utf8');

interface Manifest {
  contributes: { commands: { command: string }[]; menus: Record<string, { command: string }[]> };
}

describe('protocol (shared/protocol.ts)', function () {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.kill());

  it('the client commands are the ones package.json contributes, and menus name only those', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
    const contributed: string[] = manifest.contributes.commands.map((c) => c.command).sort();
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) assert.ok(contributed.includes(item.command), `menu ${menu} names ${item.command}, which is not contributed`);
    }
    assert.deepEqual(contributed, [...Object.values(ClientCommand)].sort());
  });

  it('request types carry their method name', () => {
    for (const r of [NoteSummaryRequest, NoteItemsRequest, ChecklistRequest, FinalizeCheckRequest, NoteFromTemplateRequest, FsStatRequest, FsReadDirectoryRequest, FsReadFileRequest]) {
      assert.equal(r.type.method, r.method);
      assert.match(r.method, /^tnote\//);
    }
  });

  it('the server advertises exactly the server commands', () => {
    assert.deepEqual([...(client.initializeResult.capabilities.executeCommandProvider?.commands ?? [])].sort(), Object.values(ServerCommand).sort());
  });

  it('tnote/noteSummary answers an open note with the billing summary and the counts', async () => {
    const uri = 'file:///virtual/protocol.tnote';
    await client.open(uri, CLEAN);
    await client.waitForCurrentDiagnostics(uri);
    const summary: NoteSummary | null = await client.connection.sendRequest(NoteSummaryRequest.type, { uri });
    assert.ok(summary);
    assert.match(summary.billing ?? '', /^97760-GP × 2 units/);
    assert.deepEqual([summary.errors, summary.warnings], [0, 0]);
    assert.equal(typeof summary.infos, 'number');
  });

  it('tnote/noteSummary answers null for an unknown note and for malformed parameters', async () => {
    assert.equal(await client.connection.sendRequest(NoteSummaryRequest.type, { uri: 'file:///virtual/not-open.tnote' }), null);
    assert.equal(await client.connection.sendRequest(NoteSummaryRequest.method, { uri: 42 }), null);
    assert.equal(await client.connection.sendRequest(NoteSummaryRequest.method, null), null);
  });
});
