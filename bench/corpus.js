// @ts-check
'use strict';
/**
 * Deterministic (seeded) corpus of realistic therapy notes for the benchmarks. Nothing here is
 * committed: notes are generated at bench time into a temp folder.
 *
 *   generateNote(rng, { lines, defective })  one note of about `lines` lines
 *   generateCorpus(seed, count, opts)        [{ name, text, lines, defects }]
 *   writeCorpus(dir, notes, ext)             writes the notes as files
 *
 * Notes of 55+ lines are full 97760 (orthotic management and training) notes following
 * note-format.md; shorter ones are daily treatment notes (97110/97530) with the sections a short
 * visit has. Clean notes produce no findings; defective notes carry one to three realistic defects.
 */
const fs = require('fs');
const path = require('path');

/** mulberry32: small, fast, good enough for test data, and identical everywhere. */
function rngFrom(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  next.pick = (arr) => arr[Math.floor(next() * arr.length)];
  next.chance = (p) => next() < p;
  return next;
}

const PT_PROVIDERS = ['Alex Rivera, PT, DPT', 'Sam Delgado, PT, DPT', 'Morgan Okafor, PT, DPT', 'Casey Nguyen, PT, MPT', 'Robin Haas, PT, DPT, NCS'];
const OT_PROVIDERS = ['Jordan Lee, OTR/L', 'Priya Natarajan, OTR/L, CHT', 'Dana Brooks, OTR/L', 'Kim Alvarez, OTD, OTR/L'];

const DEVICES = {
  afo: {
    discipline: 'PT',
    region: 'lower',
    regionText: 'lower extremity',
    sides: ['right', 'left'],
    dx: {
      right: [
        ['M21.371', 'foot drop, right foot'],
        ['I69.351', 'hemiplegia following cerebral infarction affecting right dominant side'],
      ],
      left: [
        ['M21.372', 'foot drop, left foot'],
        ['I69.354', 'hemiplegia following cerebral infarction affecting left non-dominant side'],
      ],
    },
    types: [
      'Ankle-foot orthosis, plastic, with ankle joint, prefabricated',
      'Ankle-foot orthosis, posterior leaf spring, prefabricated',
      'Ankle-foot orthosis, solid ankle, custom molded thermoplastic',
    ],
    lcodes: ['L1971', 'L1930', 'L1960'],
    activity: [
      'Gait training with AFO and single-point cane, {n} ft x 3 on level surfaces; sit-to-stand transfers x 10.',
      'Gait training with AFO and quad cane, {n} ft x 2 including thresholds; car transfer practice x 3.',
    ],
    rationale: 'Toe drag on the {side} and {n} near-falls this month; the AFO is needed for swing-phase clearance and safe household ambulation.',
  },
  whfo: {
    discipline: 'OT',
    region: 'upper',
    regionText: 'upper extremity',
    sides: ['right', 'left'],
    dx: { right: [['G56.01', 'carpal tunnel syndrome, right upper limb']], left: [['G56.02', 'carpal tunnel syndrome, left upper limb']] },
    types: ['Wrist-hand orthosis without joints, custom fabricated thermoplastic, wrist in neutral', 'Wrist-hand-finger orthosis (resting hand), prefabricated'],
    lcodes: ['L3906', 'L3807'],
    activity: [
      'ADLs: donning in bed, adjusting straps, reaching for the bedside lamp with the orthosis on, {n} repetitions.',
      'ADLs: dressing and grooming tasks with the orthosis on, {n} minutes of graded practice.',
    ],
    rationale: 'Night pain and numbness in the {side} hand wake the patient {n} times a night; the orthosis is needed to rest the wrist in neutral during sleep.',
  },
  tlso: {
    discipline: 'PT',
    region: 'trunk',
    regionText: 'trunk',
    sides: ['bilateral (midline trunk orthosis)'],
    dx: { 'bilateral (midline trunk orthosis)': [['G80.0', 'spastic quadriplegic cerebral palsy']] },
    types: ['Thoracolumbosacral orthosis (TLSO), bivalved, supplied by the orthotist'],
    lcodes: [],
    activity: ['Transfers: supported sit-to-stand and stand-pivot transfers with the TLSO on, {n} repetitions with the caregiver.'],
    rationale: 'Forward trunk collapse in sitting limits safe transfers; the TLSO is needed for upright sitting ({n} falls from the wheelchair this year).',
  },
};

