import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { webInfoQuerySchema, type WebInfoBody } from '@pegamento/contracts';
import { RateLimit, parseRequest } from '@pegamento/util-http';
import { WEB_CHAT_CONFIG, type WebChatConfig } from '../web-chat.config';
import { WebInfoQuery } from './web-info.query';

/**
 * GET /api/v1/web/info?locale=: public (no token), what the widget shows before the
 * first message. Not cached, so a changed setting shows at the next page load.
 */
@Controller('api/v1/web/info')
export class WebInfoController {
  private readonly perIp: RateLimit;

  constructor(
    private readonly query: WebInfoQuery,
    @InjectDataSource() dataSource: DataSource,
    @Inject(WEB_CHAT_CONFIG) config: WebChatConfig,
  ) {
    this.perIp = new RateLimit('web-info-ip', config.WEB_RATE_LIMIT_IP_PER_MINUTE, 60, dataSource);
  }

  @Get()
  async info(@Req() request: Request, @Res({ passthrough: true }) response: Response, @Query() query: unknown): Promise<WebInfoBody> {
    await this.perIp.consume(request.ip ?? 'unknown', response);
    const { locale } = parseRequest(webInfoQuerySchema, query ?? {}, 'query');
    response.setHeader('Cache-Control', 'no-cache');
    return this.query.execute(locale);
  }
}
