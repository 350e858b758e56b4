import { Inject, Injectable, Logger } from '@nestjs/common';
import { App, ExpressReceiver, type AuthorizeResult } from '@slack/bolt';
import { CLAIM_ACTION, CLOSE_ACTION, RELEASE_ACTION } from './rendering/slack-blocks';
import { SlackInteractions, type Ephemeral } from './interactions/slack-interactions';
import { SlackClient, slackClientOptions, slackLogger } from './send-queue/slack-client';
import { SLACK_EVENTS_PATH, SLACK_SETTINGS, type SlackSettings } from './slack.config';

/** The fields of a block_actions payload the handlers read. */
interface ActionBody {
  user: { id: string };
  channel?: { id: string };
  container?: { channel_id?: string; message_ts?: string };
  message?: { ts?: string };
}

/**
 * Bolt inside the Nest app (ADR 0017): one ExpressReceiver for events, interactivity and
 * slash commands at POST /slack/events. Bolt checks the `v0` signature (HMAC-SHA256 over
 * `v0:timestamp:body`, constant-time) and the timestamp, answers url_verification, and
 * acknowledges each request as soon as its handler calls `ack()`, before the work: every
 * handler acks first. Null parts while Slack is off.
 */
@Injectable()
export class SlackBolt {
  private readonly logger = new Logger(SlackBolt.name);
  readonly receiver: ExpressReceiver | null = null;
  readonly app: App | null = null;
  private identity: Promise<{ botId?: string; botUserId?: string }> | null = null;

  constructor(
    @Inject(SLACK_SETTINGS) private readonly settings: SlackSettings,
    @Inject(SlackInteractions) private readonly interactions: SlackInteractions,
    @Inject(SlackClient) private readonly client: SlackClient,
  ) {
    if (!settings.enabled) return;
    const logger = slackLogger('SlackBolt');
    this.receiver = new ExpressReceiver({
      signingSecret: settings.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      processBeforeResponse: false,
      bodyLimit: settings.bodyLimitBytes,
      logger,
    });
    this.app = new App({
      receiver: this.receiver,
      authorize: () => this.authorize(),
      clientOptions: slackClientOptions(settings),
      logger,
      ignoreSelf: true,
    });
    this.register(this.app);
  }

  /** The bot's token and its own ids (auth.test, asked once and kept; asked again after a failure). */
  private async authorize(): Promise<AuthorizeResult> {
    this.identity ??= this.client.web!.auth.test().then(
      (r) => ({ botId: r.bot_id, botUserId: r.user_id }),
      (error: unknown) => {
        this.identity = null;
        throw error;
      },
    );
    return { botToken: this.settings.botToken, ...(await this.identity) };
  }

  private register(app: App): void {
    for (const [actionId, run] of [
      [CLAIM_ACTION, (user: string, id: string, body: ActionBody) => this.interactions.claim(user, id, { channel: body.container?.channel_id ?? body.channel?.id, ts: body.container?.message_ts ?? body.message?.ts })],
      [RELEASE_ACTION, (user: string, id: string) => this.interactions.act('release', user, id)],
      [CLOSE_ACTION, (user: string, id: string) => this.interactions.act('close', user, id)],
    ] as const) {
      app.action(actionId, async ({ ack, body, action, respond }) => {
        await ack();
        const value = 'value' in action && typeof action.value === 'string' ? action.value : '';
        const answer = await this.safely(() => run(body.user.id, value, body as ActionBody));
        if (answer) await respond({ response_type: 'ephemeral', replace_original: false, text: answer.text, blocks: answer.blocks }).catch((error: unknown) => this.logger.warn({ err: error }, 'response_url failed'));
      });
    }

    app.event('message', async ({ event, body }) => {
      const e = event as { channel: string; user?: string; text?: string; thread_ts?: string; subtype?: string; bot_id?: string };
      await this.interactions.threadMessage({
        eventId: (body as { event_id: string }).event_id,
        channel: e.channel,
        ...(e.user ? { user: e.user } : {}),
        ...(e.text ? { text: e.text } : {}),
        ...(e.thread_ts ? { threadTs: e.thread_ts } : {}),
        ...(e.subtype ? { subtype: e.subtype } : {}),
        ...(e.bot_id ? { botId: e.bot_id } : {}),
      });
    });

    // Whatever the slash command is called in the Slack app's settings (README: /pegamento).
    app.command(/^\/.+/, async ({ command, ack }) => {
      const answer = (await this.safely(() => this.interactions.command(command.user_id, command.text))) ?? { text: 'Something went wrong. Try again, or use the console.', blocks: [] };
      await ack({ response_type: 'ephemeral', text: answer.text, blocks: answer.blocks });
    });

    app.error(async (error) => {
      this.logger.error({ err: error }, 'Slack request failed');
    });
  }

  private async safely(run: () => Promise<Ephemeral | null>): Promise<Ephemeral | null> {
    try {
      return await run();
    } catch (error) {
      this.logger.error({ err: error }, 'Slack action failed');
      return { text: 'Something went wrong. Try again, or use the console.', blocks: [] };
    }
  }
}
