import { timingSafeEqual } from 'node:crypto';
import { bearerToken, tokenMatches } from './webhook-token';

jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

describe('the e-mail webhook token', () => {
  it('reads the token of a Bearer header only', () => {
    expect(bearerToken('Bearer abc.def-123')).toBe('abc.def-123');
    expect(bearerToken('bearer   abc ')).toBe('abc');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerToken('Bearer')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('')).toBeNull();
  });

  it('accepts exactly the expected token', () => {
    expect(tokenMatches('a-long-webhook-token-0123456789', 'a-long-webhook-token-0123456789')).toBe(true);
    expect(tokenMatches('a-long-webhook-token-012345678', 'a-long-webhook-token-0123456789')).toBe(false);
    expect(tokenMatches('A-long-webhook-token-0123456789', 'a-long-webhook-token-0123456789')).toBe(false);
    expect(tokenMatches('', 'a-long-webhook-token-0123456789')).toBe(false);
    expect(tokenMatches(null, 'a-long-webhook-token-0123456789')).toBe(false);
    expect(tokenMatches('anything', '')).toBe(false);
  });

  it('compares with timingSafeEqual on equal-length digests, whatever the lengths given', () => {
    const spy = jest.mocked(timingSafeEqual);
    spy.mockClear();
    expect(tokenMatches('short', 'a-much-longer-expected-token-0123456789')).toBe(false);
    expect(spy).toHaveBeenCalledTimes(1);
    const [a, b] = spy.mock.calls[0]! as unknown as [Buffer, Buffer];
    expect(a.length).toBe(32);
    expect(b.length).toBe(32);
  });
});
