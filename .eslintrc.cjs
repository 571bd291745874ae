module.exports = {
  root: true,
  parser: '@typescript-eslint/parser',
  parserOptions: { ecmaVersion: 2022, sourceType: 'module', ecmaFeatures: { jsx: true } },
  plugins: ['@typescript-eslint', 'react', 'react-hooks'],
  extends: ['eslint:recommended', 'plugin:@typescript-eslint/recommended', 'plugin:react/recommended', 'plugin:react/jsx-runtime', 'plugin:react-hooks/recommended'],
  settings: { react: { version: '18' } },
  env: { es2022: true, node: true, browser: true, jest: true },
  rules: {
    complexity: ['warn', 15],
    'no-restricted-imports': ['error', { patterns: ['../../../*'] }],
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    '@typescript-eslint/no-var-requires': 'off',
    '@typescript-eslint/no-require-imports': 'off',
    'react/prop-types': 'off',
    // prettier owns layout: its leading semicolon before a line starting with ( or [ is intended
    'no-extra-semi': 'off'
  },
  overrides: [
    { files: ['test/**'], rules: { complexity: 'off' } },
    // the build, start, test and bench scripts: plain Node ES modules
    { files: ['scripts/**/*.mjs'], parser: 'espree', rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] } }
  ],
  ignorePatterns: ['dist/', 'dist-h5/', 'build/', 'node_modules/', '*.js', '*.cjs', '!scripts/**/*.mjs', '/*.mjs']
}
