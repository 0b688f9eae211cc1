import * as vscode from 'vscode';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../core/assistant/diagnostics';
import { LANGS, type Lang } from '../core/types';
import { modelRefKey, type ModelRef } from '../core/models';
import type { WordLists } from '../core/pairing';

export const SECTION = 'plodTagger';

export const DECORATION_STYLES = ['background', 'underline', 'border'] as const;
export type DecorationStyle = (typeof DECORATION_STYLES)[number];

/**
 * The extension's settings, read once per use so changes apply at once. Their defaults are written in one place,
 * package.json's `contributes.configuration`: VS Code answers `get` with the contributed default.
 */
export interface Settings {
  model: string;
  customModelPath: string;
  autoTag: boolean;
  languages: string[];
  minScore: number;
  maxDocumentLength: number;
  decorationStyle: DecorationStyle;
  debounceMs: number;
  /** Which files "PLOD: Tag Workspace" tags (a glob; files.exclude and search.exclude still apply). */
  scanInclude: string;
  /** The user's and the workspace's word lists, added up (as cSpell adds up `cSpell.words`). */
  words: Required<WordLists>;
}

/**
 * Settings read, by kind and scope, until the extension's settings or the workspace folders change: VS Code takes
 * milliseconds to answer `getConfiguration` and `inspect`, and tagging reads them on every edit.
 */
const cached = new Map<string, unknown>();
let caching = false;

/** Start caching what `readSettings` and `readDiagnosticSettings` read; register it before any other listener. */
export function cacheSettings(): vscode.Disposable {
  caching = true;
  const forget = () => cached.clear();
  const listeners = [
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SECTION)) forget();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(forget),
  ];
  return new vscode.Disposable(() => {
    caching = false;
    forget();
    listeners.forEach((l) => l.dispose());
  });
}

function scopeKey(scope: vscode.ConfigurationScope | undefined): string {
  if (!scope) return '';
  if (scope instanceof vscode.Uri) return scope.toString();
  const languageId = 'languageId' in scope ? scope.languageId : '';
  return `${scope.uri?.toString() ?? ''}|${languageId}`;
}

function remembered<T>(kind: string, scope: vscode.ConfigurationScope | undefined, read: () => T): T {
  if (!caching) return read();
  const key = `${kind}|${scopeKey(scope)}`;
  if (cached.has(key)) return cached.get(key) as T;
  const value = read();
  if (cached.size > 200) cached.clear();
  cached.set(key, value);
  return value;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  return remembered('settings', scope, () => readSettingsNow(scope));
}

/**
 * Each setting is read as its scope in package.json allows: the window-wide ones without a resource, and those a
 * folder may set (the word lists, the custom model path) for the document. VS Code logs a warning for each
 * window-wide setting asked for a resource, which cost the first tags of a paper tens of milliseconds.
 */
function readSettingsNow(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const forResource = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    model: value<string>(c, 'model'),
    customModelPath: value<string>(forResource, 'customModelPath').trim(),
    autoTag: value<boolean>(c, 'autoTag'),
    languages: value<string[]>(c, 'languages'),
    minScore: clamp(value<number>(c, 'minScore'), 0, 1),
    maxDocumentLength: Math.max(1, value<number>(c, 'maxDocumentLength')),
    decorationStyle: value<DecorationStyle>(c, 'decorationStyle'),
    debounceMs: clamp(value<number>(c, 'debounceMs'), 0, 10_000),
    scanInclude:
      value<string>(c, 'workspaceScan.include').trim() || defaultValue<string>(c, 'workspaceScan.include'),
    words: {
      notAbbreviations: wordList(forResource, 'notAbbreviations'),
      alwaysAbbreviations: wordList(forResource, 'alwaysAbbreviations'),
    },
  };
}

export const WORD_LISTS = ['notAbbreviations', 'alwaysAbbreviations'] as const;
export type WordListName = (typeof WORD_LISTS)[number];

