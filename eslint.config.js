// Lint: typescript-eslint's recommended rules, plus the import boundaries of
// docs/architecture.md (a file's folder says where it runs and what it may import), and test
// helpers (`testing/`, `test-support/`) kept out of shipped code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** A glob of `no-restricted-imports` (`**` any folders, `*` within one) as a RegExp source. */
const globToRegex = (glob) =>
  `^${glob
    .split(/(\*\*\/|\/\*\*|\*)/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '/**' ? '(?:/.*)?' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('')}(?:/.*)?$`;

/**
 * `no-restricted-imports` sees only static imports: this rule holds dynamic `import('…')` (with a
 * literal specifier) to the same groups, so a lazy import cannot cross a layer either.
 */
const layers = {
  rules: {
    'dynamic-import': {
      meta: { type: 'problem', schema: false },
      create(context) {
        const groups = context.options.map(({ patterns, message }) => ({ res: patterns.map((p) => new RegExp(p)), message }));
        return {
          ImportExpression(node) {
            const { source } = node;
            const value = source.type === 'Literal' ? source.value : source.type === 'TemplateLiteral' && source.expressions.length === 0 ? source.quasis[0].value.cooked : null;
            if (typeof value !== 'string') return;
            const hit = groups.find(({ res }) => res.some((re) => re.test(value)));
            if (hit) context.report({ node, message: `'${value}' import is restricted from being used by a pattern. ${hit.message}` });
          },
        };
      },
    },
    // Test factories and fakes (`testing/`, `test-support/`) are for tests: shipped code that
    // imported one would ship it (and fast-check with it).
    'test-only': {
      meta: { type: 'problem', schema: false },
      create(context) {
        const TEST_CODE = /(^|\/)(testing|test-support)(\/|$)/;
        const check = (node, source) => {
          const value = source?.type === 'Literal' ? source.value : source?.type === 'TemplateLiteral' && source.expressions.length === 0 ? source.quasis[0].value.cooked : null;
          if (typeof value === 'string' && TEST_CODE.test(value))
            context.report({ node, message: `'${value}' is test code: only tests and test helpers may import it` });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source),
          ExportNamedDeclaration: (node) => check(node, node.source),
          ExportAllDeclaration: (node) => check(node, node.source),
          ImportExpression: (node) => check(node, node.source),
        };
      },
    },
  },
};

/**
 * `no-restricted-imports` for a layer, and the same for dynamic imports: ELECTRON (the package
 * itself, by exact name — a pattern would also match our own `electron/` folder) plus [globs,
 * message] pattern groups.
 */
const forbid = (...groups) => {
  const patterns = groups.filter((g) => g !== ELECTRON);
  const electron = groups.includes(ELECTRON) ? [{ patterns: ['^electron$'], message: 'only electron/shell (main and preload) may import electron' }] : [];
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: electron.length ? [{ name: 'electron', message: electron[0].message }] : [],
        patterns: patterns.map(([group, message]) => ({ group, message })),
      },
    ],
    'layers/dynamic-import': ['error', ...electron, ...patterns.map(([group, message]) => ({ patterns: group.map(globToRegex), message }))],
  };
};
const ELECTRON = Symbol('electron');
const NODE = [['node:*', 'fs', 'path', 'child_process', 'os', 'net', 'worker_threads'], 'the renderer runs in a browser: no Node modules'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tsbuild/**', '.tmp/**', 'release/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { layers },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      ...forbid(ELECTRON, [['**/shell/**', '**/server/**', '**/cli/**', '**/renderer/**'], 'core is the bottom layer: it imports only the contract']),
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'no default exports in core' }],
    },
  },
  {
    // Every IPC handler goes through the bridge, which checks the sender and validates requests.
    files: ['electron/shell/main/**/*.ts'],
    ignores: ['electron/shell/main/ipc-bridge.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', importNames: ['ipcMain'], message: 'IPC handlers live in electron/shell/main/ipc-bridge.ts (sender check + validation)' }] }],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', Buffer: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', performance: 'readonly', fetch: 'readonly' } },
  },
  {
    // CommonJS scripts (the `portlens` bin).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly', require: 'readonly', __dirname: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['electron/contract/**/*.ts'],
    rules: forbid(ELECTRON, [['**/core/**', '**/shell/**', '**/server/**', '**/cli/**', 'node:*'], 'the contract imports only its validation library']),
  },
  {
    // `../main/…` is the shell's main process, the preload's sibling.
    files: ['electron/shell/preload/**/*.ts'],
    rules: forbid([['**/core/**', '**/main/**', '**/server/**', '**/cli/**', 'node:*'], 'the preload bridges IPC only: it may import electron and the contract']),
  },
  {
    files: ['electron/server/**/*.ts', 'electron/cli/**/*.ts'],
    rules: forbid(ELECTRON, [['**/shell/**', '**/renderer/**'], 'server and cli sit beside the Electron shell, not on it']),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(
        ELECTRON,
        NODE,
        [['**/electron/core/**', '**/electron/shell/**', '**/electron/server/**', '**/electron/cli/**', '@contract/**/..*'], 'the renderer talks only to window.portlens with the contract\'s types'],
        [['**/electron/contract/**'], 'import the contract as @contract/… (tsconfig.renderer.json paths)'],
      ),
    },
  },
  {
    files: ['electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', '**/test-support/**', '**/test-*.ts'],
    rules: { 'layers/test-only': 'error' },
  },
);
