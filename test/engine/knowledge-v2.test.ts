import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  AFO_KAFO_SIDE_CODES,
  FIFTEEN_MINUTE_TIMED_CODES,
  LCODE_BLOCKS,
  SEVENTH_CHARACTER_NODES,
  SIDE_BLOCKS,
  SOURCES,
  STUDENT_CREDENTIALS,
  THERAPY_CODES,
  codeTiming,
  disciplineModifierRequirement,
  hasStudentCredential,
  isFifteenMinuteTimedCode,
  isInjuryChapterCode,
  isKnownCode,
  isTimedCode,
  lcodeBlock,
  lcodeCategory,
  lcodeKind,
  maxUnitsPerDay,
  needsSeventhCharacter,
  requiresSideModifier,
  seventhCharacterIssue,
  seventhCharacterProblem,
  seventhCharacterRule,
  sideModifierRequirement,
  sourceInfo,
  studentCredentialsIn,
  therapyCodeInfo,
} from '../../server/src/engine/knowledge';

const REPO = path.resolve(__dirname, '..', '..', '..');

describe('knowledge v2: timed codes (v2 item 1)', () => {
  const V2_LIST = [
    '97032',
    '97033',
    '97034',
    '97035',
    '97036',
    '97110',
    '97112',
    '97113',
    '97116',
    '97124',
    '97129',
    '97130',
    '97140',
    '97530',
    '97533',
    '97535',
    '97537',
    '97542',
    '97750',
    '97755',
    '97760',
    '97761',
    '97763',
  ];

  it('holds exactly the 15-minute codes of rules.md v2 item 1', () => {
    assert.deepEqual([...FIFTEEN_MINUTE_TIMED_CODES].sort(), [...V2_LIST].sort());
    for (const c of V2_LIST) assert.equal(isFifteenMinuteTimedCode(c), true, c);
  });

  it('pins the ends of the modality run and its neighbours', () => {
    assert.equal(codeTiming('97032'), 'timed-15');
    assert.equal(codeTiming('97036'), 'timed-15');
    assert.equal(codeTiming('97031'), 'unknown');
    assert.equal(codeTiming('97037'), 'unknown');
    assert.equal(codeTiming('97028'), 'unknown'); // not tabulated: unknown, never guessed
  });

  it('97129 is the first 15 minutes (one unit at most); 97130 each further 15 minutes; both count', () => {
    assert.equal(maxUnitsPerDay('97129'), 1);
    assert.equal(maxUnitsPerDay('97130'), undefined);
    const first = therapyCodeInfo('97129')?.timing;
    const more = therapyCodeInfo('97130')?.timing;
    assert.ok(first?.kind === 'timed-15' && first.role === 'first');
    assert.ok(more?.kind === 'timed-15' && more.role === 'additional');
  });

  it('codes timed in other increments stay out of the 15-minute arithmetic', () => {
    for (const c of ['97545', '97546', '96125']) {
      assert.equal(codeTiming(c), 'timed-other', c);
      assert.equal(isFifteenMinuteTimedCode(c), false, c);
      assert.equal(isKnownCode(c), true, c);
    }
  });

  it('tells a known untimed code from an unknown one', () => {
    for (const c of ['97161', '97168', '97010', '97012', '97150', 'G0283', '29580', 'L1930', 'l9900', '99070', '97762']) {
      assert.equal(codeTiming(c), 'untimed', c);
      assert.equal(isKnownCode(c), true, c);
    }
    for (const c of ['97999', '12345', 'A4570', '']) {
      assert.equal(codeTiming(c), 'unknown', c);
      assert.equal(isKnownCode(c), false, c);
    }
  });

  it('leaves the v1 isTimedCode as it was (97535 still unknown there)', () => {
    assert.equal(isTimedCode('97535'), false);
    assert.equal(isTimedCode('97760'), true);
    assert.equal(isFifteenMinuteTimedCode('97535'), true);
  });

  it('every entry names known sources, own-words labels and a consistent code', () => {
    for (const [code, info] of THERAPY_CODES) {
      assert.equal(info.code, code);
      assert.ok(info.label.length > 3 && info.label.length < 90, code);
      assert.ok(info.sources.length > 0, code);
      for (const s of info.sources) sourceInfo(s);
    }
  });
});

