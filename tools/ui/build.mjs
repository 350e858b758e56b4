#!/usr/bin/env node
// Bundles the browser code (the customer widget and the agent console) with esbuild into
// dist/ui/ (or --outdir <dir>), which gateway-web and handoff serve (UI_DIR). Part of
// `npm run build`; the browser tests call it into a directory of their own.
//
//   node tools/ui/build.mjs [--outdir dist/ui] [--quiet]
//
// Each entry is one Nx ui library's src/main.tsx; its static files (index.html, *.css)
// are copied beside the bundle. Prints each bundle's raw and gzipped size.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..', '..');

/** One bundle per ui library: its entry, and where it lands under the out dir. */
export const UI_BUNDLES = [
  { name: 'widget', dir: 'libs/gateway-web/ui-widget', out: 'widget' },
  { name: 'console', dir: 'libs/handoff/ui-console', out: 'console' },
];

/** Builds every bundle into outdir (atomically: a half-written bundle is never served). */
export async function buildUi({ outdir = path.join(root, 'dist', 'ui'), quiet = false, minify = true } = {}) {
  const staging = `${outdir}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  const sizes = [];
  for (const bundle of UI_BUNDLES) {
    const src = path.join(root, bundle.dir, 'src');
    const entry = path.join(src, 'main.tsx');
    if (!existsSync(entry)) continue;
    const target = path.join(staging, bundle.out);
    mkdirSync(target, { recursive: true });
    await build({
      entryPoints: [entry],
      outfile: path.join(target, `${bundle.name}.js`),
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: ['es2020'],
      minify,
      sourcemap: 'linked',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      loader: { '.css': 'text', '.svg': 'text' },
      legalComments: 'linked',
      logLevel: 'warning',
      absWorkingDir: root,
    });
    for (const file of readdirSync(src)) {
      if (/\.(html|css|svg|ico|png|webmanifest)$/.test(file)) cpSync(path.join(src, file), path.join(target, file));
    }
    const js = readFileSync(path.join(target, `${bundle.name}.js`));
    sizes.push({ bundle: `${bundle.out}/${bundle.name}.js`, bytes: js.length, gzipBytes: gzipSync(js, { level: 9 }).length });
  }
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(path.dirname(outdir), { recursive: true });
  renameSync(staging, outdir);
  if (!quiet) {
    for (const s of sizes) console.log(`ui: ${s.bundle} ${(s.bytes / 1024).toFixed(1)} KiB, ${(s.gzipBytes / 1024).toFixed(1)} KiB gzipped`);
  }
  return sizes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--outdir');
  const outdir = at >= 0 ? path.resolve(args[at + 1]) : undefined;
  buildUi({ outdir, quiet: args.includes('--quiet') }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
