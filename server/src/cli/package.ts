/**
 * What the CLI knows about its own package: the version, where the rule pages are published and
 * where the rule docs shipped with it lie. The bundle (dist/cli.js) sits one folder below the
 * package root (the compiled copy the tests load, out/server/src/cli, four below), so both are tried.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface PackageJson {
  version?: string;
  repository?: string | { url?: string };
}

const ROOTS = [path.join(__dirname, '..'), path.join(__dirname, '..', '..', '..', '..')];

function findRoot(): { root: string; pkg: PackageJson } | undefined {
  for (const root of ROOTS) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson & { name?: string };
      if (pkg.name === 'tnote') return { root, pkg };
    } catch {
      /* try the next location */
    }
  }
  return undefined;
}

const found = findRoot();

export const PACKAGE_ROOT = found?.root;
export const VERSION = found?.pkg.version ?? '0.0.0';

/**
 * The web address of the project's repository (`repository` in package.json, a git URL made a web
 * page: `git+https://host/owner/name.git` -> `https://host/owner/name`), if it has one.
 */
export function repositoryWebUrl(pkg: PackageJson | undefined = found?.pkg): string | undefined {
  const raw = typeof pkg?.repository === 'string' ? pkg.repository : pkg?.repository?.url;
  if (!raw) return undefined;
  let url = raw.replace(/^git\+/, '').replace(/\.git$/, '');
  while (url.endsWith('/')) url = url.slice(0, -1);
  return /^https:\/\/[^\s/]+\/\S+$/.test(url) ? url : undefined;
}

/** Where a rule's page is published (the rule docs on the repository's main branch). */
export function ruleDocUrl(ruleId: string): string | undefined {
  const base = repositoryWebUrl();
  return base ? `${base}/blob/main/docs/rules/${encodeURIComponent(ruleId)}.md` : undefined;
}

/** Where the configuration is documented (for `config-invalid`). */
export function configDocUrl(): string | undefined {
  const base = repositoryWebUrl();
  return base ? `${base}/blob/main/README.md#configuration-tnotercyaml` : undefined;
}

/** A rule's page as shipped with the package (docs/rules/<id>.md), or undefined when it is not there. */
export function ruleDocMarkdown(ruleId: string): string | undefined {
  if (!PACKAGE_ROOT || !/^[a-z0-9-]+$/.test(ruleId)) return undefined;
  try {
    return fs.readFileSync(path.join(PACKAGE_ROOT, 'docs', 'rules', `${ruleId}.md`), 'utf8');
  } catch {
    return undefined;
  }
}
