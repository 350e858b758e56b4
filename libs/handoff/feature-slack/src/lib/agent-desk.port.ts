import type { ConversationView, MessageView } from '@pegamento/data-access-conversations';
import type { AgentPrincipal } from '@pegamento/util-auth';

/** A waiting conversation as the agent API's queue lists it (the fields the slash command shows). */
export interface DeskQueueItem {
  id: string;
  channel: string;
  locale: string;
  waitingSince: string | null;
  waitingSeconds: number;
}

/**
 * What the Slack app needs of the agent API: the console's own use cases (claim, reply,
 * release, close, the audited transcript read, the queue). The app binds it to
 * feature-agent's `AgentDesk` (SlackAgentModule.register), so Slack acts through the
 * same checks, transitions, events and audit as the console; a feature library cannot
 * import another, hence this port.
 */
export interface SlackAgentDesk {
  /** The longest reply the agent API takes. */
  readonly maxReplyChars: number;
  claim(agent: AgentPrincipal, conversationId: string): Promise<ConversationView>;
  reply(agent: AgentPrincipal, conversationId: string, text: string): Promise<MessageView>;
  release(agent: AgentPrincipal, conversationId: string): Promise<ConversationView>;
  close(agent: AgentPrincipal, conversationId: string): Promise<ConversationView>;
  transcript(agent: AgentPrincipal, conversationId: string): Promise<unknown>;
  queue(agent: AgentPrincipal): Promise<DeskQueueItem[]>;
  /** The handoff summary the console shows (a model's starts with "AI summary:"); null without a request. */
  summary(tenantId: string, conversationId: string): Promise<string | null>;
}

export const SLACK_AGENT_DESK = Symbol('SLACK_AGENT_DESK');
