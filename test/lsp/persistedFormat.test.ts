/**
 * Issue 13: the saved workspace index's file format (one array per note, looked up by path) and the
 * quick path keys a restart relies on. The end-to-end behaviour (stale stamps re-read, damaged
 * files discarded) is in persistedIndex.test.ts; here the pieces are held to their exact answers.
 */
import * as assert from 'node:assert/strict';
import { defaultConfig, LineIndex, RULES, type Finding, type NoteDigest } from '../../server/src/engine';
import { bodyChecksum, decodeLines, encodeLines, noteRecord, parseIndex, serializeIndex, StoredLines, configOf, type SavableNote } from '../../server/src/lsp/persistedIndex';
import { installRuntime } from '../../server/src/lsp/runtime';
import { uriKey } from '../../server/src/lsp/settings';
import { nodeRuntime } from '../../server/src/node/nodeRuntime';

const BUILD = 'test-build';
const noteRule = RULES.find((r) => r.scope === 'note')!;
const workspaceRule = RULES.find((r) => r.scope === 'workspace')!;

function finding(extra: Partial<Finding> = {}): Finding {
  return { ruleId: noteRule.id, severity: 'warning', kind: noteRule.kind, message: 'a message', range: { start: 3, end: 9 }, fixes: [], ...extra };
}

function savable(path: string, findings: Finding[], id = path): SavableNote {
  const text = 'line one\nline two\r\nthree\n';
  const digest: NoteDigest = { file: `file://${path}`, profile: 'commercial', config: defaultConfig(), summaries: new Map([[workspaceRule.id, { patient: 'p-1', dates: ['2026-01-02'] }]]) };
  return {
    path,
    key: path,
    uri: `file://${path}`,
    id,
    stamp: { size: 120, mtimeMs: 1700000000123.5, racy: false },
    digest,
    findings,
    lines: new StoredLines(encodeLines(new LineIndex(text).lineStarts), text.length),
  };
}

function save(notes: SavableNote[]): string {
  return serializeIndex(
    notes.map((n) => ({ config: configOf(n), record: noteRecord(n)! })),
    BUILD,
  );
}

