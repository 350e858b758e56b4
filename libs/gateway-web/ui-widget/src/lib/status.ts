import { format, type Texts } from '../i18n/i18n';
import type { ChatState } from './chat-session';

/** Who answers now, in words (R06, R25): the panel's status line and its role="status" region. */
export function statusText(state: Pick<ChatState, 'conversation' | 'connection'>, texts: Texts): string {
  if (state.connection === 'offline') return texts['status.offline'];
  const conversation = state.conversation;
  if (!conversation || conversation.status === 'bot') return texts['status.bot'];
  if (conversation.status === 'waiting_for_agent') return texts['status.waiting'];
  if (conversation.status === 'with_agent') {
    const name = conversation.assignedAgent?.displayName.trim();
    return name ? format(texts['status.withAgent'], { name }) : texts['status.withAgentUnnamed'];
  }
  return texts['status.closed'];
}

/** The launcher's unread count in words ("2 nieuwe berichten"), and its short visible form ("2 nieuw"). */
export function unreadText(count: number, texts: Texts): { badge: string; label: string } | null {
  if (count <= 0) return null;
  return {
    badge: format(texts['launcher.unreadBadge'], { count }),
    label: count === 1 ? texts['launcher.unreadOne'] : format(texts['launcher.unreadMany'], { count }),
  };
}
