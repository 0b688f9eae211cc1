import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contributed, fakeSettings } from './fakeVscode';
import {
  DECORATION_STYLES,
  readDiagnosticSettings,
  readSettings,
  SECTION,
  selectedModel,
  SEVERITY_NAMES,
} from '../../../src/extension/config';
import { DIAGNOSTIC_CODES } from '../../../src/core/assistant/diagnostics';
import { DEFAULT_MODEL, modelNames, modelsDir } from '../../../src/core/models';
import { REMOTE_APIS } from '../../../src/extension/remote/client';

/** Each enum setting, and the values the code knows for it: package.json must offer exactly these. */
const ENUMS: Record<string, readonly unknown[]> = {
  'plodTagger.model': modelNames(),
  'plodTagger.decorationStyle': DECORATION_STYLES,
  'plodTagger.remote.api': REMOTE_APIS,
  'plodTagger.diagnostics.severity': SEVERITY_NAMES,
  'plodTagger.diagnostics.disabledRules': DIAGNOSTIC_CODES,
  'plodTagger.guesses.dictionaries': fs
    .readdirSync(path.join(modelsDir(), 'long-forms'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort(),
};

function enumOf(key: string): unknown[] | undefined {
  return contributed[key]?.enum ?? contributed[key]?.items?.enum;
}

function defaultOf(key: string): unknown {
  return contributed[`${SECTION}.${key}`]?.default;
}

describe('package.json contributes.configuration', () => {
  for (const [key, known] of Object.entries(ENUMS)) {
    it(`offers exactly the values the code knows for ${key}`, () => {
      assert.deepEqual(enumOf(key), [...known], `${key} in package.json and in the code differ`);
    });
  }

  it('has no enum setting that the test does not compare with the code', () => {
    const enums = Object.keys(contributed).filter((key) => enumOf(key) !== undefined);
    assert.deepEqual(enums.sort(), Object.keys(ENUMS).sort());
  });

  it('describes each value of an enum, and defaults to one of them', () => {
    for (const key of Object.keys(ENUMS)) {
      const { default: fallback, enumDescriptions } = contributed[key];
      const values = enumOf(key) ?? [];
      if (enumDescriptions) assert.equal(enumDescriptions.length, values.length, key);
      for (const value of Array.isArray(fallback) ? fallback : [fallback])
        assert.ok(values.includes(value), key);
    }
  });

  it('defaults to the model the CLI and the server default to', () => {
    assert.equal(defaultOf('model'), DEFAULT_MODEL);
  });
});

describe('readSettings and readDiagnosticSettings', () => {
  afterEach(() => {
    fakeSettings.user = {};
    fakeSettings.contributed = { ...contributed };
  });

  it('give the contributed defaults when nothing is set', () => {
    assert.deepEqual(readSettings(), {
      model: defaultOf('model'),
      customModelPath: defaultOf('customModelPath'),
      autoTag: defaultOf('autoTag'),
      languages: defaultOf('languages'),
      minScore: defaultOf('minScore'),
      maxDocumentLength: defaultOf('maxDocumentLength'),
      decorationStyle: defaultOf('decorationStyle'),
      debounceMs: defaultOf('debounceMs'),
      scanInclude: defaultOf('workspaceScan.include'),
      words: { notAbbreviations: [], alwaysAbbreviations: [] },
    });
    assert.deepEqual(readDiagnosticSettings(), {
      enabled: defaultOf('diagnostics.enabled'),
      severity: defaultOf('diagnostics.severity'),
      disabledRules: defaultOf('diagnostics.disabledRules'),
      wellKnown: defaultOf('diagnostics.wellKnown'),
    });
  });

  it('give what the user set, clamped, trimmed and checked', () => {
    fakeSettings.user = {
      'plodTagger.model': 'rules',
      'plodTagger.customModelPath': '  /models/mine  ',
      'plodTagger.minScore': 7,
      'plodTagger.maxDocumentLength': 0,
      'plodTagger.debounceMs': Number.NaN,
      'plodTagger.workspaceScan.include': '   ',
      'plodTagger.diagnostics.severity': 'loud',
      'plodTagger.diagnostics.disabledRules': ['undefined', 'no-such-rule', 'single-use'],
      'plodTagger.notAbbreviations': [' Section ', 7, '', 'Section', 'Fig'],
      'plodTagger.diagnostics.wellKnown': ['GPU', 3, 'CPU'],
    };
    const settings = readSettings();
    assert.equal(settings.model, 'rules');
    assert.equal(settings.customModelPath, '/models/mine');
    assert.equal(settings.minScore, 1);
    assert.equal(settings.maxDocumentLength, 1);
    assert.equal(settings.debounceMs, 0);
    assert.equal(settings.scanInclude, defaultOf('workspaceScan.include'));
    assert.deepEqual(settings.words, { notAbbreviations: ['Section', 'Fig'], alwaysAbbreviations: [] });
    const diagnostics = readDiagnosticSettings();
    assert.equal(diagnostics.severity, defaultOf('diagnostics.severity'));
    assert.deepEqual(diagnostics.disabledRules, ['undefined', 'single-use']);
    assert.deepEqual(diagnostics.wellKnown, ['GPU', 'CPU']);

    fakeSettings.user = { 'plodTagger.minScore': -1, 'plodTagger.debounceMs': 1e9 };
    assert.equal(readSettings().minScore, 0);
    assert.equal(readSettings().debounceMs, 10_000);
  });

  it('refuse a setting that package.json does not contribute', () => {
    delete fakeSettings.contributed['plodTagger.autoTag'];
    assert.throws(() => readSettings(), /package.json contributes no setting autoTag/);
  });

  it('choose one model: a folder in customModelPath wins, and identity does not hang on the label', () => {
    fakeSettings.user = { 'plodTagger.model': 'rules' };
    assert.deepEqual(selectedModel(readSettings()), {
      ref: { kind: 'shipped', name: 'rules' },
      label: 'rules',
      key: 'shipped:rules',
    });
    fakeSettings.user = { 'plodTagger.model': 'rules', 'plodTagger.customModelPath': '/models/rules' };
    const folder = selectedModel(readSettings());
    assert.deepEqual(folder.ref, { kind: 'folder', path: '/models/rules' });
    assert.equal(folder.label, 'custom (/models/rules)');
    fakeSettings.user = { 'plodTagger.customModelPath': '/models/../models/rules/' };
    assert.equal(selectedModel(readSettings()).key, folder.key, 'the same folder, spelt another way');
    fakeSettings.user = { 'plodTagger.customModelPath': 'rules' };
    assert.notEqual(
      selectedModel(readSettings()).key,
      'shipped:rules',
      'a folder named like a model is a folder',
    );
  });
});
