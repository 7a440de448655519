/**
 * The browser build's file access: the server's side (server/src/browser/clientFs.ts,
 * workspaceUris.ts) asks the client over `tnote/fs/*`; the client's side
 * (client/src/fileAccess.ts) answers from `vscode.workspace.fs`, faked here over a temporary
 * folder on disk. Unit tests of each side, then the web-worker bundle with a fake client that
 * answers its requests: config files (cascade, `extends`, a relative code file), the workspace
 * index and a cross-note rule work as on the desktop, and a code file outside the workspace is
 * refused with a message on the config file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MessageConnection } from 'vscode-jsonrpc';
import { fileAccessHandlers, HARD_MAX_BYTES, registerFileAccess, toBase64, type FileAccessHost, type WorkspaceFileSystem } from '../../client/src/fileAccess';
import { clientFileAccess, fromBase64, OUTSIDE_WORKSPACE, type SendRequest } from '../../server/src/browser/clientFs';
import { parseUri, WorkspaceUris } from '../../server/src/browser/workspaceUris';
import { FsReadFileRequest, FsStatRequest } from '../../shared/protocol';
import { startWorker } from '../helpers/browserWorker';
import { REPO_ROOT } from '../helpers/paths';

const ORIGIN = 'vscode-test-web://mount';
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'rules', 'repeat-initial-encounter', 'workspace-same-date-file-order');

/** `vscode.FileSystemError`-like failure. */
function fsError(code: string): Error {
  return Object.assign(new Error(code), { code });
}

/**
 * A fake `vscode.workspace.fs` over a folder on disk: URIs `vscode-test-web://mount/<rel>` map to
 * `<root>/<rel>`. Records every call; `readFile` of a file named in `noRead` fails the test.
 */
function diskFs(root: string, noRead = new Set<string>()): { fs: WorkspaceFileSystem<string>; calls: string[] } {
  const calls: string[] = [];
  const local = (uri: string) => path.join(root, decodeURIComponent(uri.slice(ORIGIN.length)));
  const wrap = async <T>(f: () => T): Promise<T> => {
    try {
      return f();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw fsError(code === 'ENOENT' ? 'FileNotFound' : code === 'EACCES' ? 'NoPermissions' : String(code));
    }
  };
  const typeOf = (s: fs.Stats, link: boolean) => (s.isFile() ? 1 : s.isDirectory() ? 2 : 0) | (link ? 64 : 0);
  return {
    calls,
    fs: {
      stat: (uri) => {
        calls.push(`stat ${uri}`);
        return wrap(() => {
          const s = fs.statSync(local(uri));
          return { type: typeOf(s, fs.lstatSync(local(uri)).isSymbolicLink()), size: s.size, mtime: s.mtimeMs };
        });
      },
      readDirectory: (uri) => {
        calls.push(`readDirectory ${uri}`);
        return wrap(() =>
          fs.readdirSync(local(uri), { withFileTypes: true }).map((d): [string, number] => {
            const p = path.join(local(uri), d.name);
            const link = d.isSymbolicLink();
            return [d.name, link && !fs.existsSync(p) ? 64 : typeOf(fs.statSync(p), link)];
          }),
        );
      },
      readFile: (uri) => {
        calls.push(`readFile ${uri}`);
        if (noRead.has(uri)) throw new Error(`read ${uri}, which must not be read`);
        return wrap(() => new Uint8Array(fs.readFileSync(local(uri))));
      },
    },
  };
}

