/**
 * Issue 12, the language server's side: a hostile workspace (config and code files that are FIFOs,
 * devices or huge), an exact workspace index (ordered updates per file, removed folders, one note
 * per real file), config changes that do not pile up, and logging that stays quiet.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { fileUri, LspTestClient } from './helpers/lspClient';

const CLEAN = fs.readFileSync(path.join(REPO_ROOT, 'test', 'lsp', 'fixtures', 'clean-97760-pt.tnote'), 'utf8');
const RULE = 'repeat-initial-encounter';
const POSIX = process.platform !== 'win32';

/** Opens a FIFO for writing and closes it, so a reader blocked on it gets EOF (cleanup only). */
function release(fifo: string): void {
  try {
    fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
  } catch {
    /* nobody is reading it */
  }
}

describe('LSP: hardening (issue 12)', function () {
  let dir: string;
  let client: LspTestClient | undefined;
  const fifos: string[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-lsp-hard-'));
  });
  afterEach(() => {
    client?.kill();
    client = undefined;
    for (const f of fifos.splice(0)) release(f);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  (POSIX ? describe : describe.skip)('hostile config and code files (POSIX)', () => {
    for (const kind of ['a FIFO as icd10CodeFile', '/dev/zero as icd10CodeFile', '.tnoterc.yaml a symlink to a FIFO']) {
      it(`${kind}: notes are still checked, across notes too`, async () => {
        const cfg = path.join(dir, '.tnoterc.yaml');
        if (kind.startsWith('a FIFO')) {
          execFileSync('mkfifo', [path.join(dir, 'codes.txt')]);
          fifos.push(path.join(dir, 'codes.txt'));
          fs.writeFileSync(cfg, 'icd10CodeFile: codes.txt\n');
        } else if (kind.startsWith('/dev/zero')) {
          fs.writeFileSync(cfg, 'icd10CodeFile: /dev/zero\n');
        } else {
          execFileSync('mkfifo', [path.join(dir, 'pipe')]);
          fifos.push(path.join(dir, 'pipe'));
          fs.symlinkSync('pipe', cfg);
        }
        const earlier = path.join(dir, 'first.tnote');
        const later = path.join(dir, 'second.tnote');
        fs.writeFileSync(earlier, CLEAN);
        fs.writeFileSync(later, CLEAN.replace(/2026-11-20/g, '2026-12-01'));
        client = await LspTestClient.start({ workspaceFolders: [dir] });
        const uri = fileUri(later);
        await client.open(uri, CLEAN.replace(/2026-11-20/g, '2026-12-01'));
        // The earlier note on disk was indexed (the config problem did not stop the index).
        await client.waitForCurrentDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === RULE), 6000);
      });
    }
  });
});
