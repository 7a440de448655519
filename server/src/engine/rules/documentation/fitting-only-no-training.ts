import { insertFields, insertSection, replace } from '../../edit';
import type { TextEdit } from '../../types';
import { chargeAnchor, chargesWithCode, misspeltHeading } from '../shared';
import type { NoteRule } from '../types';
import { functionalTrainingSkeleton, hasContent, instructionSkeleton } from './util';

/** R-CPT-10: 97760 pays for training; a note with only fitting/dispensing documents none. */
export const fittingOnlyNoTraining: NoteRule = {
  id: 'fitting-only-no-training',
  description: 'A 97760 note documents neither instruction nor functional training (fitting or dispensing only).',
  defaultSeverity: 'warning',
  kind: 'completeness',
  tags: ['documentation', 'billing'],
  references: ['R-CPT-10'],
  fixable: true,
  scope: 'note',
  check({ note, config, report }) {
    const charge = chargesWithCode(note, '97760')[0];
    if (!charge) return;
    const instruction = note.section('instruction');
    const training = note.section('functional-training');
    if (hasContent(note, instruction) || hasContent(note, training)) return;
    // Same skeletons as missing-instruction-elements / missing-functional-training, so "fix all" inserts each once.
    // A misspelt heading (## Instrction) probably holds the content: renaming it is the fix.
    const missInstruction = instruction ? undefined : misspeltHeading(note, config, 'instruction');
    const missTraining = training ? undefined : misspeltHeading(note, config, 'functional-training');
    if (missInstruction || missTraining) {
      const renames = [missInstruction && { miss: missInstruction, title: 'Instruction' }, missTraining && { miss: missTraining, title: 'Functional Training' }].filter((x) => !!x);
      report({
        range: chargeAnchor(charge),
        message: `97760 is billed but no instruction or functional training is found: a heading looks like a misspelt ${renames.map((r) => r.title).join(' or ')}; rename it so its contents are checked.`,
        fixes: renames.map((r) => ({ title: `Rename the heading on line ${note.lines.lineAt(r.miss.section.headingRange.start) + 1} to \`${r.title}\``, kind: 'choice' as const, edits: [replace(r.miss.section.titleRange, r.title)] })),
      });
      return;
    }
    const edits: TextEdit[] = [
      instruction ? insertFields(note, instruction, instructionSkeleton()) : insertSection(note, 'instruction', instructionSkeleton()),
      training ? insertFields(note, training, functionalTrainingSkeleton()) : insertSection(note, 'functional-training', functionalTrainingSkeleton()),
    ];
    report({
      range: chargeAnchor(charge),
      message: '97760 is billed but the note documents no instruction and no functional training: 97760 covers training in the use of the orthosis, not fitting or dispensing alone; document what was taught and practised.',
      fixes: [{ title: 'Insert Instruction and Functional Training skeletons', kind: 'scaffold', edits }],
    });
  },
};
