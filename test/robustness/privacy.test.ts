/**
 * Privacy: nothing leaves the machine and note text never reaches a log.
 * - The built bundles (dist/*.js) and the runtime dependency tree contain no network client code.
 *   The one allowed exception is `require("net")` inside vscode-jsonrpc's Node transport: it
 *   implements the *local* pipe/socket transports (`--pipe`, `--socket`) an editor may choose to
 *   talk to the language server over; it never dials out on its own. We assert it is the only one.
 * - The language server, run over stdio on notes full of marker strings (and on 1,000 fuzzed
 *   documents and edits), never writes a marker to stderr or window/logMessage, and answers a
 *   request after every document.
 * Fails loudly when dist/ has not been built (run `npm run build`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { CodeActionRequest, CompletionRequest, DocumentSymbolRequest, FoldingRangeRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { FIXTURES, REPO_ROOT, SERVER_BIN } from '../helpers/paths';
import { LspTestClient, withDeadline } from '../lsp/helpers/lspClient';
import { anyNote } from './arbitraries';

const DIST = path.join(REPO_ROOT, 'dist');
const BUNDLES = ['cli.js', 'server.js', 'extension.js'];
const NETWORK =
  /require\(\s*["'](?:node:)?(http|https|net|tls|dgram|http2)["']\s*\)|from\s*["'](?:node:)?(http|https|net|tls|dgram|http2)["']|import\(\s*["'](?:node:)?(http|https|net|tls|dgram|http2)["']\s*\)|\bfetch\s*\(|XMLHttpRequest|\bWebSocket\b/g;
/** Names that identify vscode-jsonrpc's local pipe/socket transport near its `require("net")`. */
const LSP_TRANSPORT = /createServerPipeTransport|createClientSocketTransport|generateRandomPipeName/;

function networkHits(source: string): { what: string; at: number; allowed: boolean }[] {
  const out: { what: string; at: number; allowed: boolean }[] = [];
  NETWORK.lastIndex = 0;
  for (let m = NETWORK.exec(source); m; m = NETWORK.exec(source)) {
    const mod = m[1] ?? m[2] ?? m[3];
    const near = source.slice(Math.max(0, m.index - 3000), m.index + 3000);
    out.push({ what: m[0], at: m.index, allowed: mod === 'net' && LSP_TRANSPORT.test(near) });
  }
  return out;
}

describe('privacy: no network code', () => {
  for (const b of BUNDLES) {
    it(`dist/${b} opens no sockets and makes no HTTP requests (only the LSP's local pipe/socket transport uses net)`, () => {
      const file = path.join(DIST, b);
      assert.ok(fs.existsSync(file), `dist/${b} is missing: run \`npm run build\` before this test (it checks the shipped bundle)`);
      const hits = networkHits(fs.readFileSync(file, 'utf8'));
      assert.deepEqual(
        hits.filter((h) => !h.allowed).map((h) => `${h.what} at offset ${h.at}`),
        [],
      );
      assert.ok(hits.filter((h) => h.allowed).length <= 1, `more than one require("net") in dist/${b}`);
      if (b === 'cli.js') assert.equal(hits.length, 0, 'the CLI needs no transport at all');
    });
  }

  it('the runtime dependency tree has no network client; net only in vscode-jsonrpc’s node transport', () => {
    // Every runtime dependency is bundled into dist/*.js (package.json has no `dependencies`), so
    // the packages to look at are those the bundles were built from: the sources their source maps name.
    const packages = new Map<string, string>(); // package folder -> its path below node_modules
    for (const bundle of BUNDLES) {
      const mapFile = path.join(DIST, `${bundle}.map`);
      assert.ok(fs.existsSync(mapFile), `${mapFile} is missing: run \`npm run build\` (the development build writes source maps)`);
      for (const source of (JSON.parse(fs.readFileSync(mapFile, 'utf8')) as { sources: string[] }).sources) {
        const file = path.resolve(DIST, source).split(path.sep).join('/');
        const at = file.lastIndexOf('/node_modules/');
        if (at < 0) continue;
        const [scope, name] = file.slice(at + '/node_modules/'.length).split('/');
        const pkg = scope.startsWith('@') ? `${scope}/${name}` : scope;
        packages.set(
          `${file.slice(0, at)}/node_modules/${pkg}`,
          path
            .relative(path.join(REPO_ROOT, 'node_modules'), `${file.slice(0, at)}/node_modules/${pkg}`)
            .split(path.sep)
            .join('/'),
        );
      }
    }
    const seen = new Set(packages.values());
    for (const name of ['yaml', 'vscode-languageserver', 'vscode-languageclient', 'tinyglobby']) assert.ok(seen.has(name), `the bundles are built from ${name}`);
    for (const dir of packages.keys()) assert.ok(fs.existsSync(path.join(dir, 'package.json')), `dependency ${dir} is not installed`);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== 'node_modules' && e.name !== 'test' && e.name !== 'tests') walk(p);
        } else if (/\.(c|m)?js$/.test(e.name)) {
          for (const h of networkHits(fs.readFileSync(p, 'utf8'))) {
            const rel = path.relative(path.join(REPO_ROOT, 'node_modules'), p).split(path.sep).join('/');
            if (!(h.allowed && rel === 'vscode-jsonrpc/lib/node/main.js')) offenders.push(`${rel}: ${h.what}`);
          }
        }
      }
    };
    for (const dir of packages.keys()) walk(dir);
    assert.deepEqual(offenders, [], `dependencies (${[...seen].sort().join(', ')}) reference network modules`);
  });
});

