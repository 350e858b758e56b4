import type { SlackThreadState } from '@pegamento/handoff-data-access';

/** A Block Kit block, as chat.postMessage takes it. */
export type SlackBlock = { type: string } & Record<string, unknown>;
export interface SlackMessage {
  /** The notification text (and what screen readers and old clients show). */
  text: string;
  blocks: SlackBlock[];
}

export const CLAIM_ACTION = 'pegamento_claim';
export const RELEASE_ACTION = 'pegamento_release';
export const CLOSE_ACTION = 'pegamento_close';

/** A model-written summary starts with this (ai-responder's HandoffSummaryConsumer); the console shows the same badge. */
export const AI_SUMMARY_PREFIX = 'AI summary:';
/** Slack refuses a section text above 3,000 characters. */
const SECTION_MAX_CHARS = 3_000;
/** Slack takes at most 50 blocks per message. */
const MAX_BLOCKS = 50;

const CHANNEL_NAMES: Record<string, string> = { web: 'Web chat', sms: 'SMS', whatsapp: 'WhatsApp', email: 'E-mail' };
const LANGUAGE_NAMES: Record<string, string> = { nl: 'Dutch', en: 'English' };
const TRIGGER_NAMES: Record<string, string> = {
  customer_request: 'The customer asked for a person',
  handoff_button: 'The customer pressed "talk to a person"',
  flagged_answer: 'The customer marked an AI answer as wrong',
  could_not_answer: 'The AI assistant could not answer from approved content',
  frustration: 'The customer seems frustrated',
  sensitive_topic: 'The topic needs a person',
  crisis: 'Possible crisis: answer with priority',
  agent_initiated: 'An agent took over',
};

/** Slack's mrkdwn control characters in someone else's text: `&`, `<`, `>` (Slack's own rule), so no text can mention or link. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function channelName(channel: string): string {
  return CHANNEL_NAMES[channel] ?? channel;
}

export function languageName(locale: string): string {
  const name = LANGUAGE_NAMES[locale.split('-')[0] ?? locale];
  return name ? `${name} (${locale})` : locale;
}

export function triggerName(trigger: string, reason: string | null): string {
  const words = TRIGGER_NAMES[trigger] ?? trigger;
  return reason ? `${words} (${reason})` : words;
}

/** A time Slack shows in each reader's own time zone; the ISO time where it cannot. */
export function slackTime(at: Date): string {
  return `<!date^${Math.floor(at.getTime() / 1_000)}^{date_short_pretty} {time}|${at.toISOString()}>`;
}

/** The summary split into whether a model wrote it and its text. */
export function readSummary(summary: string): { aiWritten: boolean; text: string } {
  const trimmed = summary.trimStart();
  if (trimmed.startsWith(AI_SUMMARY_PREFIX)) return { aiWritten: true, text: trimmed.slice(AI_SUMMARY_PREFIX.length).trim() };
  return { aiWritten: false, text: summary.trim() };
}

export interface CardInput {
  conversationId: string;
  channel: string;
  locale: string;
  trigger: string;
  reason: string | null;
  waitingSince: Date;
  outsideHours: boolean;
  summary: string | null;
  state: SlackThreadState;
  /** Who claimed, released or closed it (Pegamento display name). */
  agentName: string | null;
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, SECTION_MAX_CHARS) } };
}

function context(text: string): SlackBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, SECTION_MAX_CHARS) }] };
}

function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger'): Record<string, unknown> {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text }, value, ...(style ? { style } : {}) };
}

function stateLine(state: SlackThreadState, agentName: string | null): string {
  const who = agentName ? escapeSlackText(agentName) : 'an agent';
  switch (state) {
    case 'waiting':
      return ':hourglass_flowing_sand: Waiting for a person';
    case 'claimed':
      return `:raising_hand: Claimed by ${who}`;
    case 'released':
      return `:robot_face: Released to the AI assistant by ${who}`;
    case 'closed':
      return `:white_check_mark: Closed by ${who}`;
  }
}

/** The summary with its label: "AI summary" (and a caution) when a model wrote it. */
function summarySection(summary: string): SlackBlock {
  const read = readSummary(summary);
  const label = read.aiWritten ? ':robot_face: *AI summary* (written by the AI assistant: check it against the transcript)' : '*Summary*';
  return section(`${label}\n${escapeSlackText(read.text)}`);
}