describe('LSP: the saved workspace index format (issue 13)', () => {
  before(() => installRuntime(nodeRuntime()));

  it('round-trips every field of a note: stamps, config, profile, summaries, findings (todo, part, related), line starts', () => {
    const findings = [
      finding(),
      finding({ todo: true, part: 'device', severity: 'info' }),
      finding({
        related: [
          { file: 'file:///w/b.tnote', range: { start: 0, end: 4 }, message: 'first visit' },
          { range: { start: 1, end: 2 }, message: 'here' },
        ],
      }),
    ];
    const a = savable('/w/a.tnote', findings);
    const b = savable('/w/link.tnote', [], '/w/real.tnote');
    const loaded = parseIndex(save([a, b]), BUILD);
    assert.ok(loaded.ok);
    assert.deepEqual([...loaded.notes.keys()], ['/w/a.tnote', '/w/link.tnote']);
    const la = loaded.notes.get('/w/a.tnote')!;
    assert.equal(la.uri, 'file:///w/a.tnote');
    assert.equal(la.id, undefined, 'an identity that is the key of its own path is not repeated');
    assert.equal(loaded.notes.get('/w/link.tnote')!.id, '/w/real.tnote');
    assert.deepEqual([la.size, la.mtimeMs, la.racy, la.profile, la.config], [120, 1700000000123.5, false, 'commercial', configOf(a)]);
    assert.deepEqual(la.summaries, [...a.digest.summaries]);
    assert.deepEqual(la.findings, findings);
    const lines = new LineIndex('line one\nline two\r\nthree\n');
    for (const offset of [0, 5, 9, 18, 19, 20, 25, 26]) assert.deepEqual(la.lines.positionAt(offset), lines.positionAt(offset), `offset ${offset}`);
  });

  it('line starts round-trip through their encoding, for short and long notes (more lines than one chunk)', () => {
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) / 2 ** 24;
    for (const count of [0, 1, 2, 61, 8191, 8192, 8193, 30000]) {
      const starts = [0];
      for (let i = 0; i < count; i++) starts.push(starts[i] + Math.floor(rnd() ** 3 * 2_000_000));
      const encoded = encodeLines(starts);
      assert.match(encoded, /^[a-zA-Z0-9+/]*$/);
      assert.deepEqual(decodeLines(encoded), starts, `${count} lines`);
    }
  });

  it('the body checksum changes with any one character, in any position (also the last, unaligned bytes) and with non-ASCII text', () => {
    for (const body of ['{"notes":[]}', `{"configs":["x"],"notes":[[0,"/w/é.tnote"]]}`, 'a'.repeat(4097)]) {
      const sum = bodyChecksum(body);
      assert.equal(bodyChecksum(body), sum, 'the same text, the same checksum');
      for (let i = 0; i < body.length; i += body.length > 100 ? 97 : 1) {
        for (const c of ['b', 'ä']) {
          const changed = body.slice(0, i) + (body[i] === c ? 'c' : c) + body.slice(i + 1);
          assert.notEqual(bodyChecksum(changed), sum, `changed at ${i} to ${c}`);
        }
      }
      assert.notEqual(bodyChecksum(body + ' '), sum, 'one more character');
    }
  });

  const spoiled: [string, (record: unknown[]) => void][] = [
    ['an unknown rule in a finding', (r) => ((r[11] as unknown[][])[0][0] = 'no-such-rule')],
    ['a finding whose range runs backwards', (r) => ((r[11] as unknown[][])[0][4] = 50)],
    ['a finding with a non-boolean todo', (r) => ((r[11] as unknown[][])[0][6] = { todo: 'yes' })],
    ['a summary of an unknown rule', (r) => ((r[10] as unknown[][])[0][0] = 'no-such-rule')],
    ['a config index out of the table', (r) => (r[0] = 7)],
    ['an unknown profile', (r) => (r[7] = 'nonesuch')],
    ['a racy mark that is not 0 or 1', (r) => (r[6] = 2)],
    ['bad line starts', (r) => (r[8] = 'abc')],
    ['a missing field', (r) => r.pop()],
    ['findings that are a string, not a list or null', (r) => (r[11] = 'none')],
    ['findings that are an object, not a list or null', (r) => (r[11] = {})],
    ['findings that are a number, not a list or null', (r) => (r[11] = 0)],
  ];
  for (const [what, spoil] of spoiled) {
    it(`a file with ${what} is discarded as a whole, even with a correct checksum`, () => {
      const text = save([savable('/w/a.tnote', [finding()]), savable('/w/b.tnote', [finding()])]);
      const [header, body] = text.split('\n');
      const parsed = JSON.parse(body) as { notes: unknown[][] };
      // Written back with a matching length and checksum: only the content check can refuse it.
      const rewrite = () => {
        const newBody = JSON.stringify(parsed);
        return `${JSON.stringify({ ...(JSON.parse(header) as object), bodyLength: newBody.length, checksum: bodyChecksum(newBody) })}\n${newBody}\n`;
      };
      assert.ok(parseIndex(rewrite(), BUILD).ok, 'written back unspoiled, it is trusted');
      spoil(parsed.notes[1]);
      const result = parseIndex(rewrite(), BUILD);
      assert.deepEqual(result, { ok: false, reason: 'it is damaged' });
    });
  }

  it('findings not computed yet are saved as unknown and restored as unknown, not as "no findings"', () => {
    const unknown = savable('/w/a.tnote', []);
    unknown.findings = undefined;
    const none = savable('/w/b.tnote', []);
    const text = save([unknown, none]);
    const loaded = parseIndex(text, BUILD);
    assert.ok(loaded.ok);
    assert.equal(loaded.notes.get('/w/a.tnote')!.findings, undefined);
    assert.deepEqual(loaded.notes.get('/w/b.tnote')!.findings, []);
    // Saved again as restored: still unknown.
    const again = parseIndex(save([{ ...unknown, findings: loaded.notes.get('/w/a.tnote')!.findings }]), BUILD);
    assert.ok(again.ok);
    assert.equal(again.notes.get('/w/a.tnote')!.findings, undefined);
  });

  it('a file with the same path twice, or from an earlier format version, is not trusted', () => {
    const a = savable('/w/a.tnote', []);
    assert.deepEqual(parseIndex(save([a, a]), BUILD), { ok: false, reason: 'it is damaged' });
    for (const older of [1, 2]) {
      const text = save([a]).replace('"version":3', `"version":${older}`);
      assert.notEqual(text, save([a]));
      assert.deepEqual(parseIndex(text, BUILD), { ok: false, reason: 'another version of tnote wrote it' });
    }
    assert.deepEqual(parseIndex(save([a]), 'other-build'), { ok: false, reason: 'another version of tnote wrote it' });
  });

  (process.platform === 'win32' ? it.skip : it)('the quick path key is exactly the key of the path’s URI, for plain and unusual names', () => {
    const r = nodeRuntime();
    const slow = (p: string) => uriKey(r.pathToUri(p));
    const names = [
      '/w/a.tnote',
      '/w/with space/n.tnote',
      '/w/100%/n.tnote',
      '/w/a#b?c.tnote',
      '/w/back\\slash.tnote',
      '/w/tab\there',
      '/w/é.tnote',
      '/w/\udcff.tnote',
      '/w/./a',
      '/w/../a',
      '/w//a',
      '/w/a/',
      '/',
      "/w/!$&'()*+,;=:@~-_.tnote",
    ];
    let seed = 13;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) / 2 ** 24;
    const alphabet = "aZ09._~!$&'()*+,;=:@ -/%?#\\\té\u0000";
    for (let i = 0; i < 5000; i++) {
      let p = '/';
      for (let n = 1 + Math.floor(rnd() * 14); n > 0; n--) p += alphabet[Math.floor(rnd() * alphabet.length)];
      names.push(p);
    }
    for (const p of names) assert.equal(r.pathKey!(p), slow(p), JSON.stringify(p));
  });
});
