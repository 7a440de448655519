// @ts-check
'use strict';
/**
 * Deterministic (seeded) corpus of realistic therapy notes for the benchmarks. Nothing here is
 * committed: notes are generated at bench time into a temp folder.
 *
 *   generateNote(rng, { lines, defective, id, kind })  one note of about `lines` lines
 *   generateCorpus(seed, count, opts)                  [{ name, kind, text, lines, defects }]
 *   largeNote(seed, lines, defective)                  a synthetic long 97760 note (size curve)
 *   writeCorpus(dir, notes, ext)                       writes the notes as files
 *
 * The corpus follows patients through an episode: an initial note (97760 PT or OT, 97761 for a
 * prosthesis, or both devices in one note), then 97763 follow-ups a week apart, with some daily
 * treatment notes in between. Some notes are signed by a student with the supervising therapist's
 * co-signature, some are drafts still being written (their to-do items are findings at `info`),
 * and a share carries one to three realistic defects. Notes run 40–120 lines (most around 60),
 * with narrative paragraphs in the training, assessment and plan sections. Clean final notes
 * produce no findings (test/bench/corpus.test.ts checks it with the engine).
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
const PT_STUDENTS = ['Jordan Kim, SPT', 'Avery Stone, SPT', 'Riley Chen, SPT'];
const OT_STUDENTS = ['Taylor Reed, OTS', 'Quinn Patel, OTS'];

/** Devices by kind. `prosthesis` devices are billed with 97761 (the prosthesis itself is the prosthetist's). */
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
      'Gait training with AFO, {n} ft on level surfaces and a ramp; stair training, 8 steps with rail.',
    ],
    rationale: 'Toe drag on the {side} and {n} near-falls this month; the AFO is needed for swing-phase clearance and safe household ambulation.',
    followRationale: 'Patient wears the AFO most of the day but still catches the {side} toe on thresholds when tired; further training is needed for community distances.',
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
    followRationale: 'Night waking from numbness in the {side} hand is down but not gone; strap wear and wrist position need review and the home program needs progression.',
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
    followRationale: 'Upright sitting with the TLSO is better; the caregiver still needs practice with the straps and with transfers on her own.',
  },
  transtibial: {
    discipline: 'PT',
    prosthesis: true,
    region: 'lower',
    regionText: 'lower extremity',
    sides: ['right', 'left'],
    dx: { right: [['Z89.511', 'acquired absence of right leg below knee']], left: [['Z89.512', 'acquired absence of left leg below knee']] },
    types: ['Transtibial prosthesis with pin-lock liner (delivered by the prosthetist)', 'Transtibial prosthesis with suction suspension and a sleeve (delivered by the prosthetist)'],
    lcodes: [],
    activity: [
      'Gait training with the prosthesis and a rolling walker, {n} ft x 3; sit-to-stand transfers x 10.',
      'Gait training with the prosthesis and a cane, {n} ft including a ramp; curb step-up x 4.',
    ],
    rationale: 'New {side} transtibial prosthesis; training is needed for donning, sock-ply management and safe walking ({n} falls since the amputation).',
    followRationale: 'Walking with the {side} prosthesis indoors without a device; sock-ply changes and community distances still need training.',
  },
  transradial: {
    discipline: 'OT',
    prosthesis: true,
    region: 'upper',
    regionText: 'upper extremity',
    sides: ['right', 'left'],
    dx: { right: [['Z89.211', 'acquired absence of right upper limb below elbow']], left: [['Z89.212', 'acquired absence of left upper limb below elbow']] },
    types: ['Transradial body-powered prosthesis with a voluntary-opening hook (delivered by the prosthetist)'],
    lcodes: [],
    activity: ['ADLs: two-handed tasks with the prosthesis (opening jars, cutting food, buttoning), {n} repetitions of each.'],
    rationale: 'New {side} transradial prosthesis; training is needed for harness donning, terminal device control and two-handed daily tasks ({n} tasks the patient cannot do now).',
    followRationale: 'Terminal device control is reliable at table height; reaching overhead and grading grip for soft objects still need training.',
  },
};

