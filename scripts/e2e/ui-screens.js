#!/usr/bin/env node
// @ts-check
'use strict';
// Screens of the draft workflow in a real VS Code workbench (code-server + headless Chromium),
// driven with the keyboard as a user would, for the README:
//   1. draft:    "New Therapy Note from Template…" → 97760 · PT; the first fields typed in, moving with
//                Next Item (Alt+]); the checklist view in the Explorer shows what is done and to do,
//                and the status bar counts the items left.           -> OUT_DIR/screenshot-draft.png
//   2. finished: examples' pt-afo-clean.tnote, "Finalize Note" (status: final); every element done and
//                the claim with the 8-minute-rule arithmetic.        -> OUT_DIR/screenshot-final.png
// Each step checks what it expects to see (the checklist's rows) and fails with a message naming the
// step; on failure a screenshot of that moment is saved as OUT_DIR/screens.failure.png.
//
// Usage:
//   VSIX=FILE.vsix    node scripts/e2e/ui-screens.js WORKSPACE OUT_DIR
//   EXT_DEV_PATH=.    node scripts/e2e/ui-screens.js WORKSPACE OUT_DIR
// WORKSPACE: a copy of the examples (test/e2e/prepare-workspace.js). Environment as ui-smoke.js
// (CS_BIN, TIMEOUT_MS default 120000, COLOR_THEME, VERBOSE, KEEP_E2E_TMP).

const fs = require('fs');
const path = require('path');
const { E2EError, runUiScript, untilDeadline, log, visibleOrFail, shownText } = require('./code-server');

/** What is typed into the new draft, one value per item (Next Item after each). An invented patient. */
const DRAFT_VALUES = [
  'MRN-004512',
  '2026-11-20',
  'Alex Rivera, PT, DPT',
  'M21.371',
  '2',
  '32',
  'lower',
  'L1971',
  'RT',
  '40',
  'Ankle-foot orthosis, plastic, with ankle joint, prefabricated',
  'lower extremity',
  'right',
];

function usage(msg) {
  if (msg) console.error(`ui-screens: ${msg}`);
  console.error('usage: VSIX=FILE|EXT_DEV_PATH=DIR node ui-screens.js WORKSPACE OUT_DIR');
  process.exit(2);
}

