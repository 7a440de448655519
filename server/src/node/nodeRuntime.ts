/** The LSP layer's runtime ({@link LspRuntime}) on Node: file paths, `file:` URIs, the package on disk. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LspRuntime, LspStorage } from '../lsp/runtime';

/** The package root: the first folder at or above `start` with a package.json (dist/ → its parent). */
function findPackageRoot(start: string): string {
  for (let d = start; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) return path.dirname(start);
  }
}

/** The package's version and this bundle's size and time: a rebuild is another build. */
function buildId(packageRoot: string): string {
  let version = '0.0.0';
  try {
    version = String((JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version?: unknown }).version);
  } catch {
    /* no package.json: the bundle's stamp still tells builds apart */
  }
  let stamp = '';
  try {
    const s = fs.statSync(__filename);
    stamp = `${s.size}-${Math.round(s.mtimeMs)}`;
  } catch {
    /* not on disk */
  }
  return `${version}+${stamp}`;
}

function nodeStorage(packageRoot: string): LspStorage {
  return {
    build: buildId(packageRoot),
    async read(folder, name, maxBytes) {
      let handle: fs.promises.FileHandle;
      try {
        // Opened without blocking on a pipe, checked on the open descriptor.
        handle = await fs.promises.open(path.join(folder, name), fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
      } catch (e) {
        if ((e as { code?: unknown }).code === 'ENOENT') return undefined;
        throw e;
      }
      try {
        const s = await handle.stat();
        if (!s.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EINVAL' });
        if (s.size > maxBytes) throw Object.assign(new Error(`larger than ${maxBytes} bytes`), { code: 'EFBIG' });
        return await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    },
    async write(folder, name, text) {
      await fs.promises.mkdir(folder, { recursive: true });
      const target = path.join(folder, name);
      const temp = `${target}.${process.pid}.${Date.now().toString(36)}.tmp`;
      try {
        await fs.promises.writeFile(temp, text, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
        await fs.promises.rename(temp, target);
      } catch (e) {
        await fs.promises.rm(temp, { force: true }).catch(() => undefined);
        throw e;
      }
    },
  };
}

/**
 * A POSIX absolute path of plain ASCII names (no `%`, `\\`, `?`, `#`, control characters, empty,
 * `.` or `..` segments, trailing slash): turning it into a `file:` URI and back gives it unchanged.
 */
const PLAIN_PATH = /^(?:\/[\w.~!$&'()*+,;=:@ -]+)+$/;
const DOT_SEGMENT = /\/\.\.?(?=\/|$)/;

/** The key `uriKey` gives a path's URI (its decoded path; lower case where paths ignore case). */
function pathKeyOf(p: string): string {
  if (process.platform !== 'win32' && PLAIN_PATH.test(p) && !DOT_SEGMENT.test(p)) return p;
  const uri = pathToFileURL(p).toString();
  let back: string;
  try {
    back = fileURLToPath(uri);
  } catch {
    return uri; // as uriKey does for a URI it cannot turn into a path
  }
  return process.platform === 'win32' ? back.toLowerCase() : back;
}

export function nodeRuntime(): LspRuntime {
  const packageRoot = findPackageRoot(__dirname);
  return {
    uriToPath(uri) {
      if (!uri.startsWith('file:')) return undefined;
      try {
        return fileURLToPath(uri);
      } catch {
        return undefined;
      }
    },
    pathToUri: (p) => pathToFileURL(p).toString(),
    pathKey: pathKeyOf,
    basename: (p) => path.basename(p),
    relative: (from, to) => path.relative(from, to),
    isAbsolute: (p) => path.isAbsolute(p),
    join: (...parts) => path.join(...parts),
    dirname: (p) => path.dirname(p),
    resolve: (dir, p) => path.resolve(dir, p),
    defaultFolder: () => process.cwd(),
    caseInsensitivePaths: process.platform === 'win32',
    docsUri: (packagePath) => pathToFileURL(path.join(packageRoot, packagePath)).toString(),
    yieldToEventLoop: () => new Promise<void>((resolve) => setImmediate(resolve)),
    storage: nodeStorage(packageRoot),
  };
}
