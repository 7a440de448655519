/**
 * Completion from the note's structure and the knowledge tables: front-matter keys and enum
 * values, charge codes, modifiers valid for the note's discipline, ICD-10 codes, missing section
 * headings after `## `, and the field labels of the current section.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position, type Range as LspRange } from 'vscode-languageserver';
import { CHARGE_SCHEMA, CPT_CODES, EXAMPLE_LCODES, FRONT_MATTER_SCHEMA, keySpec, KNOWN_ICD10, MODIFIERS, modifiersForDiscipline, SECTIONS, type KeySpec, type Note } from '../engine';
import { describeKey } from './hover';

export const COMPLETION_TRIGGERS = [' ', ':', '#', '[', ',', '-'];

const KEY_LINE = /^(\s*)(-\s+)?([A-Za-z_]\w*)\s*:(?:\s|$)/;

/** What the cursor sits in, worked out from the lines alone (the YAML may be half-typed). */
export function provideCompletion(note: Note, position: Position): CompletionItem[] {
  const lines = note.lines;
  if (position.line >= lines.lineCount) return [];
  const lineStart = lines.lineStarts[position.line];
  const lineText = lines.lineText(position.line);
  const before = lineText.slice(0, position.character);
  const token = /(?<![\w.-])[\w.-]*$/.exec(before)![0];
  const tokenRange: LspRange = { start: { line: position.line, character: position.character - token.length }, end: position };
  const fm = note.frontMatter;
  if (fm && lineStart >= fm.contentRange.start && lineStart < fm.contentRange.end && position.line > 0) {
    return frontMatterCompletion(note, position.line, before, token, tokenRange);
  }
  if (lineStart >= note.bodyStart) return bodyCompletion(note, lineStart, before, token, tokenRange, position);
  return [];
}

function frontMatterCompletion(note: Note, line: number, before: string, token: string, range: LspRange): CompletionItem[] {
  const value = /^(\s*)(-\s+)?([A-Za-z_]\w*)\s*:/.exec(before);
  if (value) return valueCompletion(note, value[3].toLowerCase(), range);
  const keyed = /^(\s*)(-\s+)?([A-Za-z_]*)$/.exec(before);
  if (!keyed) return [];
  const indent = keyed[1].length;
  const parent = parentKey(note, line, indent, !!keyed[2]);
  if (keyed[2]) {
    // A list item: under `modifiers`/`diagnoses` a value, under `charges` a charge key.
    if (parent === 'modifiers' || parent === 'diagnoses') return valueCompletion(note, parent, range);
    if (parent === 'charges') return keyItems(CHARGE_SCHEMA, true, new Set(), range);
    return [];
  }
  if (indent === 0) {
    const present = new Set([...note.yamlFacts.entries.keys()]);
    present.delete(token.toLowerCase());
    return keyItems(FRONT_MATTER_SCHEMA, false, present, range);
  }
  if (parent === 'charges-item') return keyItems(CHARGE_SCHEMA, true, new Set(), range);
  return [];
}

/** The key a line belongs to: `charges`, `modifiers`, `diagnoses`, or `charges-item` inside a charge. */
function parentKey(note: Note, line: number, indent: number, isItem: boolean): string | undefined {
  for (let l = line - 1; l >= 1; l--) {
    const t = note.lines.lineText(l);
    if (!t.trim() || /^\s*#/.test(t)) continue;
    const m = KEY_LINE.exec(t);
    const ind = /^\s*/.exec(t)![0].length;
    if (ind > indent) continue;
    if (ind === indent) {
      // Siblings at the same indent; a block sequence may sit at its key's indent.
      if (isItem && m && !m[2] && /:\s*$/.test(t)) return m[3].toLowerCase();
      if (!isItem && /^\s*-\s/.test(t)) continue;
      if (ind === 0) return undefined;
      continue;
    }
    if (!m) return undefined;
    if (m[2]) {
      // Inside a sequence item whose mapping starts on this dash line.
      const outer = parentKey(note, l, ind, true);
      return outer === 'charges' ? 'charges-item' : undefined;
    }
    return m[3].toLowerCase();
  }
  return undefined;
}

function keyItems(specs: readonly KeySpec[], inCharge: boolean, present: Set<string>, range: LspRange): CompletionItem[] {
  return specs
    .filter((spec) => !present.has(spec.key))
    .map((spec, n) => ({
      label: spec.key,
      kind: CompletionItemKind.Property,
      detail: spec.meaning,
      documentation: { kind: MarkupKind.Markdown, value: describeKey(spec, inCharge).slice(1).join('\n\n') },
      sortText: String(n).padStart(3, '0'),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: spec.snippet ?? `${spec.key}: ` },
    }));
}

