import * as assert from 'node:assert/strict';
import {
  ASSISTANT_MODIFIER,
  CPT_CODES,
  DISCIPLINE_MODIFIER,
  EXAMPLE_LCODES,
  KNOWN_ICD10,
  MODIFIERS,
  NON_BILLABLE_HEADERS,
  ORTHOTIC_LCODE_RANGE,
  PROSTHETIC_LCODE_RANGE,
  cptInfo,
  disciplineOfModifier,
  icd10Side,
  isCptShaped,
  isHcpcsLevel2Shaped,
  isIcd10Shaped,
  isLCode,
  isTherapyCode,
  isTimedCode,
  lcodeKind,
  minutesRangeForUnits,
  modifiersForDiscipline,
  needsSeventhCharacter,
  normalizeIcd10,
  padSeventhCharacter,
  parseIcd10CodeFile,
  seventhCharacterProblem,
  sideSpecificAlternatives,
  unitsForMinutes,
} from '../../server/src/engine/knowledge';

describe('knowledge: units (8-minute rule)', () => {
  // Built from the rows of domain-97760.md §3, not from the closed form:
  // 0-7 -> 0, 8-22 -> 1, then consecutive 15-minute bands.
  function tableUnits(minutes: number): number {
    if (minutes <= 7) return 0;
    let units = 1;
    let upper = 22;
    while (minutes > upper) {
      units += 1;
      upper += 15;
    }
    return units;
  }

  it('matches the §3 table rows explicitly', () => {
    const rows: Array<[number, number, number]> = [
      [0, 0, 7],
      [1, 8, 22],
      [2, 23, 37],
      [3, 38, 52],
      [4, 53, 67],
      [5, 68, 82],
      [6, 83, 97],
      [7, 98, 112],
      [8, 113, 127],
    ];
    for (const [u, lo, hi] of rows) {
      assert.equal(unitsForMinutes(lo), u, `min ${lo}`);
      assert.equal(unitsForMinutes(hi), u, `min ${hi}`);
      assert.deepEqual(minutesRangeForUnits(u), { min: lo, max: hi });
    }
  });

  it('agrees with the table for every minute 0..500', () => {
    for (let m = 0; m <= 500; m++) {
      assert.equal(unitsForMinutes(m), tableUnits(m), `minutes=${m}`);
    }
  });

  it('minutesRangeForUnits is the inverse of unitsForMinutes for units 0..35', () => {
    for (let u = 0; u <= 35; u++) {
      const { min, max } = minutesRangeForUnits(u);
      assert.equal(unitsForMinutes(min), u);
      assert.equal(unitsForMinutes(max), u);
      if (min > 0) assert.equal(unitsForMinutes(min - 1), u - 1);
      assert.equal(unitsForMinutes(max + 1), u + 1);
    }
  });

  it('reproduces the CMS example (33 + 7 = 40 min -> 3 units) and rejects bad input', () => {
    assert.equal(unitsForMinutes(33 + 7), 3);
    assert.equal(unitsForMinutes(7.9), 0);
    assert.throws(() => unitsForMinutes(-1), RangeError);
    assert.throws(() => unitsForMinutes(Number.NaN), RangeError);
    assert.throws(() => minutesRangeForUnits(-1), RangeError);
    assert.throws(() => minutesRangeForUnits(1.5), RangeError);
  });
});

