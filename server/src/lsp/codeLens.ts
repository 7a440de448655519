/** A code lens above the charges with the note's billing summary, e.g. "97760-GP × 2 units · 31 timed min → 2 units". */
import type { CodeLens } from 'vscode-languageserver';
import type { Note, UnitsMethod } from '../engine';
import { billingLensTitle } from './billingSummary';
import { toLspRange } from './positions';

export function provideCodeLenses(note: Note, method: UnitsMethod = 'cms'): CodeLens[] {
  const title = billingLensTitle(note, method);
  const anchor = note.yamlFacts.chargesValue?.keyRange;
  if (!title || !anchor) return [];
  return [{ range: toLspRange(note.lines, anchor), command: { title, command: '' } }];
}
