#!/usr/bin/env node
// @ts-check
'use strict';
// Run an @vscode/test-electron-style extension test suite (a CommonJS module exporting run()) inside a
// real VS Code: code-server's Node extension host, with the workbench open in headless Chromium.
// The suite's console output (mocha's reporter) is echoed; the exit code is the suite's exit code.
//
// Usage:
//   node scripts/e2e/run-vscode-tests.js EXT_DEV_PATH TESTS_INDEX_JS WORKSPACE
//   node scripts/e2e/run-vscode-tests.js --vsix FILE.vsix [EXT_DEV_PATH] TESTS_INDEX_JS WORKSPACE
//     --vsix: install the packaged extension into the fresh extensions dir and test that instead of
//             loading EXT_DEV_PATH as a development extension (EXT_DEV_PATH, if given, is unused).
//             The payload then names an empty stub as extensionDevelopmentPath: VS Code ignores
//             extensionTestsPath in a window that is not an extension-development host.
//     --settings FILE.json: extra user settings written before code-server starts (e.g.
//             `remote.extensionKind` to run the extension in the browser's web worker host).
// Environment:
//   CS_BIN          code-server binary (default <repo>/.cache/code-server/node_modules/.bin/code-server,
//                   installed by scripts/e2e/install-code-server.sh)
//   TIMEOUT_MS      whole-suite deadline (default 120000)
//   SCREENSHOT_DIR  save a screenshot of the workbench there when the suite finishes
//                   (file name: $SCREENSHOT_NAME, default vscode-tests.png)
//   VERBOSE=1       echo every browser console line
//   KEEP_E2E_TMP=1  keep the session's temp dir (user data, logs) for inspection
// Other environment variables reach the extension host, so the tests can read them.
//
// Notes: the extension's engines.vscode must accept the bundled VS Code (1.100.3 for code-server
// 4.100.3) or VS Code skips it silently; the tests index must be CommonJS (mocha 11, not the ESM-only 12).

const fs = require('fs');
const path = require('path');
const { E2EError, startCodeServer, launchBrowser, forwardExtensionHostConsole, log } = require('./code-server');

function usage(msg) {
  if (msg) console.error(`run-vscode-tests: ${msg}`);
  console.error('usage: node run-vscode-tests.js [--vsix FILE] EXT_DEV_PATH TESTS_INDEX_JS WORKSPACE');
  console.error('       node run-vscode-tests.js --vsix FILE TESTS_INDEX_JS WORKSPACE');
  process.exit(2);
}

function parseArgs(argv) {
  const positional = [];
  let vsix;
  let settings;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--vsix') {
      vsix = argv[++i];
      if (!vsix) usage('--vsix needs a file');
    } else if (a === '--settings') {
      const file = argv[++i];
      if (!file) usage('--settings needs a JSON file');
      settings = JSON.parse(fs.readFileSync(file, 'utf8'));
    } else if (a.startsWith('--vsix=')) {
      vsix = a.slice('--vsix='.length);
    } else if (a === '-h' || a === '--help') {
      usage();
    } else if (a.startsWith('--')) {
      usage(`unknown option ${a}`);
    } else {
      positional.push(a);
    }
  }
  if (vsix) {
    if (positional.length === 2) positional.unshift(undefined);
    if (positional.length !== 3) usage('expected TESTS_INDEX_JS WORKSPACE after --vsix FILE');
  } else if (positional.length !== 3) {
    usage('expected EXT_DEV_PATH TESTS_INDEX_JS WORKSPACE');
  }
  const [ext, tests, workspace] = positional;
  return {
    vsix: vsix && path.resolve(vsix),
    settings,
    extensionDevelopmentPath: vsix ? undefined : path.resolve(ext),
    testsPath: path.resolve(tests),
    workspace: path.resolve(workspace),
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(args.testsPath)) throw new E2EError(`tests index not found: ${args.testsPath}`);
  const timeoutMs = Number(process.env.TIMEOUT_MS || 120000);

  const server = await startCodeServer({
    workspace: args.workspace,
    vsix: args.vsix,
    extensionDevelopmentPath: args.extensionDevelopmentPath,
    // VS Code starts extensionTestsPath only in an extension-development window: with --vsix an empty
    // stub extension (another id, so it does not shadow the installed one) provides that.
    stubDevelopmentExtension: !!args.vsix,
    settings: args.settings,
  });
  let browser;
  const cleanup = async () => {
    if (browser) await browser.close();
    await server.stop();
  };
  const onSignal = (sig) => {
    cleanup().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let result;
  try {
    browser = await launchBrowser({ server });
    const { page } = browser;
    forwardExtensionHostConsole(page);

    // The workbench calls window.codeAutomationExit(code) when the extension test run finishes.
    let resolveExit;
    const exited = new Promise((r) => {
      resolveExit = r;
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit({ code: Number(code) }));

    const payload = [['extensionTestsPath', server.remoteUri(args.testsPath)]];
    log(`running ${args.testsPath} against ${args.vsix ? path.basename(args.vsix) : args.extensionDevelopmentPath}`);
    await page.goto(server.workbenchUrl({ payload }), { timeout: 60000 });

    let timer;
    const timedOut = new Promise((r) => {
      timer = setTimeout(() => r({ error: `tests did not finish within ${timeoutMs} ms` }), timeoutMs);
    });
    const serverDied = server.exitPromise.then((e) => ({ error: `code-server exited during the run (code ${e.code}, signal ${e.signal})` }));
    const pageClosed = new Promise((r) => page.once('close', () => r({ error: 'the browser page closed during the run' })));
    const pageCrashed = new Promise((r) => page.once('crash', () => r({ error: 'the browser page crashed during the run' })));
    result = await Promise.race([exited, timedOut, serverDied, pageClosed, pageCrashed]);
    clearTimeout(timer);

    if (process.env.SCREENSHOT_DIR && !page.isClosed()) {
      const file = path.resolve(process.env.SCREENSHOT_DIR, process.env.SCREENSHOT_NAME || 'vscode-tests.png');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file }).then(
        () => log(`screenshot: ${file}`),
        (e) => console.error(`run-vscode-tests: screenshot failed: ${e.message}`),
      );
    }
    if (result.error || result.code !== 0) {
      // Activation errors, "not compatible" (engines.vscode) and similar only show up in the logs.
      server.dumpLogs();
      if (result.error) console.log(`--- code-server output\n${server.output().slice(-3000)}`);
    }
  } finally {
    await cleanup();
  }

  if (result.error) {
    console.error(`run-vscode-tests: FAIL: ${result.error}`);
    return 1;
  }
  const code = Number.isInteger(result.code) ? result.code : 1;
  log(`tests exited with code ${code}: ${code === 0 ? 'PASS' : 'FAIL'}`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`run-vscode-tests: FAIL: ${e instanceof E2EError ? e.message : (e && e.stack) || e}`);
    process.exit(1);
  },
);
