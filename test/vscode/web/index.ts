/**
 * Entry point of the web suite (`extensionTestsPath`): the tests run in the Node extension host,
 * the tnote extension under test in the browser's web worker extension host (the user settings
 * force it there with `remote.extensionKind`; scripts/e2e/run-all.sh, suite `web`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha = require('mocha');

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60000 });
  for (const f of fs
    .readdirSync(__dirname)
    .filter((n) => n.endsWith('.test.js'))
    .sort())
    mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} web extension test(s) failed`)) : resolve()));
  });
}
