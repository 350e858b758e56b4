import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isUuid } from '@pegamento/contracts';
import { ConversationEntity, ConversationStateError } from '@pegamento/data-access-conversations';
import { findUsersByEmail, SlackThreadEntity, UserEntity } from '@pegamento/handoff-data-access';
import type { AgentPrincipal } from '@pegamento/util-auth';
import { SLACK_AGENT_DESK, type SlackAgentDesk } from '../agent-desk.port';
import { renderQueue, type SlackMessage } from '../rendering/slack-blocks';
import { latestThread, queueSlackPost } from '../send-queue/slack-posts';
import { SlackClient } from '../send-queue/slack-client';
import { SlackSendWorker } from '../send-queue/slack-send-worker';
import { SLACK_SETTINGS, type SlackSettings } from '../slack.config';

/** An answer only the Slack user who acted sees. */
export type Ephemeral = SlackMessage;

function ephemeral(text: string): Ephemeral {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** A message event of the agents' channel, as Bolt hands it over. */
export interface ThreadMessageEvent {
  eventId: string;
  channel: string;
  user?: string;
  text?: string;
  threadTs?: string;
  subtype?: string;
  botId?: string;
}

/**
 * A Slack message as the customer should read it: links as their text and address, e-mail
 * links as the address, mentions as plain words, and Slack's escaping of `&`, `<`, `>` undone.
 */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<mailto:([^|>]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, (_m, url: string, label: string) => (label === url ? url : `${label} (${url})`))
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/<[@#!][^|>]*\|([^>]+)>/g, '$1')
    .replace(/<[@#!][^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

type Resolved = { ok: true; principal: AgentPrincipal } | { ok: false; reason: string };

/**
 * What agents do from Slack, each through the agent API's own use cases (the desk):
 * Claim, Release and Close on the card, replies in the card's thread, `/pegamento queue`.
 * A Slack user acts as the active Pegamento agent of the tenant with the e-mail address
 * of their Slack profile (users.info; ADR 0017), or not at all.
 */
@Injectable()
export class SlackInteractions {
  private readonly logger = new Logger(SlackInteractions.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SLACK_SETTINGS) private readonly settings: SlackSettings,
    @Inject(SlackClient) private readonly client: SlackClient,
    @Inject(SLACK_AGENT_DESK) private readonly desk: SlackAgentDesk,
    @Inject(SlackSendWorker) private readonly worker: SlackSendWorker,
  ) {}

  /** The Pegamento agent behind a Slack user, by the e-mail of their Slack profile. */
  async agentFor(slackUserId: string): Promise<Resolved> {
    let email: string | undefined;
    try {
      const info = await this.client.web!.users.info({ user: slackUserId });
      email = info.user?.profile?.email;
    } catch (error) {
      this.logger.warn({ err: error }, 'users.info failed');
      return { ok: false, reason: 'Slack did not tell us who you are just now. Try again in a moment.' };
    }
    if (!email) {
      return { ok: false, reason: 'Your Slack profile shows no e-mail address, so Pegamento cannot tell which agent you are. Nothing was changed.' };
    }
    const users = await findUsersByEmail(this.dataSource.manager, email, this.settings.tenantId);
    const user = users.find((u) => u.active);
    if (!user) {
      return {
        ok: false,
        reason: 'You have no active Pegamento agent account with the e-mail address of your Slack profile. Ask an administrator for one. Nothing was changed.',
      };
    }
    return { ok: true, principal: { userId: user.id, tenantId: user.tenantId, role: user.role, displayName: user.displayName } };
  }

  /** "Claim" on a card: the console's claim, then the (audited) transcript into the card's thread. */
  async claim(slackUserId: string, conversationId: string, card: { channel?: string; ts?: string }): Promise<Ephemeral | null> {
    if (!isUuid(conversationId)) return ephemeral('This card names no conversation.');
    const agent = await this.agentFor(slackUserId);
    if (!agent.ok) return ephemeral(agent.reason);
    const before = await this.conversation(conversationId);
    if (!before) return ephemeral('This conversation no longer exists.');
    if (before.status === 'with_agent' && before.assignedAgentId && before.assignedAgentId !== agent.principal.userId) {
      return ephemeral(`Already claimed by ${before.assignedAgentName ?? 'another agent'}.`);
    }
    try {
      await this.desk.claim(agent.principal, conversationId);
    } catch (error) {
      const now = await this.conversation(conversationId);
      if (now?.status === 'with_agent' && now.assignedAgentId !== agent.principal.userId) return ephemeral(`Already claimed by ${now.assignedAgentName ?? 'another agent'}.`);
      return ephemeral(`Not claimed: ${messageOf(error)}`);
    }
    // As the console does after a claim: the transcript is read, and the read is audited (transcript.read).
    await this.desk.transcript(agent.principal, conversationId);
    await this.dataSource.transaction(async (manager) => {
      const threads = manager.getRepository(SlackThreadEntity);
      const thread =
        (card.channel && card.ts ? await threads.findOneBy({ tenantId: this.settings.tenantId, channelId: card.channel, messageTs: card.ts, conversationId }) : null) ??
        (await latestThread(manager, this.settings.tenantId, conversationId));
      if (!thread) return;
      // Who may answer from the thread. The state follows the conversation.status event
      // (SlackHandoffConsumer), which also updates the card: setting it here would race that.
      await threads.update({ id: thread.id }, { agentId: agent.principal.userId, slackUserId });
      await queueSlackPost(manager, {
        tenantId: this.settings.tenantId,
        conversationId,
        threadId: thread.id,
        kind: 'transcript',
        params: { agentName: agent.principal.displayName },
      });
    });
    this.worker.nudgeAfterCommit();
    return null;
  }

  /** "Release to the AI assistant" / "Close" in the thread: the console's own actions. */
  async act(action: 'release' | 'close', slackUserId: string, conversationId: string): Promise<Ephemeral | null> {
    if (!isUuid(conversationId)) return ephemeral('This button names no conversation.');
    const agent = await this.agentFor(slackUserId);
    if (!agent.ok) return ephemeral(agent.reason);
    try {
      if (action === 'release') await this.desk.release(agent.principal, conversationId);
      else await this.desk.close(agent.principal, conversationId);
    } catch (error) {
      return ephemeral(`Not ${action === 'release' ? 'released' : 'closed'}: ${messageOf(error)}`);
    }
    // The card and the thread say so once the state change is published (SlackHandoffConsumer).
    return null;
  }

  /**
   * A message in a card's thread: sent to the customer as the reply of the agent who
   * claimed it from Slack; anyone else's, the bot's own, edits and joins are ignored.
   * Slack's retries of an event (X-Slack-Retry-Num) are dropped by its event id.
   */
  async threadMessage(event: ThreadMessageEvent): Promise<void> {
    if (!event.threadTs || event.subtype || event.botId || !event.user || !event.text?.trim()) return;
    if (event.channel !== this.settings.channelId) return;
    const thread = await this.dataSource
      .getRepository(SlackThreadEntity)
      .findOneBy({ tenantId: this.settings.tenantId, channelId: event.channel, messageTs: event.threadTs });
    // Only the Slack user who claimed it from this card (the state may not have caught up with the claim yet;
    // once released or closed, the use case refuses and the thread says why).
    if (!thread || !thread.agentId || thread.slackUserId !== event.user) return;
    const first = (await this.dataSource.query(
      `INSERT INTO slack_events (event_id, tenant_id, conversation_id) VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [event.eventId, thread.tenantId, thread.conversationId],
    )) as unknown[];
    if (first.length === 0) return;
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: thread.agentId, tenantId: thread.tenantId });
    if (!user) return;
    const text = slackTextToPlain(event.text).trim();
    if (text.length > this.desk.maxReplyChars) {
      await this.notSent(thread, `it is ${text.length} characters long; at most ${this.desk.maxReplyChars} go to a customer. Shorten it or split it.`);
      return;
    }
    const principal: AgentPrincipal = { userId: user.id, tenantId: user.tenantId, role: user.role, displayName: user.displayName };
    try {
      await this.desk.reply(principal, thread.conversationId, text);
    } catch (error) {
      if (!isDomainError(error)) {
        // Not handled: Slack's retry may try again.
        await this.dataSource.query(`DELETE FROM slack_events WHERE event_id = $1`, [event.eventId]);
        throw error;
      }
      await this.notSent(thread, messageOf(error));
    }
  }

  /** Says in the thread why the agent's message did not go to the customer. */
  private async notSent(thread: SlackThreadEntity, detail: string): Promise<void> {
    await queueSlackPost(this.dataSource.manager, {
      tenantId: thread.tenantId,
      conversationId: thread.conversationId,
      threadId: thread.id,
      kind: 'notice',
      params: { notice: 'not_sent', detail },
    });
    this.worker.nudgeAfterCommit();
  }

  /** `/pegamento queue` (or just `/pegamento`): the tenant's waiting conversations. */
  async command(slackUserId: string, text: string): Promise<Ephemeral> {
    const word = text.trim().toLowerCase();
    if (word !== '' && word !== 'queue') return ephemeral('Try `/pegamento queue`: the conversations waiting for a person.');
    const agent = await this.agentFor(slackUserId);
    if (!agent.ok) return ephemeral(agent.reason);
    return renderQueue(await this.desk.queue(agent.principal), this.settings.queueListMax);
  }

  private conversation(id: string): Promise<ConversationEntity | null> {
    return this.dataSource.getRepository(ConversationEntity).findOneBy({ id, tenantId: this.settings.tenantId });
  }
}

/** The use cases' refusals (HandoffException, ConversationStateError) carry a code and a message for people. */
function isDomainError(error: unknown): boolean {
  return error instanceof ConversationStateError || (error instanceof Error && error.name === 'HandoffException');
}

function messageOf(error: unknown): string {
  return isDomainError(error) ? (error as Error).message : 'something went wrong. Try again, or use the console.';
}
