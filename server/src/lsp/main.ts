/**
 * Entry point of the language server bundle (dist/server.js). The transport comes from the
 * command line: `--stdio` (Neovim, Emacs, Helix, …) or `--node-ipc` (VS Code).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { describeError } from './log';
import { nodeFileAccess } from '../node/nodeFs';
import { nodeRuntime } from '../node/nodeRuntime';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (err) => connection.console.error(`tnote: uncaught ${describeError(err)}`));
process.on('unhandledRejection', (err) => connection.console.error(`tnote: unhandled rejection ${describeError(err)}`));
startServer(connection, { fs: nodeFileAccess(), bulkFs: nodeFileAccess({ blocking: true }), runtime: nodeRuntime() });
