/**
 * Templates: unfilled, each placeholder is reported; filled with realistic values (the same
 * value for the same label), each template is a clean note under the Medicare profile.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText } from '../../server/src/engine';
import { REPO_ROOT } from '../helpers/paths';

const PLACEHOLDER = /\$\{\d+(?::([^}\n]*))?\}|\$\{([A-Za-z_][^}\n]*)\}|\{\{([^{}\n]*)\}\}/g;

/** Values a clinician would write, by placeholder label; per-template values first. */
const COMMON: Record<string, string> = {
  'patient MRN': 'MRN-009001',
  'YYYY-MM-DD': '2026-11-20',
  'units = floor((minutes + 7) / 15)': '2',
  'timed minutes': '31',
  'total treatment minutes': '31',
  minutes: '31',
  'total minutes': '31',
  'cleaning and maintenance': 'Hand-wash the liner and air dry; wipe the shell with a damp cloth.',
  'donning and doffing taught; wear schedule': 'Donning and doffing taught; wear 2 h on / 1 h off, building to all day.',
  'skin checks and precautions; when to stop wearing and call': 'Check skin twice daily; stop wearing and call if redness lasts over 30 minutes.',
  'teach-back by patient or caregiver': 'Patient demonstrated donning and described skin checks.',
  'level of assistance': 'Supervision.',
  'patient response': 'Tolerated well; no pressure areas.',
  'measurable goals tied to the plan, with time frames': 'Independent donning in 2 weeks; device use for daily tasks in 4 weeks.',
  'home program and follow-up': 'Home program: wear schedule and skin checks as taught.',
  'ICD-10-CM code and meaning': 'see front matter',
  // The templates' own instructions (inside an HTML comment) mention the placeholder forms.
  '...': '...',
};

const PER_TEMPLATE: Record<string, Record<string, string>> = {
  '97760-pt.tnote': {
    'therapist name, credentials': 'Alex Rivera, PT, DPT',
    'ICD-10-CM code': 'M21.371',
    'lower or trunk': 'lower',
    'L-code': 'L1971',
    'RT or LT': 'RT',
    'orthosis type, e.g. ankle-foot orthosis, plastic, with ankle joint, prefabricated': 'Ankle-foot orthosis, plastic, with ankle joint, prefabricated',
    'lower extremity or trunk': 'lower extremity',
    'right, left or bilateral': 'right',
    'prefabricated, off-the-shelf or custom fabricated': 'prefabricated',
    'why the orthosis and the training are needed: impairment, falls, functional limits': 'Foot drop with toe drag and near-falls; AFO needed for safe household walking.',
    'gait, transfers or other functional training with the orthosis: distances, repetitions, device': 'Gait training with AFO and cane, 150 ft x 3; sit-to-stand x 10.',
    'fit check: trim lines, pressure areas, strap adjustment': 'Trim lines checked; no pressure areas after 20 minutes; straps adjusted.',
  },
  '97760-ot.tnote': {
    'therapist name, credentials': 'Sam Lee, OTR/L',
    'ICD-10-CM code': 'G56.01',
    'L-code, e.g. L3906': 'L3906',
    'orthosis type, e.g. wrist-hand orthosis without joints, custom fabricated': 'Wrist-hand orthosis without joints, custom fabricated',
    'right or left': 'right',
    'prefabricated, off-the-shelf or custom fabricated': 'custom fabricated',
    'why the orthosis and the training are needed: impairment, falls, functional limits': 'Night numbness and weak grip; orthosis keeps the wrist neutral.',
    'ADLs with the orthosis: dressing, grooming, bed tasks, work tasks': 'ADLs with the orthosis: dressing and grooming practised.',
    'fit check: wrist angle, edges, pressure areas, strap adjustment': 'Wrist neutral; edges smooth; no pressure areas.',
  },
  '97763-followup.tnote': {
    'therapist name, credentials': 'Alex Rivera, PT, DPT',
    'ICD-10-CM code': 'M21.371',
    'upper, lower or trunk': 'lower',
    'orthosis or prosthesis in use, and the date it was issued': 'Ankle-foot orthosis issued 2026-11-13',
    'upper extremity, lower extremity or trunk': 'lower extremity',
    'right, left or bilateral': 'right',
    'why further management or training is needed today': 'Progressing wear time and gait on uneven ground.',
    'wear schedule and donning reviewed or progressed': 'Wear schedule progressed to all day.',
    'cleaning and maintenance reviewed': 'Cleaning reviewed.',
    'skin checks and precautions reviewed; findings': 'Skin checks reviewed; no redness.',
    'gait, transfers, ADLs or other functional training with the device': 'Gait training on ramps and curbs with the orthosis.',
    'fit check today: wear, pressure areas, adjustments': 'No pressure areas; strap replaced.',
    'goals and progress toward them, with time frames': 'Independent community walking in 3 weeks.',
  },
  '97761-prosthetic.tnote': {
    'therapist name, credentials': 'Alex Rivera, PT, DPT',
    'ICD-10-CM code': 'Z89.511',
    'upper or lower': 'lower',
    'prosthesis type, e.g. transtibial prosthesis with pin-lock liner': 'Transtibial prosthesis with pin-lock liner',
    'upper extremity or lower extremity': 'lower extremity',
    'right or left': 'right',
    'why prosthetic training is needed: functional level, goals for walking or limb use': 'New below-knee prosthesis; needs training for safe household walking.',
    'donning and doffing of liner, socks and socket; wear schedule': 'Donning and doffing of liner and socket taught; wear 2 h on / 1 h off.',
    'cleaning of liner and socket; sock-ply management': 'Clean liner daily; adjust sock ply for fit.',
    'residual-limb skin checks; when to stop wearing and call': 'Check residual limb skin twice daily; stop and call if redness lasts.',
    'gait, transfers or upper-limb tasks with the prosthesis: distances, repetitions, device': 'Gait training with prosthesis and walker, 100 ft x 3.',
    'fit check: socket comfort, pressure areas, sock ply': 'Socket comfortable with 3-ply sock; no pressure areas.',
  },
};

