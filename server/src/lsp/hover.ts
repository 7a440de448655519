/**
 * Hover: codes, modifiers and ICD-10 codes in our own words; front-matter keys; section and field
 * meanings; and for a charge line the units its minutes support under the 8-minute rule.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { Note } from '../engine';
import { cptInfo } from '../engine/knowledge/cpt';
import { EXAMPLE_LCODES, isLCode, lcodeKind } from '../engine/knowledge/hcpcs';
import { isIcd10Shaped, KNOWN_ICD10, normalizeIcd10, NON_BILLABLE_HEADERS } from '../engine/knowledge/icd10';
import { MODIFIERS } from '../engine/knowledge/modifiers';
import { minutesRangeForUnits, unitsForMinutes } from '../engine/knowledge/units';
import { intValue, type Charge } from '../engine/parse/facts';
import { billingLabel } from './billingSummary';
import { keyInfo } from './frontMatterKeys';
import { contains, toLspRange } from './positions';
import type { Range } from '../engine';

function hoverAt(note: Note, range: Range, lines: string[]): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: toLspRange(note.lines, range) };
}

export function describeCode(code: string): string | undefined {
  const c = code.trim().toUpperCase();
  const cpt = cptInfo(c);
  if (cpt) return `**CPT ${cpt.code}** — ${cpt.label}. ${cpt.timed ? 'Timed: billed in 15-minute units.' : 'Untimed: one unit per session.'}${cpt.verified ? '' : ' _(timing unverified)_'}`;
  const l = EXAMPLE_LCODES.get(c);
  if (l) return `**HCPCS ${l.code}** — ${l.label}. Region: ${l.region}; ${l.fit}.`;
  if (isLCode(c)) {
    const kind = lcodeKind(c);
    return `**HCPCS ${c}** — ${kind ? `${kind} device code` : 'L-code outside the orthotic and prosthetic ranges'} (not in our example table).`;
  }
  return undefined;
}

export function describeModifier(m: string): string | undefined {
  const info = MODIFIERS.get(m.trim().toUpperCase());
  return info ? `**Modifier ${info.code}** — ${info.label}.` : undefined;
}

export function describeIcd10(code: string): string | undefined {
  if (!isIcd10Shaped(code)) return undefined;
  const n = normalizeIcd10(code);
  const known = KNOWN_ICD10.get(n);
  if (known) return `**ICD-10-CM ${n}** — ${known.label}.`;
  const children = NON_BILLABLE_HEADERS.get(n);
  if (children) return `**ICD-10-CM ${n}** — a category header, not billable on its own${children.length ? `; use one of ${children.join(', ')}` : ''}.`;
  return undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What a charge's minutes support, under the 8-minute rule. */
export function chargeUnitsText(charge: Charge): string | undefined {
  const minutes = intValue(charge.minutes);
  const units = intValue(charge.units);
  if (minutes === undefined) return units !== undefined ? `${plural(units, 'unit')} billed; no timed minutes given.` : undefined;
  const supported = unitsForMinutes(minutes);
  const range = minutesRangeForUnits(supported);
  const billed = units === undefined ? '' : units === supported ? ` Billed: ${units} — matches.` : ` Billed: ${units} — the minutes alone support ${supported}.`;
  return `${minutes} timed min → **${plural(supported, 'unit')}** under the 8-minute rule (${range.min}–${range.max} min = ${supported}).${billed} Medicare applies the rule to all timed minutes of the visit together.`;
}

export function provideHover(note: Note, offset: number): Hover | null {
  const fm = note.frontMatter;
  if (fm && offset >= fm.contentRange.start && offset < note.bodyStart) return frontMatterHover(note, offset);
  if (offset >= note.bodyStart) return bodyHover(note, offset);
  return null;
}

function frontMatterHover(note: Note, offset: number): Hover | null {
  const facts = note.yamlFacts;
  for (const charge of facts.charges) {
    if (!contains(charge.range, offset)) continue;
    const units = chargeUnitsText(charge);
    if (charge.codeValue && contains(charge.codeValue.range, offset)) {
      const text = charge.code ? describeCode(charge.code) : undefined;
      return hoverAt(note, charge.codeValue.range, [text ?? `Code ${charge.codeValue.text} is not in our tables.`, ...(units ? [units] : [])]);
    }
    for (const m of charge.modifiers) {
      if (contains(m.item.range, offset)) {
        const text = describeModifier(m.code);
        if (text) return hoverAt(note, m.item.range, [text]);
      }
    }
    for (const [key, v] of charge.entries) {
      if (contains(v.keyRange, offset)) {
        const info = keyInfo(key, true);
        if (info) return hoverAt(note, v.keyRange, [`**${info.key}** — ${info.meaning}`, ...(units && (key === 'minutes' || key === 'units') ? [units] : [])]);
      }
    }
    return hoverAt(note, charge.range, [`**${billingLabel(charge)}**`, ...(units ? [units] : [])]);
  }
  for (const d of facts.diagnoses) {
    if (contains(d.item.range, offset)) {
      const text = describeIcd10(d.code);
      return hoverAt(note, d.item.range, [text ?? `ICD-10-CM ${d.code} is not in our table of orthosis diagnoses.`]);
    }
  }
  for (const [key, v] of facts.entries) {
    if (contains(v.keyRange, offset)) {
      const info = keyInfo(key, false);
      if (info) return hoverAt(note, v.keyRange, [`**${info.key}** — ${info.meaning}`]);
    }
    if (contains(v.range, offset) && typeof v.value === 'string') {
      const value = keyInfo(key, false)?.values?.find((x) => x.value.toLowerCase() === String(v.value).trim().toLowerCase());
      if (value) return hoverAt(note, v.range, [`**${value.value}** — ${value.meaning}`]);
    }
  }
  return null;
}

function bodyHover(note: Note, offset: number): Hover | null {
  for (const s of [...note.sections, ...note.titles]) {
    if (contains(s.headingRange, offset) && s.spec) {
      return hoverAt(note, s.headingRange, [`**${s.spec.title}** section — ${s.spec.meaning}`, `Fields: ${s.spec.fields.map((f) => f.label).join(', ')}`]);
    }
    if (!contains(s.range, offset)) continue;
    for (const f of s.fields) {
      if (contains(f.labelRange, offset) && f.spec) return hoverAt(note, f.labelRange, [`**${f.spec.label}** — ${f.spec.meaning}`]);
    }
  }
  // A code written in prose: CPT, L-code, ICD-10 or modifier.
  const lineNo = note.lines.lineAt(offset);
  const lineStart = note.lines.lineStarts[lineNo];
  const text = note.lines.lineText(lineNo);
  const re = /[A-Za-z0-9][A-Za-z0-9.]*[A-Za-z0-9]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const range = { start: lineStart + m.index, end: lineStart + m.index + m[0].length };
    if (!contains(range, offset)) continue;
    const word = m[0];
    const described = describeCode(word) ?? describeIcd10(word) ?? (/^[A-Z0-9]{2}$/.test(word) ? describeModifier(word) : undefined);
    return described ? hoverAt(note, range, [described]) : null;
  }
  return null;
}
