// Root ESLint flat config for the whole workspace (`npm run lint` = `eslint . --max-warnings=0`).
// Syntax-only typescript-eslint rules (no type information), so the run stays fast.
// Module boundaries follow docs: /work/shared/conventions.md, "Layout": every project has a
// `scope:*` and a `type:*` tag, and both are enforced here; there is no '*' constraint.
import nx from '@nx/eslint-plugin';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { ensureProjectGraphForEslintCli } from './tools/lint/ensure-project-graph.mjs';

// Without a current Nx project graph the boundary rule silently checks nothing.
ensureProjectGraphForEslintCli(import.meta.dirname);

const SERVICE_SCOPES = [
  'gateway-web',
  'gateway-messaging',
  'gateway-email',
  'policy',
  'ai-responder',
  'handoff',
  'crm-sync',
];

const typeConstraints = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:platform', 'type:composition', 'type:feature', 'type:data-access', 'type:domain', 'type:contracts', 'type:util'],
  },
  // A composition library wires whole services together (the standalone process's
  // module); it stands where an app stands, so its e2e tests can boot it without
  // importing an app. Only apps may import it.
  {
    sourceTag: 'type:composition',
    onlyDependOnLibsWithTags: ['type:platform', 'type:feature', 'type:data-access', 'type:domain', 'type:contracts', 'type:util'],
  },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:contracts', 'type:util'],
  },
  // The platform (config, logging, database, bus lifecycle, health, metrics) every app boots
  // on. Apps and compositions import it; features do not (their tests may: see below).
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:contracts', 'type:util'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:util'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  // Browser code (widget, console): bundled by tools/ui/build.mjs, never imported by a
  // service; it may use the contracts' types (import type only: keep zod out of the bundle).
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:contracts'] },
];

/**
 * In tests, a feature may boot the platform around itself, as its app does, and a
 * domain library's tests may use another domain library's pure rules as test input
 * (the policy's output guard is tested against the shared assistant prompt).
 */
const testTypeConstraints = typeConstraints.map((c) =>
  c.sourceTag === 'type:feature'
    ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:platform'] }
    : c.sourceTag === 'type:domain'
      ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:domain'] }
      : c,
);

const scopeConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...SERVICE_SCOPES.map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
  })),
  // The standalone app composes every service's modules in one process, so it is the one
  // project allowed to reach into every scope (still bound by the type:app rule above).
  {
    sourceTag: 'scope:standalone',
    onlyDependOnLibsWithTags: ['scope:standalone', 'scope:shared', ...SERVICE_SCOPES.map((s) => `scope:${s}`)],
  },
  // Operator tools (admin-cli) work on the whole platform's database: every service's
  // data access, never a service's features (the type rules keep them to data-access and below).
  {
    sourceTag: 'scope:operations',
    onlyDependOnLibsWithTags: ['scope:operations', 'scope:shared', ...SERVICE_SCOPES.map((s) => `scope:${s}`)],
  },
];

/** The boundary rule with the given type constraints (production code, or tests). */
function boundaryRule(types) {
  return [
    'error',
    {
      enforceBuildableLibDependency: false,
      allow: [],
      // Every npm import must be declared in package.json (root or the project's own).
      banTransitiveDependencies: true,
      // Scope first: the rule reports the first constraint an import breaks, and crossing
      // into another service is the more telling message.
      depConstraints: [...scopeConstraints, ...types],
    },
  ];
}

// Conventions: "process.env is read in config/ only". Besides config/ folders, the config and
// testing utilities, the shared bootstrap (its default `env` argument), tools and tests may.
const PROCESS_ENV_ALLOWED = [
  '**/config/**',
  'libs/shared/util-config/**',
  'libs/shared/util-testing/**',
  'libs/*/*/src/testing/**',
  'apps/*-e2e/**',
  'libs/shared/feature-platform/src/lib/bootstrap.ts',
  'tools/**',
  'bench/**',
  '**/*.spec.ts',
  '**/*.integration-spec.ts',
  '**/*.e2e-spec.ts',
];
const PROCESS_ENV_MESSAGE =
  'Read process.env only in config/ (conventions: Behaviour > Config); inject the validated config instead.';

export default defineConfig(
  globalIgnores(['**/dist/', '**/node_modules/', '.infra/', '**/tmp/', '**/coverage/', 'deploy/kafka/target/', '.nx/']),
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  tseslint.configs.recommended,
  {
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': boundaryRule(typeConstraints),
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: PROCESS_ENV_MESSAGE }],
      'no-restricted-syntax': [
        'error',
        {
          // globalThis.process.env / global.process.env
          selector: "MemberExpression[property.name='env'][object.type='MemberExpression'][object.property.name='process']",
          message: PROCESS_ENV_MESSAGE,
        },
        {
          // import { env } from 'node:process'
          selector: "ImportDeclaration[source.value=/^(node:)?process$/] > ImportSpecifier[imported.name='env']",
          message: PROCESS_ENV_MESSAGE,
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', 'libs/*/*/src/testing.ts', 'libs/*/*/src/testing/**'],
    rules: {
      '@nx/enforce-module-boundaries': boundaryRule(testTypeConstraints),
    },
  },
  {
    files: PROCESS_ENV_ALLOWED,
    rules: {
      'no-restricted-properties': 'off',
      'no-restricted-syntax': 'off',
    },
  },
  {
    // CommonJS files (the runtime path hook, jest.config.js) load with require().
    files: ['**/*.cjs', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