const NARRATIVE = {
  'Functional Training': [
    'Patient needed verbal cues to slow down on turns and to look ahead rather than at the feet.',
    'Rest breaks of one to two minutes were needed between trials because of fatigue.',
    'The caregiver joined for the last trials and practised guarding from the weaker side.',
    'Performance was steadier after the second trial, with fewer cues and a more even rhythm.',
    'Practised the same task at home height and at the clinic height so it carries over.',
    'Patient self-corrected once when the strap loosened and re-tightened it without help.',
    'Heart rate and breathing stayed comfortable; patient rated effort 4 out of 10.',
    'Trials on carpet were harder than on tile; patient prefers to start on tile at home.',
  ],
  Assessment: [
    'Skin inspected before and after wear with no redness lasting beyond ten minutes.',
    'Patient is motivated and engaged, and the spouse is available to help in the mornings.',
    'Progress is on track for the goals set at the start of the episode.',
    'Endurance remains the main limit; quality of movement is good for short distances.',
    'Home set-up was reviewed with the patient; a chair with arms is now by the front door.',
    'No new pain reported; pain 2/10 at rest and 3/10 after the longest trial.',
    'Balance reactions were delayed on turns but improved with practice during the session.',
  ],
  Plan: [
    'Continue the home program daily and log wear time on the sheet provided.',
    'Progress distance and surfaces as tolerated; add an outdoor route next week.',
    'Caregiver to attend the next visit to review the strap sequence.',
    'Call the clinic before the next visit if redness lasts over thirty minutes.',
    'Coordinate with the orthotist if the fit changes with swelling.',
  ],
};

const DAY = 86400000;
const isoDate = (ms) => new Date(ms).toISOString().slice(0, 10);

/** A narrative paragraph of 2–4 sentences from a section's pool. */
function paragraph(rng, section) {
  const pool = NARRATIVE[section];
  const n = rng.int(2, 4);
  const out = [];
  for (let i = 0; i < n; i++) {
    const s = rng.pick(pool);
    if (!out.includes(s)) out.push(s);
  }
  return out.join(' ');
}

/**
 * The kinds of notes the corpus holds. `initial-*` open an episode; `followup` continues one;
 * `daily` is a treatment note without a device charge. Students and drafts are variants.
 */
const KINDS = ['initial-pt-afo', 'initial-ot-who', 'initial-pt-tlso', 'initial-pt-97761', 'initial-ot-97761', 'initial-two-devices', 'followup', 'daily'];

function deviceKeyOf(kind) {
  return { 'initial-pt-afo': 'afo', 'initial-ot-who': 'whfo', 'initial-pt-tlso': 'tlso', 'initial-pt-97761': 'transtibial', 'initial-ot-97761': 'transradial', 'initial-two-devices': 'afo' }[kind];
}

/**
 * @param {ReturnType<typeof rngFrom>} rng
 * @param {{ lines?: number, defective?: boolean, id?: number, kind?: string, episode?: any, student?: boolean, draft?: boolean, sentenceLines?: boolean }} [options]
 *
 * One note. `lines` is the target length (the result is within a line or two of it, never
 * shorter than the note's structure needs). `episode` carries patient, device, side and dates
 * from the initial note to its follow-ups. Returns { text, lines, defects, kind, episode }.
 */
