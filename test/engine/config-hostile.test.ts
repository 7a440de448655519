/**
 * A workspace's `.tnoterc.yaml` and the ICD-10-CM code file it names are hostile input (the
 * extension runs in untrusted workspaces): the config loader reads only regular files within a
 * size limit, and anything else is a config problem with its place — never a hang, never gigabytes
 * read. Real files on disk (FIFOs, devices, sparse files), through the language server's
 * non-blocking file access.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigLoader, MAX_CONFIG_BYTES } from '../../server/src/engine/config/load';
import { MAX_CODE_FILE_BYTES } from '../../server/src/engine/knowledge/icd10File';
import { nodeFileAccess } from '../../server/src/node/nodeFs';

/** Rejects when `p` does not settle within `ms` (a read that blocks on a FIFO never settles). */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

/** Opens a FIFO for writing and closes it, so a reader blocked on it (the code before the fix) gets EOF. */
function release(fifo: string): void {
  try {
    fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
  } catch {
    /* nobody is reading it */
  }
}

// FIFOs and /dev/zero are POSIX; on Windows these cases do not exist.
(process.platform === 'win32' ? describe.skip : describe)('configuration: hostile files (POSIX)', () => {
  let root: string;
  const fifos: string[] = [];
  const fifo = (p: string) => {
    execFileSync('mkfifo', [p]);
    fifos.push(p);
    return p;
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-cfg-hostile-'));
  });
  afterEach(() => {
    for (const f of fifos.splice(0)) release(f);
    fs.rmSync(root, { recursive: true, force: true });
  });

  const load = (file: string) => within(new ConfigLoader(nodeFileAccess()).loadConfigFile(file), 3000, `loading ${path.basename(file)}`);

  it('icd10CodeFile: /dev/zero is a config problem at its key, not gigabytes read', async () => {
    const cfg = path.join(root, '.tnoterc.yaml');
    fs.writeFileSync(cfg, 'profile: commercial\nicd10CodeFile: /dev/zero\n');
    const loaded = await load(cfg);
    assert.equal(loaded.config.profile, 'commercial', 'the rest of the config still applies');
    assert.equal(loaded.problems.length, 1);
    assert.equal(loaded.problems[0].line, 2);
    assert.equal(loaded.problems[0].severity, 'error');
    assert.match(loaded.problems[0].message, /"\/dev\/zero": is not a regular file/);
    assert.equal(loaded.config.icd10Codes, undefined);
  });

  it('icd10CodeFile naming a FIFO, or a symlink to one, answers at once', async () => {
    fifo(path.join(root, 'codes.fifo'));
    fs.symlinkSync('codes.fifo', path.join(root, 'codes.txt'));
    for (const name of ['codes.fifo', 'codes.txt']) {
      const cfg = path.join(root, `${name}.tnoterc.yaml`);
      fs.writeFileSync(cfg, `icd10CodeFile: ${name}\n`);
      const loaded = await load(cfg);
      assert.equal(loaded.problems.length, 1, name);
      assert.match(loaded.problems[0].message, /is not a regular file/, name);
    }
  });

  it('a code file over the size limit (sparse) is refused without being read', async () => {
    const big = path.join(root, 'huge.txt');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, MAX_CODE_FILE_BYTES + 1); // sparse: no disk used
    const cfg = path.join(root, '.tnoterc.yaml');
    fs.writeFileSync(cfg, 'icd10CodeFile: huge.txt\n');
    const loaded = await load(cfg);
    assert.equal(loaded.problems.length, 1);
    assert.match(loaded.problems[0].message, /is larger than 32 MB/);
  });

  it('.tnoterc.yaml that is a FIFO, or a symlink to one, is a problem of that file', async () => {
    const a = path.join(root, 'a');
    const b = path.join(root, 'b');
    fs.mkdirSync(a);
    fs.mkdirSync(b);
    fifo(path.join(a, '.tnoterc.yaml'));
    fs.symlinkSync(fifos[0], path.join(b, '.tnoterc.yaml'));
    const loader = new ConfigLoader(nodeFileAccess());
    for (const dir of [a, b]) {
      const loaded = await within(loader.forFile(path.join(dir, 'n.tnote')), 3000, dir);
      assert.equal(loaded.file, path.join(dir, '.tnoterc.yaml'));
      assert.equal(loaded.config.profile, 'medicare', 'defaults apply');
      assert.equal(loaded.problems.length, 1);
      assert.match(loaded.problems[0].message, /^cannot read config file: is not a regular file/);
    }
  });

  it('.tnoterc.yaml over the size limit (sparse) and /dev/zero as an explicit config file', async () => {
    const cfg = path.join(root, '.tnoterc.yaml');
    fs.writeFileSync(cfg, '');
    fs.truncateSync(cfg, MAX_CONFIG_BYTES + 1);
    assert.match((await load(cfg)).problems[0].message, /^cannot read config file: is larger than 1 MB/);
    const loaded = await within(new ConfigLoader(nodeFileAccess()).forFile(path.join(root, 'n.tnote'), { configFile: '/dev/zero' }), 3000, '/dev/zero');
    assert.match(loaded.problems[0].message, /^cannot read config file: is not a regular file/);
  });
});
