import { actionErrorText, loginErrorText, type ApiFailure } from './errors';
import { translator } from './i18n';

const en = translator('en');
const http = (status: number, code: string | null = null, extra: Partial<Extract<ApiFailure, { kind: 'http' }>> = {}): ApiFailure => ({
  kind: 'http',
  status,
  code,
  message: null,
  retryAfterSeconds: null,
  ...extra,
});

describe('error texts', () => {
  it('tells a locked-out agent how long to wait, from Retry-After', () => {
    expect(loginErrorText(http(429, 'account_locked', { retryAfterSeconds: 900 }), en)).toBe('This account is locked after too many failed attempts. Try again in 15 minutes.');
    expect(loginErrorText(http(429, 'rate_limited', { retryAfterSeconds: 20 }), en)).toBe('Too many login attempts from this network. Try again in 20 seconds.');
  });

  it('says plainly when the details are wrong, the input is bad, or the server is away', () => {
    expect(loginErrorText(http(401, 'invalid_credentials'), en)).toMatch(/not right/);
    expect(loginErrorText(http(400, 'invalid_request'), en)).toMatch(/valid e-mail/);
    expect(loginErrorText({ kind: 'network' }, en)).toMatch(/cannot be reached/);
    expect(loginErrorText(http(500), en)).toMatch(/went wrong/);
  });

  it("shows the server's own words on a conflict, and an ended session on 401", () => {
    expect(actionErrorText(http(409, 'conflict', { message: 'Claim this conversation first.' }), en)).toBe('That did not work: Claim this conversation first.');
    expect(actionErrorText(http(401, 'invalid_token'), en)).toMatch(/session has ended/);
    expect(actionErrorText(http(403, 'forbidden'), en)).toMatch(/role/);
    expect(actionErrorText(http(503), en)).toMatch(/went wrong/);
  });
});
