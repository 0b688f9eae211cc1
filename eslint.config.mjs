import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'models/**', '.vscode-test/**', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware rules, for the TypeScript that tsconfig.json compiles.
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // VS Code's API returns Thenables, not Promises.
          checkThenables: true,
          // Fastify's reply is a thenable too, but its setters (code, header, type) only return it for chaining.
          allowForKnownSafePromises: [{ from: 'package', package: 'fastify', name: 'FastifyReply' }],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // No import cycles anywhere in src.
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  ...layer('src/core', 'The analysis core imports only itself', [
    'extension',
    'server',
    'cli',
    'worker',
    'feedback',
  ]),
  ...layer('src/feedback', 'The corrections record builds on the core only', [
    'extension',
    'server',
    'cli',
    'worker',
  ]),
  ...layer('src/worker', 'The inference process uses the core only', [
    'extension',
    'server',
    'cli',
    'feedback',
  ]),
  ...layer('src/server', 'The server does not reach into the CLI or the extension', [
    'extension',
    'cli',
    'worker',
  ]),
  ...layer('src/cli', 'The CLI does not reach into the extension', ['extension', 'worker']),
  ...layer('src/extension', 'The extension does not reach into the server or the CLI', ['server', 'cli']),
);

/**
 * The arrows between the folders of src point one way: cli → server → feedback → core,
 * extension → feedback → core, and worker → core. `vscode` is for the extension alone.
 */
function layer(folder, message, forbidden) {
  const vscode =
    folder === 'src/extension'
      ? []
      : [{ name: 'vscode', message: `${message}; vscode is for the extension.` }];
  return [
    {
      files: [`${folder}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: vscode,
            patterns: [
              { group: forbidden.flatMap((f) => [`**/${f}`, `**/${f}/**`]), message: `${message}.` },
            ],
          },
        ],
      },
    },
  ];
}