function generateNote(rng, { lines = 60, defective = false, id = rng.int(100000, 999999), kind = 'initial-pt-afo', episode = undefined, student = false, draft = false, sentenceLines = false } = {}) {
  const ep = episode ?? newEpisode(rng, kind === 'followup' || kind === 'daily' ? 'initial-pt-afo' : kind, id);
  const followup = kind === 'followup';
  const daily = kind === 'daily';
  const d = DEVICES[ep.device];
  const date = followup || daily ? isoDate(ep.lastMs + rng.int(daily ? 2 : 6, daily ? 4 : 8) * DAY) : isoDate(ep.startMs);
  ep.lastMs = Date.parse(date);
  const next = isoDate(ep.lastMs + 7 * DAY);
  const mod = d.discipline === 'PT' ? 'GP' : 'GO';
  const signer = student ? rng.pick(d.discipline === 'PT' ? PT_STUDENTS : OT_STUDENTS) : ep.provider;
  const code = followup ? '97763' : d.prosthesis ? '97761' : '97760';
  const minutes = rng.int(23, 37);
  const extra = !daily && rng.chance(0.35);
  const dx = d.dx[ep.side];
  const two = ep.two && !followup && !daily; // 97760 (AFO) + 97761 (prosthesis, other leg)
  const other = DEVICES.transtibial; // the second device of a two-device note
  const otherSide = ep.side === 'right' ? 'left' : 'right';
  /** @type {{ [key: string]: any, charges: { code: string, modifiers?: string[], units: number, minutes?: number, region?: string }[] }} */
  const fm = {
    ...(draft ? { status: 'draft' } : {}),
    patient: ep.patient,
    date,
    discipline: d.discipline,
    provider: ep.provider,
    ...(daily ? {} : { encounter: followup ? 'subsequent' : 'initial' }),
    payer: ep.payer,
    diagnoses: [...dx.map((x) => x[0]), ...(two ? other.dx[otherSide].map((x) => x[0]) : [])],
    charges: [],
    total: 0,
  };
  if (daily) {
    const m = rng.int(23, 37);
    fm.charges.push({ code: d.discipline === 'PT' ? '97110' : '97530', modifiers: [mod], units: 2, minutes: m });
    fm.total = m;
  } else if (two) {
    const a = rng.int(15, 22);
    const b = rng.int(23, 30); // a + b in 38–52: 3 units, 1 + 2
    fm.charges.push({ code: '97760', modifiers: [mod], units: 1, minutes: a, region: 'lower' });
    fm.charges.push({ code: '97761', modifiers: [mod], units: 2, minutes: b, region: 'lower' });
    fm.total = a + b;
  } else {
    fm.charges.push({ code, modifiers: [mod], units: 2, minutes, region: d.region });
    fm.total = minutes;
    if (extra) {
      fm.charges.push({ code: d.discipline === 'PT' ? '97110' : '97530', modifiers: [mod], units: 1, minutes: 15 });
      fm.total += 15;
    }
  }
  // An AFO L-code carries the side (DME MAC RT/LT rule; lcode-missing-side-modifier).
  const lcode = !followup && !daily && d.lcodes.length && rng.chance(0.6) ? rng.pick(d.lcodes) : undefined;
  if (lcode) fm.charges.push({ code: lcode, ...(ep.device === 'afo' ? { modifiers: [ep.side === 'left' ? 'LT' : 'RT'] } : {}), units: 1 });
  const timed = fm.charges.reduce((s, c) => s + (c.minutes ?? 0), 0);

  const defects = [];
  const what = d.prosthesis ? 'prosthetic training' : 'orthotic management and training';
  const note = {
    fm,
    /** @type {[string, string[]][]} */
    sections: [],
    title: daily
      ? '# Daily treatment note'
      : two
        ? '# Orthotic and prosthetic training — initial encounter'
        : `# ${d.prosthesis ? 'Prosthetic training' : 'Orthotic management and training'} — ${followup ? 'subsequent' : 'initial'} encounter`,
    comment: rng.chance(0.15) ? `<!-- Reviewed with ${ep.provider.split(',')[0]} before signing. -->` : undefined,
  };
  const sec = (name, rows) => note.sections.push([name, rows]);
  const n = () => String(rng.int(2, 300));
  const small = () => String(rng.int(2, 4));
  if (!daily) {
    const device = (dd, side, l) => [
      `Type: ${followup ? `${ep.type} (issued ${isoDate(ep.startMs)})` : dd === d ? ep.type : rng.pick(dd.types)}`,
      `Region: ${dd.regionText}`,
      `Side: ${side}`,
      ...(l ? [`L-code: ${l}`] : []),
    ];
    sec('Device', device(d, ep.side, lcode));
    if (two) sec('Device', device(other, otherSide, undefined));
    const diag = [...dx.map((x) => `${x[0]} ${x[1]}`), ...(two ? other.dx[otherSide].map((x) => `${x[0]} ${x[1]}`) : [])].join('; ');
    sec('Medical Necessity', [`Diagnosis: ${diag}`, `Rationale: ${(followup ? d.followRationale : d.rationale).replace('{side}', ep.side).replace('{n}', small())}`]);
    sec(
      'Instruction',
      d.prosthesis || two
        ? [
            'Use: Donning the liner, socks and socket taught seated; sock-ply changes practised; wear schedule 1 h on / 1 h off, building up.',
            'Care: Wash the liner daily with mild soap and air dry; wipe the socket.',
            'Safety: Check the residual limb for redness twice daily; stop wearing and call if redness lasts over 30 minutes.',
            'Understanding: Patient demonstrated donning and a sock-ply change (teach-back).',
          ]
        : [
            `Use: ${followup ? 'Reviewed the wear schedule; patient now wears the orthosis all waking hours.' : 'Donning and doffing taught seated; wear schedule 2 h on / 1 h off, building to all day.'}`,
            'Care: Wipe the shell with a damp cloth, air dry, no heat.',
            'Safety: Check skin for redness twice daily; stop wearing and call if redness lasts over 30 minutes.',
            `Understanding: ${student ? 'Patient' : rng.pick(['Patient', 'Patient and spouse', 'Patient and caregiver'])} demonstrated donning and described skin checks (teach-back).`,
          ],
    );
  }
  sec('Functional Training', [
    `Activity: ${daily ? (d.discipline === 'PT' ? `Therapeutic exercise: ankle dorsiflexion and hip strengthening, 3 sets of ${small()}0 repetitions; balance in standing, ${n()} seconds.` : `Therapeutic activities: graded grip and pinch tasks, ${n()} repetitions; fine-motor board.`) : rng.pick(two ? DEVICES.transtibial.activity : d.activity).replace('{n}', n())}`,
    `Assistance: ${rng.pick(['Contact guard progressing to supervision.', 'Supervision.', 'Set-up only.', 'Minimal assist for balance.'])}`,
    `Response: ${rng.pick(['No loss of balance.', 'Improved clearance on all observed steps.', 'Independent by the end of the session.', 'Mild fatigue after the second trial; no pain.'])}`,
  ]);
  if (!daily) {
    sec('Assessment', [
      `Assessment date: ${date}`,
      `Fitting: ${d.prosthesis || two ? 'Socket fit checked with a 3-ply sock; no pressure areas after 20 minutes.' : 'Trim lines checked, no pressure areas after 20 min wear; strap tension adjusted.'}`,
      `Goals: ${followup ? 'Progressing toward' : 'Set with the patient:'} independent donning in 2 weeks; safe use of the device in daily routines in 4 weeks.`,
    ]);
  }
  sec('Time', [
    `Direct contact: ${timed} minutes one-on-one ${daily ? (d.discipline === 'PT' ? 'therapeutic exercise' : 'therapeutic activities') : what}`,
    ...((extra || two || followup) && !daily ? [`Timed minutes: ${timed}`] : []),
    `Total treatment time: ${fm.total} minutes`,
  ]);
  sec('Plan', [`Next visit: ${next}, ${daily ? 'continue the exercise program' : `${d.prosthesis ? 'prosthetic' : 'orthotic'} check and progression (97763)`}.`]);
  if (student) {
    const therapist = ep.provider;
    sec('Signature', [`Signed: ${signer} — ${date}`, `Co-signed: ${therapist} — ${date}`, `Supervision: ${therapist.split(',')[0]} was in the room and directed the whole session.`]);
  } else sec('Signature', [`Signed: ${signer} — ${date}`]);

  if (draft) applyDraft(rng, note, defects);
  else if (defective) applyDefects(rng, note, defects, daily, followup);

  // At least one narrative paragraph (a paragraph and a blank line), then more up to the target length.
  const targets = ['Functional Training', 'Assessment', 'Plan'].filter((s) => rowsOf(note, s));
  // (`sentenceLines`: one sentence a line instead, the shape of the synthetic long notes.)
  let have = render(note).split('\n').length - 1;
  for (let i = 0; have < lines || (i === 0 && !sentenceLines); i++) {
    const s = targets[i % targets.length];
    if (sentenceLines) {
      rowsOf(note, s)?.push(rng.pick(NARRATIVE[s]));
      have += 1;
    } else {
      rowsOf(note, s)?.push('', paragraph(rng, s));
      have += 2;
    }
  }
  const text = render(note);
  return { text, lines: text.split('\n').length - 1, defects, kind, episode: ep };
}

