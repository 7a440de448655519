// @ts-check
'use strict';
/**
 * Language-server benchmarks over the real protocol (stdio, JSON-RPC):
 *   keystroke latency — open a note, send single-character incremental didChange notifications
 *     one after another, and time each change to the publishDiagnostics of that version;
 *   start-up — process spawn to the first diagnostics of an opened note;
 *   workspace index — time and server memory to index a folder of notes, then typing latency with
 *     that index loaded (every keystroke also runs the workspace rules over the index), then a
 *     restart on the same storage folder (the persisted index);
 *   workspace rules — front-matter keystrokes (each one changes what the workspace rules read) with
 *     20,000 notes indexed, of patients as generated (a few notes each) and all of one patient.
 */
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { performance } = require('perf_hooks');
const { generateCorpus, generateNote, largeNote, rngFrom, writeCorpus } = require('./corpus');
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

/**
 * Where front-matter typing happens: the end of the `provider:` line. It comes before the charges,
 * so every keystroke moves their ranges and changes the note's digest for the workspace rules.
 */
function frontMatterCaretOf(text) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.startsWith('provider:'));
  return { line, character: lines[line].length };
}

async function typeInto(session, uri, text, count, { timeoutMs = 10000, caret = caretOf(text) } = {}) {
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
    return {
      lines: text.split('\n').length - 1,
      bytes: Buffer.byteLength(text),
      changes,
      initializeMs,
      startToFirstDiagnosticsMs,
      typing,
      serverReportedLintMs: serverLint.length ? summary(serverLint) : undefined,
      serverRss: mem.rss,
      serverPeakRss: mem.peakRss,
    };
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

/**
 * Waits for the server's workspace index to be complete; resolves { at, indexed, serverCpuMs }
 * (the server's CPU time from spawn to that moment, Linux only).
 */
async function indexComplete(s, timeoutMs) {
  let indexed;
  let serverCpuMs;
  const at = await s.waitFor(
    (_p, _at, log, event) => {
      const m = log && /indexed (\d+) note/.exec(log);
      if (m) indexed = Number(m[1]);
      if (event === 'progress-end' || m) serverCpuMs = s.cpuMs();
      return event === 'progress-end' || !!m;
    },
    timeoutMs,
    'the workspace index',
  );
  await new Promise((r) => setTimeout(r, 50)); // let the "indexed" log line and the workspace pass land
  const m = /indexed (\d+) note/.exec(s.logs.map((l) => l.message).find((x) => /indexed \d+ note/.test(x)) ?? '');
  if (m) indexed = Number(m[1]);
  return { at, indexed, serverCpuMs };
}

/** Files (recursively) under `dir`, with their sizes; [] when it does not exist. */
function filesUnder(dir) {
  /** @type {{ file: string, bytes: number, mtimeMs: number }[]} */
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const st = fs.statSync(p);
        out.push({ file: path.relative(dir, p), bytes: st.size, mtimeMs: st.mtimeMs });
      }
    }
  };
  walk(dir);
  return out;
}

/**
 * Indexes `corpusDir` (a folder of notes) in a fresh server started with
 * `initializationOptions.storagePath = storageDir`, then opens one note and types in it. Then
 * restarts the server with the same storage folder: the second start's time to a complete index
 * is the restart figure — measured only when the first server wrote a persisted index there.
 * Times run from the `initialize` request (so start-up work the server does before it answers
 * counts) to the complete index (the "indexed N notes" log line or the end of the indexing
 * progress), for both starts; the figure from process spawn is kept beside it.
 */
