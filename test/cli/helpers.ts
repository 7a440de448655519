/** Shared by the CLI tests: spawns the real `tnote` command (bin/tnote.js → dist/cli.js) on notes in temp folders. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, FIXTURES, REPO_ROOT } from '../helpers/paths';

export const CLEAN = fs.readFileSync(path.join(FIXTURES, 'clean-97760-pt.tnote'), 'utf8');
/** One error (missing-discipline-modifier, 10:11, safe fix). */
export const NO_MODIFIER = CLEAN.replace('    modifiers: [GP]\n', '');
/** A note started from the PT template: a draft, every field still a placeholder. */
export const DRAFT = fs.readFileSync(path.join(REPO_ROOT, 'templates', '97760-pt.tnote'), 'utf8').replace(/^status: template$/m, 'status: draft');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(args: string[], cwd: string, env: Record<string, string> = {}): RunResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-cli-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}
