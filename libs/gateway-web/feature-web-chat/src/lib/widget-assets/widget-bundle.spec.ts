import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WidgetBundle, widgetDir } from './widget-bundle';

describe('WidgetBundle', () => {
  let uiDir: string;

  beforeEach(() => {
    uiDir = mkdtempSync(path.join(tmpdir(), 'widget-bundle-'));
  });
  afterEach(() => rmSync(uiDir, { recursive: true, force: true }));

  it('is null when the bundle is not built (the controller answers 503, not 500)', async () => {
    const bundle = new WidgetBundle(widgetDir(uiDir));
    await expect(bundle.read('widget.js')).resolves.toBeNull();
    mkdirSync(path.join(uiDir, 'widget', 'widget.js'), { recursive: true });
    await expect(bundle.read('widget.js')).resolves.toBeNull();
  });

  it('serves the file with its content type and an ETag that changes with a rebuild', async () => {
    const dir = widgetDir(uiDir);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'widget.js');
    writeFileSync(file, 'console.log(1);');
    const bundle = new WidgetBundle(dir);
    const first = (await bundle.read('widget.js'))!;
    expect(first.body.toString()).toBe('console.log(1);');
    expect(first.contentType).toBe('application/javascript; charset=utf-8');
    expect(first.etag).toMatch(/^"[\w-]{32}"$/);
    expect(await bundle.read('widget.js')).toBe(first);

    writeFileSync(file, 'console.log(22);');
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    const second = (await bundle.read('widget.js'))!;
    expect(second.body.toString()).toBe('console.log(22);');
    expect(second.etag).not.toBe(first.etag);
  });

  it('resolves UI_DIR relative to the working directory', () => {
    expect(widgetDir('dist/ui')).toBe(path.resolve('dist/ui/widget'));
    expect(widgetDir('/srv/ui')).toBe('/srv/ui/widget');
  });
});
