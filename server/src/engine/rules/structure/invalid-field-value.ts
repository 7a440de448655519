import { isSeq } from '../../yaml';
import { replace } from '../../edit';
import { intValue, type Charge } from '../../parse/facts';
import type { FmValue } from '../../parse/frontMatter';
import { allowedValue, CHARGE_KEYS, CHARGE_SCHEMA, FRONT_MATTER_KEYS, FRONT_MATTER_SCHEMA, keyForSynonym, type KeySpec } from '../../parse/schema';
import type { Fix } from '../../types';
import type { NoteRule, RuleReport } from '../types';
import { isEmptyValue, nearest, readableFrontMatter } from './util';

function enumFixes(spec: KeySpec, v: FmValue, written: string): Fix[] {
  const values = (spec.values ?? []).map((x) => x.value);
  const preferred = spec.valueSynonyms?.[written.trim().toLowerCase()];
  const order = preferred ? [preferred, ...values.filter((x) => x !== preferred)] : values;
  return order.map((value) => ({ title: `Set \`${spec.key}: ${value}\``, kind: 'choice' as const, edits: [replace(v.range, value)] }));
}

/** Checks one enumerated value (case-insensitive); an empty value is left to the rule that requires the key. */
function checkEnum(spec: KeySpec, v: FmValue | undefined, report: (r: RuleReport) => void): void {
  if (!v || v.placeholder || isEmptyValue(v)) return;
  const written = typeof v.value === 'string' || typeof v.value === 'number' || typeof v.value === 'boolean' ? String(v.value) : '';
  if (written && allowedValue(spec, written)) return;
  report({
    range: v.range,
    message: `\`${spec.key}\` must be one of ${(spec.values ?? []).map((x) => x.value).join(', ')} (${spec.noun}).`,
    fixes: written ? enumFixes(spec, v, written) : [],
  });
}

/** A leading whole number followed by a unit word (`31 min`, `2 units`): the number it means. */
function impliedCount(text: string): number | undefined {
  const m = /^\s*(\d+)(?:\s*(?:(?:min(?:ute)?s?|m|units?|u)\.?|\.))?\s*$/i.exec(text);
  return m && Number.isSafeInteger(Number(m[1])) ? Number(m[1]) : undefined;
}

function checkCount(spec: KeySpec, v: FmValue | undefined, what: string, report: (r: RuleReport) => void): void {
  const key = spec.key;
  if (!v || v.placeholder) return;
  if (isEmptyValue(v)) {
    if (spec.emptyIsInvalid) report({ range: v.keyRange, message: `\`${key}\` has no value: enter ${what} as a whole number (0 or more), or remove the key.` });
    return;
  }
  if (intValue(v) !== undefined) return;
  const implied = typeof v.value === 'string' ? impliedCount(v.value) : undefined;
  const tooLarge = /^\s*\d{16,}\s*$/.test(typeof v.value === 'string' ? v.value : v.text) || (typeof v.value === 'number' && v.value > Number.MAX_SAFE_INTEGER);
  report({
    range: v.range.end > v.range.start ? v.range : v.keyRange,
    message: tooLarge ? `\`${key}\` is too large to be ${what}; enter the real number.` : `\`${key}\` must be a whole number of 0 or more (${what}); write only the number.`,
    fixes: implied !== undefined ? [{ title: `Set \`${key}: ${implied}\``, kind: 'safe', edits: [replace(v.range, String(implied))] }] : [],
  });
}

function renameFixes(v: FmValue, suggestion: string | undefined, taken: Map<string, FmValue>): Fix[] {
  if (!suggestion || taken.has(suggestion)) return [];
  return [{ title: `Rename to \`${suggestion}\``, kind: 'choice', edits: [replace(v.keyRange, suggestion)] }];
}

/** Checks a value against its spec: enums and whole numbers (other types have rules of their own). */
function checkValue(spec: KeySpec, v: FmValue | undefined, what: string, report: (r: RuleReport) => void): void {
  if (spec.type === 'enum') checkEnum(spec, v, report);
  else if (spec.type === 'count') checkCount(spec, v, what, report);
}

function checkCharge(charge: Charge, report: (r: RuleReport) => void): void {
  const n = charge.index + 1;
  if (!charge.isMapping) {
    report({
      range: charge.range,
      message: `Charge line ${n} is not written as \`key: value\` pairs: write it as \`- code: …\` with its modifiers, units and minutes.`,
    });
    return;
  }
  for (const [key, v] of charge.entries) {
    if (CHARGE_KEYS.includes(key)) continue;
    const suggestion = keyForSynonym(key, true) ?? nearest(key, CHARGE_KEYS);
    report({
      range: v.keyRange,
      message: `Charge line ${n} has an unknown key \`${key}\`: a charge line takes only ${CHARGE_KEYS.join(', ')}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}.`,
      fixes: renameFixes(v, suggestion, charge.entries),
    });
  }
  for (const spec of CHARGE_SCHEMA) checkValue(spec, charge.entries.get(spec.key), `${spec.noun} on charge line ${n}`, report);
}

/** note-format.md §1: enumerated and numeric front-matter values (as the schema in parse/schema.ts declares them), and the shape of `charges`. */
export const invalidFieldValue: NoteRule = {
  id: 'invalid-field-value',
  description: 'A front-matter value is not one the schema allows: an enumerated value (discipline, encounter, status…), a whole number (units, minutes…), or an unknown charge key.',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['structure'],
  references: ['SRC-CMS-MCPM-CH5', 'SRC-AOTA-ORTHOTICS'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    if (!readableFrontMatter(note)) return;
    const entries = note.facts.entries;
    for (const spec of FRONT_MATTER_SCHEMA) checkValue(spec, entries.get(spec.key), spec.noun, report);

    const ch = note.facts.chargesValue;
    if (ch && !ch.placeholder && !isEmptyValue(ch)) {
      if (!ch.node || !isSeq(ch.node)) {
        report({
          range: ch.range.end > ch.range.start ? ch.range : ch.keyRange,
          message: '`charges` must be a list of charge lines, each starting with `- code:`.',
        });
      } else {
        for (const charge of note.facts.charges) {
          if (!charge.node) continue; // an empty `-` item: nothing written yet
          checkCharge(charge, report);
        }
      }
    }

    for (const [key, v] of entries) {
      if (FRONT_MATTER_KEYS.includes(key)) continue;
      const suggestion = keyForSynonym(key) ?? nearest(key, FRONT_MATTER_KEYS);
      report({
        range: v.keyRange,
        severity: 'info',
        message: `\`${key}\` is not a known front-matter key; the checker ignores it${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}.`,
        fixes: renameFixes(v, suggestion, entries),
      });
    }
  },
};