const FILLER = [
  'Patient tolerated the session well and asked relevant questions about the wearing schedule.',
  'Reviewed the home program handout; patient keeps it on the refrigerator as a reminder.',
  'Skin inspected before and after wear with no redness lasting beyond ten minutes.',
  'Caregiver present for the second half of the session and practised the strap sequence.',
  'Rest breaks of one to two minutes were needed between trials because of fatigue.',
  'Discussed footwear and the need for a shoe with a removable insole and a firm heel counter.',
  'Patient reports pain 2/10 at rest and 4/10 after the longest walk of the session.',
  'Balance reactions were delayed on turns but improved with verbal cues to slow down.',
  'Orthosis straps re-marked with tape so the patient can find the correct tension at home.',
  'Goals reviewed with the patient, who agrees with the plan and the visit frequency.',
];

const pad2 = (n) => String(n).padStart(2, '0');

/**
 * One note. `lines` is the target length (the result is within a line or two of it, never
 * shorter than the note's structure needs). Returns { text, lines, defects }.
 */
function generateNote(rng, { lines = 60, defective = false, id = rng.int(100000, 999999) } = {}) {
  const month = rng.int(1, 12);
  const day = rng.int(1, 27);
  const date = `2026-${pad2(month)}-${pad2(day)}`;
  const next = `2026-${pad2(month)}-${pad2(day + 1)}`;
  const short = lines < 55;
  const tiny = lines < 30; // a terse daily note: no title, one training line
  const kind = rng.pick(['afo', 'afo', 'whfo', 'tlso']);
  const d = DEVICES[kind];
  const side = rng.pick(d.sides);
  const dx = d.dx[side];
  const provider = rng.pick(d.discipline === 'PT' ? PT_PROVIDERS : OT_PROVIDERS);
  const mod = d.discipline === 'PT' ? 'GP' : 'GO';
  const minutes = rng.int(23, 37);
  const extra = rng.chance(0.4);
  /** @type {{ encounter?: string, charges: { code: string, modifiers?: string[], units: number, minutes?: number, region?: string }[], [key: string]: any }} */
  const fm = {
    patient: `MRN-${String(id).padStart(6, '0')}`,
    date,
    discipline: d.discipline,
    provider,
    encounter: 'initial',
    payer: rng.pick(['medicare', 'medicare', 'commercial']),
    diagnoses: dx.map((x) => x[0]),
    charges: [],
    total: 0,
  };
  const lcode = d.lcodes.length && rng.chance(0.7) ? rng.pick(d.lcodes) : undefined;
  if (short) {
    delete fm.encounter;
    const m = rng.int(23, 37);
    fm.charges.push({ code: '97110', modifiers: [mod], units: 2, minutes: m });
    fm.total = m;
  } else {
    fm.charges.push({ code: '97760', modifiers: [mod], units: 2, minutes, region: d.region });
    fm.total = minutes;
    if (extra) {
      fm.charges.push({ code: d.discipline === 'PT' ? '97110' : '97530', modifiers: [mod], units: 1, minutes: 15 });
      fm.total += 15;
    }
    // An AFO L-code carries the side (DME MAC RT/LT rule; lcode-missing-side-modifier).
    if (lcode) fm.charges.push({ code: lcode, ...(kind === 'afo' ? { modifiers: [side === 'left' ? 'LT' : 'RT'] } : {}), units: 1 });
  }
  const timed = fm.charges.reduce((s, c) => s + (c.minutes ?? 0), 0);

  // Defects are applied to this description of the note before it is written out.
  const defects = [];
  const note = {
    fm,
    sections: new Map(),
    title: tiny ? undefined : short ? '# Daily treatment note' : '# Orthotic management and training — initial encounter',
    comment: rng.chance(0.2) ? `<!-- Reviewed with ${provider.split(',')[0]} before signing. -->` : undefined,
  };
  const sec = (name, rows) => note.sections.set(name, rows);
  const n = () => rng.int(2, 300);
  if (!short) {
    sec('Device', [`Type: ${rng.pick(d.types)}`, `Region: ${d.regionText}`, `Side: ${side}`, ...(lcode ? [`L-code: ${lcode}`] : [])]);
    sec('Medical Necessity', [`Diagnosis: ${dx.map((x) => `${x[0]} ${x[1]}`).join('; ')}`, `Rationale: ${d.rationale.replace('{side}', side).replace('{n}', String(rng.int(2, 4)))}`]);
    sec('Instruction', [
      'Use: Donning and doffing taught seated; wear schedule 2 h on / 1 h off, building to all day.',
      'Care: Wipe the shell with a damp cloth, air dry, no heat.',
      'Safety: Check skin for redness twice daily; stop wearing and call if redness lasts over 30 minutes.',
      'Understanding: Patient demonstrated donning and described skin checks (teach-back).',
    ]);
  }
  sec('Functional Training', [
    `Activity: ${rng.pick(d.activity).replace('{n}', String(n()))}`,
    ...(tiny
      ? []
      : [
          `Assistance: ${rng.pick(['Contact guard progressing to supervision.', 'Supervision.', 'Set-up only.', 'Minimal assist for balance.'])}`,
          `Response: ${rng.pick(['No loss of balance.', 'Improved clearance on all observed steps.', 'Independent by the end of the session.'])}`,
        ]),
  ]);
  if (!short) {
    sec('Assessment', [
      `Assessment date: ${date}`,
      'Fitting: Trim lines checked, no pressure areas after 20 min wear; strap tension adjusted.',
      'Goals: Independent donning in 2 weeks; safe use of the orthosis in daily routines in 4 weeks.',
    ]);
  }
  sec('Time', [
    `Direct contact: ${timed} minutes one-on-one${short ? ' therapeutic exercise' : ' orthotic management and training'}`,
    ...(extra && !short ? [`Timed minutes: ${timed}`] : []),
    `Total treatment time: ${fm.total} minutes`,
  ]);
  sec('Plan', [`Next visit: ${next}, ${short ? 'continue the exercise program' : 'orthotic check and progression (97763)'}.`]);
  sec('Signature', [`Signed: ${provider} — ${date}`]);

  if (defective) applyDefects(rng, note, defects, short);

  // Pad to the target length with narrative lines spread over the narrative sections.
  const fixed = render(note).split('\n').length;
  const want = Math.max(0, lines - fixed);
  const targets = ['Functional Training', 'Plan', 'Assessment'].filter((s) => note.sections.has(s));
  for (let i = 0; i < want; i++) {
    const s = targets[i % targets.length];
    const filler = rng.pick(FILLER);
    note.sections.get(s).push(s === 'Plan' ? `- ${filler}` : filler);
  }
  const text = render(note);
  return { text, lines: text.split('\n').length - 1, defects };
}

