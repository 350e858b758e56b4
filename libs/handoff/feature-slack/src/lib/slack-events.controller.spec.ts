import { isFutureTimestamp } from './slack-events.controller';

describe('the Slack request timestamp', () => {
  const now = Date.parse('2026-11-29T10:00:00Z');
  const s = Math.floor(now / 1_000);

  it('rejects one more than five minutes ahead (Bolt rejects those more than five minutes old)', () => {
    expect(isFutureTimestamp(String(s + 301), now)).toBe(true);
    expect(isFutureTimestamp(String(s + 300), now)).toBe(false);
    expect(isFutureTimestamp(String(s - 3_600), now)).toBe(false);
    expect(isFutureTimestamp(undefined, now)).toBe(false);
    expect(isFutureTimestamp('soon', now)).toBe(false);
  });
});
