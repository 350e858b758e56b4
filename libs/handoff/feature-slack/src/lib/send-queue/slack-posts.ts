import type { EntityManager } from 'typeorm';
import { SlackPostEntity, SlackThreadEntity, type SlackPostKind } from '@pegamento/handoff-data-access';

export interface NewSlackPost {
  tenantId: string;
  conversationId: string;
  threadId: string;
  kind: SlackPostKind;
  /** References only (ids, a notice key, an agent's name); texts are rendered when sent. */
  params?: Record<string, string>;
}

/** Puts a post on the Slack send queue, in the caller's transaction. */
export async function queueSlackPost(manager: EntityManager, post: NewSlackPost): Promise<void> {
  const posts = manager.getRepository(SlackPostEntity);
  await posts.insert(
    posts.create({ tenantId: post.tenantId, conversationId: post.conversationId, threadId: post.threadId, kind: post.kind, params: post.params ?? {}, state: 'pending' }),
  );
}

/** The conversation's newest card (its thread), if it has one. */
export function latestThread(manager: EntityManager, tenantId: string, conversationId: string): Promise<SlackThreadEntity | null> {
  return manager.getRepository(SlackThreadEntity).findOne({ where: { tenantId, conversationId }, order: { createdAt: 'DESC', id: 'DESC' } });
}
