// @ts-check
'use strict';
// Shared plumbing for the end-to-end scripts that drive a real VS Code workbench: code-server (VS Code
// served over HTTP, installed by scripts/e2e/install-code-server.sh) opened in headless Chromium
// through playwright-core.
//
//   const { startCodeServer, launchBrowser } = require('./code-server');
//   const server = await startCodeServer({ workspace, extensionDevelopmentPath });   // or { vsix }
//   const browser = await launchBrowser({ server });
//   await browser.page.goto(server.workbenchUrl({ payload: [...] }));
//   ...
//   await browser.close(); await server.stop();
//
// Every session gets its own temporary folder (user data, extensions, XDG dirs, TMPDIR) so that neither
// code-server nor Chromium writes into $HOME or leaves sockets in /tmp; it is removed by stop() unless
// KEEP_E2E_TMP=1.

const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_CS_BIN = path.join(REPO_ROOT, '.cache', 'code-server', 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

/** Settings for a quiet, deterministic workbench. */
const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
};

class E2EError extends Error {}

const t0 = Date.now();
function log(...args) {
  console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...args);
}

function resolveCodeServerBin(csBin) {
  const bin = csBin || process.env.CS_BIN || DEFAULT_CS_BIN;
  if (!fs.existsSync(bin)) {
    throw new E2EError(`code-server not found at ${bin}: run scripts/e2e/install-code-server.sh (or set CS_BIN)`);
  }
  return bin;
}

