/** Completion, hover, document symbols, folding ranges and the billing code lens. */
import * as assert from 'node:assert/strict';
import {
  CodeLensRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  type CompletionItem,
  type CompletionList,
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
    return Array.isArray(r) ? r : ((r as CompletionList | null)?.items ?? []);
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
    for (const s of ['Front matter', 'Device', 'Medical Necessity', 'Instruction', 'Functional Training', 'Assessment', 'Time', 'Plan', 'Signature']) assert.ok(names.includes(s), `${s} in ${names.join(',')}`);
    const charges = symbols[0].children!.find((c) => c.name === 'charges')!.children!.map((c) => c.name);
    assert.deepEqual(charges, ['97760-GP × 2 units', 'L1971-RT × 1 unit']);
    const device = symbols.find((s) => s.name === 'Device')!;
    assert.deepEqual(device.children!.map((c) => c.name), ['Type', 'Region', 'Side', 'L-code']);
  });

  it('returns folding ranges for the front matter and each section', async () => {
    const uri = 'file:///virtual/outline.tnote';
    const ranges = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.ok(ranges);
    assert.ok(ranges.some((r) => r.startLine === 0 && r.endLine === 18), 'front matter fold');
    const lines = client.documents.get(uri)!.getText().split('\n');
    const device = lines.indexOf('## Device');
    assert.ok(ranges.some((r) => r.startLine === device && r.endLine === device + 4), 'Device section fold');
  });

  it('shows the billing summary as a code lens on the charges', async () => {
    const uri = 'file:///virtual/outline.tnote';
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.equal(lenses?.length, 1);
    assert.equal(lenses![0].command?.title, 'Billing: 97760-GP × 2 units · L1971-RT × 1 unit · 31 timed min');
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
