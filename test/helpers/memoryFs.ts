/**
 * An in-memory {@link FileAccess} for engine tests: POSIX paths, files, folders, symbolic links
 * (relative or absolute, resolved like the kernel does, 40 hops at most) and "other" nodes
 * (devices, pipes). Counts calls so tests can check what the engine did.
 */
import * as path from 'node:path';
import type { DirectoryEntry, FileAccess, FileStat, ReadFileOptions } from '../../server/src/engine';

type Node = { type: 'file'; data: Uint8Array; mtimeMs: number } | { type: 'dir' } | { type: 'link'; target: string } | { type: 'other' } | { type: 'unreadable' };

function fail(code: string, p: string): never {
  throw Object.assign(new Error(`${code}: ${p}`), { code });
}

export class MemoryFs implements FileAccess {
  private readonly nodes = new Map<string, Node>([['/', { type: 'dir' }]]);
  readonly calls = { stat: 0, readFile: 0, readDirectory: 0, realPath: 0 };

  file(p: string, content: string | Uint8Array, mtimeMs = 1): this {
    return this.put(p, { type: 'file', data: typeof content === 'string' ? new TextEncoder().encode(content) : content, mtimeMs });
  }
  dir(p: string): this {
    return this.put(p, { type: 'dir' });
  }
  link(p: string, target: string): this {
    return this.put(p, { type: 'link', target });
  }
  other(p: string): this {
    return this.put(p, { type: 'other' });
  }
  /** A folder whose listing fails with EACCES. */
  unreadable(p: string): this {
    return this.put(p, { type: 'unreadable' });
  }
  text(p: string): string {
    const n = this.nodes.get(this.follow(p, true));
    if (n?.type !== 'file') fail('ENOENT', p);
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(n.data);
  }

  private put(p: string, node: Node): this {
    const abs = path.posix.resolve('/', p);
    for (let d = path.posix.dirname(abs); !this.nodes.has(d); d = path.posix.dirname(d)) this.nodes.set(d, { type: 'dir' });
    this.nodes.set(abs, node);
    return this;
  }

  /** The real path of `p`: every link resolved (the last one too when `followLast`). */
  private follow(p: string, followLast: boolean): string {
    let hops = 0;
    let pending = path.posix.resolve('/', p).split('/').filter(Boolean);
    let at = '/';
    while (pending.length) {
      const name = pending.shift()!;
      const next = path.posix.join(at, name);
      const node = this.nodes.get(next);
      if (!node) fail('ENOENT', p);
      if (node.type === 'link' && (followLast || pending.length > 0)) {
        if (++hops > 40) fail('ELOOP', p);
        pending = [...path.posix.resolve(at, node.target).split('/').filter(Boolean), ...pending];
        at = '/';
        continue;
      }
      if (pending.length > 0 && node.type !== 'dir' && node.type !== 'unreadable') fail('ENOTDIR', p);
      at = next;
    }
    return at;
  }

  async stat(p: string): Promise<FileStat> {
    this.calls.stat++;
    const n = this.nodes.get(this.follow(p, true))!;
    if (n.type === 'file') return { kind: 'file', size: n.data.length, mtimeMs: n.mtimeMs };
    return { kind: n.type === 'dir' || n.type === 'unreadable' ? 'directory' : 'other', size: 0, mtimeMs: 0 };
  }

  async readFile(p: string, options: ReadFileOptions = {}): Promise<Uint8Array> {
    this.calls.readFile++;
    const n = this.nodes.get(this.follow(p, true))!;
    if (n.type === 'file') return options.maxBytes !== undefined && n.data.length > options.maxBytes ? fail('EFBIG', p) : n.data;
    return fail(n.type === 'dir' ? 'EISDIR' : 'EINVAL', p);
  }

  async readDirectory(p: string): Promise<DirectoryEntry[]> {
    this.calls.readDirectory++;
    const real = this.follow(p, true);
    const n = this.nodes.get(real)!;
    if (n.type === 'unreadable') fail('EACCES', p);
    if (n.type !== 'dir') fail('ENOTDIR', p);
    const out: DirectoryEntry[] = [];
    for (const [q, node] of this.nodes) {
      if (q === real || path.posix.dirname(q) !== real) continue;
      out.push({ name: path.posix.basename(q), kind: node.type === 'link' ? 'symlink' : node.type === 'dir' || node.type === 'unreadable' ? 'directory' : node.type === 'file' ? 'file' : 'other' });
    }
    return out.reverse(); // not sorted: the engine must not rely on the order
  }

  async realPath(p: string): Promise<string> {
    this.calls.realPath++;
    return this.follow(p, true);
  }

  join(dir: string, name: string): string {
    return path.posix.join(dir, name);
  }

  dirname(p: string): string {
    return path.posix.dirname(p);
  }

  resolve(dir: string, p: string): string {
    return path.posix.resolve(dir, p);
  }
}
