/** A conversation as it goes to a CRM: who the customer is (when known) and what was said. */
export interface CrmTranscript {
  conversationId: string;
  tenantId: string;
  channel: 'web' | 'whatsapp' | 'sms' | 'email';
  locale: string;
  startedAt: string;
  closedAt: string;
  contact: CrmContact | null;
  messages: CrmTranscriptLine[];
  /** Older messages left out (CRM_TRANSCRIPT_MAX_MESSAGES). */
  omitted: number;
}

export interface CrmContact {
  id: string;
  displayName: string | null;
  email: string | null;
  phone: string | null;
}

export interface CrmTranscriptLine {
  id: string;
  direction: 'inbound' | 'outbound';
  author: { type: 'customer' | 'ai' | 'agent' | 'system'; displayName: string };
  aiGenerated: boolean;
  text: string;
  createdAt: string;
}

const CHANNEL_NAMES: Record<CrmTranscript['channel'], string> = { web: 'web chat', whatsapp: 'WhatsApp', sms: 'SMS', email: 'e-mail' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Who wrote a line, as the CRM shows it: the AI is always named as such (R01), agents with their role. */
export function authorLabel(line: CrmTranscriptLine): string {
  switch (line.author.type) {
    case 'ai':
      return 'AI assistant';
    case 'agent':
      return `${line.author.displayName} (agent)`;
    case 'system':
      return line.aiGenerated ? 'AI assistant (notice)' : 'Notice';
    case 'customer':
      return 'Customer';
  }
}

/**
 * The transcript as the body of a CRM note (HubSpot's hs_note_body takes simple HTML):
 * a heading with channel, language and times, then one paragraph per message with its
 * author, AI answers marked. Texts are escaped; nothing else is added.
 */
export function renderTranscriptHtml(transcript: CrmTranscript): string {
  const head = `<p><strong>Pegamento conversation</strong> (${CHANNEL_NAMES[transcript.channel]}, ${escapeHtml(transcript.locale)}), ${escapeHtml(transcript.startedAt)} – ${escapeHtml(transcript.closedAt)}</p>`;
  const omitted = transcript.omitted > 0 ? [`<p><em>${transcript.omitted} earlier message(s) left out.</em></p>`] : [];
  const lines = transcript.messages.map(
    (m) => `<p><strong>${escapeHtml(authorLabel(m))}</strong> <small>${escapeHtml(m.createdAt)}</small><br>${escapeHtml(m.text).replace(/\r?\n/g, '<br>')}</p>`,
  );
  return [head, ...omitted, ...lines].join('\n');
}

/** First and last name for a CRM from a display name ("Jan de Vries" → Jan / de Vries); one word is a first name. */
export function splitName(displayName: string | null): { firstName: string | null; lastName: string | null } {
  const words = (displayName ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { firstName: null, lastName: null };
  return { firstName: words[0]!, lastName: words.length > 1 ? words.slice(1).join(' ') : null };
}
