/** fast-check generators for therapy notes: valid ones built from the format, mutated ones, and noise. */
import fc from 'fast-check';

const CODES = ['97760', '97761', '97763', '97762', '97110', '97116', '97530', '97140', '97535', 'L1971', 'L3908', 'L5301', 'l1906', 'X9999', '{{code}}'];
const MODIFIERS = ['GP', 'GO', 'GN', 'CQ', 'CO', '59', 'XU', 'KX', 'gp'];
const DX = ['M21.371', 'I69.351', 'M21.372', 'S82.001A', 'G81.91', 'M62.81', 'R26.89', 'Z99.89', 'M21.37', 'bogus'];

const yamlScalar = fc.oneof(
  fc.constantFrom('', 'TBD', '~', 'null', '"quoted"', "'single'", '{{value}}', '${1:value}', 'yes', '12', '-3', '1.5', '[a, b]', '{a: 1}', '&x anchor', '*x', '|', '>'),
  fc.string({ maxLength: 12 }),
);

const charge = fc.record(
  {
    code: fc.oneof(fc.constantFrom(...CODES), yamlScalar),
    modifiers: fc.oneof(
      fc.subarray(MODIFIERS, { maxLength: 3 }).map((m) => `[${m.join(', ')}]`),
      fc.constantFrom('GP', '[]', 'GP, CQ', '"GP"', '[[GP]]'),
    ),
    units: fc.oneof(fc.integer({ min: 0, max: 6 }).map(String), fc.constantFrom('"two"', '-1', '1.5', '[1, 2]', '{{units}}', '')),
    minutes: fc.oneof(fc.integer({ min: 0, max: 95 }).map(String), fc.constantFrom('"thirty"', '-15', '[30]', '{{minutes}}', '', '8.5')),
    region: fc.constantFrom('upper', 'lower', 'trunk', 'left leg', ''),
  },
  { requiredKeys: ['code'] },
);

