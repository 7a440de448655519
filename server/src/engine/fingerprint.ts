/**
 * Fingerprints that say whether saved results still hold: the rule set's and a resolved config's.
 * The editor's saved workspace index and the CLI's --cache both key their entries on them.
 */
import type { ResolvedConfig } from './config/types';
import { RULES } from './rules/registry';

/** JSON for fingerprints: sets (sorted) and maps as arrays, patterns as their source. */
const plainParts = (_key: string, v: unknown): unknown =>
  v instanceof Set ? [...(v as Set<unknown>)].sort() : v instanceof Map ? [...(v as Map<unknown, unknown>)] : v instanceof RegExp ? String(v) : v;

/** FNV-1a over UTF-16 code units, two lanes: a checksum (not a secret), the same on every host. */
export function checksum(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

let rulesPrint: string | undefined;

/**
 * The rule set's fingerprint: every rule's id and metadata (scope, severities by profile, kind,
 * fixability, tags, sources …), so saved results are dropped when any of it changes. One for the
 * editor's saved index and the CLI's cache.
 */
export function rulesFingerprint(): string {
  return (rulesPrint ??= checksum(JSON.stringify(RULES, plainParts)));
}

const prints = new WeakMap<object, string>();
/** Parts of a config whose JSON is longer than this are fingerprinted once per object; shorter ones are written out. */
const LARGE_PART = 256;

/**
 * A config's fingerprint (every field, code sets included). Configs are often made afresh per file
 * from shared parts (the vocabulary, an ICD-10 code set), so a large part's fingerprint is kept by
 * identity and computed once.
 */
export function configFingerprint(config: ResolvedConfig): string {
  let print = prints.get(config);
  if (print === undefined) {
    const parts = Object.keys(config)
      .sort()
      .map((key) => {
        const value = (config as unknown as Record<string, unknown>)[key];
        if (typeof value !== 'object' || value === null) return [key, value];
        let part = prints.get(value);
        if (part === undefined) {
          part = JSON.stringify(value, plainParts);
          if (part.length > LARGE_PART) {
            part = `#${checksum(part)}`;
            prints.set(value, part);
          }
        }
        return [key, part];
      });
    print = checksum(JSON.stringify(parts));
    prints.set(config, print);
  }
  return print;
}