describe('knowledge: CPT', () => {
  it('holds the required codes with the right kinds', () => {
    const expected = ['97760', '97761', '97763', '97762', '97116', '97110', '97112', '97140', '97530', '97750', '97161', '97162', '97163', '97164', '97165', '97166', '97167', '97168'];
    assert.deepEqual([...CPT_CODES.keys()].sort(), [...expected].sort());
    assert.equal(cptInfo('97760')?.kind, 'orthotic-initial');
    assert.equal(cptInfo('97761')?.kind, 'prosthetic-initial');
    assert.equal(cptInfo('97763')?.kind, 'orthotic-prosthetic-subsequent');
    assert.equal(cptInfo('97762')?.kind, 'deleted');
    assert.equal(cptInfo('97116')?.kind, 'gait');
    assert.equal(cptInfo('97164')?.kind, 're-evaluation');
    assert.equal(cptInfo('97165')?.kind, 'evaluation');
    for (const [code, info] of CPT_CODES) assert.equal(info.code, code);
  });

  it('marks timing and verification as in §4.1', () => {
    for (const c of ['97760', '97761', '97763', '97116', '97110', '97112', '97140', '97530', '97750']) {
      assert.equal(isTimedCode(c), true, c);
    }
    for (const c of ['97762', '97161', '97163', '97164', '97166', '97168', '97999', '12345', 'L1971']) {
      assert.equal(isTimedCode(c), false, c);
    }
    const unverified = [...CPT_CODES.values()]
      .filter((i) => !i.verified)
      .map((i) => i.code)
      .sort();
    assert.deepEqual(unverified, ['97164', '97168', '97750']);
  });

  it('shape helpers', () => {
    assert.equal(isCptShaped('97760'), true);
    assert.equal(isCptShaped('9776'), false);
    assert.equal(isCptShaped('977600'), false);
    assert.equal(isCptShaped('L1971'), false);
    assert.equal(isTherapyCode('97999'), true);
    assert.equal(isTherapyCode('99070'), false);
    assert.equal(isTherapyCode('9776'), false);
    assert.equal(cptInfo('99999'), undefined);
  });
});

describe('knowledge: modifiers', () => {
  it('has the listed modifiers in the right groups', () => {
    assert.deepEqual([...MODIFIERS.keys()].sort(), ['59', 'CO', 'CQ', 'GN', 'GO', 'GP', 'KX', 'LT', 'RT', 'XE', 'XP', 'XS', 'XU']);
    assert.equal(MODIFIERS.get('CQ')?.group, 'assistant');
    assert.equal(MODIFIERS.get('CQ')?.discipline, 'PT');
    assert.equal(MODIFIERS.get('CO')?.discipline, 'OT');
    assert.equal(MODIFIERS.get('XS')?.group, 'distinct');
    assert.equal(MODIFIERS.get('KX')?.group, 'threshold');
    assert.equal(MODIFIERS.get('RT')?.group, 'side');
  });

  it('discipline mapping', () => {
    assert.deepEqual({ ...DISCIPLINE_MODIFIER }, { PT: 'GP', OT: 'GO', SLP: 'GN' });
    assert.deepEqual({ ...ASSISTANT_MODIFIER }, { PT: 'CQ', OT: 'CO' });
    assert.equal(disciplineOfModifier('GP'), 'PT');
    assert.equal(disciplineOfModifier('go'), 'OT');
    assert.equal(disciplineOfModifier('GN'), 'SLP');
    assert.equal(disciplineOfModifier('CQ'), undefined);
    assert.equal(disciplineOfModifier('KX'), undefined);
  });

  it('modifiersForDiscipline excludes other disciplines', () => {
    const pt = modifiersForDiscipline('PT');
    assert.equal(pt[0], 'GP');
    assert.ok(pt.includes('CQ') && pt.includes('KX') && pt.includes('XS') && pt.includes('59') && pt.includes('RT'));
    assert.ok(!pt.includes('GO') && !pt.includes('CO') && !pt.includes('GN'));
    const slp = modifiersForDiscipline('SLP');
    assert.equal(slp[0], 'GN');
    assert.ok(!slp.includes('CQ') && !slp.includes('CO'));
    assert.ok(modifiersForDiscipline('OT').includes('CO'));
  });
});

