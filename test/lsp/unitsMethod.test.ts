/**
 * The editor's billing views count units by the payer's method, as the unit rules do (rules.md v2
 * item 3): a commercial payer set to `units: per-code` shows 97760 20 min + 97535 20 min as 2 units
 * (1 + 1), not the CMS 3 units of 40 timed minutes.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeLensRequest } from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from '../helpers/paths';
import { fileUri, LspTestClient } from './helpers/lspClient';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'rules', 'units-not-matching-minutes');

describe('LSP: billing views follow the payer’s units method', function () {
  this.timeout(30_000);
  let dir: string;
  let client: LspTestClient | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-lsp-units-'));
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const lensOf = async (config: string | undefined): Promise<string> => {
    if (config !== undefined) fs.writeFileSync(path.join(dir, '.tnoterc.yaml'), config);
    const note = path.join(dir, 'n.tnote');
    const text = fs.readFileSync(path.join(FIXTURES, 'good-per-code.tnote'), 'utf8');
    fs.writeFileSync(note, text);
    client = await LspTestClient.start({ workspaceFolders: [dir] });
    await client.open(fileUri(note), text);
    await client.waitForCurrentDiagnostics(fileUri(note));
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: fileUri(note) } });
    return lenses?.[0]?.command?.title ?? '';
  };

  it('per-code: the code lens counts each code on its own', async () => {
    const title = await lensOf(fs.readFileSync(path.join(FIXTURES, 'good-per-code.tnoterc.yaml'), 'utf8'));
    assert.match(title, /97760 20 min → 1 unit \+ 97535 20 min → 1 unit = 2 units \(each code on its own\)/, title);
    assert.doesNotMatch(title, /→ 3 units/, title);
  });

  it('the default (CMS): the same note shows 40 timed minutes → 3 units', async () => {
    const title = await lensOf(undefined);
    assert.match(title, /40 timed min → 3 units/, title);
  });
});