function chargeYaml(c: Record<string, string | undefined>, flow: boolean): string[] {
  const entries = Object.entries(c).filter(([, v]) => v !== undefined) as [string, string][];
  if (flow) return [`  - {${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}`];
  return entries.map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}:${v === '' ? '' : ' ' + v}`);
}

const frontMatter = fc
  .record(
    {
      patient: fc.constantFrom('MRN-004211', 'chart-77', '{{patient}}', '', '12345'),
      date: fc.constantFrom('2026-11-20', '2026-13-45', '11/20/2026', '', '{{date}}', '2026-11-20T10:00'),
      discipline: fc.constantFrom('PT', 'OT', 'SLP', 'pt', 'Physio', ''),
      provider: fc.constantFrom('Alex Rivera, PT, DPT', 'Sam Lee, OTR/L', 'Jo', ''),
      furnished_by: fc.constantFrom('therapist', 'assistant', 'PTA'),
      encounter: fc.constantFrom('initial', 'subsequent', 'follow-up'),
      payer: fc.constantFrom('medicare', 'commercial', 'Medicare Advantage', 'acme'),
      diagnoses: fc.subarray(DX, { maxLength: 3 }).map((d) => `[${d.join(', ')}]`),
      charges: fc.array(fc.tuple(charge, fc.boolean()), { maxLength: 4 }),
      total_treatment_minutes: fc.oneof(fc.integer({ min: 0, max: 120 }).map(String), fc.constantFrom('"45"', '-5', 'lots')),
      unknown_key: fc.constantFrom('x', 'y'),
    },
    { requiredKeys: [] },
  )
  .map((fm) => {
    const lines: string[] = [];
    for (const [k, v] of Object.entries(fm)) {
      if (k === 'charges') {
        const list = v as [Record<string, string | undefined>, boolean][];
        lines.push('charges:');
        for (const [c, flow] of list) lines.push(...chargeYaml(c, flow));
      } else lines.push(`${k}: ${v as string}`);
    }
    return lines;
  });

const SECTION_FIELDS: Record<string, string[]> = {
  Device: ['Type: Ankle-foot orthosis, prefabricated', 'Region: lower extremity', 'Side: right', 'L-code: L1971', 'Fit: off-the-shelf', 'Device: prosthetic socket'],
  'Medical Necessity': ['Diagnosis: M21.371 foot drop', 'Rationale: Toe drag and near-falls.', 'Reason: TBD'],
  Instruction: ['Use: Donning and doffing taught.', 'Care: Wipe clean.', 'Safety: Skin checks twice daily.', 'Understanding: teach-back done', 'Teach-back: ___'],
  'Functional Training': ['Activity: Gait training 150 ft x 3.', 'Assistance: Contact guard.', 'Response: Improved clearance.', 'Gait: {{gait}}'],
  Assessment: ['Assessment date: 2026-11-20', 'Fitting: Trim lines checked.', 'Goals: Independent donning in 2 weeks.', 'Date: 2026-12-01'],
  Time: ['Direct contact: 31 minutes', 'Timed minutes: 31', 'Total treatment time: 31 minutes', 'Face-to-face: 5 min'],
  Plan: ['Next visit: 2026-11-27 (97763).', 'Continue plan of care.'],
  Signature: ['Signed: Alex Rivera, PT, DPT — 2026-11-20', 'Date: 2026-11-20', 'Electronically signed by: Jo'],
  Notes: ['Free text about the session.', '- a list item', '<!-- tnote-disable-next-line unknown-section -->', '```', 'Label: inside a fence?', '```'],
};

const section = fc
  .tuple(fc.constantFrom(...Object.keys(SECTION_FIELDS)), fc.boolean(), fc.constantFrom('## ', '##  ', '# ', '### '))
  .chain(([title, listStyle, hashes]) => fc.subarray(SECTION_FIELDS[title]).map((fields) => [`${hashes}${title}`, ...fields.map((f) => (listStyle && f.includes(':') ? `- ${f}` : f)), '']));

/** A note built from the format: front matter (maybe unclosed or absent) and sections. */
export const validNote = fc
  .record({
    fm: frontMatter,
    fmStyle: fc.constantFrom('closed', 'closed', 'closed', 'none', 'unclosed'),
    title: fc.boolean(),
    sections: fc.array(section, { maxLength: 10 }),
    eol: fc.constantFrom('\n', '\n', '\r\n'),
    bom: fc.boolean(),
    trailingNewline: fc.boolean(),
  })
  .map(({ fm, fmStyle, title, sections, eol, bom, trailingNewline }) => {
    const lines: string[] = [];
    if (fmStyle !== 'none') lines.push('---', ...fm, ...(fmStyle === 'closed' ? ['---'] : []), '');
    if (title) lines.push('# Orthotic management and training', '');
    for (const s of sections) lines.push(...s);
    const text = lines.join(eol);
    return (bom ? '\uFEFF' : '') + (trailingNewline ? text : text.replace(/(\r?\n)+$/, ''));
  });

const SPECIAL = [
  '\n',
  '\r\n',
  '\r',
  '\t',
  ' ',
  ':',
  '#',
  '## ',
  '---',
  '-',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '&a',
  '*a',
  '<!--',
  '-->',
  '${1:',
  '{{',
  '}}',
  '\0',
  '\ufffd',
  '\ud800',
  '\udc00',
  '\u2028',
  '\uFEFF',
  'é',
  '😀',
  'tnote-disable',
  '97760',
  'GP',
];

type Mutation = { kind: 'deleteLine' | 'duplicateLine' | 'swapLines' | 'deleteChar' | 'duplicateChar' | 'swapChars' | 'insert'; a: number; b: number; insert: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('deleteLine', 'duplicateLine', 'swapLines', 'deleteChar', 'duplicateChar', 'swapChars', 'insert'),
  a: fc.nat(),
  b: fc.nat(),
  insert: fc.constantFrom(...SPECIAL),
});

function mutate(text: string, m: Mutation): string {
  if (m.kind.endsWith('Line') || m.kind === 'swapLines') {
    const lines = text.split('\n');
    const i = m.a % lines.length;
    const j = m.b % lines.length;
    if (m.kind === 'deleteLine') lines.splice(i, 1);
    else if (m.kind === 'duplicateLine') lines.splice(i, 0, lines[i]);
    else [lines[i], lines[j]] = [lines[j], lines[i]];
    return lines.join('\n');
  }
  if (text.length === 0) return m.kind === 'insert' ? m.insert : text;
  const i = m.a % text.length;
  if (m.kind === 'deleteChar') return text.slice(0, i) + text.slice(i + 1);
  if (m.kind === 'duplicateChar') return text.slice(0, i + 1) + text.slice(i);
  if (m.kind === 'swapChars') return i + 1 < text.length ? text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2) : text;
  return text.slice(0, i) + m.insert + text.slice(i);
}

/** A valid note with 1–8 line/character mutations (deleted, duplicated, swapped, inserted). */
export const mutatedNote = fc.tuple(validNote, fc.array(mutation, { minLength: 1, maxLength: 8 })).map(([t, ms]) => ms.reduce(mutate, t));

/** Structure-dense noise: random sequences of the format's tokens and odd characters. */
export const tokenSoup = fc
  .array(fc.oneof(fc.constantFrom(...SPECIAL, 'code: ', 'units: ', 'charges:\n  - ', 'Type: AFO', 'patient: x', '## Device\n', '  '), fc.string({ maxLength: 5 })), { maxLength: 80 })
  .map((a) => a.join(''));

/** Arbitrary text: any code units including lone surrogates, or printable ASCII. */
export const randomText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'binary-ascii', maxLength: 300 }), fc.string({ maxLength: 300 }));

/** Any of the above. */
export const anyNote = fc.oneof({ weight: 3, arbitrary: validNote }, { weight: 4, arbitrary: mutatedNote }, { weight: 2, arbitrary: tokenSoup }, { weight: 1, arbitrary: randomText });
