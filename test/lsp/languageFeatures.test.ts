/** Completion, hover, document symbols, folding ranges and the billing code lens. */
import * as assert from 'node:assert/strict';
import {
  CodeLensRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  type CompletionItem,
  type DocumentSymbol,
  type MarkupContent,
  type Position,
} from 'vscode-languageserver-protocol/node';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { LspTestClient } from './helpers/lspClient';

/** The complete, clean 97760 note of note-format.md §4. */
const CLEAN = fs.readFileSync(path.join(REPO_ROOT, 'test', 'lsp', 'fixtures', 'clean-97760-pt.tnote'), 'utf8');

const URI = 'file:///virtual/features.tnote';

describe('LSP: language features', function () {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(() => client.kill());

  async function openText(uri: string, text: string) {
    await client.open(uri, text);
    await client.waitForCurrentDiagnostics(uri);
  }

  async function complete(uri: string, position: Position): Promise<CompletionItem[]> {
    const r = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    return Array.isArray(r) ? r : (r?.items ?? []);
  }

  async function hover(uri: string, position: Position): Promise<string> {
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    return h ? (h.contents as MarkupContent).value : '';
  }

  const PARTIAL = [
    '---',
    'patient: MRN-1',
    'date: 2026-11-20',
    'discipline: OT',
    'encounter: ',
    'charges:',
    '  - code: 9776',
    '    modifiers: [',
    '    ',
    'diagnoses: [M21',
    '---',
    '## Instruction',
    'Use: Donning taught.',
    'Ca',
    '## ',
  ].join('\n');

  it('completes front-matter keys that are not there yet', async () => {
    await openText(URI, PARTIAL);
    const inFm = await complete(URI, { line: 1, character: 0 });
    const labels = inFm.map((i) => i.label);
    assert.ok(labels.includes('payer') && labels.includes('provider') && labels.includes('total_treatment_minutes'), labels.join(','));
    assert.ok(!labels.includes('date') && !labels.includes('discipline'), 'keys already present are not offered');
  });

  it('completes enum values, charge codes, discipline modifiers and ICD-10 codes', async () => {
    const encounter = (await complete(URI, { line: 4, character: 11 })).map((i) => i.label);
    assert.deepEqual(encounter.sort(), ['initial', 'subsequent']);
    const codes = await complete(URI, { line: 6, character: 14 });
    const c97760 = codes.find((i) => i.label === '97760');
    assert.ok(c97760 && /orthosis management/.test(c97760.detail ?? ''));
    assert.ok(codes.some((i) => i.label === 'L1971'));
    assert.ok(!codes.some((i) => i.label === '97762'), 'deleted codes are not offered');
    const mods = (await complete(URI, { line: 7, character: 16 })).map((i) => i.label);
    assert.ok(mods.includes('GO') && mods.includes('CO'), mods.join(','));
    assert.ok(!mods.includes('GP') && !mods.includes('GN'), 'other disciplines’ modifiers are left out');
    const chargeKeys = (await complete(URI, { line: 8, character: 4 })).map((i) => i.label);
    assert.ok(chargeKeys.includes('units') && chargeKeys.includes('minutes'), chargeKeys.join(','));
    const dx = (await complete(URI, { line: 9, character: 15 })).map((i) => i.label);
    assert.ok(dx.includes('M21.371'), dx.join(','));
  });

  it('completes missing section headings after `## ` and field labels of the current section', async () => {
    const headings = await complete(URI, { line: 14, character: 3 });
    const labels = headings.map((i) => i.label);
    assert.ok(labels.includes('## Device') && labels.includes('## Signature'), labels.join(','));
    assert.ok(!labels.includes('## Instruction'), 'present sections are not offered');
    const fields = (await complete(URI, { line: 13, character: 2 })).map((i) => i.label);
    assert.ok(fields.includes('Care') && fields.includes('Safety'), fields.join(','));
    assert.ok(!fields.includes('Use'), 'present fields are not offered');
  });

  it('hovers codes, modifiers, ICD-10 codes, units from minutes, sections and fields', async () => {
    const uri = 'file:///virtual/hover.tnote';
    await openText(uri, CLEAN);
    const lines = client.documents.get(uri)!.getText().split('\n');
    const at = (needle: string, from = 0): Position => {
      const line = lines.findIndex((l, i) => i >= from && l.includes(needle));
      assert.ok(line >= 0, needle);
      return { line, character: lines[line].indexOf(needle) + 1 };
    };
    assert.match(await hover(uri, at('97760')), /CPT 97760.*orthosis management/s);
    assert.match(await hover(uri, at('97760')), /31 timed min → \*\*2 units\*\*/);
    assert.match(await hover(uri, at('[GP]')), /Modifier GP.*physical therapy/);
    assert.match(await hover(uri, at('M21.371')), /ICD-10-CM M21\.371.*foot drop/);
    assert.match(await hover(uri, at('L1971')), /HCPCS L1971/);
    assert.match(await hover(uri, at('## Instruction')), /Instruction\*\* section/);
    assert.match(await hover(uri, at('Care:')), /Cleaning and maintenance/);
    assert.match(await hover(uri, at('discipline:')), /plan-of-care modifier/);
  });

  it('returns an outline of sections and charges', async () => {
    const uri = 'file:///virtual/outline.tnote';
    await openText(uri, CLEAN);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const names = symbols.map((s) => s.name);
    for (const s of ['Front matter', 'Device', 'Medical Necessity', 'Instruction', 'Functional Training', 'Assessment', 'Time', 'Plan', 'Signature'])
      assert.ok(names.includes(s), `${s} in ${names.join(',')}`);
    const charges = symbols[0].children!.find((c) => c.name === 'charges')!.children!.map((c) => c.name);
    assert.deepEqual(charges, ['97760-GP × 2 units', 'L1971-RT × 1 unit']);
    const device = symbols.find((s) => s.name === 'Device')!;
    assert.deepEqual(
      device.children!.map((c) => c.name),
      ['Type', 'Region', 'Side', 'L-code'],
    );
  });

  it('returns folding ranges for the front matter and each section', async () => {
    const uri = 'file:///virtual/outline.tnote';
    const ranges = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.ok(ranges);
    assert.ok(
      ranges.some((r) => r.startLine === 0 && r.endLine === 18),
      'front matter fold',
    );
    const lines = client.documents.get(uri)!.getText().split('\n');
    const device = lines.indexOf('## Device');
    assert.ok(
      ranges.some((r) => r.startLine === device && r.endLine === device + 4),
      'Device section fold',
    );
  });

  it('shows the billing summary as a code lens on the charges', async () => {
    const uri = 'file:///virtual/outline.tnote';
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.equal(lenses?.length, 1);
    assert.equal(lenses[0].command?.title, 'Billing: 97760-GP × 2 units · L1971-RT × 1 unit · 31 timed min → 2 units');
    const summary = await client.connection.sendRequest<{ billing?: string }>('tnote/noteSummary', { uri });
    assert.equal(summary.billing, '97760-GP × 2 units · L1971-RT × 1 unit · 31 timed min');
  });

  it('code lens, hover and status bar count `minutes: 31 min` as the unit rules do', async () => {
    const uri = 'file:///virtual/min31.tnote';
    const text = CLEAN.replace('    units: 2\n    minutes: 31\n', '    units: 3\n    minutes: 31 min\n');
    assert.notEqual(text, CLEAN);
    await client.open(uri, text);
    const diags = await client.waitForCurrentDiagnostics(uri);
    // The rules: the value should be a bare number, and 31 minutes give 2 units, not 3.
    const byRule = (id: string) => diags.diagnostics.filter((d) => d.code === id).map((d) => d.message);
    assert.equal(byRule('invalid-field-value').length, 1);
    assert.deepEqual(byRule('units-not-matching-minutes'), ['97760 bills 3 units, but 97760 31 min → 2 units under the 8-minute rule. Correct the units (or the minutes, if they are wrong).']);
    // The views: the same 31 minutes and 2 units.
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.equal(lenses?.[0].command?.title, 'Billing: 97760-GP × 3 units · L1971-RT × 1 unit · 31 timed min → 2 units');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('code: 97760'));
    const h = await hover(uri, { line, character: lines[line].indexOf('97760') + 1 });
    assert.match(h, /31 timed min → \*\*2 units\*\* under the 8-minute rule/);
    assert.match(h, /Billed: 3 — the minutes support 2\./);
    const summary = await client.connection.sendRequest<{ billing?: string }>('tnote/noteSummary', { uri });
    assert.equal(summary.billing, '97760-GP × 3 units · L1971-RT × 1 unit · 31 timed min');
  });

  it('shows placeholders of a template as "to fill", never raw', async () => {
    const uri = 'file:///virtual/template.tnote';
    const text = fs.readFileSync(path.join(REPO_ROOT, 'templates', '97760-pt.tnote'), 'utf8');
    await openText(uri, text);
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    const title = lenses?.[0].command?.title ?? '';
    assert.equal(title, 'Billing: 97760-GP × units: to fill · L-code: to fill (modifiers: to fill) × 1 unit · timed minutes: to fill');
    const summary = await client.connection.sendRequest<{ billing?: string }>('tnote/noteSummary', { uri });
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const charges = symbols[0].children!.find((c) => c.name === 'charges')!.children!.map((c) => c.name);
    assert.deepEqual(charges, ['97760-GP × units: to fill', 'L-code: to fill (modifiers: to fill) × 1 unit']);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('code: "{{L-code}}"'));
    const h = await hover(uri, { line, character: lines[line].indexOf('L-code') });
    assert.match(h, /\*\*L-code: to fill \(modifiers: to fill\) × 1 unit\*\*/);
    for (const shown of [title, summary.billing ?? '', ...charges, h]) assert.ok(!/\{\{|\$\{/.test(shown), `no raw placeholder in: ${shown}`);
  });

  it('hovers a timed line of several with its CMS share of the visit’s units', async () => {
    const uri = 'file:///virtual/split.tnote';
    const text = CLEAN.replace('  - code: L1971\n', '  - code: 97140\n    modifiers: [GP]\n    units: 1\n    minutes: 9\n  - code: L1971\n').replace(
      'total_treatment_minutes: 31',
      'total_treatment_minutes: 40',
    );
    await openText(uri, text);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('code: 97140'));
    const h = await hover(uri, { line, character: lines[line].indexOf('97140') + 1 });
    assert.match(
      h,
      /This line: 9 min\. The visit: 97760 31 min \+ 97140 9 min = 40 timed min → 3 units under the 8-minute rule \(38–52 min = 3\); by the CMS split this line gets \*\*1 unit\*\*\. Billed: 1 — matches\./,
    );
  });

  it('completes and hovers the schema’s v2 keys and values (status, assistant_minutes)', async () => {
    const uri = 'file:///virtual/v2.tnote';
    await openText(uri, ['---', 'patient: MRN-1', '', '---', ''].join('\n'));
    const keys = (await complete(uri, { line: 2, character: 0 })).map((i) => i.label);
    assert.ok(keys.includes('status'), keys.join(','));
    const text = ['---', 'patient: MRN-1', 'status: ', 'charges:', '  - code: 97760', '    ', '---', ''].join('\n');
    await client.change(uri, [{ text }]);
    await client.waitForCurrentDiagnostics(uri);
    const values = await complete(uri, { line: 2, character: 8 });
    assert.deepEqual(
      values.map((i) => i.label),
      ['draft', 'final', 'template'],
    );
    assert.ok(values.every((v) => (v.detail ?? '').length > 10));
    const chargeKeys = (await complete(uri, { line: 5, character: 4 })).map((i) => i.label);
    assert.ok(chargeKeys.includes('assistant_minutes'), chargeKeys.join(','));
    const h = await hover(uri, { line: 2, character: 2 });
    assert.match(h, /\*\*status\*\* — /);
    assert.match(h, /Values: `draft` .*; `final` .*; `template` /);
    assert.match(h, /Required: no \(default `final`\)\./);
  });

  it('answers requests for a half-typed note without failing', async () => {
    const uri = 'file:///virtual/half.tnote';
    await openText(uri, '---\ncharges:\n  - code: [\n');
    for (let line = 0; line < 4; line++) {
      for (let character = 0; character < 12; character++) {
        await complete(uri, { line, character });
        await hover(uri, { line, character });
      }
    }
    await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  });
});
