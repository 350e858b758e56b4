#!/usr/bin/env node
// `npm run graph:check`: fails when the Nx project graph has a cycle.
//
// Writes the graph with `nx graph --file=tmp/graph.json` (no daemon, no cloud), then looks
// for cycles among the projects' dependencies (static, dynamic and implicit edges; npm
// packages are not projects and are left out). On a cycle it prints, for each strongly
// connected group of projects, shortest cycles until every project of the group is shown,
// and exits 1; else it prints the project and edge counts. The lint rule flags a cycle only at the import that closes it, and only
// when the cached graph is current; this reads a fresh graph of the whole workspace.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const graphFile = path.join(root, 'tmp', 'graph.json');

function writeGraph() {
  mkdirSync(path.dirname(graphFile), { recursive: true });
  try {
    // The same Node as this script runs on (nx's shebang would take whatever `node` is on PATH).
    execFileSync(process.execPath, [path.join(root, 'node_modules/.bin/nx'), 'graph', `--file=${graphFile}`], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
  } catch (error) {
    console.error('graph:check: `nx graph` failed');
    console.error(String(error.stdout ?? '') + String(error.stderr ?? error));
    process.exit(2);
  }
}

/** Project → sorted, de-duplicated project dependencies (edges to non-projects dropped). */
function readEdges() {
  const { graph } = JSON.parse(readFileSync(graphFile, 'utf8'));
  const projects = Object.keys(graph.nodes).sort();
  const edges = new Map(projects.map((p) => [p, []]));
  for (const p of projects) {
    const targets = new Set((graph.dependencies[p] ?? []).map((d) => d.target).filter((t) => edges.has(t)));
    edges.set(p, [...targets].sort());
  }
  return edges;
}

/** Tarjan's strongly connected components; a group of 2+ projects, or a self-edge, is a cycle. */
function cyclicGroups(edges) {
  let index = 0;
  const indexOf = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  const visit = (v) => {
    indexOf.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v), indexOf.get(w)));
      }
    }
    if (low.get(v) === indexOf.get(v)) {
      const group = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || edges.get(v).includes(v)) groups.push(group.sort());
    }
  };
  for (const v of edges.keys()) if (!indexOf.has(v)) visit(v);
  return groups;
}

/** One concrete cycle through `start` inside its group: the shortest path back to it. */
function cycleThrough(start, group, edges) {
  const members = new Set(group);
  const previous = new Map();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length > 0) {
    const v = queue.shift();
    for (const w of edges.get(v)) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = previous.get(u)) path.splice(1, 0, u);
        return [...path, start];
      }
      if (!seen.has(w)) {
        seen.add(w);
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

writeGraph();
const edges = readEdges();
const edgeCount = [...edges.values()].reduce((n, targets) => n + targets.length, 0);
const groups = cyclicGroups(edges);

if (groups.length > 0) {
  console.error(`graph:check: dependency cycles in ${groups.length} group(s) of projects (${edges.size} projects in all):`);
  for (const group of groups) {
    // Shortest cycles through the group's projects until each one is shown in at least one.
    const shown = new Set();
    for (const start of group) {
      if (shown.has(start)) continue;
      const cycle = cycleThrough(start, group, edges);
      cycle.forEach((p) => shown.add(p));
      console.error(`  ${cycle.join(' -> ')}`);
    }
  }
  console.error('Break the cycle: depend on the contracts or a port in a lower layer instead (conventions.md, Layout).');
  process.exit(1);
}
console.log(`graph:check: no cycles; ${edges.size} projects, ${edgeCount} dependencies between them (${path.relative(root, graphFile)})`);
