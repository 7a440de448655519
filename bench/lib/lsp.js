// @ts-check
'use strict';
/**
 * A minimal real LSP client for the benchmarks: spawns `bin/tnote-language-server.js --stdio` and
 * speaks JSON-RPC to it through vscode-languageserver-protocol, the way an editor does.
 */
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const { root } = require('./bundle');

const SERVER_BIN = path.join(root, 'bin', 'tnote-language-server.js');
const SERVER_BUNDLE = path.join(root, 'dist', 'server.js');

function serverBuilt() {
  return fs.existsSync(SERVER_BUNDLE);
}

/** Resident set size and its peak (bytes) of a process, from /proc (Linux); undefined elsewhere. */
function procMemory(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => {
      const m = new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s);
      return m ? Number(m[1]) * 1024 : undefined;
    };
    return { rss: kb('VmRSS'), peakRss: kb('VmHWM') };
  } catch {
    return { rss: undefined, peakRss: undefined };
  }
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux; clock ticks taken as
 * 1/100 s, the Linux value); undefined elsewhere. Less disturbed than wall time on a shared machine.
 */
function procCpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

class LspSession {
  /** @param {{ workspaceFolders?: { uri: string, name: string }[] | null, progress?: boolean }} [options] */
  constructor({ workspaceFolders = null, progress = false } = {}) {
    this.t0 = performance.now();
    /** @type {number} set by initialize() */
    this.initializedAt = NaN;
    /** @type {number} set by initialize() */
    this.initializeSentAt = NaN;
    // TNOTE_BENCH_SERVER_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=bench/results/prof".
    const nodeArgs = (process.env.TNOTE_BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    this.child = spawn(process.execPath, [...nodeArgs, SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.child.stderr.on('data', (d) => (this.stderr += d));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    this.conn = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.waiters = [];
    this.latest = new Map(); // uri -> { version, count, at }
    this.logs = [];
    this.progressEnded = [];
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const at = performance.now();
      this.latest.set(p.uri, { version: p.version, count: p.diagnostics.length, at });
      this.waiters = this.waiters.filter((w) => !w(p, at));
    });
    const onLog = (p) => {
      this.logs.push({ at: performance.now(), message: p.message });
      this.waiters = this.waiters.filter((w) => !w(null, performance.now(), p.message));
    };
    this.conn.onNotification('window/logMessage', onLog);
    // The server's line per check ("N finding(s) in M ms") is a debug line, sent while tracing.
    this.conn.onNotification('$/logTrace', onLog);
    this.conn.onNotification('$/progress', (p) => {
      if (p.value?.kind === 'end') {
        const at = performance.now();
        this.progressEnded.push(at);
        this.waiters = this.waiters.filter((w) => !w(null, at, undefined, 'progress-end'));
      }
    });
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
    this.conn.onRequest('window/showMessageRequest', () => null);
    this.conn.listen();
    this.workspaceFolders = workspaceFolders;
    this.progress = progress;
  }

  get pid() {
    return this.child.pid;
  }

  memory() {
    return procMemory(this.child.pid);
  }

  /** The server's CPU time so far (ms; Linux), see procCpuMs. */
  cpuMs() {
    return procCpuMs(this.child.pid);
  }

  async initialize(initializationOptions) {
    /** When the initialize request went out (the server may do start-up work before it answers). */
    this.initializeSentAt = performance.now();
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'tnote-bench' },
      rootUri: null,
      workspaceFolders: this.workspaceFolders,
      initializationOptions,
      trace: 'verbose',
      capabilities: {
        textDocument: { synchronization: { didSave: true }, publishDiagnostics: { versionSupport: true, relatedInformation: true } },
        window: { workDoneProgress: this.progress },
        workspace: { workspaceFolders: true },
      },
    });
    this.initializedAt = performance.now();
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the time at which `predicate(params, at, logMessage, event)` first returns true. */
  waitFor(predicate, timeoutMs, what) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const waiter = (p, at, log, event) => {
        if (!predicate(p, at, log, event)) return false;
        clearTimeout(timer);
        resolve(at);
        return true;
      };
      this.waiters.push(waiter);
    });
  }

  /** Waits for publishDiagnostics of `uri` at `version` (or later). */
  diagnosticsFor(uri, version, timeoutMs = 10000) {
    const seen = this.latest.get(uri);
    if (seen && seen.version !== undefined && seen.version >= version) return Promise.resolve(seen.at);
    return this.waitFor((p) => p && p.uri === uri && (p.version === undefined || p.version >= version), timeoutMs, `diagnostics for ${path.basename(uri)} v${version}`);
  }

  open(uri, text, version = 1) {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'therapy-note', version, text } });
  }

  change(uri, version, contentChanges) {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  async close() {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.conn.sendNotification('exit');
    } catch {
      /* the server may already be gone */
    }
    const gone = await Promise.race([this.exited, new Promise((r) => setTimeout(() => r(null), 3000))]);
    if (!gone) this.child.kill();
    this.conn.dispose();
  }
}

/** Milliseconds the server itself reported for linting (its "finding(s) in N ms" log lines). */
function serverLintTimes(logs) {
  const out = [];
  for (const l of logs) {
    const m = / finding\(s\) in (\d+) ms/.exec(l.message);
    if (m) out.push(Number(m[1]));
  }
  return out;
}

module.exports = { LspSession, serverBuilt, procMemory, procCpuMs, serverLintTimes, SERVER_BUNDLE };
