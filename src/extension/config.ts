import * as vscode from 'vscode';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../core/assistant/diagnostics';
import { LANGS, type Lang } from '../core/types';
import type { ModelChoice } from '../worker/protocol';

export const SECTION = 'plodTagger';

export const DEFAULT_SCAN_INCLUDE = '**/*.{txt,md,markdown,tex,latex,ltx}';

export type DecorationStyle = 'background' | 'underline' | 'border';

/** The extension's settings, read once per use so changes apply at once. */
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
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    model: c.get<string>('model', 'plod-base'),
    customModelPath: c.get<string>('customModelPath', '').trim(),
    autoTag: c.get<boolean>('autoTag', true),
    languages: c.get<string[]>('languages', ['plaintext', 'markdown', 'latex']),
    minScore: clamp(c.get<number>('minScore', 0), 0, 1),
    maxDocumentLength: Math.max(1, c.get<number>('maxDocumentLength', 500_000)),
    decorationStyle: c.get<DecorationStyle>('decorationStyle', 'background'),
    debounceMs: clamp(c.get<number>('debounceMs', 400), 0, 10_000),
    scanInclude: c.get<string>('workspaceScan.include', DEFAULT_SCAN_INCLUDE).trim() || DEFAULT_SCAN_INCLUDE,
  };
}

export type DiagnosticSeverityName = 'error' | 'warning' | 'information' | 'hint';
const SEVERITY_NAMES: readonly DiagnosticSeverityName[] = ['error', 'warning', 'information', 'hint'];

/** The writing assistant's diagnostics settings (`plodTagger.diagnostics.*`). */
export interface DiagnosticSettings {
  enabled: boolean;
  severity: DiagnosticSeverityName;
  disabledRules: DiagnosticCode[];
}

export function readDiagnosticSettings(scope?: vscode.ConfigurationScope): DiagnosticSettings {
  const c = vscode.workspace.getConfiguration(`${SECTION}.diagnostics`, scope);
  const severity = c.get<string>('severity', 'hint');
  return {
    enabled: c.get<boolean>('enabled', true),
    severity: SEVERITY_NAMES.find((name) => name === severity) ?? 'hint',
    disabledRules: c
      .get<string[]>('disabledRules', [])
      .flatMap((rule) => DIAGNOSTIC_CODES.filter((code) => code === rule)),
  };
}

export function modelChoice(settings: Settings): ModelChoice {
  return settings.customModelPath
    ? { model: settings.model, customModelPath: settings.customModelPath }
    : { model: settings.model };
}

export function modelLabel(settings: Settings): string {
  return settings.customModelPath ? `custom (${settings.customModelPath})` : settings.model;
}

/** The markup kind a VS Code language id is analysed as. */
export function langOf(languageId: string): Lang {
  if ((LANGS as readonly string[]).includes(languageId)) return languageId as Lang;
  if (languageId === 'tex' || languageId === 'bibtex' || languageId === 'context') return 'latex';
  if (languageId === 'mdx' || languageId === 'quarto' || languageId === 'rmd') return 'markdown';
  return 'plaintext';
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo;
}
