/**
 * Root hooks for every mocha run. After the last test, if something still keeps the process alive
 * 15 s later (a leaked handle: the run would otherwise hang CI until its time limit), print what is
 * left — loudly, so the leak gets fixed — and exit with mocha's own result. The timer is unref'd: a
 * clean run exits as soon as mocha is done and never reaches it.
 */
const GRACE_MS = Number(process.env.TNOTE_MOCHA_GRACE_MS) || 15_000;

function describeHandle(h: unknown): string {
  const name = (h as { constructor?: { name?: string } })?.constructor?.name ?? typeof h;
  if (name === 'ChildProcess') {
    const c = h as { spawnfile?: string; pid?: number };
    return `ChildProcess ${c.spawnfile ?? ''} pid=${c.pid ?? '?'}`;
  }
  return name;
}

export const mochaHooks = {
  afterAll(): void {
    setTimeout(() => {
      const resources = process.getActiveResourcesInfo();
      const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
      console.error(`\nmocha finished ${GRACE_MS / 1000} s ago but ${resources.length} handle(s) keep the process alive (a leak in a test or the code under test): ${resources.join(', ')}`);
      for (const h of handles) console.error(`  - ${describeHandle(h)}`);
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 1);
    }, GRACE_MS).unref();
  },
};
