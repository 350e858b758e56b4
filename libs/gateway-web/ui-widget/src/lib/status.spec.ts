import { TEXTS } from '../i18n/i18n';
import { conversation } from '../testing/fixtures';
import { statusText, unreadText } from './status';

describe('statusText', () => {
  const en = TEXTS.en;

  it('says who answers now', () => {
    expect(statusText({ conversation: null, connection: 'none' }, en)).toBe(en['status.bot']);
    expect(statusText({ conversation: conversation({ status: 'waiting_for_agent' }), connection: 'online' }, en)).toBe(en['status.waiting']);
    expect(statusText({ conversation: conversation({ status: 'with_agent', assignedAgent: { id: 'a', displayName: 'Sanne' } }), connection: 'online' }, en)).toBe(
      'Sanne (agent) is helping you now.',
    );
    expect(statusText({ conversation: conversation({ status: 'closed' }), connection: 'online' }, TEXTS.nl)).toBe(TEXTS.nl['status.closed']);
  });

  it('says so when the connection dropped', () => {
    expect(statusText({ conversation: conversation(), connection: 'offline' }, en)).toBe(en['status.offline']);
  });
});

describe('unreadText', () => {
  it('gives the count in words, not colour', () => {
    expect(unreadText(0, TEXTS.nl)).toBeNull();
    expect(unreadText(1, TEXTS.nl)).toEqual({ badge: '1 nieuw', label: '1 nieuw bericht' });
    expect(unreadText(3, TEXTS.en)).toEqual({ badge: '3 new', label: '3 new messages' });
  });
});
