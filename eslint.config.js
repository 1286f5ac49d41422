// One type-aware lint config for the whole monorepo (flat config).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '**/migrations/**',
      '**/*.config.*',
      'bench/**',
      'scripts/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: {
        parser: tseslint.parser,
        projectService: true,
        extraFileExtensions: ['.vue'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Dependency rules of docs/ARCHITECTURE.md: apps never import other apps; browser code never imports server packages.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/apps/*', '../../apps/**'], message: 'apps never import other apps' }] },
      ],
    },
  },
  ...vue.configs['flat/recommended'].map((c) => ({ ...c, files: ['**/*.vue'] })),
  {
    files: [
      'apps/web/**/*.{ts,vue}',
      'apps/post-incident-tab/**/*.{ts,vue}',
      'packages/contracts/**/*.ts',
      'packages/api-client/**/*.ts',
      'packages/doc-model/src/**/*.ts',
      'packages/templating/src/**/*.ts',
    ],
    // e2e specs run in Node and drive the real servers (and the fake outside services of @pm/testing).
    ignores: ['**/e2e/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@pm/db',
                '@pm/queue',
                '@pm/auth',
                '@pm/testing',
                '@nestjs/*',
                '@mikro-orm/*',
                'bullmq',
                'ioredis',
              ],
              message: 'server-only package in browser/isomorphic code',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.vue'],
    rules: {
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    // End-to-end specs run in Node and drive the booted system; they may start the fake outside services.
    files: ['apps/web/e2e/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/apps/*', '../../apps/**'], message: 'apps never import other apps' }] },
      ],
    },
  },
  {
    files: ['**/test/**', '**/e2e/**', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
