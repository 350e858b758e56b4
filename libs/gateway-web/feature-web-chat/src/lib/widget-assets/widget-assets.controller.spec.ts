import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WEB_CHAT_CONFIG, type WebChatConfig } from '../web-chat.config';
import { WidgetAssetsController } from './widget-assets.controller';

describe('GET /widget.js', () => {
  let uiDir: string;
  let app: INestApplication;
  let base: string;

  beforeEach(async () => {
    uiDir = mkdtempSync(path.join(tmpdir(), 'widget-assets-'));
    const config = { UI_DIR: uiDir, WIDGET_CACHE_MAX_AGE_SECONDS: 42 } as WebChatConfig;
    const moduleRef = await Test.createTestingModule({ controllers: [WidgetAssetsController], providers: [{ provide: WEB_CHAT_CONFIG, useValue: config }] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterEach(async () => {
    await app.close();
    rmSync(uiDir, { recursive: true, force: true });
  });

  it('answers 503 with how to build it when the bundle is missing, never 500', async () => {
    const response = await fetch(`${base}/widget.js`);
    expect(response.status).toBe(503);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('widget_not_built');
    expect(body.error.message).toContain('npm run build');
  });

  it('serves the built script with the configured max-age, CORS for every site and an ETag', async () => {
    mkdirSync(path.join(uiDir, 'widget'));
    writeFileSync(path.join(uiDir, 'widget', 'widget.js'), '(() => {})();');
    const response = await fetch(`${base}/widget.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=42');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('etag')).toMatch(/^"/);
    expect(await response.text()).toBe('(() => {})();');
    expect((await fetch(`${base}/widget.js.map`)).status).toBe(503);
  });
});
