import { existsSync } from 'node:fs';
import path from 'node:path';

/** The console's entry files: without them the console is not built (503, not 500). */
export const CONSOLE_ENTRY_FILES = ['index.html', 'console.js'] as const;

/** One file name beside the bundle: no slashes, no leading dot, nothing that can climb out. */
const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export type ConsoleTarget = { kind: 'asset'; file: string } | { kind: 'page' } | { kind: 'missing_asset' };

/**
 * What a GET under /console/ serves: a file of the bundle directory when the path is one
 * existing file name (console.js, console.css, …); a path with a dot in its last and only
 * segment that names no file is a missing asset (404); every other path is a console
 * route (/console/queue, /console/conversations/<id>) and gets index.html (SPA fallback).
 */
export function consoleTarget(dir: string, subPath: string): ConsoleTarget {
  const relative = subPath.replace(/^\/+/, '');
  if (relative === '' || relative.includes('/')) return { kind: 'page' };
  if (ASSET_NAME.test(relative) && !relative.includes('..') && existsSync(path.join(dir, relative))) return { kind: 'asset', file: relative };
  return relative.includes('.') ? { kind: 'missing_asset' } : { kind: 'page' };
}

/** Every entry file of the console exists in `dir`. */
export function consoleBuilt(dir: string): boolean {
  return CONSOLE_ENTRY_FILES.every((file) => existsSync(path.join(dir, file)));
}
