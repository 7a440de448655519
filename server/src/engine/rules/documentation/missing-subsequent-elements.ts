import { insertFieldInOrder, insertFields, insertSection, placeholder } from '../../edit';
import type { Field, Section } from '../../parse/body';
import type { Note } from '../../parse/note';
import { normalizeName, type SectionId } from '../../parse/vocabulary';
import type { Fix, TextEdit } from '../../types';
import { absentSectionFix, chargesWithCode } from '../shared';
import type { NoteRule, RuleContext } from '../types';
import { fieldLine, functionalTrainingSkeleton, hasContent, insertFieldsFirst, sectionProse, wordCount } from './util';
import { MIN_RATIONALE_WORDS } from './missing-medical-necessity';

/** Labels (outside Instruction) that record what was checked or adjusted today, besides `Fitting` / `Fit check`. */
const CHECK_LABELS = /^(?:fit|fitting|fit check|fit checks|adjustments?|modifications?|skin (?:inspection|check|checks)|device check|orthotic check|prosthetic check|socket fit)$/;

/** A field present with a value, or holding a template placeholder (unresolved-placeholder reports that). */
function written(f: Field): boolean {
  return !f.missing || f.placeholder;
}

function sectionsOf(note: Note, id: SectionId): Section[] {
  return note.sections.filter((s) => s.spec?.id === id);
}

function fieldsWith(sections: Section[], test: (f: Field, s: Section) => boolean): Field[] {
  return sections.flatMap((s) => s.fields.filter((f) => test(f, s)));
}

/** "orthosis", "prosthesis" or "orthosis or prosthesis", from the Device Type and the billed L-codes. */
function deviceWord(note: Note): string {
  const text = [...sectionsOf(note, 'device').flatMap((s) => s.fields.filter((f) => f.spec?.id === 'type').map((f) => f.value)), ...note.facts.charges.map((c) => c.code ?? '')]
    .join(' ')
    .toLowerCase();
  const prosthesis = /prosthe|socket|\bl[5-7]\d{3}\b|\bl84[0-8]\d\b/.test(text);
  const orthosis = /orthos|orthotic|brace|splint|\b(?:afo|kafo|ko|who|whfo|tlso|lso)\b|\bl[0-4]\d{3}\b/.test(text);
  return prosthesis && !orthosis ? 'prosthesis' : orthosis && !prosthesis ? 'orthosis' : 'orthosis or prosthesis';
}

const PART = '97763 note';

/**
 * rules.md v2 §H: a subsequent orthotic/prosthetic encounter (97763) documents the device, the
 * reason for this visit, what was checked or adjusted, the training or instruction given, the
 * patient's response, and the time — one finding per missing part, where the part belongs.
 */
export const missingSubsequentElements: NoteRule = {
  id: 'missing-subsequent-elements',
  description: 'A 97763 note lacks the device, the reason for the visit, what was checked or adjusted, the training given, the response, or the Time section (one finding per part).',
  defaultSeverity: 'warning',
  tags: ['documentation'],
  references: ['SRC-AOTA-ORTHOTICS', 'SRC-CMS-BPM-CH15', 'SRC-NORIDIAN-THERAPY-DOCS'],
  fixable: true,
  kind: 'completeness',
  scope: 'note',
  check(ctx) {
    const { note } = ctx;
    const lines = chargesWithCode(note, '97763');
    if (lines.length === 0) return;
    const device = deviceWord(note);
    checkDevice(part(ctx, 'device'), device);
    checkReason(part(ctx, 'reason'));
    // Reported in the order the sections stand in a note, so inserted sections land in that order.
    const noTrainingSections = checkTraining(part(ctx, 'training'), device);
    checkResponse(part(ctx, 'response'), device, noTrainingSections);
    checkChecked(part(ctx, 'checked'), device);
    checkTime(part(ctx, 'time'));
  },
};

/** The parts of a 97763 note this rule reports on (`Finding.part`), in the order they are checked. */
export const SUBSEQUENT_PARTS = ['device', 'reason', 'training', 'response', 'checked', 'time'] as const;
export type SubsequentPart = (typeof SUBSEQUENT_PARTS)[number];