function host(root: string, folder = `${ORIGIN}/ws`, noRead?: Set<string>): FileAccessHost<string> & { calls: string[] } {
  const { fs: wfs, calls } = diskFs(root, noRead);
  return {
    fs: wfs,
    calls,
    parse: (uri) => {
      if (!/^[a-z-]+:\/\//.test(uri)) throw new Error('not a URI');
      return uri;
    },
    inWorkspace: (uri) => uri === folder || uri.startsWith(`${folder}/`),
  };
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-browserfs-'));
}

function write(root: string, rel: string, text: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

describe('browser file access: paths and URIs (workspaceUris.ts)', () => {
  it('maps a workspace URI to its decoded path and back, keeping scheme and authority', () => {
    const u = new WorkspaceUris();
    u.setFolders(['vscode-vfs://github/owner/repo', 'vscode-remote://localhost:8080/home/me/notes']);
    assert.equal(u.toPath('vscode-vfs://github/owner/repo/a%20b/n%C3%A9.tnote'), '/owner/repo/a b/né.tnote');
    assert.equal(u.toUri('/owner/repo/a b/né.tnote'), 'vscode-vfs://github/owner/repo/a%20b/n%C3%A9.tnote');
    assert.equal(u.toUri('/home/me/notes/x.tnote'), 'vscode-remote://localhost:8080/home/me/notes/x.tnote');
    assert.equal(parseUri(u.toUri('/owner/repo/%25#?.tnote'))?.path, '/owner/repo/%25#?.tnote');
    // Another scheme or authority has no path; nor has an untitled note.
    assert.equal(u.toPath('vscode-vfs://azure/owner/repo/x.tnote'), undefined);
    assert.equal(u.toPath('untitled:Untitled-1'), undefined);
    assert.equal(u.inWorkspace('/owner/repo/sub/x.yaml'), true);
    assert.equal(u.inWorkspace('/owner/repo-other/x.yaml'), false);
    assert.equal(u.inWorkspace('/owner/repo/../secret'), false);
    assert.equal(u.inWorkspace('/etc/codes.txt'), false);
  });

  it('the innermost folder decides the URI of a path in nested folders', () => {
    const u = new WorkspaceUris();
    u.setFolders(['a-scheme://one/w', 'b-scheme://two/w/inner']);
    assert.equal(u.toUri('/w/inner/x.tnote'), 'b-scheme://two/w/inner/x.tnote');
    assert.equal(u.toUri('/w/x.tnote'), 'a-scheme://one/w/x.tnote');
  });
});

describe("browser file access: the client's handlers (client/src/fileAccess.ts)", () => {
  let root: string;
  beforeEach(() => {
    root = tempDir();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads a file inside the workspace byte for byte (base64 both ways)', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa9, 0x00, 0xff, 0x0a]);
    write(root, 'ws/a.tnote', bytes);
    const r = await fileAccessHandlers(host(root)).readFile({ uri: `${ORIGIN}/ws/a.tnote` });
    assert.ok('base64' in r, JSON.stringify(r));
    assert.deepEqual(fromBase64(r.base64), bytes);
    const big = new Uint8Array(200_000).map((_, i) => i % 251);
    assert.deepEqual(fromBase64(toBase64(big)), big);
  });

  it('refuses a file over the limit from its stat, without reading it', async () => {
    write(root, 'ws/big.yaml', 'x'.repeat(5000));
    const uri = `${ORIGIN}/ws/big.yaml`;
    const h = host(root, undefined, new Set([uri]));
    assert.deepEqual(await fileAccessHandlers(h).readFile({ uri, maxBytes: 4096 }), { error: 'EFBIG', message: 'larger than 4096 bytes' });
    assert.deepEqual(h.calls, [`stat ${uri}`]);
    // A limit above the hard one is cut to it.
    assert.ok(HARD_MAX_BYTES <= 64 * 1024 * 1024);
  });

  it('refuses a URI outside the workspace folders, a folder, a missing file and a bad URI, each with a code', async () => {
    write(root, 'outside.txt', 'secret');
    write(root, 'ws/sub/n.tnote', 'x');
    const h = host(root);
    const handlers = fileAccessHandlers(h);
    assert.deepEqual(await handlers.readFile({ uri: `${ORIGIN}/outside.txt` }), {
      error: 'EINVAL',
      message: 'is outside the workspace folders; in the browser only files inside the workspace can be read',
    });
    assert.deepEqual(await handlers.stat({ uri: `${ORIGIN}/outside.txt` }), {
      error: 'EINVAL',
      message: 'is outside the workspace folders; in the browser only files inside the workspace can be read',
    });
    assert.deepEqual(h.calls, [], 'nothing outside the workspace was touched');
    assert.deepEqual(await handlers.readFile({ uri: `${ORIGIN}/ws/sub` }), { error: 'EISDIR', message: 'is a folder' });
    assert.deepEqual(await handlers.stat({ uri: `${ORIGIN}/ws/none.yaml` }), { error: 'ENOENT', message: 'not found' });
    assert.deepEqual(await handlers.stat({ uri: 'no uri' }), { error: 'EINVAL', message: 'not a URI' });
    assert.deepEqual(await handlers.stat(null), { error: 'EINVAL', message: 'no URI given' });
    const s = await handlers.stat({ uri: `${ORIGIN}/ws/sub/n.tnote` });
    assert.ok('kind' in s && s.kind === 'file' && s.size === 1, JSON.stringify(s));
  });

  it('lists a folder: a link to a file is a file, a link to a folder is not followed', async function () {
    write(root, 'ws/n.tnote', 'x');
    fs.mkdirSync(path.join(root, 'ws', 'sub'));
    try {
      fs.symlinkSync(path.join(root, 'ws'), path.join(root, 'ws', 'loop'));
      fs.symlinkSync(path.join(root, 'ws', 'n.tnote'), path.join(root, 'ws', 'link.tnote'));
    } catch {
      this.skip(); // no symbolic links on this file system
    }
    const r = await fileAccessHandlers(host(root)).readDirectory({ uri: `${ORIGIN}/ws` });
    assert.ok('entries' in r);
    assert.deepEqual(
      [...r.entries].sort((a, b) => a.name.localeCompare(b.name)),
      [
        { name: 'link.tnote', kind: 'file' },
        { name: 'loop', kind: 'other' },
        { name: 'n.tnote', kind: 'file' },
        { name: 'sub', kind: 'directory' },
      ],
    );
  });
});

describe("browser file access: the server's side (server/src/browser/clientFs.ts)", () => {
  let root: string;
  beforeEach(() => {
    root = tempDir();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /** The server's FileAccess wired straight to the client's handlers (as over the connection). */
  function wired(folder = `${ORIGIN}/ws`) {
    const h = host(root, folder);
    const handlers = fileAccessHandlers(h);
    const sent: string[] = [];
    const send: SendRequest = (type, params) => {
      sent.push(type.method);
      const p = params as never;
      const answer = type.method === FsStatRequest.method ? handlers.stat(p) : type.method === FsReadFileRequest.method ? handlers.readFile(p) : handlers.readDirectory(p);
      return answer as never;
    };
    const uris = new WorkspaceUris();
    uris.setFolders([folder]);
    return { fa: clientFileAccess(send, uris), sent, calls: h.calls };
  }

  it('stat, readFile, readDirectory and realPath go to the client with the URI of the path', async () => {
    write(root, 'ws/a b.tnote', 'note');
    const { fa, calls } = wired();
    assert.equal((await fa.stat('/ws/a b.tnote')).kind, 'file');
    assert.equal(new TextDecoder().decode(await fa.readFile('/ws/a b.tnote')), 'note');
    assert.deepEqual(await fa.readDirectory('/ws'), [{ name: 'a b.tnote', kind: 'file' }]);
    assert.equal(await fa.realPath('/ws/./a b.tnote'), '/ws/a b.tnote');
    assert.ok(calls.includes(`readFile ${ORIGIN}/ws/a%20b.tnote`), calls.join('\n'));
  });

  it('rejects with errno-style codes; a path outside the workspace without asking the client', async () => {
    write(root, 'ws/big.txt', 'y'.repeat(100));
    const { fa, sent } = wired();
    await assert.rejects(fa.stat('/ws/missing'), { code: 'ENOENT' });
    await assert.rejects(fa.realPath('/ws/missing'), { code: 'ENOENT' });
    await assert.rejects(fa.readFile('/ws/big.txt', { maxBytes: 10 }), { code: 'EFBIG' });
    const before = sent.length;
    await assert.rejects(fa.readFile('/etc/codes.txt'), { code: 'EINVAL', message: OUTSIDE_WORKSPACE });
    assert.equal(sent.length, before, 'no request for a path outside the workspace');
  });

  it('a client that does not answer (method unknown, connection gone) rejects with EIO, and a failure answer keeps its code', async () => {
    const uris = new WorkspaceUris();
    uris.setFolders([`${ORIGIN}/ws`]);
    const broken = clientFileAccess(() => Promise.reject(new Error('Unhandled method tnote/fs/stat')), uris);
    await assert.rejects(broken.stat('/ws/x'), (e: Error & { code?: string }) => e.code === 'EIO' && /Unhandled method/.test(e.message));
    const denied = clientFileAccess(() => Promise.resolve({ error: 'EACCES', message: 'permission denied' } as never), uris);
    await assert.rejects(denied.readFile('/ws/x'), { code: 'EACCES', message: 'permission denied' });
  });

  it('registerFileAccess registers the three request handlers on a client', async () => {
    write(root, 'ws/n.tnote', 'x');
    const got = new Map<string, (p: never) => unknown>();
    const disposables = registerFileAccess({ onRequest: (m, h) => (got.set(m, h), { dispose: () => got.delete(m) }) }, host(root));
    assert.deepEqual([...got.keys()].sort(), ['tnote/fs/readDirectory', 'tnote/fs/readFile', 'tnote/fs/stat']);
    assert.deepEqual(await got.get('tnote/fs/readFile')!({ uri: `${ORIGIN}/ws/n.tnote` } as never), { base64: 'eA==' });
    for (const d of disposables) d.dispose();
    assert.equal(got.size, 0);
  });
});

interface Published {
  uri: string;
  diagnostics: { code?: unknown; message: string; severity?: number; range: { start: { line: number } } }[];
}

const ruleOf = (d: Published['diagnostics'][number]) => (typeof d.code === 'object' && d.code ? (d.code as { value: string }).value : d.code);

describe('web-worker language server with files read through the client', function () {
  this.timeout(30000);
  let root: string;
  let connection: MessageConnection | undefined;
  beforeEach(() => {
    root = tempDir();
  });
  afterEach(() => {
    connection?.dispose();
    connection = undefined;
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** Starts the bundle with a client that answers tnote/fs/* from `root` (workspace folder `<root>/ws`). */
  async function start() {
    const w = startWorker();
    connection = w.connection;
    const published = new Map<string, Published>();
    const messages: string[] = [];
    const h = host(root);
    w.connection.onNotification('textDocument/publishDiagnostics', (p: Published) => void published.set(p.uri, p));
    w.connection.onNotification('window/logMessage', () => undefined);
    w.connection.onRequest('window/showMessageRequest', (p: { message: string }) => (messages.push(p.message), null));
    w.connection.onRequest('client/registerCapability', () => null);
    w.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    registerFileAccess({ onRequest: (m, handler) => w.connection.onRequest(m, handler) }, h);
    const folder = `${ORIGIN}/ws`;
    await w.connection.sendRequest('initialize', { processId: null, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }], capabilities: { workspace: { configuration: true } } });
    await w.connection.sendNotification('initialized', {});
    const open = (rel: string, text = fs.readFileSync(path.join(root, 'ws', rel), 'utf8')) =>
      w.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: `${folder}/${rel}`, languageId: 'therapy-note', version: 1, text } });
    const waitFor = async (rel: string, ok: (p: Published) => boolean, what: string): Promise<Published> => {
      const deadline = Date.now() + 15000;
      for (;;) {
        const p = published.get(`${folder}/${rel}`) ?? published.get(`${folder}/${rel.split('/').map(encodeURIComponent).join('/')}`);
        if (p && ok(p)) return p;
        if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; last: ${JSON.stringify(p?.diagnostics.map((d) => `${String(ruleOf(d))}: ${d.message}`))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    return { open, waitFor, messages, calls: h.calls };
  }

  const example = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'examples', name), 'utf8');
  const has = (rule: string) => (p: Published) => p.diagnostics.some((d) => ruleOf(d) === rule);

  it('.tnoterc.yaml cascade and extends by relative path change a diagnostic, as on the desktop', async () => {
    write(root, 'ws/plain/note.tnote', example('pt-afo-flawed.tnote'));
    write(root, 'ws/team/sub/note.tnote', example('pt-afo-flawed.tnote'));
    // The nearest config (team/sub) extends one in its parent folder, which turns the rule off.
    write(root, 'ws/team/base.yaml', 'rules:\n  missing-discipline-modifier: off\n');
    write(root, 'ws/team/sub/.tnoterc.yaml', 'extends: ../base.yaml\n');
    const s = await start();
    await s.open('plain/note.tnote');
    await s.waitFor('plain/note.tnote', has('missing-discipline-modifier'), 'the rule to fire without a config');
    await s.open('team/sub/note.tnote');
    await s.waitFor('team/sub/note.tnote', (p) => p.diagnostics.length > 0 && !has('missing-discipline-modifier')(p), 'the extended config to turn the rule off');
    assert.ok(s.calls.includes(`readFile ${ORIGIN}/ws/team/base.yaml`), 'the extended file was read through the client');
    assert.deepEqual(s.messages, []);
  });

  it('the workspace index reads notes on disk through the client: a cross-note rule fires with only one note open', async () => {
    write(root, 'ws/note-1.tnote', fs.readFileSync(path.join(FIXTURES, 'note-1.tnote')));
    write(root, 'ws/note-2.tnote', fs.readFileSync(path.join(FIXTURES, 'note-2.tnote')));
    const s = await start();
    await s.open('note-2.tnote');
    const p = await s.waitFor('note-2.tnote', has('repeat-initial-encounter'), 'repeat-initial-encounter against the closed note-1');
    const d = p.diagnostics.find((x) => ruleOf(x) === 'repeat-initial-encounter')!;
    assert.equal(d.range.start.line, 9);
    assert.match(d.message, /another note of the same date/);
    assert.ok(s.calls.includes(`readDirectory ${ORIGIN}/ws`), 'the folder was walked through the client');
  });

  it('an ICD-10 code file by relative path is read; one by an absolute path outside the workspace is refused on the config file', async () => {
    write(root, 'ws/rel/codes.txt', 'M21.372\n');
    write(root, 'ws/rel/.tnoterc.yaml', 'icd10CodeFile: codes.txt\n');
    write(root, 'ws/rel/note.tnote', example('pt-afo-flawed.tnote'));
    write(root, 'ws/abs/.tnoterc.yaml', 'icd10CodeFile: /etc/tnote-codes.txt\n');
    write(root, 'ws/abs/note.tnote', example('pt-afo-flawed.tnote'));
    const s = await start();
    await s.open('rel/note.tnote');
    // I69.354 is not in the small code file: the code-file rule now says so.
    await s.waitFor('rel/note.tnote', (p) => p.diagnostics.some((d) => /I69\.354/.test(d.message)), 'a finding about a code missing from the code file');
    assert.ok(s.calls.includes(`readFile ${ORIGIN}/ws/rel/codes.txt`));
    await s.open('abs/note.tnote');
    const config = await s.waitFor('abs/.tnoterc.yaml', (p) => p.diagnostics.length > 0, 'a problem on the config file');
    assert.equal(config.diagnostics.length, 1);
    assert.match(config.diagnostics[0].message, /ICD-10-CM code file.*\/etc\/tnote-codes\.txt.*is outside the workspace folders; in the browser only files inside the workspace can be read/);
    assert.ok(!s.calls.some((c) => c.includes('/etc/')), 'nothing outside the workspace was asked for');
  });
});
