/** `/`-separated path operations for the web-worker server (paths there are URI paths, see workspaceUris.ts). */

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
