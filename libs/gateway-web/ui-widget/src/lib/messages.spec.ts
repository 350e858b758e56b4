import { TEXTS } from '../i18n/i18n';
import { message } from '../testing/fixtures';
import { authorLabel, isAiAnswer, lastMessageId, mergeMessages, safeHttpUrl, settlePending, type PendingMessage } from './messages';

describe('mergeMessages', () => {
  it('keeps each message once when it arrives by socket and by fetch', () => {
    const merged = mergeMessages([message('1'), message('2')], [message('2'), message('3'), message('3')]);
    expect(merged.map((m) => m.id)).toEqual(['1', '2', '3']);
  });

  it('orders by creation time, then id, as the server does', () => {
    const at = '2026-11-29T10:00:00.000Z';
    const merged = mergeMessages([message('9', { createdAt: '2026-11-29T10:00:05.000Z' })], [message('b', { createdAt: at }), message('a', { createdAt: at })]);
    expect(merged.map((m) => m.id)).toEqual(['a', 'b', '9']);
  });

  it('takes the newer copy but never undoes a flag', () => {
    const merged = mergeMessages([message('1', { flagged: true })], [message('1', { text: 'edited', flagged: false })]);
    expect(merged).toEqual([expect.objectContaining({ id: '1', text: 'edited', flagged: true })]);
  });
});

describe('lastMessageId', () => {
  it('is the newest message, or null with none', () => {
    expect(lastMessageId([message('1'), message('2')])).toBe('2');
    expect(lastMessageId([])).toBeNull();
  });
});

describe('settlePending', () => {
  const pending = (id: string, text: string): PendingMessage => ({ clientMessageId: id, text, createdAt: '2026-11-29T10:00:00.000Z', status: 'sending' });

  it('settles the oldest pending message with the same text for each new customer message', () => {
    const left = settlePending([pending('a', 'hoi'), pending('b', 'hoi'), pending('c', 'anders')], [message('1', { type: 'customer', text: 'hoi' })]);
    expect(left.map((p) => p.clientMessageId)).toEqual(['b', 'c']);
  });

  it('ignores messages of others', () => {
    expect(settlePending([pending('a', 'hoi')], [message('1', { type: 'ai', text: 'hoi' })])).toHaveLength(1);
  });
});

describe('isAiAnswer', () => {
  it('is an AI message after a customer message, not the opening disclosure', () => {
    const list = [message('1'), message('2', { type: 'customer' }), message('3'), message('4', { type: 'agent' })];
    expect(list.map((_, i) => isAiAnswer(list, i))).toEqual([false, false, true, false]);
  });
});

describe('authorLabel', () => {
  it('says who wrote a message in words', () => {
    const en = TEXTS.en;
    expect(authorLabel({ type: 'ai', displayName: 'AI-assistent' }, en)).toBe('AI assistant');
    expect(authorLabel({ type: 'agent', displayName: 'Sanne' }, en)).toBe('Sanne (agent)');
    expect(authorLabel({ type: 'agent', displayName: ' ' }, en)).toBe('Agent');
    expect(authorLabel({ type: 'customer', displayName: 'Klant' }, TEXTS.nl)).toBe('Jij');
    expect(authorLabel({ type: 'system', displayName: 'Melding' }, TEXTS.nl)).toBe('Melding');
  });
});

describe('safeHttpUrl', () => {
  it('allows http(s) links only, relative ones against the API origin', () => {
    expect(safeHttpUrl('https://voorbeeldwinkel.example/nl/retourneren')).toBe('https://voorbeeldwinkel.example/nl/retourneren');
    expect(safeHttpUrl('/privacy?lang=nl', 'https://chat.example')).toBe('https://chat.example/privacy?lang=nl');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,x')).toBeNull();
    expect(safeHttpUrl(null)).toBeNull();
    expect(safeHttpUrl('not a url')).toBeNull();
  });
});