describe('knowledge v2: CMS therapy code list (v2 item 11)', () => {
  it('therapy codes need GP/GO/GN, device and supply codes do not, others are unknown', () => {
    for (const c of ['97760', '97761', '97763', '97535', '97110', '97161', 'G0283', 'g0283', '29000', '29580', '29799', '92507', '92526']) {
      assert.equal(disciplineModifierRequirement(c), 'required', c);
    }
    for (const c of ['L1930', 'L3908', 'L9900', 'L8420', '99070', 'A4570']) {
      assert.equal(disciplineModifierRequirement(c), 'not-required', c);
    }
    for (const c of ['28999', '29800', '92630', '97762', '99213']) {
      assert.equal(disciplineModifierRequirement(c), 'unknown', c);
    }
  });

  it('G0283 and the 29xxx block are "sometimes therapy"; 97xxx treatment codes "always"', () => {
    assert.equal(therapyCodeInfo('G0283')?.therapyList, 'sometimes');
    assert.equal(therapyCodeInfo('29000')?.therapyList, 'sometimes');
    assert.equal(therapyCodeInfo('29799')?.therapyList, 'sometimes');
    assert.equal(therapyCodeInfo('29800'), undefined);
    assert.equal(therapyCodeInfo('28999'), undefined);
    assert.equal(therapyCodeInfo('97760')?.therapyList, 'always');
  });
});

describe('knowledge v2: L-code blocks (v2 item 5)', () => {
  const cases: Array<[string, string | undefined]> = [
    ['L0111', undefined],
    ['L0112', 'orthosis'],
    ['L4631', 'orthosis'],
    ['L4632', undefined],
    ['L4999', undefined],
    ['L5000', 'limb-prosthesis'],
    ['L7499', 'limb-prosthesis'],
    ['L7500', undefined],
    ['L7509', undefined],
    ['L7510', 'limb-prosthesis'],
    ['L7600', 'limb-prosthesis'],
    ['L7700', 'limb-prosthesis'],
    ['L7701', undefined],
    ['L7900', 'neither'],
    ['L7902', 'neither'],
    ['L8000', 'neither'],
    ['L8039', 'neither'],
    ['L8040', 'neither'],
    ['L8049', 'neither'],
    ['L8050', undefined],
    ['L8300', 'neither'],
    ['L8330', 'neither'],
    ['L8331', undefined],
    ['L8399', undefined],
    ['L8400', 'limb-prosthesis'],
    ['L8485', 'limb-prosthesis'],
    ['L8486', undefined],
    ['L8499', 'neither'],
    ['L8500', 'neither'],
    ['L8999', 'neither'],
    ['L9000', undefined],
    ['L9899', undefined],
    ['L9900', 'neither'],
    ['L9901', undefined],
    ['l1971', 'orthosis'],
    ['A4570', undefined],
    ['97760', undefined],
  ];
  for (const [code, want] of cases) {
    it(`${code} -> ${want ?? 'no block'}`, () => assert.equal(lcodeCategory(code), want));
  }

  it('blocks do not overlap, are ordered and cite the HCPCS file', () => {
    const n = (c: string): number => Number(c.slice(1));
    for (let i = 0; i < LCODE_BLOCKS.length; i++) {
      const b = LCODE_BLOCKS[i];
      assert.ok(n(b.first) <= n(b.last), b.first);
      if (i > 0) assert.ok(n(LCODE_BLOCKS[i - 1].last) < n(b.first), b.first);
      assert.ok(b.sources.includes('SRC-CMS-HCPCS-2019'));
    }
    assert.equal(lcodeBlock('L8420')?.label.includes('socks'), true);
  });

  it('keeps the v1 lcodeKind for the v1 rules (L9900 still "prosthetic" there)', () => {
    assert.equal(lcodeKind('L9900'), 'prosthetic');
    assert.equal(lcodeKind('L8000'), 'prosthetic');
    assert.equal(lcodeCategory('L8000'), 'neither');
  });
});

