import { insertAt, insertFields, insertSection, placeholder } from '../../edit';
import type { RequiredElement, ResolvedConfig } from '../../config/types';
import type { Field, Section } from '../../parse/body';
import type { Note } from '../../parse/note';
import { normalizeName } from '../../parse/vocabulary';
import type { TextEdit } from '../../types';
import type { NoteRule } from '../types';

/** The note's section for a required title: by its canonical section when the title is a known name or alias, else by exact (case-insensitive) title. */
function findSection(note: Note, config: ResolvedConfig, title: string): Section | undefined {
  const spec = config.vocabulary.sectionByName.get(normalizeName(title));
  if (spec) return note.section(spec.id);
  return note.sections.find((s) => normalizeName(s.title) === normalizeName(title));
}

function findField(section: Section, config: ResolvedConfig, label: string): Field | undefined {
  const spec = section.spec ? config.vocabulary.fieldByName.get(section.spec.id)?.get(normalizeName(label)) : undefined;
  if (spec) return section.fields.find((f) => f.spec?.id === spec.id);
  return section.fields.find((f) => normalizeName(f.label) === normalizeName(label));
}

/** Adds a custom `## Title` section before the Signature section (signatures close a note), else at the end. */
function appendSection(note: Note, title: string, lines: string[]): TextEdit {
  const eol = note.eol;
  const block = [`## ${title}`, ...lines].join(eol);
  const signature = note.section('signature');
  if (signature) return insertAt(signature.range.start, `${block}${eol}${eol}`);
  const t = note.text;
  const trimmedEnd = t.trimEnd().length;
  if (trimmedEnd === 0) return insertAt(t.length, `${block}${eol}`);
  const breaks = (t.slice(trimmedEnd).match(/\n/g) ?? []).length;
  return insertAt(t.length, `${breaks >= 2 ? '' : breaks === 1 ? eol : eol + eol}${block}${eol}`);
}

function sectionEdit(note: Note, config: ResolvedConfig, r: RequiredElement): TextEdit {
  const lines = r.fields.length ? r.fields.map((f) => `${f}: ${placeholder(f)}`) : [placeholder(r.section)];
  const spec = config.vocabulary.sectionByName.get(normalizeName(r.section));
  return spec ? insertSection(note, spec.id, lines) : appendSection(note, r.section, lines);
}

/** Organisation policy (`required:` in `.tnoterc.yaml`): sections and fields every note must have. */
export const orgRequiredElement: NoteRule = {
  id: 'org-required-element',
  description: 'A section or field that the organisation’s configuration requires is absent or empty.',
  defaultSeverity: 'warning',
  kind: 'completeness',
  tags: ['structure'],
  references: ['SRC-NORIDIAN-THERAPY-DOCS'],
  fixable: true,
  scope: 'note',
  check({ note, config, report }) {
    for (const r of config.required) {
      if (!r.section.trim()) continue;
      const section = findSection(note, config, r.section);
      if (!section) {
        report({
          range: note.anchor,
          message: `Your organisation requires a \`${r.section}\` section${r.fields.length ? ` with ${r.fields.map((f) => `\`${f}\``).join(', ')}` : ''}: add it to the note.`,
          fixes: [{ title: `Insert a ${r.section} section`, kind: 'scaffold', edits: [sectionEdit(note, config, r)] }],
        });
        continue;
      }
      for (const label of r.fields) {
        const f = findField(section, config, label);
        if (f && !f.missing) continue;
        if (f) {
          if (f.placeholder) continue; // unresolved-placeholder reports the unfilled template
          report({ range: f.range, message: `Your organisation requires \`${label}\` in the \`${r.section}\` section, and it is empty: fill it in.` });
          continue;
        }
        report({
          range: section.headingRange,
          message: `Your organisation requires a \`${label}:\` field in the \`${r.section}\` section: add it.`,
          fixes: [{ title: `Insert "${label}:" field`, kind: 'scaffold', edits: [insertFields(note, section, [`${label}: ${placeholder(label)}`])] }],
        });
      }
    }
  },
};
