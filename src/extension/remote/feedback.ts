import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  correctionRecord,
  FEEDBACK_LABELS,
  type EditorFeedbackRecord,
  type FeedbackLabel,
} from '../../feedback/record';
import { RemoteError, resolveEndpoint, sendFeedback } from './client';
import { langOf } from '../config';
import type { Log } from '../log';
import { noLinks } from './notificationText';
import { remoteSettings, type RemoteCommands } from './remoteCommand';
import type { DocumentResult, ResultStore } from '../tagging/results';

export interface MarkLabelOptions {
  /** The label to give, instead of asking. */
  label?: FeedbackLabel;
  /** The document and the span (offsets) to correct, instead of the active editor's selection or cursor. */
  uri?: string;
  start?: number;
  end?: number;
  comment?: string;
}

export interface FeedbackOutcome {
  record: EditorFeedbackRecord;
  /** The notification shown, exactly as shown: document text and server messages link nothing. */
  shown?: string;
  /** Whether the correction went to the remote endpoint too: its HTTP status, or why not. */
  remote?: { ok: boolean; status?: number; message: string; shown?: string };
}

const LABEL_PICKS: { label: string; description: string; value: FeedbackLabel }[] = [
  { label: 'AC', description: 'an abbreviation', value: 'AC' },
  { label: 'LF', description: 'a long form', value: 'LF' },
  { label: 'O', description: 'neither: not an abbreviation or long form', value: 'O' },
];

/**
 * "PLOD: Mark as Wrong / Correct Label": a correction of the span at the cursor (or the selected words, to
 * change its extent) is appended to `feedback.jsonl` in the extension's global storage, and also posted to the
 * remote endpoint's `/v1/feedback` when one is set (user settings only) and the user agreed to send to it.
 */
