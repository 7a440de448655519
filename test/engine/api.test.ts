/**
 * The engine's boundary: adapters (CLI, language server, Node file access) import the engine
 * only through its public surface `server/src/engine/index.ts`, and the engine reaches no file
 * system, editor or Node module of its own (hosts pass a FileAccess).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

const SRC = path.join(REPO_ROOT, 'server', 'src');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]+?\bfrom\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
}

describe('engine boundary', () => {
  it('adapters import the engine only from engine/index.ts', () => {
    const bad: string[] = [];
    for (const area of ['cli', 'lsp', 'node']) {
      for (const file of tsFiles(path.join(SRC, area))) {
        const rel = path.relative(SRC, file).split(path.sep).join('/');
        for (const spec of imports(file)) {
          if (!spec.startsWith('.')) continue;
          const target = path
            .relative(SRC, path.resolve(path.dirname(file), spec))
            .split(path.sep)
            .join('/');
          if (target.startsWith('engine/') || (target.startsWith('engine') && target !== 'engine' && target !== 'engine/index')) bad.push(`${rel} imports ${spec}`);
        }
      }
    }
    assert.deepEqual(bad, []);
  });

  it('the engine imports no Node module, editor API or adapter', () => {
    const bad: string[] = [];
    for (const file of tsFiles(path.join(SRC, 'engine'))) {
      const rel = path.relative(SRC, file).split(path.sep).join('/');
      for (const spec of imports(file)) {
        const target = spec.startsWith('.')
          ? path
              .relative(SRC, path.resolve(path.dirname(file), spec))
              .split(path.sep)
              .join('/')
          : spec;
        const nodeBuiltin = spec.startsWith('node:') || ['fs', 'path', 'os', 'url', 'child_process', 'worker_threads', 'crypto'].includes(spec);
        if (nodeBuiltin || spec.startsWith('vscode') || (spec.startsWith('.') && !target.startsWith('engine/'))) bad.push(`${rel} imports ${spec}`);
      }
    }
    assert.deepEqual(bad, []);
  });
});