function applyDefects(rng, note, defects, short) {
  const fm = note.fm;
  const all = [
    [
      'missing-discipline-modifier',
      () => {
        fm.charges[0].modifiers = [];
      },
    ],
    [
      'discipline-modifier-mismatch',
      () => {
        fm.charges[0].modifiers = [fm.discipline === 'PT' ? 'GO' : 'GP'];
      },
    ],
    [
      'units-not-matching-minutes',
      () => {
        fm.charges[0].units = 4;
      },
    ],
    [
      'icd10-incomplete',
      () => {
        fm.diagnoses = [fm.diagnoses[0].slice(0, -1)];
      },
    ],
    [
      'missing-date-of-service',
      () => {
        fm.date = '2026-13-40';
      },
    ],
    [
      'unresolved-placeholder',
      () => {
        note.sections.get('Functional Training').push('Response: {{response to training}}');
      },
    ],
    [
      'missing-signature-credentials',
      () => {
        note.sections.set('Signature', [`Signed: ${fm.provider.split(',')[0]}`]);
      },
    ],
    [
      'missing-total-treatment-time',
      () => {
        fm.total = undefined;
        note.sections.set(
          'Time',
          note.sections.get('Time').filter((l) => !l.startsWith('Total')),
        );
      },
    ],
    [
      'assistant-modifier-without-assistant',
      () => {
        fm.charges[0].modifiers.push(fm.discipline === 'PT' ? 'CQ' : 'CO');
      },
    ],
    [
      'unknown-section',
      () => {
        const rows = note.sections.get('Plan');
        note.sections.delete('Plan');
        note.sections.set('Plann', rows);
      },
    ],
  ];
  if (!short) {
    all.push(
      [
        'missing-instruction-elements',
        () => {
          note.sections.set(
            'Instruction',
            note.sections.get('Instruction').filter((l) => !l.startsWith('Safety')),
          );
        },
      ],
      [
        'assessment-date-after-service',
        () => {
          const a = note.sections.get('Assessment');
          a[0] = 'Assessment date: 2026-12-31';
        },
      ],
      [
        'missing-direct-contact',
        () => {
          note.sections.set(
            'Time',
            note.sections.get('Time').filter((l) => !l.startsWith('Direct')),
          );
        },
      ],
      [
        'initial-code-on-subsequent-encounter',
        () => {
          fm.encounter = 'subsequent';
        },
      ],
      [
        'deleted-code-97762',
        () => {
          fm.charges.push({ code: '97762', modifiers: [fm.charges[0].modifiers[0] ?? 'GP'], units: 1, minutes: 10 });
        },
      ],
      [
        'missing-medical-necessity',
        () => {
          note.sections.delete('Medical Necessity');
        },
      ],
    );
  }
  const count = rng.int(1, 3);
  for (let i = 0; i < count; i++) {
    const [name, apply] = rng.pick(all);
    if (defects.includes(name)) continue;
    try {
      apply();
      defects.push(name);
    } catch {
      /* a defect that does not fit this note */
    }
  }
  if (rng.chance(0.03)) {
    note.brokenFrontMatter = true; // an unclosed front matter block, as in a half-pasted note
    defects.push('front-matter-invalid');
  }
}