/** Version of VS Code bundled in code-server (e.g. "1.100.3"), or undefined if it cannot be read. */
function bundledVsCodeVersion(csBin) {
  try {
    // .bin/code-server -> code-server/out/node/entry.js
    const pkgRoot = path.resolve(fs.realpathSync(csBin), '..', '..', '..');
    return JSON.parse(fs.readFileSync(path.join(pkgRoot, 'lib', 'vscode', 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/**
 * VS Code silently skips an extension whose engines.vscode does not accept its version (only the
 * server log says "not compatible"), which shows up as a test run that never starts. Catch the usual
 * case (a minimum version above the bundled one) up front.
 */
function checkEnginesVscode(extensionPath, vscodeVersion) {
  if (!vscodeVersion) return;
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  const range = pkg.engines && pkg.engines.vscode;
  const m = typeof range === 'string' && /^\s*(?:(?:\^|~|>=)\s*)?v?(\d+)\.(\d+)\.(\d+)/.exec(range);
  if (!m) return;
  const want = m.slice(1, 4).map(Number);
  const have = vscodeVersion.split('.').map((n) => parseInt(n, 10));
  for (let i = 0; i < 3; i++) {
    if (have[i] > want[i]) return;
    if (have[i] < want[i]) {
      throw new E2EError(
        `${pkg.name}: engines.vscode "${range}" does not accept VS Code ${vscodeVersion} (bundled in ` +
          'code-server); VS Code would skip the extension silently. Lower engines.vscode or use a newer code-server.',
      );
    }
  }
}

/** Environment that keeps code-server's and Chromium's stray files inside `root`. */
function isolatedEnv(root, extra) {
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(root, 'xdg-config'),
    XDG_DATA_HOME: path.join(root, 'xdg-data'),
    XDG_CACHE_HOME: path.join(root, 'xdg-cache'),
    XDG_STATE_HOME: path.join(root, 'xdg-state'),
    TMPDIR: path.join(root, 'tmp'), // vscode-ipc-*.sock, vscode-git-*.sock, crashpad
    ...extra,
  };
  for (const k of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'TMPDIR']) {
    fs.mkdirSync(env[k], { recursive: true });
  }
  return env;
}

/**
 * Install a .vsix into an extensions dir with code-server's CLI. Throws with the CLI output on failure.
 */
function installVsix({ csBin, vsix, extensionsDir, userDataDir, configFile, env }) {
  const file = path.resolve(vsix);
  if (!fs.existsSync(file)) throw new E2EError(`VSIX not found: ${file}`);
  log(`installing ${path.basename(file)} into ${extensionsDir}`);
  const r = spawnSync(csBin, ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', file], { env, encoding: 'utf8', timeout: 120000 });
  const out = `${r.stdout || ''}${r.stderr || ''}`.trim();
  if (r.error || r.status !== 0) {
    throw new E2EError(`code-server --install-extension ${file} failed (${r.error ? r.error.message : `exit ${r.status}`}):\n${out}`);
  }
  if (out)
    log(
      out
        .split('\n')
        .filter((l) => l.trim())
        .join('\n  '),
    );
}

/**
 * Start code-server on a free loopback port.
 * @param {object} opts
 * @param {string} opts.workspace                 folder to open (used by workbenchUrl())
 * @param {string} [opts.extensionsDir]           default: a fresh folder in the session's temp dir
 * @param {string} [opts.vsix]                    .vsix to install into extensionsDir before starting
 * @param {string} [opts.extensionDevelopmentPath] extension folder loaded as in "Run Extension"
 * @param {boolean} [opts.stubDevelopmentExtension] load an empty stub extension as the development
 *        extension. VS Code runs extensionTestsPath only in an extension-development window, so this is
 *        how a suite tests an extension installed from a .vsix (a stub with another id does not shadow it).
 * @param {object} [opts.settings]                extra user settings
 * @param {object} [opts.env]                     extra environment for code-server (reaches the extension host)
 * @param {string} [opts.csBin]                   default: $CS_BIN, else <repo>/.cache/code-server/...
 * @param {number} [opts.startTimeoutMs]          default 30000
 */
async function startCodeServer(opts) {
  const csBin = resolveCodeServerBin(opts.csBin);
  if (!opts.workspace) throw new E2EError('startCodeServer: workspace is required');
  const workspace = path.resolve(opts.workspace);
  if (!fs.existsSync(workspace)) throw new E2EError(`workspace folder not found: ${workspace}`);
  if (opts.extensionDevelopmentPath && opts.stubDevelopmentExtension) {
    throw new E2EError('startCodeServer: extensionDevelopmentPath and stubDevelopmentExtension exclude each other');
  }
  let extensionDevelopmentPath = opts.extensionDevelopmentPath && path.resolve(opts.extensionDevelopmentPath);
  if (extensionDevelopmentPath && !fs.existsSync(path.join(extensionDevelopmentPath, 'package.json'))) {
    throw new E2EError(`no package.json in extension development path ${extensionDevelopmentPath}`);
  }
  if (extensionDevelopmentPath) checkEnginesVscode(extensionDevelopmentPath, bundledVsCodeVersion(csBin));

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-e2e-'));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.resolve(opts.extensionsDir || path.join(root, 'extensions'));
  const configFile = path.join(root, 'config.yaml'); // empty: no password, nothing from ~/.config
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(configFile, '');
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...(opts.settings || {}) }, null, 2));
  if (opts.stubDevelopmentExtension) {
    extensionDevelopmentPath = path.join(root, 'test-host-stub');
    fs.mkdirSync(extensionDevelopmentPath);
    fs.writeFileSync(
      path.join(extensionDevelopmentPath, 'package.json'),
      JSON.stringify(
        {
          name: 'e2e-test-host-stub',
          publisher: 'tnote-e2e',
          version: '0.0.0',
          engines: { vscode: '*' },
          description: 'Empty development extension: makes the window an extension-development host for the test run',
        },
        null,
        2,
      ),
    );
  }
  // EXTENSIONS_GALLERY={}: no marketplace (open-vsx.org) lookups; offline machines only get errors from them.
  const env = isolatedEnv(root, { EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY || '{}', ...opts.env });

  const cleanupTmp = () => {
    if (process.env.KEEP_E2E_TMP) log(`kept temp dir ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  };

  try {
    if (opts.vsix) installVsix({ csBin, vsix: opts.vsix, extensionsDir, userDataDir, configFile, env });
  } catch (e) {
    cleanupTmp();
    throw e;
  }

  const args = [
    '--config',
    configFile,
    '--bind-addr',
    '127.0.0.1:0',
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  // detached: own process group, so stop() also ends the extension host and the language servers
  const child = spawn(csBin, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  let exited = /** @type {{ code: number | null, signal: NodeJS.Signals | null } | null} */ (null);
  const exitPromise = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    }),
  );
  child.on('error', (e) => {
    output += `\nspawn error: ${e.message}`;
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      try {
        process.kill(-(/** @type {number} */ (child.pid)), 'SIGTERM');
      } catch {
        /* already gone */
      }
      const killTimer = setTimeout(() => {
        try {
          process.kill(-(/** @type {number} */ (child.pid)), 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 5000);
      await exitPromise;
      clearTimeout(killTimer);
    }
    cleanupTmp();
  };

  // Startup: poll the output for the listening line, with a deadline.
  const deadline = Date.now() + (opts.startTimeoutMs || 30000);
  let port;
  while (!port) {
    const m = /HTTP server listening on https?:\/\/[^\s:]+:(\d+)/.exec(output);
    if (m) {
      port = Number(m[1]);
      break;
    }
    if (exited || Date.now() > deadline) {
      const why = exited ? `exited (code ${exited.code}, signal ${exited.signal})` : 'did not report listening in time';
      await stop();
      throw new E2EError(`code-server ${why}:\n${output.trim() || '(no output)'}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const authority = `127.0.0.1:${port}`; // code-server uses the Host header as the remote authority
  log(`code-server listening on ${authority}`);

  const remoteUri = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
  return {
    port,
    authority,
    root,
    env,
    workspace,
    userDataDir,
    extensionsDir,
    extensionDevelopmentPath,
    get exited() {
      return exited;
    },
    exitPromise,
    output: () => output,
    remoteUri,
    /**
     * Workbench URL for the workspace; payload entries are [key, value] pairs (remote URIs for paths).
     * @param {{ payload?: string[][], folder?: string }} [options]
     */
    workbenchUrl({ payload = [], folder = workspace } = {}) {
      const p = [...payload];
      if (extensionDevelopmentPath && !p.some(([k]) => k === 'extensionDevelopmentPath')) {
        p.unshift(['extensionDevelopmentPath', remoteUri(extensionDevelopmentPath)]);
      }
      let url = `http://${authority}/?folder=${encodeURIComponent(folder)}`;
      if (p.length) url += `&payload=${encodeURIComponent(JSON.stringify(p))}`;
      return url;
    },
    /** Log files of the extension hosts and the server (for diagnosing failures). */
    logFiles() {
      const found = [];
      const walk = (d) => {
        let entries;
        try {
          entries = fs.readdirSync(d, { withFileTypes: true });
        } catch {
          return;
        }
        for (const e of entries) {
          const f = path.join(d, e.name);
          if (e.isDirectory()) walk(f);
          else if (/^(remoteexthost|exthost|remoteagent|sharedprocess)\.log$/.test(e.name) || /Extension Host/.test(e.name)) found.push(f);
        }
      };
      walk(path.join(userDataDir, 'logs'));
      return found;
    },
    /** Print the last lines of the extension-host / server logs. */
    dumpLogs(lines = 30) {
      for (const f of this.logFiles()) {
        const text = fs.readFileSync(f, 'utf8').trimEnd();
        if (!text) continue;
        console.log(`--- ${path.relative(root, f)} (last ${lines} lines)`);
        console.log(text.split('\n').slice(-lines).join('\n'));
      }
    },
    stop,
  };
}

/**
 * Launch headless Debian Chromium (never playwright's own download) with a throwaway profile.
 * @param {object} [opts]
 * @param {object} [opts.server]  session from startCodeServer(): its temp dir and env are reused
 * @param {{width:number,height:number}} [opts.viewport]  default 1400x900
 */
async function launchBrowser(opts = {}) {
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch (e) {
    throw new E2EError(`playwright-core is not installed (npm install): ${e.message}`);
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new E2EError(`Chromium not found at ${CHROMIUM}: run scripts/e2e/ensure-debian-packages.sh chromium (or set CHROMIUM_BIN)`);
  }
  const ownRoot = opts.server ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-e2e-browser-'));
  const root = opts.server ? opts.server.root : ownRoot;
  const env = opts.server ? opts.server.env : isolatedEnv(root);
  let context;
  try {
    context = await chromium.launchPersistentContext(path.join(root, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      env,
      viewport: opts.viewport || { width: 1400, height: 900 },
      timeout: 60000,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
  } catch (e) {
    if (ownRoot) fs.rmSync(ownRoot, { recursive: true, force: true });
    throw new E2EError(`Chromium (${CHROMIUM}) could not start: ${e.message}`);
  }
  const page = context.pages()[0] || (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => {});
      if (ownRoot) fs.rmSync(ownRoot, { recursive: true, force: true });
    },
  };
}

/**
 * Forward the extension host's console output (mocha's reporter, console.log in tests and extension)
 * to our stdout. The workbench re-logs it in the page as ('%c<tag>', '<css>', ...originalArgs).
 */
function forwardExtensionHostConsole(page, { verbose = !!process.env.VERBOSE } = {}) {
  const util = require('util');
  page.on('console', async (msg) => {
    if (verbose) {
      console.log('  [browser]', msg.type(), msg.text().slice(0, 1000));
      return;
    }
    const args = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '?')));
    if (typeof args[0] === 'string' && args[0].startsWith('%c') && args.length > 2) {
      console.log('  [vscode]', util.format(...args.slice(2)));
    }
  });
}