function rowsOf(note, name) {
  return note.sections.find((s) => s[0] === name)?.[1];
}

/** A new patient's episode: who, which device, which side, when it started. */
function newEpisode(rng, kind, id) {
  const device = deviceKeyOf(kind) ?? 'afo';
  const d = DEVICES[device];
  return {
    patient: `MRN-${String(id).padStart(6, '0')}`,
    device,
    two: kind === 'initial-two-devices',
    side: rng.pick(d.sides),
    type: rng.pick(d.types),
    provider: rng.pick(d.discipline === 'PT' ? PT_PROVIDERS : OT_PROVIDERS),
    payer: rng.pick(['medicare', 'medicare', 'commercial']),
    startMs: Date.UTC(2026, rng.int(0, 8), rng.int(1, 28)),
    lastMs: 0,
  };
}

/** A draft: some elements not written yet, a placeholder left in, not signed yet. */
function applyDraft(rng, note, defects) {
  const fr = rowsOf(note, 'Functional Training');
  if (fr) {
    const i = fr.findIndex((l) => l.startsWith('Response:'));
    if (i >= 0) fr[i] = 'Response: {{response to training}}';
    defects.push('unresolved-placeholder');
  }
  if (rng.chance(0.5)) {
    const ins = rowsOf(note, 'Instruction');
    if (ins) {
      ins.splice(
        ins.findIndex((l) => l.startsWith('Understanding')),
        1,
      );
      defects.push('missing-instruction-elements');
    }
  }
  if (rng.chance(0.6)) {
    note.sections = note.sections.filter((s) => s[0] !== 'Signature');
    defects.push('missing-signature-credentials');
  }
}

