import { insertSection, placeholder } from '../../edit';
import { isLCode } from '../../knowledge/hcpcs';
import type { Note } from '../../parse/note';
import { chargesWithCode, field, filledField, absentSectionFix, sectionsOf } from '../shared';
import { initialDeviceNote, type InitialDeviceNote } from '../devices';
import type { NoteRule } from '../types';
import { fieldLine, insertFieldsFirst, regionOfChargeValue } from './util';

const TYPE_PLACEHOLDER = placeholder('type of orthosis');

function typePlaceholder(ctx: InitialDeviceNote): string {
  return ctx.noun === 'orthosis' ? TYPE_PLACEHOLDER : placeholder(`type of ${ctx.noun}`);
}

/** What to name, in a message: the orthosis's kind, or the prosthesis's type and level. */
function kindHint(ctx: InitialDeviceNote): string {
  return ctx.prosthesis
    ? 'the kind of prosthesis and its level (e.g. transtibial prosthesis with pin-lock liner)'
    : `the kind of ${ctx.noun} (e.g. ankle-foot orthosis, wrist-hand orthosis${ctx.noun === 'orthosis' ? '' : ', transtibial prosthesis'})`;
}

/**
 * The Device section skeleton. Facts already in the front matter are written in (the region of
 * the 97760/97761 line, the billed L-codes); everything else is a placeholder.
 */
function deviceSkeleton(note: Note, ctx: InitialDeviceNote): string[] {
  const region = chargesWithCode(note, ...ctx.codes)
    .map((c) => (c.region && !c.region.placeholder ? regionOfChargeValue(c.region.value) : undefined))
    .find(Boolean);
  const lcodes = [...new Set(note.facts.charges.map((c) => c.code).filter((c): c is string => !!c && isLCode(c)))];
  return [
    fieldLine('device', 'type', typePlaceholder(ctx)),
    fieldLine('device', 'region', region ?? placeholder('upper extremity | lower extremity | trunk')),
    fieldLine('device', 'side', placeholder('right | left | bilateral')),
    fieldLine('device', 'l-code', lcodes.length ? lcodes.join(', ') : placeholder('L-code, if one is billed')),
  ];
}

/**
 * R-CPT-09: a 97760 note says which orthosis was managed; a 97761 note which prosthesis (rules.md
 * section H). Every Device section names its device (a note may have one per device, v2 item 12).
 */
export const deviceNotIdentified: NoteRule = {
  id: 'device-not-identified',
  description: 'A 97760/97761 note has no Device section, or a Device section does not name the orthosis or prosthesis (Type).',
  defaultSeverity: 'warning',
  kind: 'completeness',
  tags: ['documentation'],
  references: ['SRC-AOTA-ORTHOTICS', 'SRC-CMS-BPM-CH15', 'SRC-NORIDIAN-THERAPY-DOCS'],
  fixable: true,
  scope: 'note',
  check({ note, config, report }) {
    const ctx = initialDeviceNote(note);
    if (!ctx) return;
    const sections = sectionsOf(note, 'device');
    if (sections.length === 0) {
      const { fixes, hint } = absentSectionFix(note, config, 'device', { title: 'Insert a Device section', kind: 'scaffold', edits: [insertSection(note, 'device', deviceSkeleton(note, ctx))] });
      report({
        range: note.anchor,
        message: ctx.prosthesis
          ? `97761 note has no Device section: name the prosthesis (type and level), the body region and side, and its L-code when one is billed.${hint}`
          : `${ctx.label} note has no Device section: name the ${ctx.noun} (type), the body region and side, and its L-code when one is billed.${hint}`,
        fixes,
      });
      return;
    }
    for (const section of sections) {
      if (filledField(section, 'type')) continue;
      const f = field(section, 'type');
      if (f) {
        report({ range: f.range, message: `The ${ctx.noun} is not identified: the "${f.label}" field is empty or unfilled; name ${kindHint(ctx)}.` });
        continue;
      }
      report({
        range: section.headingRange,
        message: `The Device section does not name the ${ctx.noun}: add "Type:" with ${kindHint(ctx)}.`,
        fixes: [{ title: 'Insert "Type:" field', kind: 'scaffold', edits: [insertFieldsFirst(note, section, [fieldLine('device', 'type', typePlaceholder(ctx))])] }],
      });
    }
  },
};
