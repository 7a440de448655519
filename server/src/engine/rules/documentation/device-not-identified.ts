import { insertSection, placeholder } from '../../edit';
import { isLCode } from '../../knowledge/hcpcs';
import type { Note } from '../../parse/note';
import { bills97760, chargesWithCode, field, filledField, absentSectionFix } from '../shared';
import type { NoteRule } from '../types';
import { fieldLine, insertFieldsFirst, regionOfChargeValue } from './util';

const TYPE_PLACEHOLDER = placeholder('type of orthosis');

/**
 * The Device section skeleton. Facts already in the front matter are written in (the region of
 * the 97760 line, the billed L-codes); everything else is a placeholder.
 */
function deviceSkeleton(note: Note): string[] {
  const region = chargesWithCode(note, '97760')
    .map((c) => (c.region && !c.region.placeholder ? regionOfChargeValue(c.region.value) : undefined))
    .find(Boolean);
  const lcodes = [...new Set(note.facts.charges.map((c) => c.code).filter((c): c is string => !!c && isLCode(c)))];
  return [
    fieldLine('device', 'type', TYPE_PLACEHOLDER),
    fieldLine('device', 'region', region ?? placeholder('upper extremity | lower extremity | trunk')),
    fieldLine('device', 'side', placeholder('right | left | bilateral')),
    fieldLine('device', 'l-code', lcodes.length ? lcodes.join(', ') : placeholder('L-code, if one is billed')),
  ];
}

/** R-CPT-09: a 97760 note says which orthosis was managed. */
export const deviceNotIdentified: NoteRule = {
  id: 'device-not-identified',
  description: 'A 97760 note has no Device section, or its Device section does not name the orthosis (Type).',
  defaultSeverity: 'warning',
  kind: 'completeness',
  tags: ['documentation'],
  references: ['R-CPT-09'],
  fixable: true,
  scope: 'note',
  check({ note, config, report }) {
    if (!bills97760(note)) return;
    const section = note.section('device');
    if (!section) {
      const { fixes, hint } = absentSectionFix(note, config, 'device', { title: 'Insert a Device section', kind: 'scaffold', edits: [insertSection(note, 'device', deviceSkeleton(note))] });
      report({
        range: note.anchor,
        message: `97760 note has no Device section: name the orthosis (type), the body region and side, and its L-code when one is billed.${hint}`,
        fixes,
      });
      return;
    }
    if (filledField(section, 'type')) return;
    const f = field(section, 'type');
    if (f) {
      report({ range: f.range, message: `The orthosis is not identified: the "${f.label}" field is empty or unfilled; name the kind of orthosis (e.g. ankle-foot orthosis, wrist-hand orthosis).` });
      return;
    }
    report({
      range: section.headingRange,
      message: 'The Device section does not name the orthosis: add "Type:" with the kind of orthosis (e.g. ankle-foot orthosis, wrist-hand orthosis).',
      fixes: [{ title: 'Insert "Type:" field', kind: 'scaffold', edits: [insertFieldsFirst(note, section, [fieldLine('device', 'type', TYPE_PLACEHOLDER)])] }],
    });
  },
};
