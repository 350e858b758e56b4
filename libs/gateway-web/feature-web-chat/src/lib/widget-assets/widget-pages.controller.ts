import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { resolveLocale } from '@pegamento/shared-domain';
import { WEB_CHAT_CONFIG, type WebChatConfig } from '../web-chat.config';
import { WebInfoQuery } from '../web-info/web-info.query';
import { applyPageSecurityHeaders } from './page-security';
import { renderAccessibilityPage, renderDemoPage, renderPrivacyPage, type PageContext } from './pages/page-html';

type Renderer = (context: PageContext) => string;

/**
 * gateway-web's own pages, plain accessible HTML in Dutch and English (`?lang=nl|en`,
 * else the browser's Accept-Language): `/` a sample shop with the widget embedded by one
 * script tag (the demo), `/privacy` the platform's privacy notice and `/accessibility` its
 * accessibility statement, which the widget links to unless the tenant set its own.
 * Each carries a Content-Security-Policy of this origin only (page-security.ts).
 */
@Controller()
export class WidgetPagesController {
  constructor(
    private readonly info: WebInfoQuery,
    @Inject(WEB_CHAT_CONFIG) private readonly config: WebChatConfig,
  ) {}

  @Get()
  demo(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.page(request, response, renderDemoPage);
  }

  @Get('privacy')
  privacy(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.page(request, response, renderPrivacyPage);
  }

  @Get('accessibility')
  accessibility(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.page(request, response, renderAccessibilityPage);
  }

  private async page(request: Request, response: Response, render: Renderer): Promise<void> {
    const asked = typeof request.query['lang'] === 'string' ? request.query['lang'] : undefined;
    const locale = resolveLocale(asked ?? request.headers['accept-language'], resolveLocale(this.config.DEFAULT_LOCALE));
    const info = await this.info.execute(locale);
    const base = (this.config.PUBLIC_BASE_URL ?? `${request.protocol}://${request.get('host') ?? 'localhost'}`).replace(/\/+$/, '');
    const html = render({ locale, contact: info.humanRoutes, widgetScriptUrl: `${base}/widget.js` });
    await applyPageSecurityHeaders(request, response);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('Content-Language', locale);
    response.setHeader('Vary', 'Accept-Language');
    response.status(200).send(html);
  }
}
