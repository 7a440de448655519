/**
 * The `yaml` package's functions the engine calls per note. A bundler turns `import { isMap } from
 * 'yaml'` (a CommonJS package) into a read through a getter on every call; these wrappers read the
 * functions once, on first use — not at load, since the CLI bundle loads yaml only when a note or
 * config needs it (scripts/bundle.js). Types and classes still come from 'yaml' directly.
 */
import * as yaml from 'yaml';

interface Api {
  isAlias: typeof yaml.isAlias;
  isMap: typeof yaml.isMap;
  isPair: typeof yaml.isPair;
  isScalar: typeof yaml.isScalar;
  isSeq: typeof yaml.isSeq;
  parseDocument: typeof yaml.parseDocument;
}

let api: Api | undefined;

function load(): Api {
  return (api ??= { isAlias: yaml.isAlias, isMap: yaml.isMap, isPair: yaml.isPair, isScalar: yaml.isScalar, isSeq: yaml.isSeq, parseDocument: yaml.parseDocument });
}

export function isAlias(node: unknown): node is yaml.Alias {
  return load().isAlias(node);
}

export function isMap<K = unknown, V = unknown>(node: unknown): node is yaml.YAMLMap<K, V> {
  return load().isMap<K, V>(node);
}

export function isPair<K = unknown, V = unknown>(node: unknown): node is yaml.Pair<K, V> {
  return load().isPair<K, V>(node);
}

export function isScalar<T = unknown>(node: unknown): node is yaml.Scalar<T> {
  return load().isScalar<T>(node);
}

export function isSeq<T = unknown>(node: unknown): node is yaml.YAMLSeq<T> {
  return load().isSeq<T>(node);
}

export function parseDocument(source: string, options?: yaml.ParseOptions & yaml.DocumentOptions & yaml.SchemaOptions): yaml.Document.Parsed {
  return load().parseDocument(source, options);
}