describe('knowledge v2: RT/LT on L-codes (rule lcode-missing-side-modifier)', () => {
  it('AFO/KAFO codes from the DME MAC list, including the L4350-L4631 additions', () => {
    for (const c of ['L1900', 'L1930', 'l1971', 'L1990', 'L2000', 'L2999', 'L4350', 'L4396', 'L4631', 'A9283']) {
      const r = sideModifierRequirement(c);
      assert.equal(r.required, true, c);
      assert.equal(r.policy, 'afo-kafo', c);
      assert.equal(r.verified, true, c);
    }
    // In the AFO/KAFO span but not on the DME MAC list
    for (const c of ['L1899', 'L1901', 'L4392', 'L4002', 'L4210', 'L2040', 'L2640']) {
      assert.equal(requiresSideModifier(c), false, c);
    }
    assert.equal(AFO_KAFO_SIDE_CODES.size, 114);
  });

  it('knee orthoses L1810-L1860', () => {
    assert.equal(requiresSideModifier('L1809'), false);
    assert.equal(sideModifierRequirement('L1810').policy, 'knee-orthosis');
    assert.equal(requiresSideModifier('L1832'), true);
    assert.equal(requiresSideModifier('L1860'), true);
    assert.equal(requiresSideModifier('L1861'), false);
  });

  it('lower-limb prostheses L5000-L5999 except the pair codes; not upper-limb prostheses', () => {
    assert.equal(requiresSideModifier('L4999'), false);
    assert.equal(requiresSideModifier('L5000'), true);
    assert.equal(requiresSideModifier('L5999'), true);
    assert.equal(requiresSideModifier('L6000'), false);
    assert.equal(requiresSideModifier('L7499'), false);
    for (const c of ['L5676', 'L5677', 'L5678']) {
      const pair = sideModifierRequirement(c);
      assert.equal(pair.required, false, c);
      assert.equal(pair.reason, 'pair-or-both-sides', c);
    }
    assert.equal(requiresSideModifier('L5675'), true);
    assert.equal(requiresSideModifier('L5679'), true);
  });

  it('orthopedic footwear L3000-L3649 except pairs and both-feet items; not upper-limb orthoses', () => {
    assert.equal(requiresSideModifier('L3000'), true);
    assert.equal(requiresSideModifier('L3649'), true);
    assert.equal(requiresSideModifier('L3650'), false);
    assert.equal(requiresSideModifier('L3908'), false);
    for (const c of ['L3212', 'L3213', 'L3214', 'L3640', 'L3140', 'L3150']) {
      assert.equal(sideModifierRequirement(c).reason, 'pair-or-both-sides', c);
    }
  });

  it('hip orthoses, Legg-Perthes, spinal and non-L codes take none', () => {
    for (const c of ['L1600', 'L1652', 'L1690', 'L1700', 'L1755', 'L0650', 'L8400', 'L9900', '97760', 'A4570']) {
      assert.equal(requiresSideModifier(c), false, c);
    }
  });

  it('block entries are marked unverified and cite sources that exist', () => {
    assert.equal(sideModifierRequirement('L5301').verified, false);
    for (const b of SIDE_BLOCKS) assert.ok(b.first < b.last);
    for (const c of ['L1930', 'L1832', 'L5301', 'L3000', 'L5676', 'L0650']) {
      for (const s of sideModifierRequirement(c).sources) sourceInfo(s);
    }
  });
});

