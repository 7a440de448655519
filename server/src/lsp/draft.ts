/**
 * From draft to final note over LSP: the items left to fill (`tnote/noteItems`), the checklist
 * (`tnote/checklist`) and the finalize check (`tnote/finalizeCheck`, and the `tnote.server.finalize`
 * command for editors without the VS Code client). The engine computes everything
 * (engine/items.ts, checklist.ts, finalize.ts); this module only converts offsets to positions.
 */
import type { TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FinalizeResult, NoteChecklist, NoteItems } from '../../../shared/protocol';
import { finalizeCheck, noteChecklist, noteItems, noteStatus, type ChecklistTarget, type Finding, type PositionMap, type TextEdit } from '../engine';
import { toLspRange } from './positions';
import type { OpenNoteState } from './validation';

function findingsOf(state: OpenNoteState): Finding[] {
  return [...state.result.findings, ...state.workspaceFindings];
}

/** The number of items left (for the status bar). */
export function itemsLeft(state: OpenNoteState): number {
  return noteItems(state.result.note, findingsOf(state)).length;
}

export function noteItemsResult(doc: TextDocument, state: OpenNoteState): NoteItems {
  const note = state.result.note;
  return {
    uri: doc.uri,
    version: state.version,
    status: noteStatus(note),
    items: noteItems(note, findingsOf(state)).map((i) => ({ range: toLspRange(note.lines, i.range), kind: i.kind, label: i.label, message: i.message, rules: i.rules })),
  };
}

function target(lines: PositionMap, t: ChecklistTarget | undefined): { range: ReturnType<typeof toLspRange>; placeholder: boolean } | undefined {
  return t ? { range: toLspRange(lines, t.range), placeholder: t.placeholder } : undefined;
}

export function checklistResult(doc: TextDocument, state: OpenNoteState): NoteChecklist {
  const note = state.result.note;
  const findings = findingsOf(state);
  const c = noteChecklist(note, findings, state.result.profile, state.config);
  return {
    uri: doc.uri,
    version: state.version,
    status: c.status,
    title: c.title,
    elements: c.elements.map((e) => ({ id: e.id, group: e.group, label: e.label, state: e.state, messages: e.messages, target: target(note.lines, e.target) })),
    claim: c.claim.map((r) => ({ kind: r.kind, label: r.label, state: r.state, target: target(note.lines, r.target) })),
    claimReadable: c.claimReadable,
    itemsLeft: noteItems(note, findings).length,
  };
}

function lspEdit(lines: PositionMap, e: TextEdit | undefined): LspTextEdit | undefined {
  return e ? { range: toLspRange(lines, e), newText: e.newText } : undefined;
}

/** Checks the note as a final note (`date`: the writer's today, to offer dating the signature). */
export function finalizeResult(doc: TextDocument, state: OpenNoteState, date?: string): FinalizeResult {
  const lines = state.result.note.lines;
  const r = finalizeCheck(doc.getText(), state.config, { extraFindings: state.workspaceFindings, date });
  return {
    uri: doc.uri,
    version: state.version,
    status: r.status,
    ready: r.ready,
    remaining: r.remaining.map((f) => ({ range: toLspRange(lines, f.range), severity: f.severity === 'error' ? 'error' : 'warning', ruleId: f.ruleId, message: f.message })),
    statusEdit: lspEdit(lines, r.statusEdit),
    signatureDateEdit: lspEdit(lines, r.signatureDateEdit),
  };
}