function valueCompletion(note: Note, key: string, range: LspRange): CompletionItem[] {
  const spec = keySpec(key, false) ?? keySpec(key, true);
  if (spec?.values) return spec.values.map((v) => ({ label: v.value, kind: CompletionItemKind.EnumMember, detail: v.meaning, textEdit: { range, newText: v.value } }));
  if (key === 'code') return codeItems(range);
  if (key === 'modifiers') return modifierItems(note, range);
  if (key === 'diagnoses') return icd10Items(range);
  return [];
}

const PREFERRED_CODES = ['97760', '97763', '97761'];

function codeItems(range: LspRange): CompletionItem[] {
  const cpt = [...CPT_CODES.values()]
    .filter((c) => c.kind !== 'deleted')
    .map((c) => ({
      label: c.code,
      kind: CompletionItemKind.Value,
      detail: `CPT · ${c.label}${c.timed ? ' (timed, 15-min units)' : ' (untimed)'}`,
      sortText: `${PREFERRED_CODES.includes(c.code) ? 0 : 1}${c.code}`,
      textEdit: { range, newText: c.code },
    }));
  const lcodes = [...EXAMPLE_LCODES.values()].map((c) => ({
    label: c.code,
    kind: CompletionItemKind.Value,
    detail: `HCPCS · ${c.label}`,
    sortText: `2${c.code}`,
    textEdit: { range, newText: c.code },
  }));
  return [...cpt, ...lcodes];
}

function modifierItems(note: Note, range: LspRange): CompletionItem[] {
  const d = note.yamlFacts.discipline;
  const codes = d === 'PT' || d === 'OT' || d === 'SLP' ? modifiersForDiscipline(d) : [...MODIFIERS.keys()];
  return codes.map((code, n) => ({
    label: code,
    kind: CompletionItemKind.EnumMember,
    detail: MODIFIERS.get(code)?.label,
    sortText: String(n).padStart(3, '0'),
    textEdit: { range, newText: code },
  }));
}

function icd10Items(range: LspRange): CompletionItem[] {
  return [...KNOWN_ICD10.values()].map((c) => ({ label: c.code, kind: CompletionItemKind.Value, detail: `ICD-10-CM · ${c.label}`, textEdit: { range, newText: c.code } }));
}

function bodyCompletion(note: Note, lineStart: number, before: string, token: string, range: LspRange, position: Position): CompletionItem[] {
  const heading = /^( {0,3})(#{1,2})(\s*)/.exec(before);
  if (heading) {
    const present = new Set(note.sections.filter((s) => s.headingLine !== position.line).map((s) => s.spec?.id));
    const replace: LspRange = { start: { line: position.line, character: heading[1].length }, end: position };
    return SECTIONS.filter((s) => !present.has(s.id)).map((s, n) => ({
      label: `## ${s.title}`,
      filterText: `${heading[2]}${heading[3]}${s.title}`,
      kind: CompletionItemKind.Module,
      detail: s.meaning,
      sortText: String(n).padStart(3, '0'),
      textEdit: { range: replace, newText: `## ${s.title}` },
    }));
  }
  const section = note.sections.find((s) => s.range.start <= lineStart && lineStart < s.range.end && s.headingLine !== position.line);
  if (!section?.spec) return [];
  // `Label: value` (a label has no colon, so the first colon ends it); trimmed rather than `\s*:` in
  // the pattern, which would backtrack quadratically on a long run of blanks.
  const colon = before.indexOf(':');
  const field = colon > 0 && /^\s*(?:[-*+]\s+)?[A-Za-z][A-Za-z0-9 /&'().+-]*$/.test(before.slice(0, colon).trimEnd());
  if (field) {
    const spec = section.fields.find((f) => f.line === position.line)?.spec;
    if (spec?.id === 'diagnosis') return icd10Items(range);
    if (spec?.id === 'l-code') return codeItems(range).filter((c) => c.label.startsWith('L'));
    return [];
  }
  const label = /^(\s*(?:[-*+]\s+)?)([A-Za-z][A-Za-z -]*)?$/.exec(before);
  if (!label) return [];
  const present = new Set(section.fields.filter((f) => f.line !== position.line).map((f) => f.spec?.id));
  const replace: LspRange = { start: { line: position.line, character: label[1].length }, end: position };
  void token;
  return section.spec.fields
    .filter((f) => !present.has(f.id))
    .map((f, n) => ({
      label: f.label,
      kind: CompletionItemKind.Field,
      detail: f.meaning,
      sortText: String(n).padStart(3, '0'),
      textEdit: { range: replace, newText: `${f.label}: ` },
    }));
}
