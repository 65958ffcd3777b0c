// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// Only these files may talk to Electron itself; everything else in electron/ is plain Node
// that gets its dependencies injected, so it runs in browser mode and in tests.
const electronShellFiles = [
  'electron/main.ts',
  'electron/app.ts',
  'electron/windows.ts',
  'electron/tray.ts',
  'electron/ipc.ts',
  'electron/preload.ts',
  'electron/shell/**/*.ts',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  ...[
    // A file directly in shared/ must not go up one folder; one in shared/<dir>/ not two.
    { files: ['shared/*.ts'], up: '../*' },
    { files: ['shared/*/**/*.ts'], up: '../../*' },
  ].map(({ files, up }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron'].map((name) => ({
            name,
            message: 'shared/ is pure: no Node, no Electron.',
          })),
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**', up],
              message: 'shared/ imports nothing of ours outside shared/.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron'].map((name) => ({
            name,
            message: 'The renderer has no Node and no Electron: use the bridge.',
          })),
          patterns: [
            { group: ['**/electron/**'], message: 'The renderer never imports main-process code.' },
            {
              // Main validates with zod; the UI must not carry it (bundle size, start-up time).
              group: ['**/shared/ipc/schemas', '**/shared/settings-schema'],
              allowTypeImports: true,
              message: 'Values come from shared/ipc or shared/settings-paths (no zod in the UI).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: electronShellFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only the shell files import electron; inject what you need.',
            },
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'Main never imports the renderer.' }],
        },
      ],
    },
  },
  {
    // The sandboxed preload is one small bundle: no zod in it either.
    files: ['electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/shared/ipc/schemas', '**/shared/settings-schema'],
              allowTypeImports: true,
              message: 'The preload takes values from shared/ipc only (no zod in the bundle).',
            },
          ],
        },
      ],
    },
  },
);
