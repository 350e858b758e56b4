/** Who a mail is from, as the customer's mail client shows it (R03, R04): the name says AI or person. */
export type MailAuthor = 'ai' | 'agent' | 'system';

export interface SenderNameLabels {
  /** "AI-assistent" in the conversation's language. */
  assistant: string;
  /** "medewerker" in the conversation's language. */
  role: string;
  /** "Melding" (a notice from the platform). */
  system: string;
  /** The organisation's name, when known: "AI-assistent van Winkel". */
  organisation?: string | null;
}

/** The display name of the From header: "AI-assistent", "Sanne (medewerker)", "Melding". */
export function senderDisplayName(author: MailAuthor, personName: string, labels: SenderNameLabels): string {
  const name = author === 'agent' ? `${personName.trim() || labels.role} (${labels.role})` : author === 'ai' ? labels.assistant : labels.system;
  // No line breaks or quotes to break the header; nodemailer encodes the rest.
  return name.replace(/[\r\n"]+/g, ' ').trim().slice(0, 120);
}

/** Mail written without a person (the assistant, the platform's notices) is an automatic reply (RFC 3834). */
export function isAutomaticMail(author: MailAuthor): boolean {
  return author !== 'agent';
}

/**
 * The text of an outbound mail: the disclosure (that AI wrote it and how to reach a person)
 * above the first AI mail of a thread (R01, R33), then the message.
 */
export function composeMailText(text: string, disclosure: string | null): string {
  return disclosure ? `${disclosure}\n\n${text}` : text;
}
