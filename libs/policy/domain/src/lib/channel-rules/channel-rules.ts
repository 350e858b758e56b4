/**
 * Rules for channels without a UI (SMS, WhatsApp), where the text itself must say who
 * writes (R03, R04, R06): an AI message carries the "[AI-assistent]" label on the
 * disclosure and whenever the speaker changed to the assistant; a person's message
 * starts with their name and role ("Sanne (medewerker): …"); a whole message that is
 * one of the person keywords hands over on the first ask (R10).
 */
export type TextChannelAuthor = 'ai' | 'agent' | 'system';

/** SMS and WhatsApp show no author or badge next to a message: the text has to. */
export function isTextOnlyChannel(channel: string): channel is 'sms' | 'whatsapp' {
  return channel === 'sms' || channel === 'whatsapp';
}

/** MENS, MEDEWERKER, HUMAN, AGENT: the keywords the disclosure and help texts tell the customer to send. */
export const HANDOVER_KEYWORDS: readonly string[] = ['MENS', 'MEDEWERKER', 'HUMAN', 'AGENT'];

/** The whole message is a person keyword (any case, outer spaces and punctuation ignored), in any language. */
export function isHandoverKeyword(text: string): boolean {
  const word = text
    .normalize('NFKC')
    .trim()
    .replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, '')
    .toUpperCase();
  return HANDOVER_KEYWORDS.includes(word);
}

export interface ChannelTextInput {
  authorType: TextChannelAuthor;
  /** The person's display name (agents). */
  displayName: string;
  text: string;
  /** This message is the AI disclosure. */
  isDisclosure: boolean;
  /** Author type of the previous message the customer got on this channel, or null for the first. */
  previousAuthorType: TextChannelAuthor | null;
  /** "[AI-assistent]" in the conversation's language. */
  aiLabel: string;
  /** "medewerker" in the conversation's language. */
  roleLabel: string;
}

/** An AI message is labelled on the disclosure, as the first message, and after anyone else spoke. */
export function needsAiLabel(input: Pick<ChannelTextInput, 'authorType' | 'isDisclosure' | 'previousAuthorType'>): boolean {
  return input.authorType === 'ai' && (input.isDisclosure || input.previousAuthorType !== 'ai');
}

/** The text as the customer reads it on SMS or WhatsApp. */
export function renderChannelText(input: ChannelTextInput): string {
  if (input.authorType === 'agent') {
    const prefix = `${input.displayName} (${input.roleLabel}):`;
    return input.text.startsWith(prefix) ? input.text : `${prefix} ${input.text}`;
  }
  if (needsAiLabel(input) && !input.text.startsWith(input.aiLabel)) return `${input.aiLabel} ${input.text}`;
  return input.text;
}
