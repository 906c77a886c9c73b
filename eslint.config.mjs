// @ts-check
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      '.jest/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // The domain is pure: no framework, no client library, no clock, no random.
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'ioredis',
                '@eventstore/*',
                'better-sqlite3',
                'class-validator',
                'class-transformer',
                'rxjs',
                'node:*',
                'crypto',
                'fs',
                'path',
              ],
              message: 'libs/domain stays pure TypeScript',
            },
            {
              group: ['@ledger/event-store*', '@ledger/projections*'],
              message: 'the domain depends on nothing else',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date']",
          message: 'no clock in the domain: dates come in commands',
        },
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'no clock in the domain',
        },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'no random in the domain',
        },
      ],
    },
  },
  {
    files: [
      'apps/cli/**/*.ts',
      'bench/**/*.ts',
      'test/**/*.ts',
      '**/*.spec.ts',
      '**/test-support/**/*.ts',
    ],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
