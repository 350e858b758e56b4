import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Request, Response } from 'express';
import { consoleBuilt, consoleTarget } from './console-files';
import { ConsoleController } from './console.controller';
import { sameOriginSockets } from './console-security.middleware';
import type { HandoffFeatureConfig } from '../handoff-feature.config';

/** A response that records what the controller did with it. */
function recorder() {
  const seen: { status?: number; body?: unknown; headers: Record<string, string>; file?: string } = { headers: {} };
  const response = {
    headersSent: false,
    removeHeader(name: string) {
      delete seen.headers[name.toLowerCase()];
    },
    status(code: number) {
      seen.status = code;
      return response;
    },
    setHeader(name: string, value: string) {
      seen.headers[name.toLowerCase()] = value;
      return response;
    },
    json(body: unknown) {
      seen.body = body;
      return response;
    },
    sendFile(file: string) {
      seen.file = file;
    },
  };
  return { seen, response: response as unknown as Response };
}

function uiDir(withBundle: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'console-ui-'));
  mkdirSync(path.join(dir, 'console'));
  if (withBundle) {
    writeFileSync(path.join(dir, 'console', 'index.html'), '<!doctype html>');
    writeFileSync(path.join(dir, 'console', 'console.js'), '');
    writeFileSync(path.join(dir, 'console', 'console.css'), '');
  }
  return dir;
}

const controller = (UI_DIR: string) => new ConsoleController({ UI_DIR } as HandoffFeatureConfig);

describe('serving the console', () => {
  it('answers 503 console_not_built with how to build it when the bundle is missing, never 500', () => {
    const { seen, response } = recorder();
    controller(uiDir(false)).page({ headers: {} } as Request, response);
    expect(seen.status).toBe(503);
    expect(seen.headers['retry-after']).toBe('30');
    expect(seen.body).toEqual({ error: { code: 'console_not_built', message: expect.stringContaining('npm run build') } });
  });

  it('serves index.html for the console and its routes, and the bundle files beside it', () => {
    const dir = uiDir(true);
    const page = recorder();
    controller(dir).page({ headers: {} } as Request, page.response);
    expect(page.seen.file).toBe('index.html');
    expect(page.seen.headers['content-security-policy']).toContain("default-src 'self'");
    const route = recorder();
    controller(dir).file({ path: '/console/conversations/abc', headers: {} } as Request, route.response);
    expect(route.seen.file).toBe('index.html');
    const asset = recorder();
    controller(dir).file({ path: '/console/console.css', headers: {} } as Request, asset.response);
    expect(asset.seen.file).toBe('console.css');
  });

  it('never serves a path outside the bundle directory', () => {
    const dir = path.join(uiDir(true), 'console');
    expect(consoleTarget(dir, '/../../etc/passwd')).toEqual({ kind: 'page' });
    expect(consoleTarget(dir, '/..')).toEqual({ kind: 'missing_asset' });
    expect(consoleTarget(dir, '/.hidden')).toEqual({ kind: 'missing_asset' });
    expect(consoleTarget(dir, '/%2e%2e%2fsecret.txt')).toEqual({ kind: 'missing_asset' });
    expect(consoleTarget(dir, '/queue')).toEqual({ kind: 'page' });
    expect(consoleBuilt(dir)).toBe(true);
  });

  it('allows the socket of its own origin only in connect-src', () => {
    expect(sameOriginSockets({ headers: { host: 'console.example:8443' } } as never)).toBe('ws://console.example:8443 wss://console.example:8443');
    expect(sameOriginSockets({ headers: { host: 'evil.example; script-src *' } } as never)).toBe("'self'");
    expect(sameOriginSockets({ headers: {} } as never)).toBe("'self'");
  });
});
