import { isTemporarySmtpFailure, smtpFailureCode } from './smtp-failure';

describe('SMTP failures', () => {
  it('retries 4xx replies and lost connections, not 5xx replies or bad credentials', () => {
    expect(isTemporarySmtpFailure({ responseCode: 451, code: 'EMESSAGE' })).toBe(true);
    expect(isTemporarySmtpFailure({ responseCode: 421, code: null })).toBe(true);
    expect(isTemporarySmtpFailure({ responseCode: 550, code: 'EENVELOPE' })).toBe(false);
    expect(isTemporarySmtpFailure({ responseCode: 554, code: null })).toBe(false);
    expect(isTemporarySmtpFailure({ responseCode: null, code: 'ECONNECTION' })).toBe(true);
    expect(isTemporarySmtpFailure({ responseCode: null, code: 'ETIMEDOUT' })).toBe(true);
    expect(isTemporarySmtpFailure({ responseCode: null, code: 'EAUTH' })).toBe(false);
  });

  it('names the failure by reply code, else by error code', () => {
    expect(smtpFailureCode({ responseCode: 550, code: 'EENVELOPE' })).toBe('smtp_550');
    expect(smtpFailureCode({ responseCode: null, code: 'ECONNECTION' })).toBe('econnection');
    expect(smtpFailureCode({ responseCode: null, code: null })).toBe('network_error');
  });
});
