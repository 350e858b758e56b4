import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { WEB_CHAT_CONFIG, type WebChatConfig } from '../web-chat.config';
import { WidgetBundle, widgetDir, type WidgetFileName } from './widget-bundle';

/**
 * The customer widget's script, for any site to embed with one tag:
 * `<script src="https://<host>/widget.js" data-locale="nl" async></script>`.
 * Served with CORS `*` and Cross-Origin-Resource-Policy cross-origin (other sites load
 * it), a strong ETag and a short max-age (WIDGET_CACHE_MAX_AGE_SECONDS), so a new build
 * reaches browsers soon. Without a built bundle the answer is 503 `widget_not_built`.
 */
@Controller()
export class WidgetAssetsController {
  private readonly bundle: WidgetBundle;
  private readonly maxAgeSeconds: number;
  private readonly uiDir: string;

  constructor(@Inject(WEB_CHAT_CONFIG) config: WebChatConfig) {
    this.uiDir = config.UI_DIR;
    this.bundle = new WidgetBundle(widgetDir(config.UI_DIR));
    this.maxAgeSeconds = config.WIDGET_CACHE_MAX_AGE_SECONDS;
  }

  @Get('widget.js')
  script(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.serve('widget.js', request, response);
  }

  @Get('widget.js.map')
  sourceMap(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.serve('widget.js.map', request, response);
  }

  private async serve(name: WidgetFileName, request: Request, response: Response): Promise<void> {
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    const file = await this.bundle.read(name);
    if (!file) {
      response.status(503).setHeader('Retry-After', '30');
      response.setHeader('Cache-Control', 'no-store');
      response.json({
        error: {
          code: 'widget_not_built',
          message: `The chat widget is not built: run "npm run build" (or "npm run build:ui"), or point UI_DIR at the built bundles (UI_DIR is "${this.uiDir}"; looked for widget/${name}).`,
        },
      });
      return;
    }
    response.setHeader('Content-Type', file.contentType);
    response.setHeader('Cache-Control', `public, max-age=${this.maxAgeSeconds}`);
    response.setHeader('ETag', file.etag);
    if (request.fresh) {
      response.status(304).end();
      return;
    }
    response.status(200).end(file.body);
  }
}
