import * as vscode from 'vscode';
import { RemoteError, resolveEndpoint, tagRemotely, type RemoteApi } from './client';
import { noLinks } from './notificationText';
import { langOf, SECTION } from '../config';
import type { Log } from '../log';
import type { DocumentResult, ResultStore } from '../tagging/results';
import { shiftFound } from '../../core/ranges';

const TOKEN_KEY = 'plodTagger.remote.token';
const CONFIRMED_KEY = 'plodTagger.remote.confirmedEndpoints';

export interface RemoteOutcome {
  ok: boolean;
  message: string;
  status?: number;
  spans?: number;
  /** The notification shown, exactly as shown (links broken). */
  shown?: string;
}

/** The remote endpoint: only the user's own (global) settings count, so a workspace can never redirect it. */
export function remoteSettings(): { endpoint: string; api: RemoteApi; timeoutMs: number } {
  const config = vscode.workspace.getConfiguration(SECTION);
  const global = <T>(key: string, fallback: T): T => (config.inspect<T>(key)?.globalValue ?? fallback) as T;
  return {
    endpoint: global('remote.endpoint', '').trim(),
    api: global<RemoteApi>('remote.api', 'auto'),
    timeoutMs: timeoutSetting(global<unknown>('remote.timeoutMs', 30_000)),
  };
}

/** The timeout setting as a number of milliseconds, at least 1 s; a value that is no number means 30 s. */
function timeoutSetting(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? Math.max(1000, n) : 30_000;
}

/** "PLOD: Predict with Remote Endpoint" and "PLOD: Set API Token…": the only way document text leaves the machine. */
export class RemoteCommands {
  private last: RemoteOutcome | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly results: ResultStore,
    private readonly log: Log,
  ) {}

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('plodTagger.predictRemote', () => this.predict()),
      vscode.commands.registerCommand('plodTagger.setApiToken', () => this.askForToken()),
    ];
  }

  get lastOutcome(): RemoteOutcome | undefined {
    return this.last;
  }

  async setToken(token: string): Promise<void> {
    if (token) await this.context.secrets.store(TOKEN_KEY, token);
    else await this.context.secrets.delete(TOKEN_KEY);
  }

  /** Record that the user agreed to send text to this endpoint, as the first-use question does. */
  async allowEndpoint(endpoint: string): Promise<void> {
    const confirmed = this.context.globalState.get<string[]>(CONFIRMED_KEY, []);
    if (!confirmed.includes(endpoint))
      await this.context.globalState.update(CONFIRMED_KEY, [...confirmed, endpoint]);
  }

  private async askForToken(): Promise<void> {
    const token = await vscode.window.showInputBox({
      title: 'PLOD Tagger: API token for the remote endpoint',
      prompt: 'Stored in VS Code secret storage, sent as "Authorization: Bearer". Leave empty to remove it.',
      password: true,
      ignoreFocusOut: true,
    });
    if (token === undefined) return;
    await this.setToken(token.trim());
    this.log.info(token.trim() ? 'remote API token stored in secret storage' : 'remote API token removed');
  }

  private async predict(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('PLOD Tagger: open a document first.');
      return;
    }
    const settings = remoteSettings();
    const endpoint = settings.endpoint || (await this.askForEndpoint());
    if (!endpoint) return;
    // Check the endpoint before asking to send to it: "127.0.0.1:8080" is no URL, and says so.
    let host: string;
    try {
      host = resolveEndpoint(endpoint, settings.api).url.host;
    } catch (error) {
      this.fail(endpoint, error);
      return;
    }
    const document = editor.document;
    const range = editor.selection.isEmpty
      ? { start: 0, end: document.getText().length }
      : { start: document.offsetAt(editor.selection.start), end: document.offsetAt(editor.selection.end) };
    const text = document.getText().slice(range.start, range.end);
    if (!text.trim()) {
      void vscode.window.showInformationMessage('PLOD Tagger: there is no text to send.');
      return;
    }
    const question = `Send ${text.length.toLocaleString('en')} characters of this document to ${endpoint}?`;
    if (!(await this.confirmSending(endpoint, question))) return;
    const version = document.version;
    const token = await this.token();
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `PLOD Tagger: predicting with ${host}`,
        cancellable: true,
      },
      async (_progress, cancellation) => {
        const controller = new AbortController();
        const subscription = cancellation.onCancellationRequested(() => controller.abort());
        try {
          const answer = await tagRemotely({
            endpoint,
            api: settings.api,
            text,
            lang: langOf(document.languageId),
            token,
            timeoutMs: settings.timeoutMs,
            signal: controller.signal,
          });
          const result: DocumentResult = {
            uri: document.uri.toString(),
            version,
            model: answer.model,
            modelKey: `remote:${answer.model}`,
            origin: 'remote',
            range,
            ...shiftFound(
              {
                spans: answer.spans.map((s) => ({ ...s, source: 'model' as const })),
                glossary: answer.glossary,
              },
              range.start,
            ),
            words: 0,
            ms: answer.ms,
          };
          const stored = this.results.set(document, result);
          this.log.info(
            `remote ${answer.api} ${answer.url}: status ${answer.status}, ${answer.ms} ms, ${answer.spans.length} spans, model ${answer.model}${stored ? '' : '; discarded, the document changed meanwhile'}`,
          );
          this.last = { ok: true, message: 'ok', status: answer.status, spans: answer.spans.length };
        } catch (error) {
          this.fail(endpoint, error);
        } finally {
          subscription.dispose();
        }
      },
    );
  }

  /** Record and show a failed remote call: the message may come from the server, so it links nothing. */
  private fail(endpoint: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const status = error instanceof RemoteError ? error.status : undefined;
    this.last = { ok: false, message, status };
    this.log.error(`remote ${endpoint}: ${status ? `status ${status}: ` : ''}${message}`);
    if (!(error instanceof RemoteError && error.kind === 'cancelled')) {
      const shown = `PLOD Tagger: ${noLinks(message)}. The local tags are unchanged.`;
      this.last.shown = shown;
      void vscode.window.showErrorMessage(shown);
    }
  }

  private async askForEndpoint(): Promise<string | undefined> {
    const endpoint = await vscode.window.showInputBox({
      title: 'PLOD Tagger: remote endpoint',
      prompt: 'A plod-tagger server, an HF Inference token-classification URL, or a /predict service',
      value: 'http://127.0.0.1:8080',
      ignoreFocusOut: true,
      validateInput: (value) => (/^https?:\/\/\S+$/.test(value.trim()) ? undefined : 'Enter an http(s) URL'),
    });
    if (!endpoint?.trim()) return undefined;
    await vscode.workspace
      .getConfiguration(SECTION)
      .update('remote.endpoint', endpoint.trim(), vscode.ConfigurationTarget.Global);
    return endpoint.trim();
  }

  /**
   * Ask once per endpoint (modal) before text goes to it; the answer is remembered. Shared by remote
   * predictions and feedback, so one consent covers sending text to that endpoint.
   */
  async confirmSending(endpoint: string, question: string): Promise<boolean> {
    if (this.context.globalState.get<string[]>(CONFIRMED_KEY, []).includes(endpoint)) return true;
    const send = 'Send';
    const answer = await vscode.window.showWarningMessage(
      `${question} PLOD Tagger otherwise keeps all text on this machine. You will not be asked again for this endpoint.`,
      { modal: true },
      send,
    );
    if (answer !== send) return false;
    await this.allowEndpoint(endpoint);
    return true;
  }

  /** The API token from secret storage, if one is set. */
  token(): Thenable<string | undefined> {
    return this.context.secrets.get(TOKEN_KEY);
  }
}
