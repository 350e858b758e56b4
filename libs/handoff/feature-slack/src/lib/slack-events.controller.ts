import { Controller, HttpCode, Inject, Next, Post, Req, Res } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { SlackBolt } from './slack-bolt';
import { SLACK_SETTINGS, type SlackSettings } from './slack.config';

/** Slack rejects requests more than five minutes old; we also reject those more than five minutes ahead (R32: "off"). */
export const SLACK_MAX_CLOCK_SKEW_SECONDS = 300;

/** A timestamp header more than five minutes in the future (Bolt itself rejects the old ones). */
export function isFutureTimestamp(header: string | string[] | undefined, now = Date.now()): boolean {
  const ts = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(ts) && ts > Math.floor(now / 1_000) + SLACK_MAX_CLOCK_SKEW_SECONDS;
}

/**
 * POST /slack/events: hands the request to Bolt's receiver, which verifies it (401 when
 * unsigned, wrongly signed or stale) and dispatches it. The platform's JSON parser keeps
 * the raw body (`req.rawBody`) that the signature covers; form bodies (interactivity,
 * slash commands) Bolt reads itself, up to SLACK_BODY_LIMIT_BYTES. Slack off: 503.
 */
@Controller()
export class SlackEventsController {
  constructor(
    @Inject(SlackBolt) private readonly bolt: SlackBolt,
    @Inject(SLACK_SETTINGS) private readonly settings: SlackSettings,
  ) {}

  @Post('slack/events')
  // Bolt answers some requests (url_verification) without a status of its own.
  @HttpCode(200)
  handle(@Req() req: Request & { rawBody?: Buffer }, @Res() res: Response, @Next() next: NextFunction): void {
    if (!this.bolt.receiver) {
      res.status(503).json({ error: { code: 'slack_off', message: 'The Slack app is off (SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_AGENT_CHANNEL).' } });
      return;
    }
    if (req.rawBody && req.rawBody.length > this.settings.bodyLimitBytes) {
      res.status(413).send();
      return;
    }
    if (isFutureTimestamp(req.headers['x-slack-request-timestamp'])) {
      res.status(401).send();
      return;
    }
    this.bolt.receiver.router(req, res, next);
  }
}