async function runIndexBench({ quick = false, corpusDir, notes, storageDir }) {
  if (!serverBuilt()) return { skipped: 'server not built (dist/server.js missing)' };
  const folderUri = pathToFileURL(corpusDir).href;
  const timeoutMs = quick ? 120000 : 900000;
  fs.mkdirSync(storageDir, { recursive: true });
  const options = { progressThreshold: 0, storagePath: storageDir };
  // A note read within 2 s of its last change is read again at the next start (its stamp may not
  // show a later change): wait until the corpus just written is older than that, so that the
  // restart measures the saved index and not a fresh corpus (in a full run the CLI step already
  // took longer than that).
  const newest = filesUnder(corpusDir).reduce((m, f) => Math.max(m, f.mtimeMs), 0);
  const settle = newest + 2100 - Date.now();
  if (settle > 0) await new Promise((r) => setTimeout(r, settle));
  const s = new LspSession({ workspaceFolders: [{ uri: folderUri, name: 'corpus' }], progress: true });
  let peak = 0;
  let polling = true;
  const poll = setInterval(() => {
    const m = s.memory();
    if (polling && m.rss && m.rss > peak) peak = m.rss;
  }, 20);
  /** @type {any} */
  let cold;
  try {
    await s.initialize(options);
    const started = s.initializeSentAt;
    const done = await indexComplete(s, timeoutMs);
    const indexMs = done.at - started;
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
    cold = {
      notes,
      indexed: done.indexed,
      indexMs,
      spawnToIndexMs: done.at - s.t0,
      /** The server's CPU time from spawn to the complete index (Linux). */
      serverCpuMs: done.serverCpuMs,
      notesPerSecond: (notes / indexMs) * 1000,
      rssAfterIndex: afterIndex.rss,
      /** Peak RSS up to the end of indexing. */
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

  const stored = filesUnder(storageDir);
  cold.storage = { files: stored.length, bytes: stored.reduce((a, f) => a + f.bytes, 0) };
  if (!stored.length) {
    cold.restart = { skipped: 'the server wrote no persisted index to initializationOptions.storagePath' };
    return cold;
  }
  const again = new LspSession({ workspaceFolders: [{ uri: folderUri, name: 'corpus' }], progress: true });
  try {
    await again.initialize(options);
    const done = await indexComplete(again, Math.min(timeoutMs, 120000));
    // How many notes the restart trusted from the saved index (the server's "indexed N notes (M from the saved index)" line).
    const line = again.logs.map((l) => l.message).find((x) => /indexed \d+ note/.test(x)) ?? '';
    const fromSavedIndex = Number(/(\d+) from the saved index/.exec(line)?.[1] ?? 0);
    cold.restart = {
      indexed: done.indexed,
      fromSavedIndex,
      indexMs: done.at - again.initializeSentAt,
      spawnToIndexMs: done.at - again.t0,
      serverCpuMs: done.serverCpuMs,
      rss: again.memory().rss,
    };
  } finally {
    await again.close();
  }
  return cold;
}

/** Starts a server on `dir`, waits for its index and types `count` characters into the front matter of a new note there. */
async function frontMatterSession(dir, noteText, count) {
  const s = new LspSession({ workspaceFolders: [{ uri: pathToFileURL(dir).href, name: path.basename(dir) }], progress: true });
  try {
    await s.initialize({ progressThreshold: 0 });
    const started = s.initializedAt;
    const done = await s.waitFor((_p, _at, log) => !!log && /indexed \d+ note/.test(log), 900000, 'the workspace index');
    const indexed = Number(/indexed (\d+) note/.exec(s.logs.map((l) => l.message).find((x) => /indexed \d+ note/.test(x)) ?? '')?.[1]);
    const uri = pathToFileURL(path.join(dir, 'typing-front-matter.tnote')).href;
    await s.open(uri, noteText);
    await s.diagnosticsFor(uri, 1, 60000);
    const typing = await typeInto(s, uri, noteText, count, { caret: frontMatterCaretOf(noteText), timeoutMs: 30000 });
    return { indexed, indexMs: done - started, typing, serverRss: s.memory().rss };
  } finally {
    await s.close();
  }
}

/**
 * Front-matter keystrokes with `notes` notes indexed (issue 12, item 8): once with the patients as
 * generated (an episode of a few notes each), once with every note of one patient (the worst case for
 * `repeat-initial-encounter`: every 97760 of a region is a repeat of the first).
 */
async function runWorkspaceRulesBench({ quick = false, tmpDir, notes = quick ? 2000 : 20000, seed = 12008 }) {
  if (!serverBuilt()) return { skipped: 'server not built (dist/server.js missing)' };
  const corpus = generateCorpus(seed, notes);
  const typed = generateNote(rngFrom(7), { lines: 80, id: 1 }).text; // a 97760 note of patient MRN-000001
  const count = quick ? 30 : 200;
  const out = { notes, keystrokes: count };
  /** @type {[string, (text: string) => string][]} */
  const cases = [
    ['patients', (t) => t],
    ['onePatient', (t) => t.replace(/^patient: .*$/m, 'patient: MRN-000001')],
  ];
  for (const [name, rewrite] of cases) {
    const dir = path.join(tmpDir, name);
    writeCorpus(
      dir,
      corpus.map((n) => ({ ...n, text: rewrite(n.text) })),
    );
    try {
      out[name] = await frontMatterSession(dir, typed, count);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

module.exports = { runKeystrokeBench, runIndexBench, runWorkspaceRulesBench };

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
