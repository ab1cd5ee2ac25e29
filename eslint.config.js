import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The Bot Framework SDK's packages (and their subpaths, such as `botbuilder-dialogs/lib/dialog.js`). Only the edge
 * may import them: src/botframework/ and dialogs/ (and test/ and bench/, which are not the assistant's source).
 * The slash is written `\x2F` because the regex also stands in no-restricted-syntax selectors, which end it at a `/`.
 */
const BOT_FRAMEWORK =
  '^(botbuilder|botbuilder-core|botbuilder-dialogs|botframework-connector|botframework-schema)(\\x2F.*)?$';
const BOT_FRAMEWORK_MESSAGE =
  'The Bot Framework SDK stays at the edge: code that needs botbuilder/botframework-* belongs in src/botframework/ ' +
  '(or dialogs/); the rest of src/ works on its own types and is handed what it needs.';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The matcher's inner loops walk parallel arrays by index; checking each read would cost time per message.
    files: ['src/nlu/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Static imports, `import type`, `export … from` and `import x = require()` go through the TypeScript rule; a
    // dynamic `import()` and a type's `import('…')` are no import declarations, so no-restricted-syntax takes them.
    files: ['src/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    ignores: ['src/botframework/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: BOT_FRAMEWORK, message: BOT_FRAMEWORK_MESSAGE }] },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: `ImportExpression > Literal[value=/${BOT_FRAMEWORK}/]`, message: BOT_FRAMEWORK_MESSAGE },
        {
          selector: `ImportExpression > TemplateLiteral[expressions.length=0] > TemplateElement[value.raw=/${BOT_FRAMEWORK}/]`,
          message: BOT_FRAMEWORK_MESSAGE,
        },
        { selector: `TSImportType > Literal.source[value=/${BOT_FRAMEWORK}/]`, message: BOT_FRAMEWORK_MESSAGE },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
