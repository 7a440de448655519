// @ts-check
'use strict';
/**
 * Language-server benchmarks over the real protocol (stdio, JSON-RPC):
 *   keystroke latency — open a note, send single-character incremental didChange notifications
 *     one after another, and time each change to the publishDiagnostics of that version;
 *   start-up — process spawn to the first diagnostics of an opened note;
 *   workspace index — time and server memory to index a folder of notes, then typing latency with
 *     that index loaded (every keystroke also runs the workspace rules over the index).
 */
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { performance } = require('perf_hooks');
const { generateNote, largeNote, rngFrom } = require('./corpus');
const { summary } = require('./lib/stats');
const { LspSession, serverBuilt, serverLintTimes } = require('./lib/lsp');

const SENTENCE = ' Patient walked further today with fewer cues and no loss of balance on turns.';

/** Where typing happens: the end of the first `Response:` (else `Activity:`) line. */
function caretOf(text) {
  const lines = text.split('\n');
  let line = lines.findIndex((l) => l.startsWith('Response:'));
  if (line < 0) line = lines.findIndex((l) => l.startsWith('Activity:'));
  if (line < 0) line = Math.floor(lines.length / 2);
  return { line, character: lines[line].length };
}

async function typeInto(session, uri, text, count, { timeoutMs = 10000 } = {}) {
  const caret = caretOf(text);
  const latencies = [];
  let timeouts = 0;
  for (let i = 0; i < count; i++) {
    const version = i + 2;
    const ch = SENTENCE[i % SENTENCE.length];
    const t = performance.now();
    await session.change(uri, version, [{ range: { start: { ...caret }, end: { ...caret } }, text: ch }]);
    caret.character++;
    try {
      const at = await session.diagnosticsFor(uri, version, timeoutMs);
      latencies.push(at - t);
    } catch {
      timeouts++;
    }
  }
  return { ...summary(latencies), timeouts };
}

/** Start-up and typing on one note, in a fresh server whose workspace holds only that note. */
async function typingSession(dir, name, text, changes) {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${name}.tnote`);
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const s = new LspSession({ workspaceFolders: [{ uri: pathToFileURL(folder).href, name }] });
  try {
    await s.initialize();
    const initializeMs = s.initializedAt - s.t0;
    await s.open(uri, text);
    const first = await s.diagnosticsFor(uri, 1, 30000);
    const startToFirstDiagnosticsMs = first - s.t0;
    const logsBefore = s.logs.length;
    const typing = await typeInto(s, uri, text, changes);
    const serverLint = serverLintTimes(s.logs.slice(logsBefore));
    const mem = s.memory();
    return { lines: text.split('\n').length - 1, bytes: Buffer.byteLength(text), changes, initializeMs, startToFirstDiagnosticsMs, typing, serverReportedLintMs: serverLint.length ? summary(serverLint) : undefined, serverRss: mem.rss, serverPeakRss: mem.peakRss };
  } finally {
    await s.close();
  }
}

async function runKeystrokeBench({ quick = false, tmpDir }) {
  if (!serverBuilt()) return { skipped: 'server not built (dist/server.js missing)' };
  const typical = generateNote(rngFrom(5), { lines: 60, defective: false, id: 100060 }).text;
  const big = largeNote(20000, 20000).text;
  return {
    typical: await typingSession(tmpDir, 'typical', typical, quick ? 100 : 500),
    large: await typingSession(tmpDir, 'large20k', big, quick ? 5 : 60),
  };
}

/** Indexes `corpusDir` (a folder of notes) in a fresh server; then opens one note and types in it. */
async function runIndexBench({ quick = false, corpusDir, notes }) {
  if (!serverBuilt()) return { skipped: 'server not built (dist/server.js missing)' };
  const folderUri = pathToFileURL(corpusDir).href;
  const s = new LspSession({ workspaceFolders: [{ uri: folderUri, name: 'corpus' }], progress: true });
  let peak = 0;
  let polling = true;
  const poll = setInterval(() => {
    const m = s.memory();
    if (polling && m.rss && m.rss > peak) peak = m.rss;
  }, 20);
  try {
    await s.initialize({ progressThreshold: 0 });
    const started = s.initializedAt;
    let indexed;
    const done = await s.waitFor((_p, _at, log, event) => {
      if (event === 'progress-end') return true;
      const m = log && /indexed (\d+) note/.exec(log);
      if (m) indexed = Number(m[1]);
      return !!m;
    }, quick ? 120000 : 900000, 'the workspace index');
    const indexMs = done - started;
    await new Promise((r) => setTimeout(r, 50)); // let the "indexed" log line and the workspace pass land
    const m = /indexed (\d+) note/.exec(s.logs.map((l) => l.message).find((x) => /indexed \d+ note/.test(x)) ?? '');
    if (m) indexed = Number(m[1]);
    const afterIndex = s.memory();
    polling = false;

    // Typing in a note of the indexed workspace: each keystroke also runs the workspace rules.
    const text = generateNote(rngFrom(6), { lines: 60, id: 999001 }).text;
    const uri = pathToFileURL(path.join(corpusDir, 'typing-with-index.tnote')).href;
    const t0 = performance.now();
    await s.open(uri, text);
    const first = await s.diagnosticsFor(uri, 1, 60000);
    const typing = await typeInto(s, uri, text, quick ? 30 : 200);
    const afterTyping = s.memory();
    return {
      notes,
      indexed,
      indexMs,
      notesPerSecond: (notes / indexMs) * 1000,
      rssAfterIndex: afterIndex.rss,
      /** Peak RSS up to the end of indexing (the goal's number). */
      peakRss: Math.max(peak, afterIndex.peakRss ?? 0),
      /** Peak RSS over the whole session, including typing with the index loaded. */
      peakRssWithTyping: Math.max(peak, afterIndex.peakRss ?? 0, afterTyping.peakRss ?? 0),
      openToFirstDiagnosticsMs: first - t0,
      typingWithIndex: typing,
      rssAfterTyping: afterTyping.rss,
    };
  } finally {
    clearInterval(poll);
    await s.close();
  }
}

module.exports = { runKeystrokeBench, runIndexBench };

if (require.main === module) {
  const os = require('os');
  const quick = process.argv.includes('--quick');
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-bench-lsp-'));
  runKeystrokeBench({ quick, tmpDir })
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((e) => {
      console.error(e);
      process.exitCode = 1;
    })
    .finally(() => fs.rmSync(tmpDir, { recursive: true, force: true }));
}