describe('knowledge: HCPCS / L-codes', () => {
  it('range boundaries', () => {
    assert.equal(lcodeKind('L0111'), undefined);
    assert.equal(lcodeKind('L0112'), 'orthotic');
    assert.equal(lcodeKind('L4631'), 'orthotic');
    assert.equal(lcodeKind('L4632'), undefined);
    assert.equal(lcodeKind('L4999'), undefined);
    assert.equal(lcodeKind('L5000'), 'prosthetic');
    assert.equal(lcodeKind('L9900'), 'prosthetic');
    assert.equal(lcodeKind('L9901'), undefined);
    assert.equal(lcodeKind('l1971'), 'orthotic');
    assert.equal(lcodeKind('A4570'), undefined);
    assert.equal(lcodeKind('97760'), undefined);
    assert.equal(lcodeKind(ORTHOTIC_LCODE_RANGE.first), 'orthotic');
    assert.equal(lcodeKind(PROSTHETIC_LCODE_RANGE.last), 'prosthetic');
  });

  it('shape helpers', () => {
    assert.equal(isHcpcsLevel2Shaped('L1971'), true);
    assert.equal(isHcpcsLevel2Shaped('a4570'), true);
    assert.equal(isHcpcsLevel2Shaped('L197'), false);
    assert.equal(isHcpcsLevel2Shaped('LL971'), false);
    assert.equal(isHcpcsLevel2Shaped('97760'), false);
    assert.equal(isLCode('l3908'), true);
    assert.equal(isLCode('A4570'), false);
  });

  it('example L-codes are all orthotic, shaped, and classified', () => {
    assert.equal(EXAMPLE_LCODES.size, 12);
    for (const [code, info] of EXAMPLE_LCODES) {
      assert.equal(info.code, code);
      assert.equal(lcodeKind(code), 'orthotic', code);
    }
    const ots = [...EXAMPLE_LCODES.values()]
      .filter((i) => i.fit === 'off-the-shelf')
      .map((i) => i.code)
      .sort();
    assert.deepEqual(ots, ['L1833', 'L1852', 'L3908']);
    assert.equal(EXAMPLE_LCODES.get('L3905')?.region, 'upper');
    assert.equal(EXAMPLE_LCODES.get('L1960')?.fit, 'custom');
  });
});