/** How long one key press gets to show its UI before a UI script presses it again. */
const KEY_RETRY_MS = 2000;

/**
 * Runs `step` (which waits for its own effect, at most the time it is given) until it succeeds or the
 * deadline passes: key presses made before the workbench's keybinding service is ready are dropped.
 */
async function untilDeadline(deadline, what, step) {
  let lastError;
  while (Date.now() < deadline) {
    try {
      return await step(Math.min(KEY_RETRY_MS, Math.max(1, deadline - Date.now())));
    } catch (e) {
      lastError = e;
    }
  }
  throw new E2EError(`timed out: ${what}${lastError ? ` (last error: ${lastError.message.split('\n')[0]})` : ''}`);
}

/**
 * Waits until `locator` is visible, within `timeout` ms; else fails with `message` (a string, or a
 * function that makes it, e.g. from what the page shows at that moment).
 * @param {any} locator a Playwright locator
 * @param {number} timeout
 * @param {string | (() => Promise<string>)} message
 */
async function visibleOrFail(locator, timeout, message) {
  await locator.waitFor({ state: 'visible', timeout }).catch(async () => {
    throw new E2EError(typeof message === 'function' ? await message() : message);
  });
}

/** What the first element of `locator` shows now (its text, trimmed), or "(nothing)": for failure messages. @param {any} locator */
async function shownText(locator) {
  const text = (
    await locator
      .first()
      .innerText()
      .catch(() => '')
  ).trim();
  return text || '(nothing)';
}

