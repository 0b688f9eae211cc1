import Module from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One setting as package.json's `contributes.configuration.properties` declares it. */
export interface Contributed {
  type?: string;
  default?: unknown;
  enum?: unknown[];
  enumDescriptions?: string[];
  items?: { type?: string; enum?: unknown[] };
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Contributed> } };
};

/** The settings package.json contributes, by full key (`plodTagger.model`). */
export const contributed: Readonly<Record<string, Contributed>> =
  manifest.contributes.configuration.properties;

/**
 * What the fake `vscode.workspace.getConfiguration` reads: the user's values by full key, over the contributed
 * defaults (VS Code answers `get(key)` with the contributed default when nothing is set).
 */
export const fakeSettings: { user: Record<string, unknown>; contributed: Record<string, Contributed> } = {
  user: {},
  contributed: { ...contributed },
};

const vscode = {
  workspace: {
    getConfiguration(section: string) {
      const full = (key: string) => `${section}.${key}`;
      return {
        get: (key: string): unknown =>
          full(key) in fakeSettings.user
            ? fakeSettings.user[full(key)]
            : fakeSettings.contributed[full(key)]?.default,
        inspect: (key: string) => {
          const setting = fakeSettings.contributed[full(key)];
          return (
            setting && {
              key: full(key),
              defaultValue: setting.default,
              globalValue: fakeSettings.user[full(key)],
            }
          );
        },
      };
    },
  },
};

// Only the extension host provides `vscode`; answer that one require with the fake, for modules imported after this.
const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = loader._load;
loader._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
