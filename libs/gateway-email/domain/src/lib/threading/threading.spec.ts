import { newMessageId, parseMessageIds, referencesFor, replySubject, threadCandidates } from './threading';

describe('e-mail threading', () => {
  it('reads msg-ids without brackets, in order, once each', () => {
    expect(parseMessageIds('<a@x.test> <b@x.test>\r\n <a@x.test>')).toEqual(['a@x.test', 'b@x.test']);
    expect(parseMessageIds(['<a@x.test>', '<c@y.test>'])).toEqual(['a@x.test', 'c@y.test']);
    expect(parseMessageIds('bare@x.test')).toEqual(['bare@x.test']);
    expect(parseMessageIds(undefined)).toEqual([]);
    expect(parseMessageIds('no ids here')).toEqual([]);
  });

  it('tries In-Reply-To first, then References from the newest to the oldest', () => {
    expect(threadCandidates('<c@x>', '<a@x> <b@x> <c@x>')).toEqual(['c@x', 'b@x', 'a@x']);
    expect(threadCandidates(null, ['<a@x>', '<b@x>'])).toEqual(['b@x', 'a@x']);
  });

  it('answers with one "Re: " whatever the client put before the subject', () => {
    expect(replySubject('Levering', 'x')).toBe('Re: Levering');
    expect(replySubject('RE: Re: AW: Antw: Levering', 'x')).toBe('Re: Levering');
    expect(replySubject('Re[2]: Levering', 'x')).toBe('Re: Levering');
    expect(replySubject('   ', 'Je vraag')).toBe('Re: Je vraag');
    expect(replySubject(null, 'Je vraag')).toBe('Re: Je vraag');
    expect(replySubject('Regels voor retour', 'x')).toBe('Re: Regels voor retour');
  });

  it('builds References from the root and the newest ids, ending with the mail replied to', () => {
    expect(referencesFor(['root', 'b', 'c'], 'c')).toEqual(['root', 'b', 'c']);
    expect(referencesFor(['root', 'b', 'c', 'd'], 'b')).toEqual(['root', 'c', 'd', 'b']);
    const long = Array.from({ length: 30 }, (_, i) => `m${i}`);
    expect(referencesFor(long, 'm29', 5)).toEqual(['m0', 'm26', 'm27', 'm28', 'm29']);
    expect(referencesFor([], null)).toEqual([]);
  });

  it('makes Message-IDs on the support address domain', () => {
    expect(newMessageId('1234', 'Support@Shop.Example')).toBe('1234@shop.example');
  });
});
