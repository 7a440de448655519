import type { UnitsMethod } from '../billing';
import type { IgnoreList } from '../ignore';
import type { Profile, Range, SeveritySetting } from '../types';
import { buildVocabulary, DEFAULT_VOCABULARY, type ExtraAliases, type Vocabulary } from '../parse/vocabulary';

export interface RequiredElement {
  /** Section title (matched like headings, with aliases). */
  section: string;
  /** Field labels required inside it; empty = only the section. */
  fields: string[];
}

/** The effective settings for one note, from defaults, config files and editor settings. */
export interface ResolvedConfig {
  /** Default payer profile; a note's `payer` overrides it. */
  profile: Profile;
  /** Maps a note's `payer` value (lower case) to a profile. */
  payers: Record<string, Profile>;
  rules: Record<string, SeveritySetting>;
  /**
   * How each payer profile turns timed minutes into units (`profiles.<profile>.units`):
   * `cms` (default) or `per-code` (rules.md v2 item 3).
   */
  units: Partial<Record<Profile, UnitsMethod>>;
  required: RequiredElement[];
  aliases: ExtraAliases;
  vocabulary: Vocabulary;
  /** Absolute path of a CMS ICD-10-CM code file, when configured. */
  icd10CodeFile?: string;
  /** Loaded codes of that file (dotted, upper case). */
  icd10Codes?: ReadonlySet<string>;
  /** Config files that contributed, nearest last. */
  sources: string[];
  /** `ignore:` patterns of the config file, relative to its folder (engine/ignore.ts). */
  ignore?: IgnoreList;
  /** Treat every note as final whatever its `status` (the CLI's `--final`: a billing gate in CI). */
  forceFinal?: boolean;
}

export interface ConfigProblem {
  file: string;
  range: Range;
  /** 1-based line of the problem, for messages. */
  line: number;
  column: number;
  /** 1-based line and column where the problem's range ends (as `line`/`column` when absent). */
  endLine?: number;
  endColumn?: number;
  message: string;
  severity: 'error' | 'warning';
}

export function defaultConfig(): ResolvedConfig {
  return { profile: 'medicare', payers: {}, rules: {}, units: {}, required: [], aliases: {}, vocabulary: DEFAULT_VOCABULARY, sources: [] };
}

export function withVocabulary(c: ResolvedConfig): ResolvedConfig {
  const hasAliases = Object.keys(c.aliases.sections ?? {}).length > 0 || Object.keys(c.aliases.fields ?? {}).length > 0;
  return { ...c, vocabulary: hasAliases ? buildVocabulary(c.aliases) : DEFAULT_VOCABULARY };
}

/** The profile for a note: its `payer` when it names or maps to a profile, else the default. */
export function profileFor(payer: string | undefined, config: ResolvedConfig): Profile {
  if (!payer) return config.profile;
  const p = payer.trim().toLowerCase();
  if (config.payers[p]) return config.payers[p];
  if (p === 'medicare' || p === 'commercial') return p;
  if (p.includes('medicare')) return 'medicare';
  return 'commercial';
}

/** The units method of a payer profile (`cms` unless the configuration says otherwise). */
export function unitsMethodFor(profile: Profile, config: ResolvedConfig): UnitsMethod {
  return config.units?.[profile] ?? 'cms';
}

/**
 * Whether the profile's units method is the payer's own: Medicare's is CMS's by definition; any
 * other profile's only when the configuration sets it (the default `cms` is a guess there).
 */
export function unitsMethodIsPayers(profile: Profile, config: ResolvedConfig): boolean {
  return profile === 'medicare' || config.units?.[profile] !== undefined;
}
