// ESLint flat config. Security-relevant bans live here so that a review cannot miss them:
// no HTML sinks outside the one safe renderer, no browser APIs in keyring/, no eval.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { fencesPlugin } from './scripts/fences/eslint-fences.mjs';

const htmlSinks = [
  { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'HTML sinks are banned: render through the safe renderer (extension/frames/safe-render).' },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'HTML sinks are banned: render through the safe renderer.' },
  { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]", message: 'document.write is banned.' },
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'dangerouslySetInnerHTML is banned outside the safe renderer.' },
  { selector: "Property[key.name=/^(allowUnauthenticated(Messages|Stream)|allowInsecureDecryptionWithSigningKeys)$/][value.value!=false]", message: 'Unauthenticated OpenPGP decryption is never allowed (SECURITY A1.2).' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '**/fixtures/**', '**/.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    plugins: { lockpane: fencesPlugin },
    rules: {
      // Layer fences (keyring ↛ extension, pages ↛ keyring, frames ↮ ui, ui-kit ↛ both, product ↛ testing): scripts/fences.
      'lockpane/fences': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': ['error', ...htmlSinks],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['keyring/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'webextension-polyfill', message: 'keyring/ never imports browser APIs.' },
          { name: 'preact', message: 'keyring/ has no UI.' },
        ],
      }],
      'no-restricted-globals': ['error', 'chrome', 'browser', 'window', 'document'],
    },
  },
  {
    // The one place that reads runtime.MessageSender fields is the classifier.
    files: ['extension/**/*.ts', 'extension/**/*.tsx'],
    ignores: ['extension/shared/sender.ts', 'extension/worker/background.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...htmlSinks,
        { selector: "MemberExpression[object.name='sender']", message: 'Only extension/shared/sender.ts reads sender fields.' },
      ],
    },
  },
);