function applyDefects(rng, note, defects, daily, followup) {
  const fm = note.fm;
  const set = (name, rows) => {
    const s = note.sections.find((x) => x[0] === name);
    if (s) s[1] = rows;
  };
  /** @type {[string, () => void][]} */
  const all = [
    ['missing-discipline-modifier', () => void (fm.charges[0].modifiers = [])],
    ['discipline-modifier-mismatch', () => void (fm.charges[0].modifiers = [fm.discipline === 'PT' ? 'GO' : 'GP'])],
    ['units-not-matching-minutes', () => void (fm.charges[0].units = 4)],
    ['icd10-incomplete', () => void (fm.diagnoses = [fm.diagnoses[0].slice(0, -1)])],
    ['missing-date-of-service', () => void (fm.date = '2026-13-40')],
    ['unresolved-placeholder', () => void rowsOf(note, 'Functional Training').push('Response: {{response to training}}')],
    ['missing-signature-credentials', () => set('Signature', [`Signed: ${fm.provider.split(',')[0]}`])],
    [
      'missing-total-treatment-time',
      () => {
        fm.total = undefined;
        set(
          'Time',
          rowsOf(note, 'Time').filter((l) => !l.startsWith('Total')),
        );
      },
    ],
    ['assistant-modifier-without-assistant', () => void fm.charges[0].modifiers.push(fm.discipline === 'PT' ? 'CQ' : 'CO')],
    [
      'unknown-section',
      () => {
        const s = note.sections.find((x) => x[0] === 'Plan');
        if (s) s[0] = 'Plann';
      },
    ],
  ];
  if (followup) {
    // 97763 has its own element check (missing-subsequent-elements) and none of the initial-only ones.
    all.push(
      ['initial-code-on-subsequent-encounter', () => void (fm.encounter = 'initial')],
      ['missing-subsequent-elements', () => void (note.sections = note.sections.filter((x) => x[0] !== 'Medical Necessity'))],
    );
  } else if (!daily) {
    all.push(
      [
        'missing-instruction-elements',
        () =>
          set(
            'Instruction',
            rowsOf(note, 'Instruction').filter((l) => !l.startsWith('Safety')),
          ),
      ],
      ['assessment-date-after-service', () => void (rowsOf(note, 'Assessment')[0] = 'Assessment date: 2026-12-31')],
      [
        'missing-direct-contact',
        () =>
          set(
            'Time',
            rowsOf(note, 'Time').filter((l) => !l.startsWith('Direct')),
          ),
      ],
      ['initial-code-on-subsequent-encounter', () => void (fm.encounter = 'subsequent')],
      ['deleted-code-97762', () => void fm.charges.push({ code: '97762', modifiers: [fm.charges[0].modifiers?.[0] ?? 'GP'], units: 1, minutes: 10 })],
      ['missing-medical-necessity', () => void (note.sections = note.sections.filter((x) => x[0] !== 'Medical Necessity'))],
    );
  }
  const count = rng.int(1, 3);
  for (let i = 0; i < count; i++) {
    const [name, apply] = rng.pick(all);
    if (defects.includes(name)) continue;
    apply();
    defects.push(name);
  }
  if (rng.chance(0.03)) {
    note.brokenFrontMatter = true; // an unclosed front matter block, as in a half-pasted note
    defects.push('front-matter-invalid');
  }
}

function render(note) {
  const fm = note.fm;
  const out = ['---'];
  if (fm.status) out.push(`status: ${fm.status}`);
  out.push(`patient: ${fm.patient}`, `date: ${fm.date}`, `discipline: ${fm.discipline}`, `provider: ${fm.provider}`);
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

/** Kinds of initial notes and their shares among new episodes. */
const INITIAL_MIX = [
  ['initial-pt-afo', 40],
  ['initial-ot-who', 24],
  ['initial-pt-tlso', 8],
  ['initial-pt-97761', 12],
  ['initial-ot-97761', 6],
  ['initial-two-devices', 10],
];

function pickWeighted(rng, mix) {
  const total = mix.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [k, w] of mix) if ((r -= w) < 0) return k;
  return mix[mix.length - 1][0];
}

