// @nx/enforce-module-boundaries reads Nx's cached project graph (.nx/workspace-data).
// When that cache is missing it skips the rule with a note on stdout and ESLint still
// exits 0; when it is stale (a project added or retagged since), files of the changed
// projects are judged by the old graph. So before a plain `eslint` CLI run, rebuild the
// graph in a child `nx` process. Skipped inside an Nx task (Nx has just written a fresh
// graph) and in every other host (IDE, Nx plugin workers, Jest), which either build their
// own graph or, like tools/lint/module-boundaries.spec.ts, refresh it themselves.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ESLINT_CLI = /[\\/]eslint(?:[\\/]bin[\\/]eslint\.js)?$/;

/** Rebuilds Nx's project graph cache; throws with nx's own output if the graph cannot be built. */
export function refreshProjectGraph(workspaceRoot) {
  try {
    execFileSync(process.execPath, [path.join(workspaceRoot, 'node_modules/.bin/nx'), 'show', 'projects'], {
      cwd: workspaceRoot,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
  } catch (error) {
    const stderr = error && typeof error === 'object' && 'stderr' in error ? String(error.stderr) : '';
    throw new Error(`Could not build the Nx project graph that @nx/enforce-module-boundaries needs:\n${stderr || String(error)}`);
  }
}

/** Refreshes the graph when this process is the ESLint CLI and not an Nx task. */
export function ensureProjectGraphForEslintCli(workspaceRoot) {
  const isEslintCli = ESLINT_CLI.test(process.argv[1] ?? '');
  if (!isEslintCli || process.env.NX_TASK_TARGET_PROJECT) return;
  refreshProjectGraph(workspaceRoot);
}
