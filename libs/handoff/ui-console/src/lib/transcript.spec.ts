import { translator } from './i18n';
import { allowedActions, deliveryText, mergeMessages, readSummary, sortOldestFirst, triggerKey } from './transcript';
import type { Conversation, Message, QueueItem, SessionUser } from './types';

const message = (id: string, createdAt: string, extra: Partial<Message> = {}): Message => ({
  id,
  conversationId: 'c1',
  direction: 'inbound',
  author: { type: 'customer', displayName: 'Klant' },
  text: id,
  aiGenerated: false,
  flagged: false,
  createdAt,
  ...extra,
});

const conversation = (extra: Partial<Conversation> = {}): Conversation => ({
  id: 'c1',
  channel: 'web',
  status: 'waiting_for_agent',
  locale: 'nl',
  assignedAgent: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  ...extra,
});

const agent: SessionUser = { id: 'a1', displayName: 'Sanne', role: 'agent', tenantId: 't' };
const admin: SessionUser = { id: 'x9', displayName: 'Admin', role: 'admin', tenantId: 't' };

describe('transcript', () => {
  it('recognises a model-written summary by its "AI summary:" label', () => {
    expect(readSummary('AI summary: The customer wants a refund.')).toEqual({ aiWritten: true, text: 'The customer wants a refund.' });
    expect(readSummary('Trigger: customer_request\ncustomer: hi')).toEqual({ aiWritten: false, text: 'Trigger: customer_request\ncustomer: hi' });
  });

  it('merges pushed messages by id, oldest first, without duplicates', () => {
    const a = message('a', '2026-11-01T10:00:00.000Z');
    const b = message('b', '2026-11-01T10:01:00.000Z');
    const c = message('c', '2026-11-01T10:02:00.000Z');
    expect(mergeMessages([a, c], [b, c]).map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(mergeMessages([a], [{ ...a, flagged: true }])[0]!.flagged).toBe(true);
  });

  it('sorts the queue with the longest waiting first', () => {
    const item = (id: string, waitingSince: string | null) => ({ ...conversation({ id }), waitingSince, waitingSeconds: 0, trigger: null, outsideHours: null, matchesLanguages: true }) as QueueItem;
    const sorted = sortOldestFirst([item('new', '2026-11-01T10:05:00Z'), item('none', null), item('old', '2026-11-01T10:00:00Z')]);
    expect(sorted.map((i) => i.id)).toEqual(['old', 'new', 'none']);
  });

  it('names every trigger, and an unknown one as unknown', () => {
    expect(triggerKey('crisis')).toBe('trigger.crisis');
    expect(triggerKey('something_new')).toBe('trigger.unknown');
    expect(triggerKey(null)).toBe('trigger.unknown');
  });

  it('lets only the agent who has a conversation, or an admin, answer, release and close it', () => {
    expect(allowedActions(conversation(), agent)).toEqual({ claim: true, reply: false, release: false, close: true });
    const mine = conversation({ status: 'with_agent', assignedAgent: { id: 'a1', displayName: 'Sanne' } });
    expect(allowedActions(mine, agent)).toEqual({ claim: false, reply: true, release: true, close: true });
    const theirs = conversation({ status: 'with_agent', assignedAgent: { id: 'a2', displayName: 'Piet' } });
    expect(allowedActions(theirs, agent)).toEqual({ claim: false, reply: false, release: false, close: false });
    expect(allowedActions(theirs, admin)).toEqual({ claim: false, reply: true, release: true, close: true });
    expect(allowedActions(conversation({ status: 'closed' }), agent)).toEqual({ claim: false, reply: false, release: false, close: false });
  });

  it('says how a message was delivered, and why it was not', () => {
    const en = translator('en');
    expect(deliveryText(message('a', 'x'), en)).toBeNull();
    expect(deliveryText(message('a', 'x', { deliveryStatus: 'delivered' }), en)).toEqual({ failed: false, text: 'Delivery: delivered' });
    expect(deliveryText(message('a', 'x', { deliveryStatus: 'undelivered' }), en)).toEqual({ failed: true, text: 'Delivery: not delivered' });
    expect(deliveryText(message('a', 'x', { deliveryStatus: 'failed', deliveryError: { code: '63016', message: 'Outside the WhatsApp window' } }), en)).toEqual({
      failed: true,
      text: 'Not delivered: Outside the WhatsApp window',
    });
    expect(deliveryText(message('a', 'x', { deliveryStatus: 'something' }), en)).toEqual({ failed: false, text: 'Delivery: something' });
  });
});
