import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { TenantEntity } from '@pegamento/data-access-conversations';
import { parseTenantSettings } from '@pegamento/shared-domain';
import { WEB_CHAT_CONFIG, type WebChatConfig } from './web-chat.config';

/** How long a browser may reuse a preflight answer of the web chat API. */
export const WEB_CORS_PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Which sites may call the web chat API from a browser: the platform's own origin (the
 * demo page, PUBLIC_BASE_URL) and the tenant's `widgetOrigins` (the organisation's sites
 * that embed the widget). Read from the tenant's settings, cached WEB_ORIGINS_CACHE_MS.
 */
@Injectable()
export class WidgetOrigins {
  private cached: { origins: Set<string>; until: number } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(WEB_CHAT_CONFIG) private readonly config: WebChatConfig,
  ) {}

  /** True for the platform's own origin (same host as the request, or PUBLIC_BASE_URL) and the tenant's widget origins. */
  async allows(origin: string, requestHost: string | undefined): Promise<boolean> {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      return false;
    }
    if (requestHost && parsed.host === requestHost) return true;
    if (this.config.PUBLIC_BASE_URL && new URL(this.config.PUBLIC_BASE_URL).origin === parsed.origin) return true;
    return (await this.tenantOrigins()).has(parsed.origin);
  }

  private async tenantOrigins(): Promise<Set<string>> {
    const now = Date.now();
    if (this.cached && this.cached.until > now) return this.cached.origins;
    const tenant = await this.dataSource.getRepository(TenantEntity).findOneBy({ id: this.config.DEFAULT_TENANT_ID });
    const origins = new Set(parseTenantSettings(tenant?.settings ?? {}).widgetOrigins);
    this.cached = { origins, until: now + this.config.WEB_ORIGINS_CACHE_MS };
    return origins;
  }
}

/**
 * CORS for the customer web chat API (/api/v1/web/*), strict (R22): a browser on an
 * allowed origin gets its origin back (and preflights 204); any other origin gets no CORS
 * headers, its preflight and its state-changing requests 403 `origin_not_allowed`, so a
 * foreign page can neither open conversations nor read answers. Requests without an
 * Origin (same-origin navigation, servers, curl) are not CORS and pass.
 */
@Injectable()
export class WebChatCorsMiddleware implements NestMiddleware {
  constructor(@Inject(WidgetOrigins) private readonly origins: WidgetOrigins) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const origin = request.headers.origin;
    if (!origin) {
      next();
      return;
    }
    this.origins.allows(origin, request.headers.host).then(
      (allowed) => {
        response.setHeader('Vary', 'Origin');
        if (!allowed) {
          if (request.method === 'GET' || request.method === 'HEAD') {
            next();
            return;
          }
          response.status(403).json({
            error: { code: 'origin_not_allowed', message: `This site (${origin}) may not use the chat. An admin adds it to the tenant's widgetOrigins.` },
          });
          return;
        }
        response.setHeader('Access-Control-Allow-Origin', origin);
        if (request.method === 'OPTIONS') {
          response.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
          response.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
          response.setHeader('Access-Control-Max-Age', String(WEB_CORS_PREFLIGHT_MAX_AGE_SECONDS));
          response.status(204).end();
          return;
        }
        response.setHeader('Access-Control-Expose-Headers', 'Retry-After');
        next();
      },
      (error: unknown) => next(error),
    );
  }
}
