import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import path from 'node:path';
import type { Request, Response } from 'express';
import { HANDOFF_FEATURE_CONFIG, type HandoffFeatureConfig } from '../handoff-feature.config';
import { consoleBuilt, consoleTarget } from './console-files';
import { consoleSecurityHeaders } from './console-security.middleware';

/** The console bundle directory: `<UI_DIR>/console`, UI_DIR relative to the process's working directory. */
export function consoleDir(config: Pick<HandoffFeatureConfig, 'UI_DIR'>): string {
  return path.resolve(config.UI_DIR ?? 'dist/ui', 'console');
}

/**
 * The agent console (a Preact single-page app from libs/handoff/ui-console, bundled by
 * tools/ui/build.mjs into `<UI_DIR>/console/`). GET /console and every console route
 * under it answer with index.html; the bundle's files are served beside it. When the
 * bundle is missing the answer is 503 `console_not_built`, with how to build it.
 * Every answer carries consoleSecurityHeaders (helmet: Content-Security-Policy self only),
 * applied here rather than as Nest middleware, which would add route layers of its own.
 */
@Controller('console')
export class ConsoleController {
  private readonly dir: string;

  constructor(@Inject(HANDOFF_FEATURE_CONFIG) config: HandoffFeatureConfig) {
    this.dir = consoleDir(config);
  }

  @Get()
  page(@Req() request: Request, @Res() response: Response): void {
    this.secured(request, response, () => this.send(response, 'index.html'));
  }

  @Get('*path')
  file(@Req() request: Request, @Res() response: Response): void {
    this.secured(request, response, () => {
      const target = consoleTarget(this.dir, request.path.replace(/^\/console/, ''));
      if (target.kind === 'missing_asset') {
        response.status(404).json({ error: { code: 'not_found', message: 'The console has no such file.' } });
        return;
      }
      this.send(response, target.kind === 'asset' ? target.file : 'index.html');
    });
  }

  private secured(request: Request, response: Response, then: () => void): void {
    consoleSecurityHeaders(request, response, (error?: unknown) => {
      if (error) response.status(500).json({ error: { code: 'internal_error', message: 'The console could not be served.' } });
      else then();
    });
  }

  private send(response: Response, file: string): void {
    if (!consoleBuilt(this.dir)) {
      response.status(503).setHeader('Retry-After', '30');
      response.json({
        error: {
          code: 'console_not_built',
          message: `The agent console is not built: run "npm run build" (or "npm run build:ui"), or point UI_DIR at the built bundles (looked in ${this.dir}).`,
        },
      });
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(file, { root: this.dir, dotfiles: 'deny' }, (error) => {
      if (error && !response.headersSent) response.status(404).json({ error: { code: 'not_found', message: 'The console has no such file.' } });
    });
  }
}
