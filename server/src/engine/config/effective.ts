/**
 * The effective configuration of a note with the file that set each value (`tnote config
 * --print`): the loaded config replayed in the order the loader applies it — the defaults, then
 * each extended file (depth first, in order), then the file's own settings — with the same rules:
 * `payers`, `rules`, `profiles` and `aliases` add up key by key, `required` and alias lists add up,
 * `profile`, `icd10CodeFile` and `ignore` are replaced.
 */
import { PROFILES } from '../types';
import type { LoadedConfig } from './load';
import { defaultConfig, type ResolvedConfig } from './types';

/** Where a value comes from: a config file's path, or `default`. */
export type Origin = string;

export interface Sourced<T> {
  value: T;
  from: Origin;
}

export interface EffectiveConfig {
  /** Config files that contributed, in the order they apply (nearest last). */
  files: string[];
  profile: Sourced<string>;
  payers: Record<string, Sourced<string>>;
  /** Units method per profile (every profile; `cms` by default). */
  profiles: Record<string, { units: Sourced<string> }>;
  /** Rules whose severity a config file sets (the others keep their default). */
  rules: Record<string, Sourced<string>>;
  required: Sourced<{ section: string; fields: string[] }>[];
  aliases: { sections: Record<string, Sourced<string>[]>; fields: Record<string, Record<string, Sourced<string>[]>> };
  icd10CodeFile?: Sourced<string>;
  /** `ignore:` patterns, relative to `base` (the folder of the file that set them). */
  ignore?: Sourced<{ base: string; patterns: string[] }>;
}

export const DEFAULT_ORIGIN: Origin = 'default';

/** The effective configuration of `loaded` with the origin of every value. */
export function effectiveConfig(loaded: LoadedConfig): EffectiveConfig {
  const d = defaultConfig();
  const out: EffectiveConfig = {
    files: [],
    profile: { value: d.profile, from: DEFAULT_ORIGIN },
    payers: {},
    profiles: Object.fromEntries(PROFILES.map((p) => [p, { units: { value: 'cms', from: DEFAULT_ORIGIN } }])),
    rules: {},
    required: [],
    aliases: { sections: {}, fields: {} },
  };
  const apply = (l: LoadedConfig) => {
    for (const b of l.bases ?? []) apply(b);
    if (!l.file || !l.own) return;
    out.files.push(l.file);
    const from = l.file;
    const c: ResolvedConfig = l.own.config;
    const keys = new Set(l.own.keys);
    if (keys.has('profile')) out.profile = { value: c.profile, from };
    if (keys.has('payers')) for (const [k, v] of Object.entries(c.payers)) out.payers[k] = { value: v, from };
    if (keys.has('profiles')) for (const [k, v] of Object.entries(c.units)) (out.profiles[k] ??= { units: { value: v, from } }).units = { value: v, from };
    if (keys.has('rules')) for (const [k, v] of Object.entries(c.rules)) out.rules[k] = { value: v, from };
    if (keys.has('required')) for (const r of c.required) out.required.push({ value: { section: r.section, fields: [...r.fields] }, from });
    if (keys.has('aliases')) {
      for (const [id, names] of Object.entries(c.aliases.sections ?? {})) (out.aliases.sections[id] ??= []).push(...names.map((value) => ({ value, from })));
      for (const [id, fields] of Object.entries(c.aliases.fields ?? {}))
        for (const [f, names] of Object.entries(fields)) ((out.aliases.fields[id] ??= {})[f] ??= []).push(...names.map((value) => ({ value, from })));
    }
    if (keys.has('icd10CodeFile')) out.icd10CodeFile = c.icd10CodeFile === undefined ? undefined : { value: c.icd10CodeFile, from };
    if (keys.has('ignore')) out.ignore = c.ignore ? { value: { base: c.ignore.base, patterns: [...c.ignore.patterns] }, from } : undefined;
  };
  apply(loaded);
  return out;
}