/** Note length: 40–120 lines, most near 50–60 (mean about 60). */
const lengthOf = (rng, lo, hi) => lo + Math.floor((hi - lo + 1) * rng() ** 3);

/**
 * A realistic archive: patients followed through episodes (an initial note, 0–3 follow-ups a
 * week apart, sometimes a daily note between), 12 % of notes by a student with a co-signature,
 * 6 % drafts, `defectRate` of the final notes with defects. Deterministic from `seed`.
 */
function generateCorpus(seed, count, { defectRate = 0.3, minLines = 40, maxLines = 120 } = {}) {
  const rng = rngFrom(seed);
  const notes = [];
  let patient = 0;
  while (notes.length < count) {
    const first = pickWeighted(rng, INITIAL_MIX);
    const ep = newEpisode(rng, first, 100000 + patient++);
    const plan = [first];
    const followups = rng.pick([0, 0, 1, 1, 2, 3]);
    for (let f = 0; f < followups; f++) {
      if (rng.chance(0.25) && !ep.two && !DEVICES[ep.device].prosthesis) plan.push('daily');
      plan.push('followup');
    }
    for (const kind of plan) {
      if (notes.length >= count) break;
      const draft = rng.chance(0.06);
      const student = !draft && rng.chance(0.12);
      const defective = !draft && rng.chance(defectRate);
      const i = notes.length;
      const note = generateNote(rng, { lines: lengthOf(rng, minLines, maxLines - 1), defective, kind, episode: ep, student, draft });
      const suffix = draft ? '-draft' : defective ? '-d' : '';
      notes.push({ name: `note-${String(i).padStart(5, '0')}-${kind}${student ? '-student' : ''}${suffix}`, kind, draft, student, text: note.text, lines: note.lines, defects: note.defects });
    }
  }
  return notes;
}

/**
 * A synthetic large note for the size curve (a full 97760 note with a long narrative, one sentence
 * a line): `lines - 1` lines ending in a newline, which the checker counts as `lines` lines (the
 * empty last one), so a 20,000-line note is at the size limit, not over it.
 */
function largeNote(seed, lines, defective = false) {
  return generateNote(rngFrom(seed), { lines: lines - 1, defective, id: 424242, kind: 'initial-pt-afo', sentenceLines: true });
}

/** Writes notes into `dir` (created) with extension `ext`, spread over subfolders of 1,000. */
function writeCorpus(dir, notes, ext = '.tnote') {
  fs.mkdirSync(dir, { recursive: true });
  const files = [];
  notes.forEach((n, i) => {
    const sub = path.join(dir, `batch-${String(Math.floor(i / 1000)).padStart(3, '0')}`);
    if (i % 1000 === 0) fs.mkdirSync(sub, { recursive: true });
    const file = path.join(sub, n.name + ext);
    fs.writeFileSync(file, n.text);
    files.push(file);
  });
  return files;
}

/** Counts by kind and variant, for results.json. */
function describeCorpus(notes, seed) {
  const byKind = {};
  for (const n of notes) byKind[n.kind] = (byKind[n.kind] ?? 0) + 1;
  return {
    seed,
    notes: notes.length,
    byKind,
    students: notes.filter((n) => n.student).length,
    drafts: notes.filter((n) => n.draft).length,
    defective: notes.filter((n) => n.defects.length && !n.draft).length,
    lines: notes.reduce((a, n) => a + n.lines, 0),
    meanLines: Math.round(notes.reduce((a, n) => a + n.lines, 0) / Math.max(1, notes.length)),
    bytes: notes.reduce((a, n) => a + Buffer.byteLength(n.text), 0),
    minLines: notes.reduce((a, n) => Math.min(a, n.lines), Infinity),
    maxLines: notes.reduce((a, n) => Math.max(a, n.lines), 0),
  };
}

module.exports = { rngFrom, generateNote, generateCorpus, largeNote, writeCorpus, describeCorpus, KINDS };

if (require.main === module) {
  // node bench/corpus.js DIR [count] [seed] — writes a corpus for manual inspection.
  const [dir, count = '100', seed = '97760'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node bench/corpus.js DIR [count] [seed]');
    process.exit(2);
  }
  const notes = generateCorpus(Number(seed), Number(count));
  writeCorpus(dir, notes);
  console.log(JSON.stringify(describeCorpus(notes, Number(seed))));
}