/** The card in the agents' channel: what the console's queue shows of a handoff, with "Claim" while it waits. */
export function renderCard(input: CardInput): SlackMessage {
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'A customer wants a person' } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Channel*\n${channelName(input.channel)}` },
        { type: 'mrkdwn', text: `*Language*\n${languageName(input.locale)}` },
        { type: 'mrkdwn', text: `*Trigger*\n${escapeSlackText(triggerName(input.trigger, input.reason))}${input.outsideHours ? ' (asked outside opening hours)' : ''}` },
        { type: 'mrkdwn', text: `*Waiting since*\n${slackTime(input.waitingSince)}` },
      ],
    },
  ];
  if (input.summary) {
    blocks.push(summarySection(input.summary));
  } else {
    blocks.push(context('No summary yet: the transcript follows when you claim.'));
  }
  blocks.push(context(stateLine(input.state, input.agentName)));
  if (input.state === 'waiting') {
    blocks.push({ type: 'actions', block_id: 'pegamento_card', elements: [button(CLAIM_ACTION, 'Claim', input.conversationId, 'primary')] });
  }
  const text = `${stateLine(input.state, input.agentName)}: ${channelName(input.channel)}, ${languageName(input.locale)}`;
  return { text, blocks };
}

export interface TranscriptLine {
  authorType: 'customer' | 'ai' | 'agent' | 'system';
  authorDisplayName: string;
  aiGenerated: boolean;
  text: string;
}

/** Who wrote a line, with AI messages marked as such whoever sent them. */
export function speakerLabel(line: Pick<TranscriptLine, 'authorType' | 'authorDisplayName' | 'aiGenerated'>): string {
  switch (line.authorType) {
    case 'customer':
      return '*Customer*';
    case 'ai':
      return ':robot_face: *AI assistant* `AI`';
    case 'agent':
      return `*${escapeSlackText(line.authorDisplayName || 'Agent')} (agent)*${line.aiGenerated ? ' `AI draft`' : ''}`;
    case 'system':
      return '_System_';
  }
}

/**
 * The transcript posted into the card's thread on a claim: the summary as it is now (a
 * model's may have come after the card), every message oldest first, AI messages marked,
 * then what the agent can do (Release, Close, reply in the thread).
 */
export function renderTranscript(conversationId: string, lines: readonly TranscriptLine[], agentName: string, summary: string | null = null): SlackMessage {
  const header: SlackBlock[] = [...(summary ? [summarySection(summary)] : []), section(`*Transcript* (${lines.length} message${lines.length === 1 ? '' : 's'}; :robot_face: \`AI\` = written by the AI assistant)`)];
  const footer: SlackBlock[] = [
    context(`Reply in this thread to answer the customer as ${escapeSlackText(agentName)}. Only ${escapeSlackText(agentName)}'s replies are sent; the customer sees your name.`),
    {
      type: 'actions',
      block_id: 'pegamento_thread',
      elements: [button(RELEASE_ACTION, 'Release to the AI assistant', conversationId), button(CLOSE_ACTION, 'Close', conversationId, 'danger')],
    },
  ];
  const room = MAX_BLOCKS - header.length - footer.length - 1;
  // Lines packed into sections of at most 3,000 characters; the oldest dropped if even that is too long.
  const sections: string[] = [];
  for (const line of lines) {
    const entry = clip(`${speakerLabel(line)}: ${escapeSlackText(line.text)}`, SECTION_MAX_CHARS);
    const last = sections[sections.length - 1];
    if (last !== undefined && last.length + 1 + entry.length <= SECTION_MAX_CHARS) sections[sections.length - 1] = `${last}\n${entry}`;
    else sections.push(entry);
  }
  const dropped = sections.length > room ? sections.length - room : 0;
  const body: SlackBlock[] = [
    ...(dropped > 0 ? [context(`Earlier messages are in the console (${dropped} part${dropped === 1 ? '' : 's'} not shown here).`)] : []),
    ...sections.slice(dropped).map(section),
  ];
  return { text: `Transcript for ${escapeSlackText(agentName)}`, blocks: [...header, ...body, ...footer] };
}

/** A customer's message that came in after the claim, into the thread. */
export function renderCustomerMessage(text: string): SlackMessage {
  const line = `*Customer*: ${escapeSlackText(text)}`;
  return { text: clip(`Customer: ${escapeSlackText(text)}`, SECTION_MAX_CHARS), blocks: [section(line)] };
}

export type NoticeKind = 'released' | 'closed' | 'not_sent';

/** What happened to the conversation, in the thread (from Slack or from the console), or why a reply was not sent. */
export function renderNotice(kind: NoticeKind, agentName: string | null, detail: string | null = null): SlackMessage {
  const who = agentName ? escapeSlackText(agentName) : 'An agent';
  const text =
    kind === 'released'
      ? `${who} released this conversation to the AI assistant. Replies here no longer reach the customer.`
      : kind === 'closed'
        ? `${who} closed this conversation. Replies here no longer reach the customer.`
        : `:warning: Not sent to the customer${detail ? `: ${escapeSlackText(detail)}` : '.'}`;
  return { text, blocks: [context(text)] };
}

export interface QueueEntry {
  id: string;
  channel: string;
  locale: string;
  waitingSince: string | null;
  waitingSeconds: number;
}

function waited(seconds: number): string {
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

/** The answer to `/pegamento queue`: the tenant's waiting conversations, longest waiting first as the console sorts them. */
export function renderQueue(items: readonly QueueEntry[], max: number): SlackMessage {
  if (items.length === 0) return { text: 'No conversation is waiting for a person.', blocks: [section('No conversation is waiting for a person.')] };
  const shown = items.slice(0, max);
  const lines = shown.map((item) => `• ${channelName(item.channel)} · ${languageName(item.locale)} · waiting ${waited(item.waitingSeconds)} · \`${item.id}\``);
  const more = items.length > shown.length ? `\n…and ${items.length - shown.length} more in the console.` : '';
  const title = `${items.length} conversation${items.length === 1 ? ' is' : 's are'} waiting for a person:`;
  return { text: title, blocks: [section(`*${title}*\n${lines.join('\n')}${more}`), context('Claim one from its card in the agents\' channel or in the console.')] };
}
