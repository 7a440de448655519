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
export * from './ignore';
export * from './pipeline';
export { checksum, configFingerprint, rulesFingerprint } from './fingerprint';
export { parseNote, type Note } from './parse/note';
export { RULES, ruleById } from './rules/registry';
export { docsPath, type NoteDigest, type Rule, type RuleMeta } from './rules/types';
export * from './config/types';

// The front-matter schema: one table for rules, completion, hover and the reference docs.
export {
  allowedValue,
  CHARGE_KEYS,
  CHARGE_SCHEMA,
  FRONT_MATTER_KEYS,
  FRONT_MATTER_SCHEMA,
  keySpec,
  requiredText,
  typeText,
  type AllowedValue,
  type KeySpec,
  type RequiredWhen,
  type ValueType,
} from './parse/schema';

// The billing summary: one computation for the time/unit rules and every billing view.
export {
  assistantUnits,
  billingLine,
  billingSummary,
  billingSummaryFor,
  timedUnits,
  unitsArithmetic,
  UNITS_METHODS,
  type AssistantUnits,
  type BillingLine,
  type BillingSummary,
  type Shown,
  type TimedService,
  type TimedTotal,
  type TimedUnits,
  type TreatmentTotal,
  type UnitsMethod,
} from './billing';
export type { Charge, Facts } from './parse/facts';

// Knowledge tables read by editor features (completion, hover).
export { CPT_CODES, cptInfo } from './knowledge/cpt';
export { EXAMPLE_LCODES, isLCode, lcodeKind } from './knowledge/hcpcs';
export { isIcd10Shaped, KNOWN_ICD10, normalizeIcd10, NON_BILLABLE_HEADERS } from './knowledge/icd10';
export { MODIFIERS, modifiersForDiscipline, type Discipline } from './knowledge/modifiers';
export { minutesRangeForUnits } from './knowledge/units';
export { SECTIONS } from './parse/vocabulary';
export { CONFIG_FILE_NAMES, ConfigLoader, parseConfigText, type CodeFileHost, type LoadedConfig, type SettingsOverrides } from './config/load';
export { DEFAULT_ORIGIN, effectiveConfig, type EffectiveConfig, type Sourced } from './config/effective';
export { applyStatus, noteStatus } from './status';

// Draft workflow: the items left to fill, the checklist of required elements, finalizing.
export { noteItems, type NoteItem } from './items';
export { noteChecklist, noteTitle, type Checklist, type ChecklistElement, type ChecklistTarget, type ClaimRow, type ElementState } from './checklist';
export { finalizeCheck, signatureDateEdit, statusEdit, type FinalizeCheck } from './finalize';
export { noteFromTemplate, templateSnippet } from './template';
export { primarySource } from './rules/catalog';
export { SOURCES, type SourceInfo } from './knowledge/sources';