/** A word list of every scope that sets it, added up; anything that is not a non-empty string is skipped. */
function wordList(c: vscode.WorkspaceConfiguration, key: WordListName): string[] {
  const set = c.inspect<unknown>(key);
  const scopes = [set?.globalValue, set?.workspaceValue, set?.workspaceFolderValue];
  const words = scopes.flatMap((v) => (Array.isArray(v) ? v : []));
  return [
    ...new Set(
      words.filter((w): w is string => typeof w === 'string' && w.trim() !== '').map((w) => w.trim()),
    ),
  ];
}

export const SEVERITY_NAMES = ['error', 'warning', 'information', 'hint'] as const;
export type DiagnosticSeverityName = (typeof SEVERITY_NAMES)[number];

/** The writing assistant's diagnostics settings (`plodTagger.diagnostics.*`). */
export interface DiagnosticSettings {
  enabled: boolean;
  severity: DiagnosticSeverityName;
  disabledRules: DiagnosticCode[];
  /** The abbreviations the user's field needs no definition for. */
  wellKnown: string[];
}

/** Window-wide settings, the same for every document. */
export function readDiagnosticSettings(): DiagnosticSettings {
  return remembered('diagnostics', undefined, readDiagnosticSettingsNow);
}

function readDiagnosticSettingsNow(): DiagnosticSettings {
  const c = vscode.workspace.getConfiguration(`${SECTION}.diagnostics`);
  const severity = value<string>(c, 'severity');
  return {
    enabled: value<boolean>(c, 'enabled'),
    severity:
      SEVERITY_NAMES.find((name) => name === severity) ?? defaultValue<DiagnosticSeverityName>(c, 'severity'),
    disabledRules: value<string[]>(c, 'disabledRules').flatMap((rule) =>
      DIAGNOSTIC_CODES.filter((code) => code === rule),
    ),
    wellKnown: value<unknown[]>(c, 'wellKnown').filter((s): s is string => typeof s === 'string'),
  };
}

/** Guessed long forms of abbreviations that a document never defines (`plodTagger.guesses.*`). */
export interface GuessSettings {
  enabled: boolean;
  glossaryFile: string;
  dictionaries: string[];
}

/** Window-wide settings, the same for every document. */
export function readGuessSettings(): GuessSettings {
  return remembered('guesses', undefined, () => {
    const c = vscode.workspace.getConfiguration(`${SECTION}.guesses`);
    return {
      enabled: value<boolean>(c, 'enabled'),
      glossaryFile: value<string>(c, 'glossaryFile').trim(),
      dictionaries: value<unknown[]>(c, 'dictionaries').filter((s): s is string => typeof s === 'string'),
    };
  });
}

/** The model the settings choose (a folder in `customModelPath` wins over `model`), with its label for people. */
export interface SelectedModel {
  ref: ModelRef;
  /** Which model, as the status bar and the log say it; never compared, `key` is. */
  label: string;
  key: string;
}

export function selectedModel(settings: Settings): SelectedModel {
  const ref: ModelRef = settings.customModelPath
    ? { kind: 'folder', path: settings.customModelPath }
    : { kind: 'shipped', name: settings.model };
  const label = ref.kind === 'folder' ? `custom (${ref.path})` : ref.name;
  return { ref, label, key: modelRefKey(ref) };
}

/** The markup kind a VS Code language id is analysed as. */
export function langOf(languageId: string): Lang {
  if ((LANGS as readonly string[]).includes(languageId)) return languageId as Lang;
  if (languageId === 'tex' || languageId === 'bibtex' || languageId === 'context') return 'latex';
  if (languageId === 'mdx' || languageId === 'quarto' || languageId === 'rmd') return 'markdown';
  return 'plaintext';
}

/** A setting's value, or its contributed default; only a key package.json does not contribute has neither. */
function value<T>(c: vscode.WorkspaceConfiguration, key: string): T {
  const found = c.get<T>(key);
  if (found === undefined) throw new Error(`package.json contributes no setting ${key}`);
  return found;
}

/** The default that package.json's `contributes.configuration` gives a setting. */
function defaultValue<T>(c: vscode.WorkspaceConfiguration, key: string): T {
  const found = c.inspect<T>(key)?.defaultValue;
  if (found === undefined) throw new Error(`package.json gives the setting ${key} no default`);
  return found;
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo;
}
