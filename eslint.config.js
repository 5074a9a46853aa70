// @ts-check
// Lint rules: typescript-eslint's recommended type-checked set, run by `npm test` and CI.
// typescript-eslint reads types through the TypeScript compiler API, which is why the project uses
// TypeScript 6 (the last release line with that API in JavaScript).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Stripping and escaping control characters is deliberate (src/util/printable.ts, decode.ts, normalize.ts).
      'no-control-regex': 'off',
      // Interfaces are async (QaService, chat surfaces); an implementation with nothing to await is still one.
      '@typescript-eslint/require-await': 'off',
      // `_`-prefixed names are deliberately unused (a callback's position, a destructured rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Prettier wraps code at 140 but leaves long strings and regexes alone: those are split by hand.
      // (max-len is deprecated in ESLint core for formatting; it still runs, and nothing else here checks this.)
      'max-len': ['error', { code: 160, tabWidth: 2 }],
    },
  },
  {
    // Tests read JSON that fakes recorded (Telegram and Discord requests, --json output) and check its
    // fields directly; typing every recorded payload would add nothing a failing assertion does not say.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // expect(object.method) and spies pass methods around without calling them.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  // This file itself is plain JavaScript outside the TypeScript project.
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