/** The context with every report tagged with the part it concerns (the checklist reads it). */
function part(ctx: RuleContext, id: SubsequentPart): RuleContext {
  return { ...ctx, report: (r) => ctx.report({ ...r, part: id }) };
}

/** An absent section: the finding on the front matter's first line, with the insert (or the rename of a misspelt heading). */
function absent(ctx: RuleContext, id: SectionId, message: string, insert: Fix): void {
  const { fixes, hint } = absentSectionFix(ctx.note, ctx.config, id, insert);
  ctx.report({ range: ctx.note.anchor, message: `${message}${hint}`, fixes });
}

function scaffold(title: string, edit: TextEdit): Fix[] {
  return [{ title, kind: 'scaffold', edits: [edit] }];
}

function checkDevice(ctx: RuleContext, device: string): void {
  const { note, report } = ctx;
  const sections = sectionsOf(note, 'device');
  const typeLine = fieldLine('device', 'type', placeholder(`${device} managed today`));
  const message = `${PART} does not name the device: say which ${device} was managed today ("Type:" in the Device section).`;
  if (sections.length === 0) {
    absent(ctx, 'device', `${message} The note has no Device section.`, { title: 'Insert a Device section with "Type:"', kind: 'scaffold', edits: [insertSection(note, 'device', [typeLine])] });
    return;
  }
  for (const s of sections) {
    const types = s.fields.filter((f) => f.spec?.id === 'type');
    if (types.some(written)) continue;
    if (types[0]) report({ range: types[0].range, message: `${message} The "${types[0].label}" field is empty or unfilled.` });
    else report({ range: s.headingRange, message, fixes: scaffold('Insert "Type:" field', insertFieldsFirst(note, s, [typeLine])) });
  }
}

function checkReason(ctx: RuleContext): void {
  const { note, report } = ctx;
  const sections = sectionsOf(note, 'medical-necessity');
  const line = fieldLine('medical-necessity', 'rationale', placeholder('reason for this visit: problem with fit, skin, function or progression'));
  const message = `${PART} does not give the reason for this visit: say what brought the patient back (a problem with fit or skin, a change in function, progression of use) under "Rationale:".`;
  if (sections.length === 0) {
    absent(ctx, 'medical-necessity', `${message} The note has no Medical Necessity section.`, {
      title: 'Insert a Medical Necessity section with "Rationale:"',
      kind: 'scaffold',
      edits: [insertSection(note, 'medical-necessity', [line])],
    });
    return;
  }
  const rationale = fieldsWith(sections, (f) => f.spec?.id === 'rationale');
  if (rationale.some(written)) return;
  // A reason written as narrative in the section counts, as for missing-medical-necessity.
  if (sections.some((s) => wordCount(sectionProse(note, s, true)) >= MIN_RATIONALE_WORDS)) return;
  if (rationale[0]) report({ range: rationale[0].range, message: `${message} The "${rationale[0].label}" field is empty or unfilled.` });
  else report({ range: sections[0].headingRange, message, fixes: scaffold('Insert "Rationale:" field', insertFieldInOrder(note, sections[0], 'rationale', line)) });
}

function checkChecked(ctx: RuleContext, device: string): void {
  const { note, report } = ctx;
  const assessment = sectionsOf(note, 'assessment');
  const fitting = fieldsWith(assessment, (f) => f.spec?.id === 'fitting');
  if (fitting.some(written)) return;
  // Other labels for the same record (`Adjustments:`, `Skin inspection:`), anywhere but the Instruction section.
  const others = fieldsWith(note.sections, (f, s) => s.spec?.id !== 'instruction' && CHECK_LABELS.test(normalizeName(f.label)) && written(f));
  if (others.length) return;
  const line = fieldLine('assessment', 'fitting', placeholder('fit check today: skin inspection, pressure areas, adjustments made'));
  const message = `${PART} does not say what was checked or adjusted: record today's fit check of the ${device}, the skin inspection and any adjustment made under "Fitting:".`;
  if (assessment.length === 0) {
    absent(ctx, 'assessment', `${message} The note has no Assessment section.`, {
      title: 'Insert an Assessment section with "Fitting:"',
      kind: 'scaffold',
      edits: [insertSection(note, 'assessment', [line])],
    });
    return;
  }
  if (fitting[0]) report({ range: fitting[0].range, message: `${message} The "${fitting[0].label}" field is empty or unfilled.` });
  else report({ range: assessment[0].headingRange, message, fixes: scaffold('Insert "Fitting:" field', insertFieldInOrder(note, assessment[0], 'fitting', line)) });
}

