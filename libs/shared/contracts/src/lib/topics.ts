import { EVENT_DEFINITIONS, type EventType } from './events';

/**
 * Kafka topic names, `<domain>.<event>.v<N>`. Never renamed: a breaking change adds
 * a `v2` topic beside the old one. Deployments may put a prefix in front
 * (KAFKA_TOPIC_PREFIX); the names here are the part that never changes.
 */
export const TOPICS = {
  conversationInbound: 'conversation.inbound.v1',
  aiReplyRequested: 'ai.reply.requested.v1',
  aiReplyDrafted: 'ai.reply.drafted.v1',
  handoffRequested: 'handoff.requested.v1',
  handoffSummarized: 'handoff.summarized.v1',
  agentReply: 'agent.reply.v1',
  conversationOutbound: 'conversation.outbound.v1',
  conversationStatus: 'conversation.status.v1',
  deliveryStatus: 'delivery.status.v1',
  auditRecorded: 'audit.recorded.v1',
  crmSynced: 'crm.synced.v1',
  deadLetter: 'bus.dead-lettered.v1',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

const topicByType = new Map<string, Topic>(EVENT_DEFINITIONS.map((d) => [d.type, d.topic as Topic]));

export function topicFor(type: EventType): Topic {
  const topic = topicByType.get(type);
  if (!topic) throw new Error(`No topic for event type ${type}`);
  return topic;
}

export const ALL_TOPICS: readonly Topic[] = Object.values(TOPICS);