function main() {
  const argv = process.argv.slice(2);
  if (argv.length !== 2) usage('expected 2 arguments');
  const workspace = path.resolve(argv[0]);
  const outDir = path.resolve(argv[1]);
  if (!!process.env.VSIX === !!process.env.EXT_DEV_PATH) usage('set exactly one of VSIX or EXT_DEV_PATH');
  if (!fs.existsSync(path.join(workspace, 'pt-afo-clean.tnote'))) usage(`no pt-afo-clean.tnote in ${workspace}`);
  fs.mkdirSync(outDir, { recursive: true });
  const timeoutMs = Number(process.env.TIMEOUT_MS || 120000);

  runUiScript({
    name: 'ui-screens',
    workspace,
    timeoutMs,
    settings: { 'editor.minimap.enabled': false, 'workbench.tree.indent': 12 },
    viewport: { width: 1600, height: 1000 },
    failureShot: path.join(outDir, 'screens.failure.png'),
    steps: async ({ page, deadline, remaining }) => {
      const quickInput = page.locator('.quick-input-widget');
      const checklist = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /therapy note checklist/i }) });

      /** Runs a command from the Command Palette by its title. */
      // Retried: until the extension host has registered the extension, the palette does not list its commands.
      const runCommand = async (title, what) => {
        await untilDeadline(deadline, `the Command Palette did not list "${title}" (${what})`, async (t) => {
          if (await quickInput.isVisible()) await page.keyboard.press('Escape');
          await quickInput.waitFor({ state: 'hidden', timeout: t });
          await page.keyboard.press('F1');
          // Typing goes where the focus is: only once the palette's input has it.
          await page.waitForFunction(() => !!(/** @type {any} */ (globalThis).document.activeElement?.closest('.quick-input-widget')), undefined, { timeout: t, polling: 50 });
          await page.keyboard.type(title);
          // The typing must have gone to the palette (not to an editor that took the focus back).
          const typed = await quickInput
            .locator('input')
            .first()
            .inputValue({ timeout: t })
            .catch(() => '');
          if (!typed.includes(title)) throw new E2EError(`the Command Palette lost the focus while "${title}" was typed (${what})`);
          await quickInput.locator('.monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: t });
        });
        await page.keyboard.press('Enter');
      };
      /** Waits until the checklist view shows a row with this text. */
      const checklistRow = (text, what) =>
        visibleOrFail(
          checklist.locator('.monaco-list-row', { hasText: text }).first(),
          remaining(),
          async () => `timed out: ${what}: the checklist shows no "${text}"; it shows:\n${await shownText(checklist)}`,
        );

      // A wider side bar, so the checklist's rows are readable: drag the sash at its right edge.
      const sidebar = await page.locator('.part.sidebar').boundingBox();
      if (sidebar) {
        await page.mouse.move(sidebar.x + sidebar.width + 1, sidebar.y + sidebar.height / 2);
        await page.mouse.down();
        await page.mouse.move(sidebar.x + sidebar.width + 230, sidebar.y + sidebar.height / 2, { steps: 5 });
        await page.mouse.up();
      }

      // 1. A new draft from the PT template.
      await runCommand('Therapy Notes: New Therapy Note from Template', 'new note');
      await visibleOrFail(quickInput.locator('.monaco-list-row', { hasText: '97760 · PT' }).first(), remaining(), 'timed out: the template picker does not list "97760 · PT"');
      await page.keyboard.type('97760 · PT');
      await page.keyboard.press('Enter');
      await visibleOrFail(page.locator('.tabs-container .tab.active', { hasText: 'Untitled-1' }), remaining(), 'timed out: no editor for the new note');
      log('new draft open');
      // The template's snippet is inserted after the tab opens and then takes the focus: wait for
      // both, or the next command's title could be typed into the note instead of the palette.
      await visibleOrFail(page.locator('.monaco-editor .view-lines', { hasText: 'status: draft' }).first(), remaining(), 'timed out: the new note shows no "status: draft"');
      await page.waitForFunction(() => !!(/** @type {any} */ (globalThis).document.activeElement?.closest('.monaco-editor')), undefined, { timeout: remaining(), polling: 50 });
      // The checklist in view, the file tree folded away.
      await runCommand('Explorer: Focus on Therapy Note Checklist View', 'checklist');
      await checklistRow('Required documentation', 'the draft');
      const folders = page.locator('.pane-header', { hasText: /^examples/i }).first();
      if ((await folders.getAttribute('aria-expanded').catch(() => null)) === 'true') await folders.click();
      // Back to the editor: the first field is selected (a snippet tab stop); type, then Next Item.
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+Home');
      // Next Item asks the server, so its selection arrives after the key press: wait for the status
      // bar's cursor position to show a new selection before typing.
      const position = page.locator('[id="status.editor.selection"]');
      const nextItem = async () => {
        const before = (await position.innerText().catch(() => '')).trim();
        await page.keyboard.press('Alt+BracketRight');
        await page
          .waitForFunction(
            (prev) => {
              const el = /** @type {any} */ (globalThis).document.getElementById('status.editor.selection');
              const now = el ? el.innerText.trim() : '';
              return now !== prev && /selected/.test(now);
            },
            before,
            { timeout: remaining(), polling: 50 },
          )
          .catch(() => {
            throw new E2EError(`timed out: Next Item (Alt+]) selected nothing after "${before}"`);
          });
      };
      await nextItem();
      for (const value of DRAFT_VALUES) {
        await page.keyboard.type(value);
        await nextItem();
      }
      // What was typed is done in the checklist (it follows the diagnostics, a moment after the typing).
      for (const done of ['Date of service', 'Orthosis named (type)', 'Body region']) {
        await visibleOrFail(
          checklist.locator('.monaco-list-row', { hasText: done }).locator('.codicon-pass-filled').first(),
          remaining(),
          `timed out: "${done}" is not marked done in the checklist after typing it`,
        );
      }
      await visibleOrFail(
        checklist.locator('.monaco-list-row', { hasText: 'Safety instruction' }).locator('.codicon-circle-large-outline').first(),
        remaining(),
        'timed out: "Safety instruction" is not marked to do in the checklist',
      );
      // The code lens above the charges is asked for again a moment after the typing: wait for it to follow.
      await visibleOrFail(
        page.locator('.monaco-editor .codelens-decoration', { hasText: 'Billing: 97760-GP × 2 units' }).first(),
        remaining(),
        'timed out: the billing code lens does not show the typed units',
      );
      await visibleOrFail(page.locator('.statusbar-item', { hasText: /97760 note · \d+ items left/ }).first(), remaining(), 'timed out: the status bar does not count the items left');
      const draftShot = path.join(outDir, 'screenshot-draft.png');
      await page.screenshot({ path: draftShot });
      log(`screenshot: ${draftShot}`);

      // 2. A finished note: open the clean example and finalize it.
      await untilDeadline(deadline, 'Quick Open (Ctrl+P) did not open', async (t) => {
        await page.keyboard.press('Control+P');
        await quickInput.waitFor({ state: 'visible', timeout: t });
      });
      await page.keyboard.type('pt-afo-clean.tnote');
      await visibleOrFail(quickInput.locator('.monaco-list-row', { hasText: 'pt-afo-clean.tnote' }).first(), remaining(), 'timed out: Quick Open found no pt-afo-clean.tnote');
      await page.keyboard.press('Enter');
      await visibleOrFail(page.locator('.tabs-container .tab.active', { hasText: 'pt-afo-clean.tnote' }), remaining(), 'timed out: no editor for pt-afo-clean.tnote');
      await runCommand('Therapy Notes: Finalize Note', 'finalize');
      await visibleOrFail(page.locator('.monaco-editor .view-line', { hasText: 'status: final' }).first(), remaining(), 'timed out: Finalize Note did not write status: final');
      await checklistRow(/16 of 16 done/, 'the finished note');
      await checklistRow('8-minute rule', "the finished note's claim");
      await visibleOrFail(page.locator('.statusbar-item', { hasText: '97760-GP × 2 units' }).first(), remaining(), 'timed out: the status bar does not show the billing summary');
      const finalShot = path.join(outDir, 'screenshot-final.png');
      await page.screenshot({ path: finalShot });
      log(`screenshot: ${finalShot}`);
    },
  });
}

main();
