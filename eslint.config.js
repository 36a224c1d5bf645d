// ESLint: the few rules that catch real bugs the compiler lets through, on type information
// (typescript-eslint). Style is not linted here; a promise nobody awaits or handles is.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'src/generated/**', 'packages/console/src/gql/**', 'coverage/**'] },
  { plugins: { '@typescript-eslint': tseslint.plugin } },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise dropped on the floor loses its failure: await it, return it, or mark it `void` on purpose.
      '@typescript-eslint/no-floating-promises': 'error',
      // A promise where a boolean or a void callback is expected (an `if (promise)`, an async event handler whose rejection nobody hears).
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      // Awaiting what is not a promise is a misunderstanding of the callee.
      '@typescript-eslint/await-thenable': 'error',
      // An expression whose result is thrown away (a comparison or call result that was meant to be used).
      '@typescript-eslint/no-unused-expressions': 'error',
      // `return promise` inside try: its rejection skips the catch and the finally runs too early.
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      // Only errors are thrown and rejected: a thrown string has no stack and fails `instanceof Error` checks (the error masking relies on them).
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/no-empty-object-type': 'error',
    },
  },
  {
    // In the product (not in tests, which read GraphQL answers loosely): `any` switches the checker off; where it is needed, say why in a disable comment.
    files: ['{src,plugins,packages,examples,scripts}/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
);
