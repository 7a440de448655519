/** The root hook (test/hooks.ts) ends a run that a leaked handle would keep alive, and says why. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

describe('mocha watchdog', function () {
  this.timeout(30_000);
  it('a run with a leaked interval exits with mocha’s result and names the handle', () => {
    const mocha = require.resolve('mocha/bin/mocha.js');
    const r = spawnSync(process.execPath, [mocha, '--no-config', '--require', path.join(REPO_ROOT, 'out/test/hooks.js'), path.join(REPO_ROOT, 'test/fixtures/mocha/leaky.spec.js')], {
      env: { ...process.env, TNOTE_MOCHA_GRACE_MS: '300' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(r.signal, null, 'the run was killed by the timeout: the watchdog did not end it');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /1 passing/);
    assert.match(r.stderr, /handle\(s\) keep the process alive/);
    assert.match(r.stderr, /Timeout|Timer/);
  });
});
