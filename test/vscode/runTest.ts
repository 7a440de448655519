/**
 * Runs the VS Code suite with @vscode/test-electron: uses `VSCODE_EXECUTABLE` when set, otherwise
 * downloads VS Code. Where neither works it fails loudly (exit 1) — it never passes silently.
 * Build first: `node scripts/bundle.js && tsc -p test/vscode`, then `node out/vscode-test/runTest.js`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '..', '..');
  const extensionTestsPath = path.join(__dirname, 'index.js');
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js')) || !fs.existsSync(path.join(root, 'dist', 'server.js'))) {
    console.error('test:vscode: dist/extension.js or dist/server.js is missing; run `node scripts/bundle.js` first.');
    return 1;
  }
  let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
  if (vscodeExecutablePath && !fs.existsSync(vscodeExecutablePath)) {
    console.error(`test:vscode: VSCODE_EXECUTABLE=${vscodeExecutablePath} does not exist.`);
    return 1;
  }
  if (!vscodeExecutablePath) {
    try {
      vscodeExecutablePath = await downloadAndUnzipVSCode({ version: '1.100.3', cachePath: path.join(root, '.cache', 'vscode-test') });
    } catch (err) {
      console.error(
        'test:vscode: FAILED — VS Code could not be downloaded and VSCODE_EXECUTABLE is not set.\n' +
          `  reason: ${(err as Error).message}\n` +
          '  Set VSCODE_EXECUTABLE to a VS Code binary, or run the suite inside code-server (scripts/e2e/run-vscode-tests.js).',
      );
      return 1;
    }
  }
  // A private copy of the examples (+ test/e2e/workspace/ fixtures) as the workspace, so the tests
  // never change the repository; the same workspace the code-server route uses.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script outside this TypeScript project
  const { prepareWorkspace } = require(path.join(root, 'test', 'e2e', 'prepare-workspace.js')) as { prepareWorkspace: () => string };
  const workspace = prepareWorkspace();
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { TNOTE_REPO_ROOT: root },
    });
    return 0;
  } catch (err) {
    console.error(`test:vscode: tests failed: ${(err as Error).message}`);
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

void main().then((code) => process.exit(code));
