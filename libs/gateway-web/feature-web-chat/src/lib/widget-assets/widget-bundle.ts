import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** The files of the widget bundle gateway-web serves, with their content types. */
export const WIDGET_FILES = {
  'widget.js': 'application/javascript; charset=utf-8',
  'widget.js.map': 'application/json; charset=utf-8',
} as const;

export type WidgetFileName = keyof typeof WIDGET_FILES;

export interface WidgetFile {
  body: Buffer;
  /** A strong ETag from the content, so a rebuilt bundle gets a new one. */
  etag: string;
  contentType: string;
}

/** The widget bundle directory: `<UI_DIR>/widget`, UI_DIR relative to the process's working directory. */
export function widgetDir(uiDir: string): string {
  return path.resolve(uiDir, 'widget');
}

/**
 * Reads the widget bundle that tools/ui/build.mjs wrote (`npm run build`). Files are kept
 * in memory and read again only when their size or modification time changes, so a
 * rebuild is picked up without a restart. A missing file is `null` (the caller answers 503).
 */
export class WidgetBundle {
  private readonly cache = new Map<WidgetFileName, { mtimeMs: number; size: number; file: WidgetFile }>();

  constructor(readonly dir: string) {}

  async read(name: WidgetFileName): Promise<WidgetFile | null> {
    const location = path.join(this.dir, name);
    let info: { mtimeMs: number; size: number; isFile(): boolean };
    try {
      info = await stat(location);
    } catch {
      return null;
    }
    if (!info.isFile()) return null;
    const cached = this.cache.get(name);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.file;
    let body: Buffer;
    try {
      body = await readFile(location);
    } catch {
      return null;
    }
    const file: WidgetFile = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`, contentType: WIDGET_FILES[name] };
    this.cache.set(name, { mtimeMs: info.mtimeMs, size: info.size, file });
    return file;
  }
}
