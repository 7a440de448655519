/**
 * Entry point loaded by VS Code's extension host (`extensionTestsPath`): runs the suite with
 * mocha 11 (CommonJS; mocha 12 is ESM-only and cannot be required here).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha = require('mocha');

export function run(): Promise<void> {
  // TNOTE_E2E_GREP (set for the runner, it reaches the extension host): run only the matching tests, while debugging.
  const grep = process.env.TNOTE_E2E_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60000, ...(grep ? { grep } : {}) });
  const dir = path.join(__dirname, 'suite');
  for (const f of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.test.js'))
    .sort())
    mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} VS Code test(s) failed`)) : resolve()));
  });
}
