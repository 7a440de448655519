/** A code lens above the charges with the note's billing summary, e.g. "97760-GP × 2 units · 31 timed min". */
import type { CodeLens } from 'vscode-languageserver';
import type { Note } from '../engine';
import { billingSummary } from './billingSummary';
import { toLspRange } from './positions';

export function provideCodeLenses(note: Note): CodeLens[] {
  const summary = billingSummary(note);
  const anchor = note.yamlFacts.chargesValue?.keyRange;
  if (!summary || !anchor) return [];
  return [{ range: toLspRange(note.lines, anchor), command: { title: `Billing: ${summary}`, command: '' } }];
}