/** Returns true when neither an Instruction nor a Functional Training section exists (the response part then shares the insert). */
function checkTraining(ctx: RuleContext, device: string): boolean {
  const { note, report } = ctx;
  const instruction = sectionsOf(note, 'instruction');
  const training = sectionsOf(note, 'functional-training');
  if ([...instruction, ...training].some((s) => hasContent(note, s))) return false;
  const message = `${PART} does not say what training or instruction was given: describe the functional training with the ${device} ("Activity:") or the instruction in its use, care and safety given today.`;
  if (instruction.length === 0 && training.length === 0) {
    absent(ctx, 'functional-training', `${message} The note has neither an Instruction nor a Functional Training section.`, {
      title: 'Insert a Functional Training section',
      kind: 'scaffold',
      edits: [insertSection(note, 'functional-training', functionalTrainingSkeleton())],
    });
    return true;
  }
  if (training[0]) {
    report({ range: training[0].headingRange, message, fixes: scaffold('Insert "Activity:" field', insertFieldInOrder(note, training[0], 'activity', functionalTrainingSkeleton()[0])) });
  } else {
    const line = fieldLine('instruction', 'use', placeholder(`instruction given today in the use, care or safety of the ${device}`));
    report({ range: instruction[0].headingRange, message, fixes: scaffold('Insert "Use:" field', insertFieldInOrder(note, instruction[0], 'use', line)) });
  }
  return false;
}

function checkResponse(ctx: RuleContext, device: string, noTrainingSections: boolean): void {
  const { note, report } = ctx;
  // `Response:` in Functional Training, or a field labelled Response in any section.
  const responses = fieldsWith(note.sections, (f) => f.spec?.id === 'response' || /^(?:patient )?response$/.test(normalizeName(f.label)));
  if (responses.some(written)) return;
  const message = `${PART} does not record the patient's response: add "Response:" (how the patient tolerated the ${device} and today's training, e.g. skin after wear, gait or function with it).`;
  if (responses[0]) {
    report({ range: responses[0].range, message: `${message} The "${responses[0].label}" field is empty or unfilled.` });
    return;
  }
  const line = fieldLine('functional-training', 'response', placeholder('patient response'));
  const training = sectionsOf(note, 'functional-training')[0];
  if (training) {
    report({ range: training.headingRange, message, fixes: scaffold('Insert "Response:" field', insertFieldInOrder(note, training, 'response', line)) });
    return;
  }
  const instruction = sectionsOf(note, 'instruction')[0];
  if (instruction && !noTrainingSections) {
    report({ range: instruction.headingRange, message, fixes: scaffold('Insert "Response:" field', insertFields(note, instruction, [line])) });
    return;
  }
  // No section for it: the same Functional Training skeleton as the training part, so "fix all" inserts it once.
  absent(ctx, 'functional-training', `${message} The note has no Functional Training section.`, {
    title: 'Insert a Functional Training section',
    kind: 'scaffold',
    edits: [insertSection(note, 'functional-training', functionalTrainingSkeleton())],
  });
}

function checkTime(ctx: RuleContext): void {
  const { note, report } = ctx;
  const time = note.section('time');
  const line = fieldLine('time', 'direct-contact', `${placeholder('minutes')} minutes one-on-one`);
  const message = `${PART} has no time record: state the minutes of direct one-on-one contact with the patient (e.g. "Direct contact: 23 minutes"); 97763 is billed in 15-minute units.`;
  if (!time) {
    absent(ctx, 'time', `${message} The note has no Time section.`, { title: 'Insert a Time section with "Direct contact:"', kind: 'scaffold', edits: [insertSection(note, 'time', [line])] });
    return;
  }
  if (hasContent(note, time)) return;
  report({ range: time.headingRange, message, fixes: scaffold('Insert "Direct contact:" field', insertFieldsFirst(note, time, [line])) });
}