describe('knowledge v2: ICD-10-CM 7th characters (v2 item 4)', () => {
  it('S codes all need one, with the fracture 7th characters where the tabular gives them', () => {
    assert.equal(needsSeventhCharacter('S00.01XA'), true);
    assert.equal(needsSeventhCharacter('S99.911'), true);
    assert.equal(seventhCharacterRule('S52.5')?.extensions, 'ABCDEFGHJKMNPQRS');
    assert.equal(seventhCharacterRule('S52.521A')?.node, 'S52.52'); // torus fracture subcategory
    assert.equal(seventhCharacterRule('S52.521A')?.extensions, 'ADGKPS');
    assert.equal(seventhCharacterRule('S42.271')?.node, 'S42.27');
    assert.equal(seventhCharacterRule('S93.401')?.extensions, 'ADS');
  });

  it('T codes need one except T30-T32, T86 and T87 (T31 vs T31.x, T87.4x)', () => {
    for (const c of ['T07', 'T14.8', 'T20.011', 'T28.911', 'T33.011', 'T34.011', 'T36.0X1', 'T85.898', 'T88.7', 't82.7xxa']) {
      assert.equal(needsSeventhCharacter(c), true, c);
    }
    for (const c of ['T30.0', 'T31', 'T31.0', 'T31.11', 'T31.99', 'T32', 'T32.11', 'T86.11', 'T87', 'T87.4', 'T87.40', 'T87.43', 'T87.44', 'T87.89']) {
      assert.equal(needsSeventhCharacter(c), false, c);
      assert.equal(seventhCharacterIssue(c), undefined, c);
    }
  });

  it('M80, M84.3-M84.6, M84.75 (not the rest of M84.7), M48.4-M48.5, M97, M1A', () => {
    for (const c of ['M80.08', 'M80.851', 'M84.3', 'M84.371', 'M84.48', 'M84.561', 'M84.68', 'M84.75', 'M84.751', 'M48.4', 'M48.56', 'M97.01', 'M1A.011']) {
      assert.equal(needsSeventhCharacter(c), true, c);
    }
    for (const c of ['M84', 'M84.7', 'M84.2', 'M84.8', 'M84.811', 'M48.3', 'M48.06', 'M81.0', 'M21.371', 'M10.071']) {
      assert.equal(needsSeventhCharacter(c), false, c);
    }
    assert.equal(seventhCharacterRule('M1A.0110')?.extensions, '01');
    assert.equal(seventhCharacterIssue('M1A.0110'), undefined);
    assert.equal(seventhCharacterIssue('M1A.0112'), 'invalid-extension');
  });

  it('R40.21-R40.24, H40 glaucoma stages, fetal O-codes, diabetic retinopathy', () => {
    for (const c of [
      'R40.211',
      'R40.2441',
      'H40.1111',
      'H40.10X0',
      'H40.221',
      'H40.31X1',
      'H40.63X2',
      'O31.00X0',
      'O32.1XX0',
      'O33.3XX1',
      'O33.7',
      'O35.0XX0',
      'O36.0110',
      'O40.1XX0',
      'O41.00X0',
      'O60.10X0',
      'O60.20X0',
      'O64.0XX0',
      'O69.0XX0',
      'E11.3511',
      'E10.3293',
      'H34.8110',
      'H35.3211',
    ]) {
      assert.equal(needsSeventhCharacter(c), true, c);
    }
    for (const c of [
      'R40.20',
      'R40.1',
      'R40.4',
      'H40.15',
      'H40.211',
      'H40.231',
      'H40.24',
      'H40.001',
      'H40.9',
      'O33.0',
      'O33.2',
      'O33.8',
      'O60.0',
      'O60.00',
      'O60.03',
      'O34.21',
      'E11.9',
      'E11.319',
      'E11.36',
      'H34.82',
      'H35.30',
    ]) {
      assert.equal(needsSeventhCharacter(c), false, c);
    }
    assert.equal(seventhCharacterIssue('O31.00X7'), 'invalid-extension');
    assert.equal(seventhCharacterIssue('O31.00'), 'missing');
  });

  it('external causes V00-Y38 except Y07 and Y09; nothing from Y62 on', () => {
    for (const c of ['V00.01', 'V99', 'W01.0', 'W19', 'X58', 'Y04.0', 'Y08.01', 'Y35.001', 'Y38.0X1']) {
      assert.equal(needsSeventhCharacter(c), true, c);
    }
    for (const c of ['Y07.01', 'Y09', 'Y62.0', 'Y83.1', 'Y92.009', 'Y93.01', 'Y99.8']) {
      assert.equal(needsSeventhCharacter(c), false, c);
    }
  });

  it('other chapters need none', () => {
    for (const c of ['G80.1', 'I69.351', 'Z47.89', 'Z96.651', 'L89.154', 'A00.0', 'not a code', '']) {
      assert.equal(needsSeventhCharacter(c), false, c);
    }
  });

  it('reports missing, unpadded and invalid 7th characters', () => {
    assert.equal(seventhCharacterIssue('S52.5'), 'missing');
    assert.equal(seventhCharacterIssue('S02.2A'), 'unpadded');
    assert.equal(seventhCharacterIssue('s022a'), 'unpadded');
    assert.equal(seventhCharacterIssue('S52.52D'), 'unpadded');
    assert.equal(seventhCharacterIssue('S02.2XXA'), undefined);
    assert.equal(seventhCharacterIssue('S02.2XXP'), 'invalid-extension'); // S02 has no malunion P
    assert.equal(seventhCharacterIssue('M84.371A'), undefined);
    assert.equal(seventhCharacterIssue('M84.371'), 'missing');
    assert.equal(seventhCharacterIssue('M84.37A'), 'unpadded');
    assert.equal(seventhCharacterIssue('M80.08XA'), undefined);
    assert.equal(seventhCharacterIssue('M80.8A'), 'missing'); // 'A' here is the subcategory's own letter
    assert.equal(seventhCharacterIssue('M21.371'), undefined);
  });

  it('the v1 S/T heuristic is kept for the v1 rules', () => {
    assert.equal(isInjuryChapterCode('T31.11'), true);
    assert.equal(seventhCharacterProblem('T31.11'), 'missing'); // v1 behaviour, unchanged
    assert.equal(seventhCharacterProblem('M84.371'), undefined); // v1 behaviour, unchanged
  });

  it('table nodes are shaped, unique and dotted like the tabular', () => {
    assert.equal(new Set(SEVENTH_CHARACTER_NODES).size, SEVENTH_CHARACTER_NODES.length);
    for (const n of SEVENTH_CHARACTER_NODES) {
      assert.match(n, /^[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,3})?$/, n);
      assert.equal(seventhCharacterRule(n)?.node, n, n);
    }
  });
});

