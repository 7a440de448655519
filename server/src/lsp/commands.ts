/** Server commands (`workspace/executeCommand`) and the `tnote/noteSummary` request for status bars. */
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ServerCommand, type FinalizeResult, type FixAllResult, type NoteSummary, type WorkspaceTotals } from '../../../shared/protocol';
import { noteStatus, noteTitle, safeFixes, unitsMethodFor } from '../engine';
import { billingSummary } from './billingSummary';
import { fixAllEdits, SHOW_RULE_DOCS_COMMAND, workspaceEdit, type EditSupport } from './codeActions';
import { docsUri } from './diagnostics';
import { finalizeResult, itemsLeft } from './draft';
import type { Validator } from './validation';

export const FIX_ALL_COMMAND = ServerCommand.fixAll;
export const CHECK_WORKSPACE_COMMAND = ServerCommand.checkWorkspace;
export const FINALIZE_COMMAND = ServerCommand.finalize;
export const SERVER_COMMANDS: string[] = Object.values(ServerCommand);

export interface CommandContext {
  connection: Connection;
  documents: { get(uri: string): TextDocument | undefined };
  validator: Validator;
  editSupport: () => EditSupport;
  canShowDocument: () => boolean;
  /** Waits for the workspace index (for "check all"). */
  indexed: () => Promise<void>;
}

export async function executeCommand(ctx: CommandContext, command: string, args: unknown[]): Promise<unknown> {
  switch (command) {
    case SHOW_RULE_DOCS_COMMAND: {
      const ruleId = typeof args[0] === 'string' ? args[0] : undefined;
      if (!ruleId || !/^[a-z0-9-]+$/.test(ruleId)) return null;
      const uri = docsUri(ruleId);
      if (ctx.canShowDocument()) await ctx.connection.window.showDocument({ uri, takeFocus: true });
      else void ctx.connection.window.showInformationMessage(`Documentation for ${ruleId}: ${uri}`);
      return uri;
    }
    case FIX_ALL_COMMAND: {
      const uri = typeof args[0] === 'string' ? args[0] : undefined;
      const doc = uri ? ctx.documents.get(uri) : undefined;
      if (!doc) return { applied: false } satisfies FixAllResult;
      const state = await ctx.validator.current(doc);
      // What the light bulb's "Fix all" entries apply: the safe fixes. The others need a choice.
      const fixed = safeFixes(state.result.findings).length;
      const needChoice = [...state.result.findings, ...state.workspaceFindings].filter((f) => f.fixes.length > 0 && !f.fixes.some((x) => x.kind === 'safe')).length;
      const edits = fixAllEdits(doc, state);
      if (edits.length === 0) return { applied: false, fixed: 0, needChoice } satisfies FixAllResult;
      const r = await ctx.connection.workspace.applyEdit({ label: 'Fix all tnote problems', edit: workspaceEdit(doc, edits, ctx.editSupport()) });
      return { applied: r.applied, fixed: r.applied ? fixed : 0, needChoice } satisfies FixAllResult;
    }
    case FINALIZE_COMMAND: {
      const uri = typeof args[0] === 'string' ? args[0] : undefined;
      const doc = uri ? ctx.documents.get(uri) : undefined;
      if (!doc) return null;
      const result: FinalizeResult = finalizeResult(doc, await ctx.validator.current(doc));
      if (!result.ready || !result.statusEdit || result.status === 'template') return { ...result, applied: false };
      const r = await ctx.connection.workspace.applyEdit({ label: 'Finalize note', edit: workspaceEdit(doc, [result.statusEdit], ctx.editSupport()) });
      return { ...result, applied: r.applied };
    }
    case CHECK_WORKSPACE_COMMAND: {
      await ctx.indexed();
      return (await ctx.validator.checkAll()) satisfies WorkspaceTotals;
    }
    default:
      return null;
  }
}

export async function noteSummary(ctx: CommandContext, uri: string): Promise<NoteSummary | null> {
  const doc = ctx.documents.get(uri);
  if (!doc) return null;
  const state = await ctx.validator.current(doc);
  const all = [...state.result.findings, ...state.workspaceFindings];
  const note = state.result.note;
  return {
    billing: billingSummary(note, unitsMethodFor(state.result.profile, state.config)),
    errors: all.filter((f) => f.severity === 'error').length,
    warnings: all.filter((f) => f.severity === 'warning').length,
    infos: all.filter((f) => f.severity === 'info').length,
    status: noteStatus(note),
    title: noteTitle(note),
    itemsLeft: itemsLeft(state),
  };
}
