// ESLint (flat config) for the pages' scripts and the node scripts of the tests; run by
// FrontEndScriptsTest from the repository root with npm eslint, @eslint/js and globals installed
// into target/node-peers: the recommended rules, browser globals for the pages.
import js from '@eslint/js';
import globals from 'globals';

export default [
  js.configs.recommended,
  {
    files: ['src/main/resources/static/assets/**/*.js'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: globals.browser },
  },
  {
    files: ['src/test/node/**/*.mjs'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['src/test/node/**/*.js'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'commonjs', globals: globals.node },
  },
];