/** Closes the browser and stops code-server when the script is interrupted (exit 130). */
function stopOnSignal(server, getBrowser) {
  const onSignal = () => {
    const browser = getBrowser();
    Promise.resolve(browser && browser.close())
      .then(() => server.stop())
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/** Opens the workbench page and waits until its editor part is visible. */
async function openWorkbench(page, server, remaining) {
  await page.goto(server.workbenchUrl(), { timeout: remaining() });
  await visibleOrFail(page.locator('.monaco-workbench .part.editor'), remaining(), 'timed out: the workbench did not appear');
  log('workbench loaded');
}

/**
 * The frame both UI scripts share: starts code-server on `workspace` with the extension under test
 * (VSIX or EXT_DEV_PATH, exactly one) and the screenshot-friendly settings (plus `settings`), opens
 * the workbench in headless Chromium, and runs `steps({ page, server, deadline, remaining })` before
 * the deadline. On failure it saves a screenshot of that moment to `failureShot`, dumps the server
 * logs, and the process exits 1 with `name: FAIL: message`; 0 when the steps pass. Browser and
 * server are closed either way.
 * @param {{ name: string, workspace: string, timeoutMs: number, settings?: Record<string, unknown>, viewport?: { width: number, height: number }, failureShot: string, steps: (ctx: { page: any, server: any, deadline: number, remaining: () => number }) => Promise<void> }} opts
 */
function runUiScript({ name, workspace, timeoutMs, settings = {}, viewport, failureShot, steps }) {
  const main = async () => {
    const vsix = process.env.VSIX;
    const extDev = process.env.EXT_DEV_PATH;
    if (!!vsix === !!extDev) throw new E2EError('set exactly one of VSIX or EXT_DEV_PATH');
    const server = await startCodeServer({
      workspace,
      vsix,
      extensionDevelopmentPath: extDev,
      settings: {
        'workbench.colorTheme': process.env.COLOR_THEME || 'Default Dark Modern',
        'workbench.editor.enablePreview': false,
        'window.commandCenter': false,
        'chat.commandCenter.enabled': false,
        ...settings,
      },
    });
    let browser;
    stopOnSignal(server, () => browser);
    let page;
    try {
      browser = await launchBrowser({ server, ...(viewport ? { viewport } : {}) });
      page = browser.page;
      forwardExtensionHostConsole(page);
      const deadline = Date.now() + timeoutMs;
      const remaining = () => Math.max(1, deadline - Date.now());
      await openWorkbench(page, server, remaining);
      await steps({ page, server, deadline, remaining });
    } catch (e) {
      if (page && !page.isClosed()) {
        fs.mkdirSync(path.dirname(failureShot), { recursive: true });
        await page.screenshot({ path: failureShot }).then(
          () => console.error(`${name}: failure screenshot: ${failureShot}`),
          () => {},
        );
      }
      server.dumpLogs();
      throw e;
    } finally {
      if (browser) await browser.close();
      await server.stop();
    }
  };
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(`${name}: FAIL: ${e instanceof E2EError ? e.message : (e && e.stack) || e}`);
      process.exit(1);
    },
  );
}

module.exports = {
  runUiScript,
  E2EError,
  REPO_ROOT,
  DEFAULT_CS_BIN,
  startCodeServer,
  launchBrowser,
  forwardExtensionHostConsole,
  untilDeadline,
  stopOnSignal,
  openWorkbench,
  installVsix,
  bundledVsCodeVersion,
  log,
  visibleOrFail,
  shownText,
};
