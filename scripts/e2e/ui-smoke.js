#!/usr/bin/env node
// @ts-check
'use strict';
// UI smoke test in a real VS Code workbench (code-server + headless Chromium): open a workspace, open
// one file with Quick Open (Ctrl+P), open the Problems panel (Ctrl+Shift+M), wait until the expected
// text shows up in it, and save a screenshot.
//
// Usage:
//   VSIX=dist/tnote.vsix node scripts/e2e/ui-smoke.js WORKSPACE FILE_RELATIVE EXPECTED_TEXT SCREENSHOT_PATH
//   EXT_DEV_PATH=.     node scripts/e2e/ui-smoke.js WORKSPACE FILE_RELATIVE EXPECTED_TEXT SCREENSHOT_PATH
// Environment:
//   VSIX | EXT_DEV_PATH  the extension under test: a packaged .vsix installed into a fresh extensions
//                        dir, or an extension folder loaded as a development extension (exactly one)
//   CS_BIN               code-server binary (default <repo>/.cache/code-server/node_modules/.bin/code-server)
//   TIMEOUT_MS           deadline for the whole UI flow (default 90000)
//   COLOR_THEME          workbench.colorTheme for the screenshot (default "Default Dark Modern")
//   VERBOSE=1            echo every browser console line; KEEP_E2E_TMP=1 keeps user data and logs
// Exit code: 0 when the text appeared; 1 with a message naming the step on failure (a screenshot of
// the failure is saved next to SCREENSHOT_PATH as *.failure.png); 2 on bad usage.

const fs = require('fs');
const path = require('path');
const { E2EError, runUiScript, untilDeadline, log, visibleOrFail, shownText } = require('./code-server');

function usage(msg) {
  if (msg) console.error(`ui-smoke: ${msg}`);
  console.error('usage: VSIX=FILE|EXT_DEV_PATH=DIR node ui-smoke.js WORKSPACE FILE_RELATIVE EXPECTED_TEXT SCREENSHOT_PATH');
  process.exit(2);
}

function main() {
  const argv = process.argv.slice(2);
  if (argv.length !== 4) usage('expected 4 arguments');
  const [workspaceArg, fileRel, expectedText, screenshotArg] = argv;
  const workspace = path.resolve(workspaceArg);
  const screenshotPath = path.resolve(screenshotArg);
  if (!!process.env.VSIX === !!process.env.EXT_DEV_PATH) usage('set exactly one of VSIX or EXT_DEV_PATH');
  if (!fs.existsSync(path.join(workspace, fileRel))) usage(`file not found: ${path.join(workspace, fileRel)}`);
  const timeoutMs = Number(process.env.TIMEOUT_MS || 90000);

  runUiScript({
    name: 'ui-smoke',
    workspace,
    timeoutMs,
    settings: {},
    failureShot: screenshotPath.replace(/(\.png)?$/i, '.failure.png'),
    steps: async ({ page, deadline, remaining }) => {
      // Quick Open: retried because key presses before the keybinding service is ready are dropped.
      const quickInput = page.locator('.quick-input-widget');
      await untilDeadline(deadline, 'Quick Open (Ctrl+P) did not open', async (t) => {
        await page.keyboard.press('Control+P');
        await quickInput.waitFor({ state: 'visible', timeout: t });
      });
      const basename = path.basename(fileRel);
      await page.keyboard.type(fileRel);
      // The file search runs on the server (ripgrep); wait for a result row naming the file.
      const row = quickInput.locator('.monaco-list-row', { hasText: basename }).first();
      await visibleOrFail(row, remaining(), `timed out: Quick Open found no "${fileRel}"`);
      await page.keyboard.press('Enter');
      await visibleOrFail(page.locator('.tabs-container .tab.active', { hasText: basename }), remaining(), `timed out: no editor tab for ${basename}`);
      log(`opened ${fileRel}`);

      const markers = page.locator('.markers-panel');
      await untilDeadline(deadline, 'the Problems panel (Ctrl+Shift+M) did not open', async (t) => {
        await page.keyboard.press('Control+Shift+M');
        await markers.waitFor({ state: 'visible', timeout: t });
      });
      log('Problems panel open');

      await page
        .waitForFunction(
          // Runs in the page: `document` is the workbench's.
          (text) => [.../** @type {any} */ (globalThis).document.querySelectorAll('.markers-panel')].some((el) => el.innerText.includes(text)),
          expectedText,
          { timeout: remaining(), polling: 100 },
        )
        .catch(async () => {
          throw new E2EError(`timed out: "${expectedText}" did not appear in the Problems panel; it shows:\n${await shownText(markers)}`);
        });
      log(`Problems panel shows "${expectedText}"`);

      // Let the editor paint its squiggles before the picture: wait for the decoration, not a fixed time.
      await page
        .locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info')
        .first()
        .waitFor({ state: 'attached', timeout: Math.min(5000, remaining()) })
        .catch(() => {});
      fs.mkdirSync(path.dirname(screenshotPath), { recursive: true });
      await page.screenshot({ path: screenshotPath });
      log(`screenshot: ${screenshotPath}`);
    },
  });
}

main();
