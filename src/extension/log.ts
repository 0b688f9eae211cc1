import * as vscode from 'vscode';

export type Log = vscode.LogOutputChannel;

/** The "PLOD Tagger" output channel; VS Code applies the user's log level to it. */
export function createLog(): Log {
  return vscode.window.createOutputChannel('PLOD Tagger', { log: true });
}
