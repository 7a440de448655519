import { insertFields, insertSection, replace } from '../../edit';
import type { TextEdit } from '../../types';
import { chargeAnchor, chargesWithCode, misspeltHeading } from '../shared';
import { billedLCodes, initialDeviceNote, KIND_OF_CODE, kindOfLCode } from '../devices';
import type { NoteRule } from '../types';
import { functionalTrainingSkeleton, hasContent, instructionSkeleton } from './util';

/**
 * R-CPT-10: 97760 pays for training; a note with only fitting/dispensing documents none. The same
 * for 97761 (rules.md section H). v2 item 8: with an L-code billed the message says that the
 * L-code pays for the fitting and 97760 needs training; without one, it asks for the skilled
 * assessment/fitting/fabrication and the training in use.
 */
export const fittingOnlyNoTraining: NoteRule = {
  id: 'fitting-only-no-training',
  description: 'A 97760/97761 note documents neither instruction nor functional training (fitting or dispensing only).',
  defaultSeverity: 'warning',
  kind: 'completeness',
  tags: ['documentation', 'billing'],
  references: ['SRC-AOTA-ORTHOTICS'],
  fixable: true,
  scope: 'note',
  check({ note, config, report }) {
    const ctx = initialDeviceNote(note);
    if (!ctx) return;
    const charge = chargesWithCode(note, ...ctx.codes)[0];
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
        message: `${ctx.label} is billed but no instruction or functional training is found: a heading looks like a misspelt ${renames.map((r) => r.title).join(' or ')}; rename it so its contents are checked.`,
        fixes: renames.map((r) => ({
          title: `Rename the heading on line ${note.lines.lineAt(r.miss.section.headingRange.start) + 1} to \`${r.title}\``,
          kind: 'choice' as const,
          edits: [replace(r.miss.section.titleRange, r.title)],
        })),
      });
      return;
    }
    // An L-code for the device the code concerns (an orthosis for 97760, a limb prosthesis for 97761).
    const lcode = billedLCodes(note).find((l) => ctx.codes.some((c) => kindOfLCode(l) === KIND_OF_CODE[c]));
    const edits: TextEdit[] = [
      instruction ? insertFields(note, instruction, instructionSkeleton()) : insertSection(note, 'instruction', instructionSkeleton()),
      training ? insertFields(note, training, functionalTrainingSkeleton(ctx)) : insertSection(note, 'functional-training', functionalTrainingSkeleton(ctx)),
    ];
    report({
      range: chargeAnchor(charge),
      message: lcode
        ? `${ctx.label} is billed with ${lcode}, but the note documents no instruction and no functional training: the L-code pays for fitting the ${ctx.noun}; ${ctx.label} needs training — document what was taught and practised in its use.`
        : ctx.prosthesis
          ? '97761 is billed but the note documents no instruction and no functional training: 97761 pays for training in the use of the prosthesis, not for its delivery alone; document what was taught and practised.'
          : `${ctx.label} is billed but the note documents no instruction and no functional training: document the skilled assessment, fitting or fabrication and the training in the use of the ${ctx.noun}.`,
      fixes: [{ title: 'Insert Instruction and Functional Training skeletons', kind: 'scaffold', edits }],
    });
  },
};
