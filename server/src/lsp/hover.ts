/**
 * Hover: codes, modifiers and ICD-10 codes in our own words; front-matter keys; section and field
 * meanings; and for a charge line the units its minutes support under the 8-minute rule.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver';
import {
  allowedValue,
  billingLine,
  billingSummary,
  cptInfo,
  EXAMPLE_LCODES,
  isIcd10Shaped,
  isLCode,
  keySpec,
  KNOWN_ICD10,
  lcodeKind,
  minutesRangeForUnits,
  MODIFIERS,
  normalizeIcd10,
  NON_BILLABLE_HEADERS,
  requiredText,
  type BillingLine,
  type Charge,
  type KeySpec,
  type Note,
  type UnitsMethod,
  type Range,
} from '../engine';
import { contains, toLspRange } from './positions';

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

/** A front-matter key from the schema: its meaning, values, and when it is required. */
export function describeKey(spec: KeySpec, inCharge: boolean): string[] {
  const out = [`**${spec.key}** — ${spec.meaning}`];
  if (spec.values) out.push(`${spec.type === 'enum' ? 'Values' : 'Common values'}: ${spec.values.map((v) => `\`${v.value}\` ${v.meaning}`).join('; ')}.`);
  out.push(`Required: ${requiredText(spec, inCharge)}.`);
  return out;
}

function valueOf<T>(shown: { state: string; value?: T }): T | undefined {
  return shown.state === 'value' ? shown.value : undefined;
}

/**
 * What a charge line's minutes give, from the engine's billing summary (the numbers the time and
 * units rules use): the units the visit's timed minutes earn under the 8-minute rule, this
 * line's share, and what it bills.
 */
export function chargeUnitsText(note: Note, charge: Charge, method: UnitsMethod = 'cms'): string | undefined {
  const summary = billingSummary(note, method);
  const inSummary = summary.readable ? summary.lines.find((l) => l.index === charge.index) : undefined;
  const line: BillingLine = inSummary ?? billingLine(charge);
  const units = valueOf(line.units);
  const minutes = valueOf(line.minutes);
  const out: string[] = [];
  if (line.minutes.state === 'to-fill') out.push('Minutes: to fill.');
  if (line.units.state === 'to-fill') out.push('Units: to fill.');
  if (!line.timed) {
    if (units !== undefined) out.push(`${plural(units, 'unit')} billed.`);
    return out.length ? out.join(' ') : undefined;
  }
  const total = inSummary && summary.timedMinutes;
  const expected = inSummary && summary.expectedTimedUnits;
  if (total && expected !== undefined) {
    const range = minutesRangeForUnits(expected);
    const rule = `under the 8-minute rule (${range.min}–${range.max} min = ${expected})`;
    if (summary.timedLines.length === 1) {
      out.push(`${total.minutes} timed min${total.source === 'field' ? ' (Time section)' : ''} → **${plural(expected, 'unit')}** ${rule}.`);
    } else {
      const share = line.expectedUnits === undefined ? '' : `; by the CMS split this line gets **${plural(line.expectedUnits, 'unit')}**`;
      out.push(`This line: ${minutes === undefined ? 'no' : minutes} min. The visit: ${summary.arithmetic} ${rule}${share}.`);
    }
  } else if (minutes === undefined && line.minutes.state !== 'to-fill') {
    out.push('No timed minutes given.');
  }
  if (units !== undefined) {
    const target = inSummary ? line.expectedUnits : undefined;
    const over = line.maxUnits !== undefined && units > line.maxUnits ? ` — more than its own ${minutes} min can earn (at most ${line.maxUnits})` : '';
    if (over) out.push(`Billed: ${units}${over}.`);
    else if (target === undefined) out.push(`Billed: ${plural(units, 'unit')}.`);
    else out.push(units === target ? `Billed: ${units} — matches.` : `Billed: ${units} — the minutes support ${target}.`);
  }
  return out.length ? out.join(' ') : undefined;
}

export function provideHover(note: Note, offset: number, method: UnitsMethod = 'cms'): Hover | null {
  const fm = note.frontMatter;
  if (fm && offset >= fm.contentRange.start && offset < note.bodyStart) return frontMatterHover(note, offset, method);
  if (offset >= note.bodyStart) return bodyHover(note, offset);
  return null;
}

function frontMatterHover(note: Note, offset: number, method: UnitsMethod): Hover | null {
  const facts = note.yamlFacts;
  for (const charge of facts.charges) {
    if (!contains(charge.range, offset)) continue;
    const units = chargeUnitsText(note, charge, method);
    if (charge.codeValue && contains(charge.codeValue.range, offset)) {
      const text = charge.code ? describeCode(charge.code) : undefined;
      // A placeholder is named by its label ("L-code: to fill"), never shown raw.
      const fallback = charge.codeValue.placeholder ? `**${billingLine(charge).label}**` : `Code ${charge.codeValue.text} is not in our tables.`;
      return hoverAt(note, charge.codeValue.range, [text ?? fallback, ...(units ? [units] : [])]);
    }
    for (const m of charge.modifiers) {
      if (contains(m.item.range, offset)) {
        const text = describeModifier(m.code);
        if (text) return hoverAt(note, m.item.range, [text]);
      }
    }
    for (const [key, v] of charge.entries) {
      if (contains(v.keyRange, offset)) {
        const spec = keySpec(key, true);
        if (spec) return hoverAt(note, v.keyRange, [...describeKey(spec, true), ...(units && (key === 'minutes' || key === 'units') ? [units] : [])]);
      }
      const value = valueHover(key, v.value, true);
      if (value && contains(v.range, offset)) return hoverAt(note, v.range, [value]);
    }
    return hoverAt(note, charge.range, [`**${billingLine(charge).label}**`, ...(units ? [units] : [])]);
  }
  for (const d of facts.diagnoses) {
    if (contains(d.item.range, offset)) {
      const text = describeIcd10(d.code);
      return hoverAt(note, d.item.range, [text ?? `ICD-10-CM ${d.code} is not in our table of orthosis diagnoses.`]);
    }
  }
  for (const [key, v] of facts.entries) {
    if (contains(v.keyRange, offset)) {
      const spec = keySpec(key, false);
      if (spec) return hoverAt(note, v.keyRange, describeKey(spec, false));
    }
    const value = contains(v.range, offset) ? valueHover(key, v.value, false) : undefined;
    if (value) return hoverAt(note, v.range, [value]);
  }
  return null;
}

/** An allowed value of the schema: "**PT** — physical therapy (modifier GP)". */
function valueHover(key: string, value: unknown, inCharge: boolean): string | undefined {
  const spec = keySpec(key, inCharge);
  if (!spec || typeof value !== 'string') return undefined;
  const v = allowedValue(spec, value);
  return v ? `**${v.value}** — ${v.meaning}${spec.default === v.value ? ' (the default)' : ''}` : undefined;
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
