import { autoReplyBlock, withinSenderLimit } from './auto-reply';

const headers = (h: Record<string, string>) => new Map(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

describe('loop safety of automatic replies (R33)', () => {
  it('allows an automatic reply to a plain mail from a person', () => {
    expect(autoReplyBlock({ headers: headers({ from: 'jan@example.test', subject: 'Vraag' }) })).toBeNull();
  });

  it.each(['auto-replied', 'auto-generated', 'Auto-Replied; owner-email="x@example.test"', 'auto-notified (vacation)'])('blocks Auto-Submitted: %s', (value) => {
    expect(autoReplyBlock({ headers: headers({ 'auto-submitted': value }) })).toBe('auto_submitted');
  });

  it('allows Auto-Submitted: no (in any case, with a comment)', () => {
    expect(autoReplyBlock({ headers: headers({ 'auto-submitted': 'No (written by a person)' }) })).toBeNull();
  });

  it.each(['<>', ' < > ', '<> (bounce)'])('blocks the null Return-Path %j', (value) => {
    expect(autoReplyBlock({ headers: headers({ 'return-path': value }) })).toBe('null_return_path');
  });

  it('blocks the null SMTP envelope sender and allows a real one', () => {
    expect(autoReplyBlock({ headers: headers({}), envelopeSender: null })).toBe('null_return_path');
    expect(autoReplyBlock({ headers: headers({ 'return-path': '<jan@example.test>' }), envelopeSender: 'jan@example.test' })).toBeNull();
  });

  it.each(['bulk', 'List', 'junk'])('blocks Precedence: %s but not Precedence: first-class', (value) => {
    expect(autoReplyBlock({ headers: headers({ precedence: value }) })).toBe('precedence');
    expect(autoReplyBlock({ headers: headers({ precedence: 'first-class' }) })).toBeNull();
  });

  it.each(['list-id', 'list-unsubscribe', 'list-post', 'list-help'])('blocks mail with a %s header', (name) => {
    expect(autoReplyBlock({ headers: headers({ [name]: '<news.example.test>' }) })).toBe('list_header');
  });

  it('counts a sender within the limit until the limit is reached', () => {
    expect(withinSenderLimit(0, 3)).toBe(true);
    expect(withinSenderLimit(2, 3)).toBe(true);
    expect(withinSenderLimit(3, 3)).toBe(false);
  });
});