function render(note) {
  const fm = note.fm;
  const out = ['---', `patient: ${fm.patient}`, `date: ${fm.date}`, `discipline: ${fm.discipline}`, `provider: ${fm.provider}`];
  if (fm.encounter) out.push(`encounter: ${fm.encounter}`);
  out.push(`payer: ${fm.payer}`, `diagnoses: [${fm.diagnoses.join(', ')}]`, 'charges:');
  for (const c of fm.charges) {
    out.push(`  - code: ${c.code}`);
    if (c.modifiers && c.modifiers.length) out.push(`    modifiers: [${c.modifiers.join(', ')}]`);
    out.push(`    units: ${c.units}`);
    if (c.minutes !== undefined) out.push(`    minutes: ${c.minutes}`);
    if (c.region) out.push(`    region: ${c.region}`);
  }
  if (fm.total !== undefined) out.push(`total_treatment_minutes: ${fm.total}`);
  if (!note.brokenFrontMatter) out.push('---');
  out.push('');
  if (note.title) out.push(note.title, '');
  if (note.comment) out.push(note.comment, '');
  for (const [name, rows] of note.sections) out.push(`## ${name}`, ...rows, '');
  return out.join('\n');
}

/** A realistic mix: sizes 20–400 lines (most between 40 and 120), `defectRate` of them defective. */
function generateCorpus(seed, count, { defectRate = 0.35, minLines = 20, maxLines = 400 } = {}) {
  const rng = rngFrom(seed);
  const notes = [];
  for (let i = 0; i < count; i++) {
    const r = rng();
    const lines = r < 0.15 ? rng.int(minLines, 54) : r < 0.8 ? rng.int(55, 120) : r < 0.95 ? rng.int(121, 250) : rng.int(251, maxLines);
    const defective = rng.chance(defectRate);
    const note = generateNote(rng, { lines, defective, id: 100000 + i });
    notes.push({ name: `note-${String(i).padStart(5, '0')}${defective ? '-d' : ''}`, ...note });
  }
  return notes;
}

/** A synthetic large note of about `lines` lines (a full 97760 note with a long narrative). */
function largeNote(seed, lines, defective = false) {
  return generateNote(rngFrom(seed), { lines, defective, id: 424242 });
}

/** Writes notes into `dir` (created) with extension `ext`, spread over subfolders of 1,000. */
function writeCorpus(dir, notes, ext = '.tnote') {
  fs.mkdirSync(dir, { recursive: true });
  const files = [];
  notes.forEach((n, i) => {
    const sub = path.join(dir, `batch-${String(Math.floor(i / 1000)).padStart(2, '0')}`);
    if (i % 1000 === 0) fs.mkdirSync(sub, { recursive: true });
    const file = path.join(sub, n.name + ext);
    fs.writeFileSync(file, n.text);
    files.push(file);
  });
  return files;
}

module.exports = { rngFrom, generateNote, generateCorpus, largeNote, writeCorpus };

if (require.main === module) {
  // node bench/corpus.js DIR [count] [seed] — writes a corpus for manual inspection.
  const [dir, count = '100', seed = '97760'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node bench/corpus.js DIR [count] [seed]');
    process.exit(2);
  }
  const notes = generateCorpus(Number(seed), Number(count));
  writeCorpus(dir, notes);
  console.log(`wrote ${notes.length} notes to ${dir}`);
}
