/**
 * The file access of the web-worker server: a workspace with no files. A browser has no file
 * system the server could read, so the server checks the notes the editor sends it, one by one:
 * no `.tnoterc.yaml` is found (the defaults and the editor settings apply) and no note on disk
 * joins the cross-note rules (notes open in the editor still meet each other there).
 */
import type { FileAccess } from '../engine';

function notFound(path: string): Promise<never> {
  return Promise.reject(Object.assign(new Error(`no file access in the browser: ${path}`), { code: 'ENOENT' }));
}

/** `/`-separated paths without `.` and `..` segments. */
export function normalizePosix(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `${p.startsWith('/') ? '/' : ''}${out.join('/')}` || (p.startsWith('/') ? '/' : '.');
}

export function dirnamePosix(p: string): string {
  const n = normalizePosix(p);
  const i = n.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : n.slice(0, i);
}

export function resolvePosix(dir: string, p: string): string {
  return normalizePosix(p.startsWith('/') ? p : `${dir}/${p}`);
}

export function noFileAccess(): FileAccess {
  return {
    stat: notFound,
    readFile: notFound,
    readDirectory: notFound,
    realPath: notFound,
    join: (dir, name) => normalizePosix(`${dir}/${name}`),
    dirname: dirnamePosix,
    resolve: resolvePosix,
  };
}
