import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCachedProjectGraph, type ProjectGraph } from '@nx/devkit';
import { ESLint, type Linter } from 'eslint';

/**
 * Lints in-memory sources against the real root eslint.config.mjs, as if they were files
 * inside real projects (`lintText` with a `filePath`; nothing is written to disk), to show
 * that @nx/enforce-module-boundaries rejects imports across the tag rules of
 * conventions.md (Layout) and lets the allowed ones through.
 */
const root = join(__dirname, '..', '..');
const RULE = '@nx/enforce-module-boundaries';
const FIXTURE = '__boundary_fixture__.ts';

const fixtures = {
  contracts: `libs/shared/contracts/src/lib/${FIXTURE}`,
  utilLogging: `libs/shared/util-logging/src/lib/${FIXTURE}`,
  policyDataAccess: `libs/policy/data-access/src/lib/${FIXTURE}`,
  policyApp: `apps/policy/src/${FIXTURE}`,
  policyAppConfig: `apps/policy/src/config/${FIXTURE}`,
  standaloneApp: `apps/standalone/src/${FIXTURE}`,
};

let eslint: ESLint;
let graph: ProjectGraph;

beforeAll(() => {
  // The rule reads Nx's cached project graph; build a current one first (it skips itself,
  // with only a note on stdout, when there is none).
  execFileSync(process.execPath, [join(root, 'node_modules/.bin/nx'), 'show', 'projects'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    stdio: 'ignore',
  });
  graph = readCachedProjectGraph();
  eslint = new ESLint({ cwd: root });
}, 120_000);

afterAll(() => {
  for (const file of Object.values(fixtures)) expect(existsSync(join(root, file))).toBe(false);
});

async function lint(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result?.messages ?? [];
}

function boundaryMessages(messages: Linter.LintMessage[]): string[] {
  return messages.filter((m) => m.ruleId === RULE && m.severity === 2).map((m) => m.message);
}

/** True when `from` already reaches `to` through the real graph's edges. */
function reaches(from: string, to: string): boolean {
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (current === to) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const dep of graph.dependencies[current] ?? []) queue.push(dep.target);
  }
  return false;
}

/**
 * Nx checks for a cycle before it checks tags: when the target already depends on the
 * source (contracts are used by the bus, say), the import is rejected as a circular
 * dependency instead. Either way the rule rejects it; the tag message is required
 * whenever there is no path back.
 */
function expectRejected(messages: Linter.LintMessage[], source: string, target: string, tagMessage: RegExp): void {
  const errors = boundaryMessages(messages);
  expect(errors).toHaveLength(1);
  if (reaches(target, source)) {
    expect(errors[0]).toMatch(new RegExp(`^Circular dependency between "${source}" and "${target}"`));
  } else {
    expect(errors[0]).toMatch(tagMessage);
  }
}

describe('module boundaries (eslint.config.mjs)', () => {
  it('runs on a current project graph in which every fixture lies inside a real project', () => {
    for (const name of ['shared-contracts', 'shared-util-logging', 'policy-data-access', 'policy', 'standalone']) {
      expect(graph.nodes[name]).toBeDefined();
    }
  });

  it('rejects contracts importing the bus, a data-access library', async () => {
    const messages = await lint(fixtures.contracts, `import { EVENT_BUS } from '@pegamento/data-access-bus';\nexport const token = EVENT_BUS;\n`);
    expectRejected(messages, 'shared-contracts', 'shared-data-access-bus', /^A project tagged with "type:contracts" can only depend on libs tagged with "type:contracts"$/);
  });

  it('rejects contracts importing a util, since contracts depend on contracts alone', async () => {
    // Utils may depend only on utils, so this one can never be masked by a cycle.
    const messages = await lint(fixtures.contracts, `import { loadConfig } from '@pegamento/util-config';\nexport const load = loadConfig;\n`);
    expect(boundaryMessages(messages)).toEqual(['A project tagged with "type:contracts" can only depend on libs tagged with "type:contracts"']);
  });

  it('rejects a util importing a feature', async () => {
    const messages = await lint(fixtures.utilLogging, `import { startService } from '@pegamento/feature-platform';\nexport const start = startService;\n`);
    expectRejected(messages, 'shared-util-logging', 'shared-feature-platform', /^A project tagged with "type:util" can only depend on libs tagged with "type:util"$/);
  });

  it("rejects the policy data-access library importing handoff's data-access library", async () => {
    const messages = await lint(fixtures.policyDataAccess, `import { handoffEntities } from '@pegamento/handoff-data-access';\nexport const entities = handoffEntities;\n`);
    expectRejected(messages, 'policy-data-access', 'handoff-data-access', /^A project tagged with "scope:policy" can only depend on libs tagged with "scope:policy", "scope:shared"$/);
  });

  it("rejects the policy app importing handoff's library, though app to data-access is allowed by type", async () => {
    const messages = await lint(fixtures.policyApp, `import { handoffEntities } from '@pegamento/handoff-data-access';\nexport const entities = handoffEntities;\n`);
    expect(boundaryMessages(messages)).toEqual(['A project tagged with "scope:policy" can only depend on libs tagged with "scope:policy", "scope:shared"']);
  });

  it('rejects an npm package that package.json does not declare (banTransitiveDependencies)', async () => {
    // tslib is installed (nx needs it) but is no dependency of Pegamento's.
    const messages = await lint(fixtures.contracts, `import { __assign } from 'tslib';\nexport const assign = __assign;\n`);
    expect(boundaryMessages(messages)).toEqual([expect.stringMatching(/^Only packages defined in the "package.json" can be imported/)]);
  });

  it('lets a data-access library import the contracts, cleanly', async () => {
    const messages = await lint(fixtures.policyDataAccess, `import { TOPICS } from '@pegamento/contracts';\nexport const topics = TOPICS;\n`);
    expect(messages).toEqual([]);
  });

  it('lets the standalone app import every service scope, cleanly', async () => {
    const messages = await lint(
      fixtures.standaloneApp,
      `import { handoffEntities } from '@pegamento/handoff-data-access';\nimport { policyEntities } from '@pegamento/policy-data-access';\nexport const entities = [...handoffEntities, ...policyEntities];\n`,
    );
    expect(messages).toEqual([]);
  });
});

describe('process.env outside config/ (eslint.config.mjs)', () => {
  const code = `export const port = process.env['PORT'];\n`;

  it('rejects reading process.env in a library or beside an app module', async () => {
    for (const file of [fixtures.policyDataAccess, fixtures.policyApp]) {
      const messages = await lint(file, code);
      expect(messages.map((m) => m.ruleId)).toEqual(['no-restricted-properties']);
    }
    const destructured = await lint(fixtures.policyApp, `const { env } = process;\nexport const port = env['PORT'];\n`);
    expect(destructured.map((m) => m.ruleId)).toEqual(['no-restricted-properties']);
  });

  it("allows it in an app's config/ folder", async () => {
    expect(await lint(fixtures.policyAppConfig, code)).toEqual([]);
  });
});
