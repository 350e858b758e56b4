import { Logger } from '@nestjs/common';
import { LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { SlackSettings } from '../slack.config';

/** Bolt's and the Web API client's log lines through Nest's logger (so LOG_LEVEL and pino's redaction apply), debug lines dropped. */
export function slackLogger(name: string): BoltLogger {
  const logger = new Logger(name);
  let level = LogLevel.INFO;
  return {
    // Dropped: at debug level the Web API client logs request bodies, i.e. customer texts (conventions: never in logs).
    debug: () => undefined,
    info: (...msg: unknown[]) => logger.log(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => logger.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => logger.error(msg.map(String).join(' ')),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/**
 * The Web API client options of every call we make: SLACK_API_URL, SLACK_SEND_TIMEOUT_MS,
 * and no retries of its own: a 429 is rejected at once with its Retry-After and a 5xx
 * surfaces, so the send queue decides (the client's default would wait out a
 * Retry-After inside the caller, with no upper bound).
 */
export function slackClientOptions(settings: SlackSettings): webApi.WebClientOptions {
  return {
    slackApiUrl: settings.apiUrl,
    timeout: settings.send.timeoutMs,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: slackLogger('SlackWebApi'),
  };
}

/** The bot's Web API client (null while Slack is off). */
export class SlackClient {
  readonly web: webApi.WebClient | null;

  constructor(settings: SlackSettings) {
    this.web = settings.enabled ? new webApi.WebClient(settings.botToken, slackClientOptions(settings)) : null;
  }
}
