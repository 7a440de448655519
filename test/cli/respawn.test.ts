/**
 * `check` and `report` on a machine with 2 cores run in a second process with one V8 worker thread
 * (bin/respawn.js smallPoolCommand / respawnWithSmallPool; issue 13). When it respawns, the
 * result must be the same as without: output, exit status, and a signal to the first process
 * reaches the second.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, REPO_ROOT } from '../helpers/paths';
import { CLEAN, NO_MODIFIER, tempDir } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { smallPoolCommand } = require(path.join(REPO_ROOT, 'bin', 'respawn.js')) as {
  smallPoolCommand: (p: { argv: string[]; execArgv: string[]; env: NodeJS.ProcessEnv; cores: number; script: string }) => string[] | undefined;
};

describe('CLI: one V8 worker thread on a 2-core machine (respawn)', function () {
  this.timeout(60_000);

  describe('when it respawns (smallPoolCommand)', () => {
    const base = { execArgv: [] as string[], env: {}, cores: 2, script: '/x/bin/tnote.js' };
    it('check and report on at most 2 cores, with the node options and arguments passed on', () => {
      assert.deepEqual(smallPoolCommand({ ...base, argv: ['check', 'notes', '--format', 'json'] }), ['--v8-pool-size=1', '/x/bin/tnote.js', 'check', 'notes', '--format', 'json']);
      assert.deepEqual(smallPoolCommand({ ...base, cores: 1, execArgv: ['-r', 'hook.js'], argv: ['report', 'notes'] }), ['--v8-pool-size=1', '-r', 'hook.js', '/x/bin/tnote.js', 'report', 'notes']);
    });
    it('not on more cores, not for other commands or help, not twice', () => {
      assert.equal(smallPoolCommand({ ...base, cores: 4, argv: ['check'] }), undefined);
      for (const argv of [['rules'], ['config', '--print', 'a.tnote'], ['check', '--help'], ['report', '-h'], [], ['--version']])
        assert.equal(smallPoolCommand({ ...base, argv }), undefined, argv.join(' '));
      assert.equal(smallPoolCommand({ ...base, env: { TNOTE_RESPAWNED: '1' }, argv: ['check'] }), undefined);
    });
    it("leaves the user's own pool size alone, and follows TNOTE_V8_POOL", () => {
      assert.equal(smallPoolCommand({ ...base, execArgv: ['--v8-pool-size=3'], argv: ['check'] }), undefined);
      assert.equal(smallPoolCommand({ ...base, env: { NODE_OPTIONS: '--v8-pool-size=0' }, argv: ['check'] }), undefined);
      assert.equal(smallPoolCommand({ ...base, env: { TNOTE_V8_POOL: 'off' }, argv: ['check'] }), undefined);
      assert.deepEqual(smallPoolCommand({ ...base, cores: 16, env: { TNOTE_V8_POOL: '2' }, argv: ['check'] })?.[0], '--v8-pool-size=2');
      assert.equal(smallPoolCommand({ ...base, cores: 16, env: { TNOTE_V8_POOL: 'auto' }, argv: ['check'] }), undefined);
      assert.equal(smallPoolCommand({ ...base, env: { TNOTE_V8_POOL: 'lots' }, argv: ['check'] }), undefined);
    });
  });

  describe('bin/tnote.js, made to respawn (TNOTE_V8_POOL=1)', () => {
    /** Runs the CLI with a preloaded hook that records each process's pid, parent and node options. */
    const runWith = (pool: string, args: string[], dir: string) => {
      const records = tempDir();
      const hook = path.join(records, 'hook.js');
      fs.writeFileSync(
        hook,
        `require('fs').writeFileSync(require('path').join(${JSON.stringify(records)}, process.pid + '.json'), JSON.stringify({ pid: process.pid, ppid: process.ppid, execArgv: process.execArgv }));`,
      );
      const r = spawnSync(process.execPath, ['-r', hook, CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TNOTE_V8_POOL: pool, NODE_OPTIONS: '' }, timeout: 60_000 });
      const procs = fs
        .readdirSync(records)
        .filter((f) => f.endsWith('.json'))
        .map((f) => JSON.parse(fs.readFileSync(path.join(records, f), 'utf8')) as { pid: number; ppid: number; execArgv: string[] });
      fs.rmSync(records, { recursive: true, force: true });
      return { ...r, procs };
    };

    it('checks in a second process with --v8-pool-size=1, with the same output and exit status', () => {
      const dir = tempDir({ 'a.tnote': CLEAN, 'b.tnote': NO_MODIFIER });
      try {
        for (const [args, status] of [
          [['check', '--format', 'json', '.'], 1],
          [['check', 'a.tnote'], 0],
          [['check', 'missing.tnote'], 2],
          [['report', '--format', 'csv', '.'], 0],
        ] as const) {
          const on = runWith('1', [...args], dir);
          const off = runWith('off', [...args], dir);
          assert.equal(on.status, status, `${args.join(' ')}: ${on.stderr}`);
          assert.equal(off.status, status);
          assert.equal(on.stdout, off.stdout, args.join(' '));
          assert.equal(on.stderr, off.stderr, args.join(' '));
          // Two processes, the second started by the first with the pool size; one without.
          assert.equal(on.procs.length, 2, args.join(' '));
          const child = on.procs.find((p) => p.execArgv.includes('--v8-pool-size=1'));
          const parent = on.procs.find((p) => !p.execArgv.includes('--v8-pool-size=1'));
          assert.ok(child && parent && child.ppid === parent.pid, JSON.stringify(on.procs));
          assert.equal(off.procs.length, 1);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('passes SIGTERM on: the checking process ends with the first one', async function () {
      if (process.platform === 'win32') this.skip(); // POSIX signals
      // Enough notes that the check is still running when the signal comes.
      const dir = tempDir(Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`n${i}.tnote`, NO_MODIFIER])));
      const records = tempDir();
      const hook = path.join(records, 'hook.js');
      fs.writeFileSync(hook, `if (process.execArgv.includes('--v8-pool-size=1')) require('fs').writeFileSync(require('path').join(${JSON.stringify(records)}, 'child'), String(process.pid));`);
      try {
        const parent = spawn(process.execPath, ['-r', hook, CLI, 'check', '--format', 'json', dir], { stdio: 'ignore', env: { ...process.env, TNOTE_V8_POOL: '1', NODE_OPTIONS: '' } });
        const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => parent.on('exit', (code, signal) => resolve({ code, signal })));
        const childFile = path.join(records, 'child');
        for (let i = 0; i < 200 && !fs.existsSync(childFile); i++) await new Promise((r) => setTimeout(r, 25));
        const childPid = Number(fs.readFileSync(childFile, 'utf8'));
        assert.ok(childPid > 0);
        parent.kill('SIGTERM');
        const end = await exited;
        assert.equal(end.signal, 'SIGTERM', JSON.stringify(end));
        // The checking process is gone too (not left running on its own).
        let alive = true;
        for (let i = 0; i < 100 && alive; i++) {
          try {
            process.kill(childPid, 0);
            await new Promise((r) => setTimeout(r, 20));
          } catch {
            alive = false;
          }
        }
        assert.equal(alive, false, `process ${childPid} still running`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        fs.rmSync(records, { recursive: true, force: true });
      }
    });
  });
});
