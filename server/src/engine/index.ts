/**
 * The engine's public surface: pure functions over text, no editor or LSP imports, no file system
 * of its own (hosts pass a {@link FileAccess}). Adapters (CLI, language server) import the engine
 * only from here.
 */
export * from './types';
export * from './text';
export * from './lint';
export * from './fix';
export * from './fixAll';
export * from './fs';
export * from './walk';
export * from './pipeline';
export { parseNote, type Note } from './parse/note';
export { RULES, ruleById } from './rules/registry';
export { docsPath, type NoteDigest, type Rule, type RuleMeta } from './rules/types';
export * from './config/types';
export { CONFIG_FILE_NAMES, ConfigLoader, parseConfigText, type CodeFileHost, type LoadedConfig, type SettingsOverrides } from './config/load';