/** The template's text with its `status: template` line removed (a final note). */
function asFinal(text: string): string {
  assert.match(text, /^---\nstatus: template\n/);
  return text.replace(/^status: template\n/m, '');
}

function fill(template: string, name: string): string {
  return template.replace(PLACEHOLDER, (whole, a?: string, b?: string, c?: string) => {
    const label = (a ?? b ?? c ?? '').trim();
    const value = PER_TEMPLATE[name]?.[label] ?? COMMON[label];
    if (value === undefined) throw new Error(`${name}: no value for placeholder ${whole}`);
    return value;
  });
}

describe('templates', () => {
  const dir = path.join(REPO_ROOT, 'templates');
  const names = fs.readdirSync(dir).filter((f) => f.endsWith('.tnote'));

  it('there is a template for 97760 PT, 97760 OT, 97763 and 97761', () => {
    assert.deepEqual(names.sort(), ['97760-ot.tnote', '97760-pt.tnote', '97761-prosthetic.tnote', '97763-followup.tnote']);
  });

  for (const name of names) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    it(`${name}: as a final note, every placeholder outside comments is reported while unfilled`, () => {
      const { findings, note } = lintText(asFinal(text));
      const reported = findings.filter((f) => f.ruleId === 'unresolved-placeholder').map((f) => f.range.start);
      assert.ok(note.placeholders.length > 5);
      assert.deepEqual(
        reported,
        note.placeholders.map((p) => p.start),
      );
    });
    it(`${name}: as a draft, every placeholder is one "to do" item (its own, or the element its field holds)`, () => {
      const { findings, note } = lintText(text.replace(/^status: template$/m, 'status: draft'));
      assert.deepEqual(
        findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId}: ${f.message}`),
        [],
      );
      for (const p of note.placeholders) {
        const covering = findings.filter((f) => f.todo && f.range.start <= p.start && p.end <= f.range.end);
        assert.equal(covering.length, 1, `placeholder ${p.label} at ${p.start}: ${covering.map((f) => f.ruleId).join(', ') || 'no to-do item'}`);
      }
    });
    it(`${name}: filled in, it is a clean note`, () => {
      const { findings, note } = lintText(asFinal(fill(text, name)));
      const problems = findings.filter((f) => f.severity !== 'info').map((f) => `${note.lines.positionAt(f.range.start).line + 1} ${f.ruleId}: ${f.message}`);
      assert.deepEqual(problems, []);
    });
  }
});