const MARKER = 'ZZPHI7Q3MARKER';
const marked = (n: number) => `${MARKER}${n}`;

/** Notes that put the marker everywhere the server might be tempted to quote: ids, narrative, YAML errors, bad characters. */
function markerNotes(): string[] {
  const clean = fs.readFileSync(path.join(FIXTURES, 'clean-97760-pt.tnote'), 'utf8');
  return [
    clean.replace('MRN-004211', marked(1)).replace('Toe drag', `${marked(2)} toe drag`),
    clean.replace('payer: medicare\n', `payer: medicare\npayer: ${marked(3)}\n${marked(4)} no colon here\n  bad: [${marked(5)}\n`),
    clean.replace('    units: 2\n', `    units: "${marked(6)}"\n`).replace('## Plan\n', `## ${marked(7)}\n${marked(8)}: {{${marked(9)}}}\n`),
    `---\n${marked(10)}\n---\n` + '\0'.repeat(3) + marked(11) + '\ud800',
    clean + `\n${marked(12)} `.repeat(50) + 'x'.repeat(12_000) + marked(13),
    `---\nx: ${'['.repeat(500)}${marked(14)}\n---\n`,
  ];
}

describe('privacy: the language server never logs note text', function () {
  this.timeout(180_000);
  let client: LspTestClient | undefined;

  before(async () => {
    assert.ok(fs.existsSync(path.join(DIST, 'server.js')), 'dist/server.js is missing: the language server is not built yet (run `npm run build`)');
    assert.ok(fs.existsSync(SERVER_BIN), 'bin/tnote-language-server.js is missing');
    client = await LspTestClient.start({ settings: () => ({ trace: { server: 'verbose' } }) });
  });

  after(() => client?.kill());

  async function exercise(uri: string, text: string): Promise<void> {
    const c = client!;
    const conn = c.connection;
    const end = { line: 0, character: 0 };
    const at = (p: { line: number; character: number }) => ({ textDocument: { uri }, position: p });
    await Promise.all([
      withDeadline(conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), 10_000, `documentSymbol for ${uri}`),
      withDeadline(conn.sendRequest(HoverRequest.type, at({ line: 1, character: 3 })), 10_000, `hover for ${uri}`),
      withDeadline(conn.sendRequest(CompletionRequest.type, at({ line: 2, character: 0 })), 10_000, `completion for ${uri}`),
      withDeadline(conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }), 10_000, `folding for ${uri}`),
      withDeadline(
        conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: end, end: { line: Math.min(40, text.split('\n').length), character: 0 } }, context: { diagnostics: [] } }),
        10_000,
        `codeAction for ${uri}`,
      ),
    ]);
  }

  it('notes full of marker strings: every request answers, no marker in stderr or window/logMessage', async () => {
    const notes = markerNotes();
    for (let i = 0; i < notes.length; i++) {
      const uri = `file:///tmp/privacy-${i}.tnote`;
      await client!.open(uri, notes[i]);
      await client!.waitForCurrentDiagnostics(uri, () => true, 15_000);
      await exercise(uri, notes[i]);
      await client!.change(uri, [{ text: notes[i] + `\n${marked(100 + i)}\n` }]);
      await exercise(uri, notes[i]);
      await client!.save(uri);
      await client!.close(uri);
    }
    await exercise('file:///tmp/privacy-0.tnote', ''); // a closed document: must answer, not crash
    assert.equal(client!.child.exitCode, null, 'the server exited');
    assert.ok(!client!.stderr.includes(MARKER), `stderr contains note text:\n${client!.stderr.slice(0, 2000)}`);
    const leaked = client!.logMessages.filter((m) => m.includes(MARKER));
    assert.deepEqual(leaked, [], 'window/logMessage contains note text');
  });

  it('1,000 fuzzed documents and edit sequences: a request after each succeeds, and nothing is logged with their text', async () => {
    const docs = fc.sample(fc.tuple(anyNote, fc.nat(), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.string({ maxLength: 8 })), { maxLength: 4 })), { numRuns: 1000, seed: 97760 });
    let n = 0;
    for (const [base, pos, edits] of docs) {
      const i = pos % (base.length + 1);
      const text = base.slice(0, i) + marked(1000 + n) + base.slice(i);
      const uri = `file:///tmp/fuzz-${n}.tnote`;
      const doc = await client!.open(uri, text);
      let current = doc;
      for (const [at, del, ins] of edits) {
        const len = current.getText().length;
        const start = current.positionAt(at % (len + 1));
        const endPos = current.positionAt(Math.min(len, (at % (len + 1)) + del));
        current = await client!.change(uri, [{ range: { start, end: endPos }, text: ins + MARKER }]);
      }
      await withDeadline(client!.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), 10_000, `documentSymbol after fuzzed document ${n}`);
      await client!.close(uri);
      n++;
    }
    assert.equal(n, 1000);
    assert.equal(client!.child.exitCode, null, 'the server exited');
    assert.ok(!client!.stderr.includes(MARKER), `stderr contains note text:\n${client!.stderr.slice(0, 2000)}`);
    assert.deepEqual(
      client!.logMessages.filter((m) => m.includes(MARKER)),
      [],
      'window/logMessage contains note text',
    );
  });
});
