// Resolves the workspace's `@pegamento/*` import aliases to the compiled output in
// dist/ at run time. tsc keeps alias imports as written; the aliases themselves live in
// one place, tsconfig.base.json, and are read from there (no second list to drift).
const path = require('node:path');
const fs = require('node:fs');
const tsconfigPaths = require('tsconfig-paths');

const root = path.resolve(__dirname, '..', '..');
const base = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
tsconfigPaths.register({
  baseUrl: path.join(root, 'dist'),
  paths: base.compilerOptions.paths,
  addMatchAll: false,
});
