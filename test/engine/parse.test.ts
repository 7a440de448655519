import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText, parseNote } from '../../server/src/engine';
import { normalizeName } from '../../server/src/engine/parse/vocabulary';
import { FIXTURES, REPO_ROOT } from '../helpers/paths';

const CLEAN = fs.readFileSync(path.join(FIXTURES, 'clean-97760-pt.tnote'), 'utf8');

describe('parser', () => {
  it('finds the front matter and keeps exact value positions', () => {
    const note = parseNote(CLEAN);
    assert.ok(note.frontMatter?.closed);
    const d = note.facts.entries.get('discipline')!;
    assert.equal(note.text.slice(d.range.start, d.range.end), 'PT');
    assert.equal(note.text.slice(d.keyRange.start, d.keyRange.end), 'discipline');
    const charge = note.facts.charges[0];
    assert.equal(charge.code, '97760');
    assert.equal(note.text.slice(charge.codeValue!.range.start, charge.codeValue!.range.end), '97760');
    assert.deepEqual(
      charge.modifiers.map((m) => m.code),
      ['GP'],
    );
    assert.equal(note.text.slice(charge.modifiers[0].item.range.start, charge.modifiers[0].item.range.end), 'GP');
    assert.equal(note.facts.diagnoses.map((d) => d.code).join(','), 'M21.371,I69.351');
  });

  it('splits level-2 sections, ignores level-1 titles and finds fields', () => {
    const note = parseNote(CLEAN);
    assert.deepEqual(
      note.sections.map((s) => s.spec?.id),
      ['device', 'medical-necessity', 'instruction', 'functional-training', 'assessment', 'time', 'plan', 'signature'],
    );
    assert.equal(note.titles.length, 1);
    const safety = note.section('instruction')!.fields.find((f) => f.spec?.id === 'safety')!;
    assert.equal(note.text.slice(safety.labelRange.start, safety.labelRange.end), 'Safety');
    assert.ok(note.text.slice(safety.valueRange.start, safety.valueRange.end).startsWith('Check skin'));
    assert.equal(safety.missing, false);
  });

  it('matches section and field aliases case-insensitively, with odd spacing, list items and bold labels', () => {
    const text = `---\npatient: X\n---\n##   patient EDUCATION  \n- donning/doffing :  taught\n* **Maintenance:** wipe clean\n  -   skin CHECKS: twice daily\n## orthotic device ##\nDEVICE: AFO\n`;
    const note = parseNote(text);
    const instr = note.section('instruction')!;
    assert.ok(instr, 'Patient Education is an alias of Instruction');
    assert.deepEqual(
      instr.fields.map((f) => f.spec?.id),
      ['use', 'care', 'safety'],
    );
    assert.deepEqual(
      instr.fields.map((f) => f.value),
      ['taught', 'wipe clean', 'twice daily'],
    );
    const device = note.section('device')!;
    assert.equal(device.title, 'orthotic device');
    assert.equal(device.fields[0].spec?.id, 'type');
  });

  it('accepts setext headings (Title underlined with --- or ===) but not a rule after a field or paragraph', () => {
    const note = parseNote(`---\na: 1\n---\nOrthotic note\n=============\n\nInstruction\n-----------\nSafety: skin checks\n---\n\nsome text\nmore text\n---\n`);
    assert.equal(note.titles.length, 1);
    assert.deepEqual(
      note.sections.map((s) => s.spec?.id),
      ['instruction'],
    );
    const instr = note.section('instruction')!;
    assert.deepEqual(
      instr.fields.map((f) => f.spec?.id),
      ['safety'],
    );
    assert.equal(note.lines.lineAt(instr.lastContentEnd) >= note.lines.lineAt(instr.fields[0].range.start), true);
  });

  it('reads fences and headings only within 3 leading spaces, and Unicode-blank lines as blank', () => {
    // 3 spaces: a fence and a heading; 4 spaces: neither (indented text). A line of no-break and
    // ideographic spaces is blank: it ends the list value of the empty "Safety:" before it.
    const note = parseNote(
      `---\na: 1\n---\n## Instruction\n   \`\`\`\nCare: inside a fence\n   \`\`\`\n    ## Device\nSafety:\n  - check skin\n\u00a0\u3000\n  - not part of it\nUse: taught\n   ## Device\nType: AFO\n`,
    );
    assert.deepEqual(
      note.sections.map((s) => s.spec?.id),
      ['instruction', 'device'],
    );
    const instr = note.section('instruction')!;
    assert.deepEqual(
      instr.fields.map((f) => [f.label, f.value]),
      [
        ['Safety', 'check skin'],
        ['Use', 'taught'],
      ],
    );
    assert.equal(note.section('device')!.fields[0].value, 'AFO');
  });

  it('names sections and fields the same whatever their spacing and case (normalizeName)', () => {
    // The fast path for plain names must give what trimming, collapsing blanks and lower-casing give.
    const chars = ['a', 'B', ' ', '  ', '\t', '\u00a0', '\u2028', '\x1f', '\x7f', 'é', ':', '\n', '\u3000', '\x0b'];
    let seed = 97760;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % chars.length;
    for (let n = 0; n < 5000; n++) {
      let name = '';
      for (let i = next() % 7; i > 0; i--) name += chars[next()];
      assert.equal(normalizeName(name), name.trim().replace(/\s+/g, ' ').toLowerCase(), JSON.stringify(name));
    }
  });

  it('treats empty, TBD, ___ and placeholder values as missing', () => {
    const note = parseNote(`---\na: 1\n---\n## Instruction\nUse:\nCare: TBD\nSafety: ___\nUnderstanding: {{teach-back}}\n`);
    assert.deepEqual(
      note.section('instruction')!.fields.map((f) => f.missing),
      [true, true, true, true],
    );
  });

  it('takes indented or list lines after an empty "Label:" as its value', () => {
    const note = parseNote(`---\na: 1\n---\n## Instruction\nSafety:\n  - check skin twice daily\n  - stop if redness lasts\n\nCare: wipe\n`);
    const safety = note.section('instruction')!.fields[0];
    assert.equal(safety.missing, false);
    assert.equal(safety.value, 'check skin twice daily stop if redness lasts');
  });

  it('ignores HTML comments: no fields, headings or placeholders inside them', () => {
    const note = parseNote(`---\na: 1\n---\n## Instruction\n<!-- Safety: {{later}}\n## Device -->\nUse: taught\n`);
    assert.equal(note.sections.length, 1);
    assert.deepEqual(
      note.section('instruction')!.fields.map((f) => f.spec?.id),
      ['use'],
    );
    assert.equal(note.placeholders.length, 0);
  });

  it('finds placeholders in the front matter and the body, and still parses the YAML', () => {
    const note = parseNote(`---\npatient: {{patient MRN}}\ndate: \${1:2026-01-01}\n---\n## Plan\nNext visit: {{date}}\n`);
    assert.equal(note.placeholders.length, 3);
    assert.equal(note.frontMatter!.problems.length, 0);
    assert.equal(note.facts.entries.get('patient')!.placeholder, true);
  });

  it('reports YAML errors at the error position and duplicate keys', () => {
    const note = parseNote(`---\npatient: X\npatient: Y\ndate: [unclosed\n---\n`);
    const codes = note.frontMatter!.problems.map((p) => p.code);
    assert.ok(codes.includes('DUPLICATE_KEY'), codes.join());
    for (const p of note.frontMatter!.problems) assert.ok(p.range.start >= note.frontMatter!.contentRange.start && p.range.end <= note.frontMatter!.contentRange.end);
  });

  it('reads YAML anchors and aliases of lists and mappings one level deep', () => {
    const note = parseNote(`---\npatient: X\ncharges:\n  - code: 97110\n    modifiers: &mods [GP]\n  - code: 97760\n    modifiers: *mods\n---\n`);
    assert.deepEqual(note.frontMatter!.problems, []);
    assert.deepEqual(
      note.facts.charges.map((c) => c.modifiers.map((m) => m.code)),
      [['GP'], ['GP']],
    );
  });

  it('refuses a front matter whose aliases would expand enormously (alias bomb), and then reads no facts', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      levels.push(
        `${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(10)
          .fill(`*${'abcdefgh'[i - 1]}`)
          .join(', ')}]`,
      );
    const note = parseNote(`---\ndiscipline: PT\n${levels.join('\n')}\n---\n`);
    assert.ok(note.frontMatter!.problems.some((p) => p.code === 'ALIAS_EXPANSION'));
    assert.equal(note.facts.discipline, undefined);
  });

  it('takes an unclosed front matter to end at the first heading, so the body is still read', () => {
    const note = parseNote(`---\npatient: X\n\n## Instruction\nUse: taught\n`);
    assert.equal(note.frontMatter!.closed, false);
    assert.ok(note.section('instruction'));
  });

  it('applies tnote-disable / enable / disable-next-line comments by rule id', () => {
    const text = `---\na: 1\n---\n<!-- tnote-disable rule-a -->\nline4\n<!-- tnote-enable rule-a -->\nline6\n<!-- tnote-disable-next-line rule-b, rule-c -->\nline8\nline9\n`;
    const s = parseNote(text).suppressions;
    assert.equal(s.isSuppressed('rule-a', 4), true);
    assert.equal(s.isSuppressed('rule-a', 6), false);
    assert.equal(s.isSuppressed('rule-b', 8), true);
    assert.equal(s.isSuppressed('rule-c', 8), true);
    assert.equal(s.isSuppressed('rule-b', 9), false);
    assert.equal(s.isSuppressed('rule-a', 8), false);
  });

  it('supports # tnote-disable-next-line in the front matter', () => {
    const s = parseNote(`---\n# tnote-disable-next-line rule-x\npatient: X\n---\n`).suppressions;
    assert.equal(s.isSuppressed('rule-x', 2), true);
    assert.equal(s.isSuppressed('rule-x', 1), false);
  });

  describe('line endings and BOM give identical findings', () => {
    const dir = path.join(REPO_ROOT, 'examples');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.tnote'))) {
      it(file, () => {
        const lf = fs.readFileSync(path.join(dir, file), 'utf8').replace(/\r\n/g, '\n');
        const key = (text: string) => {
          const r = lintText(text);
          return r.findings.map((f) => {
            const p = r.note.lines.positionAt(f.range.start);
            // A BOM shifts only columns on line 1.
            const col = p.line === 0 && text.charCodeAt(0) === 0xfeff ? p.character - 1 : p.character;
            return `${p.line}:${Math.max(col, 0)} ${f.ruleId} ${f.severity} ${f.message}`;
          });
        };
        const base = key(lf);
        assert.deepEqual(key(lf.replace(/\n/g, '\r\n')), base, 'CRLF');
        assert.deepEqual(key('\uFEFF' + lf), base, 'BOM');
        assert.deepEqual(key('\uFEFF' + lf.replace(/\n/g, '\r\n')), base, 'BOM + CRLF');
      });
    }
  });
});
