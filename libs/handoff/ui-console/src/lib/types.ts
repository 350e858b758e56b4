/*
 * What the console reads of the API's answers: the contract's Conversation and Message
 * (libs/shared/contracts api.ts, contract.md) plus the console's extensions. Written out
 * here rather than imported: the contracts' index also holds Node-only code (Buffer), which
 * the browser typecheck (tsconfig.ui.json, DOM only) cannot load.
 */
export type HandoffTrigger =
  | 'customer_request'
  | 'handoff_button'
  | 'flagged_answer'
  | 'could_not_answer'
  | 'frustration'
  | 'sensitive_topic'
  | 'crisis'
  | 'agent_initiated';

export interface Conversation {
  id: string;
  channel: 'web' | 'whatsapp' | 'sms' | 'email';
  status: 'bot' | 'waiting_for_agent' | 'with_agent' | 'closed';
  locale: string;
  assignedAgent: { id: string; displayName: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface MessageBody {
  id: string;
  conversationId: string;
  direction: 'inbound' | 'outbound';
  author: { type: 'customer' | 'ai' | 'agent' | 'system'; displayName: string };
  text: string;
  aiGenerated: boolean;
  sources?: { title: string; url: string | null }[];
  flagged?: boolean;
  createdAt: string;
}

export interface Attachment {
  contentType: string;
  url: string | null;
  sizeBytes: number | null;
  /** An e-mail attachment's file name. */
  filename?: string | null;
}

/** A transcript message: the contract's Message, the flag reason, and delivery fields when the channel reports them. */
export type Message = MessageBody & {
  flagReason?: string | null;
  /** Channel delivery, where the channel reports it (SMS, WhatsApp): queued, sent, delivered, read, failed, undelivered. */
  deliveryStatus?: string | null;
  deliveryError?: { code: string; message: string } | string | null;
  attachments?: Attachment[];
  segments?: number;
};

export interface QueueItem extends Conversation {
  waitingSince: string | null;
  waitingSeconds: number;
  trigger: HandoffTrigger | null;
  outsideHours: boolean | null;
  matchesLanguages: boolean;
}

export interface ConversationListItem extends Conversation {
  waitingSince: string | null;
  trigger: HandoffTrigger | null;
  outsideHours: boolean | null;
  lastActivityAt: string;
}

export interface HandoffInfo {
  trigger: HandoffTrigger;
  reason: string | null;
  requestedAt: string;
  outsideHours: boolean;
  claimedAt: string | null;
  firstHumanReplyAt: string | null;
}

export interface Contact {
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
}

export interface Transcript {
  conversation: Conversation;
  messages: Message[];
  summary: string | null;
  handoff: HandoffInfo | null;
  contact?: Contact | null;
}

export type Role = 'agent' | 'admin';

export interface SessionUser {
  id: string;
  displayName: string;
  role: Role;
  tenantId: string;
}

export interface LoginAnswer {
  accessToken: string;
  expiresIn: number;
  user: SessionUser;
}

export interface ChannelCompliance {
  channel: string;
  conversations: number;
  disclosedAtFirstInteraction: number;
  disclosureShare: number | null;
  humanRequests: number;
  humanRequestsAnswered: number;
  unansweredRequests: number;
  timeToHumanSeconds: { median: number | null; p90: number | null };
  flaggedAnswers: number;
}

export interface ComplianceReport {
  from: string;
  to: string;
  channels: ChannelCompliance[];
  totals: Omit<ChannelCompliance, 'channel'>;
}

export interface KnowledgeArticle {
  id: string;
  title: string;
  body: string;
  locale: string;
  url: string | null;
  createdAt: string;
  updatedAt: string;
}

export const KNOWN_TRIGGERS: readonly HandoffTrigger[] = [
  'customer_request',
  'handoff_button',
  'flagged_answer',
  'could_not_answer',
  'frustration',
  'sensitive_topic',
  'crisis',
  'agent_initiated',
];