describe('knowledge: ICD-10-CM', () => {
  it('normalizes', () => {
    assert.equal(normalizeIcd10(' m21371 '), 'M21.371');
    assert.equal(normalizeIcd10('G5723'), 'G57.23');
    assert.equal(normalizeIcd10('g80'), 'G80');
    assert.equal(normalizeIcd10('I69.351'), 'I69.351');
  });

  it('shape accepts', () => {
    for (const c of ['M21.371', 'm21.371', 'M21371', 'G80', 'G80.2', 'G5723', 'S02.2XXA', 'S52521A', 'M65.4', 'Z3A.01']) {
      assert.equal(isIcd10Shaped(c), true, c);
    }
  });

  it('shape rejects', () => {
    for (const c of ['', 'M2', '121.3', 'MM1.3', 'M21.', 'M21.37111', 'M21..37', 'M21-371', '97760', 'M2.1371']) {
      assert.equal(isIcd10Shaped(c), false, c);
    }
    // Shape only: an HCPCS L-code is also ICD-shaped (L19.71 would be skin chapter), so callers
    // must tell the two apart by the field they come from.
    assert.equal(isIcd10Shaped('L1971'), true);
  });

  it('known codes carry sides and headers map to known children', () => {
    assert.equal(icd10Side('M21.371'), 'right');
    assert.equal(icd10Side('m21372'), 'left');
    assert.equal(icd10Side('G56.03'), 'bilateral');
    assert.equal(icd10Side('I69.359'), 'unspecified');
    assert.equal(icd10Side('G80.2'), undefined);
    assert.equal(icd10Side('Z99.99'), undefined);
    for (const h of ['G80', 'M21.37', 'G56.0', 'G57.3', 'I69.35', 'M21.33', 'S82']) {
      assert.ok(NON_BILLABLE_HEADERS.has(h), h);
      assert.equal(KNOWN_ICD10.has(h), false, h);
    }
    for (const [header, children] of NON_BILLABLE_HEADERS) {
      for (const c of children) {
        assert.ok(KNOWN_ICD10.has(c), c);
        assert.ok(c.startsWith(header), `${c} under ${header}`);
        assert.equal(isIcd10Shaped(c), true);
      }
    }
    for (const [code, info] of KNOWN_ICD10) {
      assert.equal(info.code, code);
      assert.equal(normalizeIcd10(code), code);
    }
  });

  it('side-specific alternatives', () => {
    assert.deepEqual(sideSpecificAlternatives('M21.379', 'right'), ['M21.371']);
    assert.deepEqual(sideSpecificAlternatives('M21379', 'left'), ['M21.372']);
    assert.deepEqual(sideSpecificAlternatives('M21.37', 'right'), ['M21.371']);
    assert.deepEqual(sideSpecificAlternatives('M21.372', 'right'), ['M21.371']);
    assert.deepEqual(sideSpecificAlternatives('M21.371', 'right'), []);
    assert.deepEqual(sideSpecificAlternatives('M21.379', 'bilateral'), []);
    assert.deepEqual(sideSpecificAlternatives('G56.00', 'bilateral'), ['G56.03']);
    assert.deepEqual(sideSpecificAlternatives('G56.00', 'left'), ['G56.02']);
    assert.deepEqual(sideSpecificAlternatives('I69.359', 'right'), ['I69.351', 'I69.353']);
    assert.deepEqual(sideSpecificAlternatives('G80.9', 'right'), []);
    assert.deepEqual(sideSpecificAlternatives('M65.4', 'left'), []);
  });

  it('7th character heuristics', () => {
    assert.equal(needsSeventhCharacter('S52.5'), true);
    assert.equal(needsSeventhCharacter('t82.7xxa'), true);
    assert.equal(needsSeventhCharacter('M21.371'), false);

    assert.equal(seventhCharacterProblem('S52.5'), 'missing');
    assert.equal(seventhCharacterProblem('S82'), 'missing');
    assert.equal(seventhCharacterProblem('S52.521'), 'missing');
    assert.equal(seventhCharacterProblem('S02.2XX'), 'missing');
    assert.equal(seventhCharacterProblem('S02.2A'), 'unpadded');
    assert.equal(seventhCharacterProblem('s022a'), 'unpadded');
    assert.equal(seventhCharacterProblem('S52.52D'), 'unpadded');
    assert.equal(seventhCharacterProblem('S02.2XXA'), undefined);
    assert.equal(seventhCharacterProblem('S52.521A'), undefined);
    assert.equal(seventhCharacterProblem('S52521D'), undefined);
    assert.equal(seventhCharacterProblem('M21.371'), undefined);
    assert.equal(seventhCharacterProblem('not a code'), undefined);

    assert.equal(padSeventhCharacter('S02.2A'), 'S02.2XXA');
    assert.equal(padSeventhCharacter('s02.2xa'), 'S02.2XXA');
    assert.equal(padSeventhCharacter('S52.52D'), 'S52.52XD');
    assert.equal(padSeventhCharacter('S02.2XXA'), 'S02.2XXA');
    assert.equal(padSeventhCharacter('S52.5'), 'S52.5');
    assert.equal(padSeventhCharacter('m21371'), 'M21.371');
    assert.equal(seventhCharacterProblem(padSeventhCharacter('S02.2A')), undefined);
  });
});

describe('knowledge: ICD-10-CM code file', () => {
  const sample = [
    'A000    Cholera due to Vibrio cholerae 01, biovar cholerae',
    'G800    Spastic quadriplegic cerebral palsy',
    '',
    'M21371  Foot drop, right foot',
    'S52521A Torus fracture of lower end of right radius, initial encounter for closed fracture',
    'Z3A01   Less than 8 weeks gestation of pregnancy',
    '   ',
  ].join('\r\n');

  it('parses fixed-width lines into dotted codes', () => {
    const codes = parseIcd10CodeFile(sample);
    assert.deepEqual([...codes].sort(), ['A00.0', 'G80.0', 'M21.371', 'S52.521A', 'Z3A.01']);
    assert.equal(codes.has('G80'), false);
  });

  it('tolerates a BOM and ignores a non-code header line', () => {
    const codes = parseIcd10CodeFile('\ufeffCODE    DESCRIPTION\nM722    Plantar fascial fibromatosis\n');
    assert.deepEqual([...codes], ['M72.2']);
  });
});
