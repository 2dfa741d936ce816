import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import ladder from './eslint/ladder-plugin.mjs';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-scripts/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      '*.js',
      '*.mjs',
      '*.cjs',
      '.dependency-cruiser.cjs',
      'eslint/**',
      'scripts/*.mjs',
      'test/contract/openapi.d.ts',
      'web/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.jest },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration',
          message: 'Use string unions or as-const objects, not enum.',
        },
      ],
    },
  },
  {
    // The console runs in the browser.
    files: ['web/**/*.{ts,tsx,mts}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // One repository per table: SQL names a table only in its owner's *.repository.ts.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    plugins: { ladder },
    rules: {
      'ladder/table-ownership': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: ['forwardRef'],
              message: 'The module graph is acyclic: move the orchestration, not the import.',
            },
          ],
        },
      ],
    },
  },
  {
    // Infrastructure knows no feature.
    files: ['src/infra/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/modules/**'], message: 'src/infra imports nothing from src/modules.' },
          ],
        },
      ],
    },
  },
  {
    // Feature modules are wired explicitly: no @Global() providers outside src/infra.
    files: ['src/modules/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Decorator[expression.callee.name='Global']",
          message: 'A feature module exports what others import; @Global is for infrastructure.',
        },
        {
          selector: 'TSEnumDeclaration',
          message: 'Use string unions or as-const objects, not enum.',
        },
      ],
    },
  },
  {
    // The domain is pure: no framework, no persistence, no I/O, no clock.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*'], message: 'The domain must not depend on NestJS.' },
            { group: ['typeorm', 'typeorm/*'], message: 'The domain must not depend on TypeORM.' },
            {
              group: ['class-validator', 'class-transformer'],
              message: 'Validation lives at the HTTP edge.',
            },
            {
              group: ['**/modules/**', '**/infra/**', '**/config/**'],
              message: 'Dependencies point inward.',
            },
            {
              group: [
                'fs',
                'node:fs',
                'http',
                'node:http',
                'net',
                'node:net',
                'pg',
                'better-sqlite3',
                'sqlite3',
              ],
              message: 'The domain does no I/O.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'The domain reads no clock: time arrives in events.',
        },
        { object: 'process', property: 'env', message: 'Configuration is passed in, not read.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'NewExpression[callee.name="Date"][arguments.length=0]',
          message: 'The domain reads no clock: time arrives in events.',
        },
        {
          selector: 'TSEnumDeclaration',
          message: 'Use string unions or as-const objects, not enum.',
        },
      ],
    },
  },
  {
    // The crash tests read JSON answers of their own server loosely.
    files: ['scripts/crash-test.ts', 'scripts/migration-crash-test.ts', 'scripts/crash/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: [
      '**/*.spec.ts',
      'test/**/*.ts',
      'scripts/crash-test.ts',
      'scripts/migration-crash-test.ts',
      'scripts/crash/*.ts',
    ],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The generated client's journey: the contract must type it, with no cast anywhere.
    files: ['test/e2e/client-journey.e2e-spec.ts'],
    rules: {
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  prettier,
);
