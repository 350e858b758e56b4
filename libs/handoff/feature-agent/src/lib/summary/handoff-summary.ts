import type { AuthorType, HandoffTrigger } from '@pegamento/contracts';

/** Messages of the transcript a summary quotes. */
export const SUMMARY_MESSAGE_COUNT = 6;
const MAX_LINE_CHARS = 500;
/** handoff.requested v1 carries a summary of at most 4,000 characters. */
export const SUMMARY_MAX_CHARS = 4_000;

const TRIGGER_WORDS: Record<HandoffTrigger, string> = {
  customer_request: 'the customer asked for a person',
  handoff_button: 'the customer pressed "talk to a person"',
  flagged_answer: 'the customer marked an AI answer as wrong',
  could_not_answer: 'the AI assistant could not answer from approved content',
  frustration: 'the customer seems frustrated',
  sensitive_topic: 'the topic needs a person',
  crisis: 'possible crisis: answer with priority',
  agent_initiated: 'an agent took over',
};

export interface SummaryMessage {
  authorType: AuthorType;
  authorDisplayName: string;
  text: string;
}

export interface SummaryInput {
  trigger: HandoffTrigger;
  /** Machine-readable reason (rule id, topic), if any. */
  reason: string | null;
  outsideHours?: boolean;
  /** The transcript's last messages, oldest first; only the last six are quoted. */
  messages: readonly SummaryMessage[];
}

function speaker(message: SummaryMessage): string {
  switch (message.authorType) {
    case 'customer':
      return 'customer';
    case 'ai':
      return 'AI assistant';
    case 'agent':
      return message.authorDisplayName ? `agent ${message.authorDisplayName}` : 'agent';
    case 'system':
      return 'system';
  }
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_LINE_CHARS ? `${flat.slice(0, MAX_LINE_CHARS - 1)}…` : flat;
}

/**
 * The summary an agent reads before answering: why the conversation came to a
 * person, then the last six messages as "customer: …" / "AI assistant: …" lines (agent-facing, in English like the rest of the summary).
 */
export function buildHandoffSummary(input: SummaryInput): string {
  const why = `${input.trigger}: ${TRIGGER_WORDS[input.trigger]}${input.reason ? ` (${input.reason})` : ''}`;
  const lines = [`Trigger: ${why}${input.outsideHours ? '; asked outside opening hours' : ''}`];
  for (const message of input.messages.slice(-SUMMARY_MESSAGE_COUNT)) {
    lines.push(`${speaker(message)}: ${oneLine(message.text)}`);
  }
  const summary = lines.join('\n');
  return summary.length > SUMMARY_MAX_CHARS ? `${summary.slice(0, SUMMARY_MAX_CHARS - 1)}…` : summary;
}