describe('knowledge v2: student credentials (v2 item 10)', () => {
  it('finds the student designations as whole tokens', () => {
    assert.deepEqual(
      studentCredentialsIn('SPT').map((c) => c.designation),
      ['SPT'],
    );
    assert.deepEqual(
      studentCredentialsIn('Jo Lee, SPTA').map((c) => c.designation),
      ['SPTA'],
    );
    assert.deepEqual(
      studentCredentialsIn('A. Kim, OTS').map((c) => c.designation),
      ['OTS'],
    );
    assert.deepEqual(
      studentCredentialsIn('OTAS').map((c) => c.designation),
      ['OTAS'],
    );
    assert.deepEqual(
      studentCredentialsIn('B. Ruiz, SLP student').map((c) => c.designation),
      ['SLP student'],
    );
    assert.deepEqual(
      studentCredentialsIn('PT student').map((c) => c.designation),
      ['SPT'],
    );
    assert.deepEqual(
      studentCredentialsIn('PTA student').map((c) => c.designation),
      ['SPTA'],
    );
    assert.deepEqual(
      studentCredentialsIn('COTA student').map((c) => c.designation),
      ['OTAS'],
    );
  });

  it('does not fire on licensed credentials or look-alikes', () => {
    for (const t of ['PT, DPT', 'PTA', 'OTR/L', 'COTA', 'CCC-SLP', 'SLP', 'OTs', 'SPTX', 'ASPT', 'Sports PT', '']) {
      assert.equal(hasStudentCredential(t), false, t);
    }
  });

  it('APTA-backed entries are verified; the others say they are not', () => {
    const byName = new Map(STUDENT_CREDENTIALS.map((c) => [c.designation, c]));
    assert.equal(byName.get('SPT')?.verified, true);
    assert.equal(byName.get('SPTA')?.verified, true);
    assert.equal(byName.get('OTS')?.verified, false);
    assert.equal(byName.get('SPT')?.supervisors[0], 'PT');
    for (const c of STUDENT_CREDENTIALS) for (const s of c.sources) sourceInfo(s);
  });
});

describe('knowledge v2: sources', () => {
  it('every source has an address and a date, and docs/sources.md lists each one', () => {
    const doc = fs.readFileSync(path.join(REPO, 'docs', 'sources.md'), 'utf8');
    assert.ok(SOURCES.size >= 10);
    for (const [id, s] of SOURCES) {
      assert.equal(s.id, id);
      assert.match(s.url, /^https?:\/\/\S+$/, id);
      assert.match(s.lookedAt, /^\d{4}-\d{2}-\d{2}$/, id);
      assert.ok(doc.includes(id), `docs/sources.md lacks ${id}`);
      assert.ok(doc.includes(s.url), `docs/sources.md lacks the address of ${id}`);
    }
    assert.throws(() => sourceInfo('SRC-NOPE'), /unknown knowledge source/);
  });
});
