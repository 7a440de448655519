/** Server commands (`workspace/executeCommand`) and the `tnote/noteSummary` request for status bars. */
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ServerCommand, type FixAllResult, type NoteSummary, type WorkspaceTotals } from '../../../shared/protocol';
import { billingSummary } from './billingSummary';
import { fixAllEdits, SHOW_RULE_DOCS_COMMAND, workspaceEdit, type EditSupport } from './codeActions';
import { docsUri } from './diagnostics';
import type { Validator } from './validation';

export const FIX_ALL_COMMAND = ServerCommand.fixAll;
export const CHECK_WORKSPACE_COMMAND = ServerCommand.checkWorkspace;
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
      const edits = fixAllEdits(doc, state);
      if (edits.length === 0) return { applied: false } satisfies FixAllResult;
      const r = await ctx.connection.workspace.applyEdit({ label: 'Fix all tnote problems', edit: workspaceEdit(doc, edits, ctx.editSupport()) });
      return { applied: r.applied } satisfies FixAllResult;
    }
    case CHECK_WORKSPACE_COMMAND: {
      await ctx.indexed();
      return ctx.validator.checkAll() satisfies WorkspaceTotals;
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
  return {
    billing: billingSummary(state.result.note),
    errors: all.filter((f) => f.severity === 'error').length,
    warnings: all.filter((f) => f.severity === 'warning').length,
    infos: all.filter((f) => f.severity === 'info').length,
  };
}