export class FeedbackCommands {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly results: ResultStore,
    private readonly remote: RemoteCommands,
    private readonly log: Log,
    /** Called when an abbreviation is corrected to O: it is no abbreviation from now on. */
    private readonly onNotAbbreviation: (word: string) => Promise<void>,
  ) {}

  get file(): string {
    return path.join(this.context.globalStorageUri.fsPath, 'feedback.jsonl');
  }

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('plodTagger.markLabel', (options?: MarkLabelOptions) =>
        this.mark(options ?? {}),
      ),
    ];
  }

  private async mark(options: MarkLabelOptions): Promise<FeedbackOutcome | undefined> {
    const document = options.uri
      ? await vscode.workspace.openTextDocument(vscode.Uri.parse(options.uri))
      : vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showInformationMessage(
        'PLOD Tagger: open a document and put the cursor on a span first.',
      );
      return undefined;
    }
    const result = this.results.current(document);
    const span = this.spanToCorrect(document, options, result);
    if (!span) {
      void vscode.window.showInformationMessage(
        'PLOD Tagger: put the cursor on a word, or select the words to label.',
      );
      return undefined;
    }
    const current = result?.spans.find((s) => s.start < span.end && span.start < s.end)?.label ?? 'O';
    const label =
      options.label ?? (await this.askLabel(document.getText().slice(span.start, span.end), current));
    if (!label) return undefined;
    if (!FEEDBACK_LABELS.includes(label))
      throw new Error(`PLOD Tagger: the label must be AC, LF or O, not "${label}"`);
    let record: EditorFeedbackRecord;
    try {
      record = correctionRecord({
        source: document.getText(),
        lang: langOf(document.languageId),
        span,
        label,
        modelSpans: result?.spans ?? [],
        file: vscode.workspace.asRelativePath(document.uri),
        model: result?.model ?? null,
        comment: options.comment,
      });
    } catch (error) {
      void vscode.window.showWarningMessage(`PLOD Tagger: ${noLinks((error as Error).message)}.`);
      return undefined;
    }
    this.append(record);
    this.log.info(`correction stored: "${record.span_text}" is ${label} (was ${current}) in ${record.file}`);
    if (label === 'O' && current === 'AC') await this.onNotAbbreviation(record.span_text);
    const outcome: FeedbackOutcome = { record, remote: await this.send(record) };
    outcome.shown = `PLOD Tagger: "${noLinks(record.span_text, 200)}" marked ${label}${outcome.remote?.ok ? ` and sent to the endpoint` : ''}.`;
    void vscode.window.showInformationMessage(outcome.shown);
    return outcome;
  }

  /** The options' range, else the selection, else the tagged span or the word at the cursor. */
  private spanToCorrect(
    document: vscode.TextDocument,
    options: MarkLabelOptions,
    result: DocumentResult | undefined,
  ): { start: number; end: number } | undefined {
    if (options.start !== undefined && options.end !== undefined)
      return { start: options.start, end: options.end };
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document !== document) return undefined;
    if (!editor.selection.isEmpty) {
      return {
        start: document.offsetAt(editor.selection.start),
        end: document.offsetAt(editor.selection.end),
      };
    }
    const cursor = document.offsetAt(editor.selection.active);
    const tagged = result?.spans.find((s) => s.start <= cursor && cursor <= s.end);
    if (tagged) return { start: tagged.start, end: tagged.end };
    const word = document.getWordRangeAtPosition(editor.selection.active);
    return word && { start: document.offsetAt(word.start), end: document.offsetAt(word.end) };
  }

  private async askLabel(text: string, current: FeedbackLabel): Promise<FeedbackLabel | undefined> {
    const picks = LABEL_PICKS.map((p) => ({
      ...p,
      description: p.value === current ? `${p.description} (the model's label)` : p.description,
    }));
    const pick = await vscode.window.showQuickPick(picks, {
      title: `PLOD Tagger: what is "${text.length > 60 ? `${text.slice(0, 57)}…` : text}"?`,
      placeHolder: 'To change the extent, cancel, select exactly the words, and run the command again',
    });
    return pick?.value;
  }

  /** One synchronous append per correction: nothing is rewritten, so nothing is lost. */
  private append(record: EditorFeedbackRecord): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.appendFileSync(this.file, JSON.stringify(record) + '\n');
  }

  private async send(record: EditorFeedbackRecord): Promise<FeedbackOutcome['remote']> {
    const settings = remoteSettings();
    if (!settings.endpoint) return undefined;
    let api: string;
    try {
      api = resolveEndpoint(settings.endpoint, settings.api).api;
    } catch (error) {
      return { ok: false, message: `not sent: ${(error as Error).message}` };
    }
    if (api !== 'plod') {
      this.log.info(
        `correction not sent: ${settings.endpoint} speaks the ${api} API, which takes no corrections`,
      );
      return { ok: false, message: `not sent: the ${api} API takes no corrections` };
    }
    const question = `Send this correction (the sentence "${record.text.slice(0, 80)}${record.text.length > 80 ? '…' : ''}") to ${settings.endpoint}?`;
    if (!(await this.remote.confirmSending(settings.endpoint, question))) {
      return { ok: false, message: 'not sent: the user did not agree' };
    }
    try {
      const { url, status } = await sendFeedback({
        endpoint: settings.endpoint,
        api: settings.api,
        token: await this.remote.token(),
        timeoutMs: settings.timeoutMs,
        body: {
          text: record.text,
          span: record.span,
          label: record.label,
          ...(record.model ? { model: record.model } : {}),
          ...(record.comment ? { comment: record.comment } : {}),
        },
      });
      this.log.info(`correction sent to ${url}: status ${status}`);
      return { ok: true, status, message: 'ok' };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const status = error instanceof RemoteError ? error.status : undefined;
      this.log.warn(`correction kept locally, not sent to ${settings.endpoint}: ${message}`);
      const shown = `PLOD Tagger: the correction is saved locally but was not sent: ${noLinks(message)}.`;
      void vscode.window.showWarningMessage(shown);
      return { ok: false, status, message, shown };
    }
  }
}
