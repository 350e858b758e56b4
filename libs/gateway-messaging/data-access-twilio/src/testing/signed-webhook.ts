import twilio from 'twilio';

/**
 * A webhook request as Twilio sends it: form-encoded, with X-Twilio-Signature made by
 * the `twilio` library's own signing over `signedUrl` (the public URL Twilio was given)
 * and the parameters.
 */
export function signedTwilioRequest(authToken: string, signedUrl: string, params: Record<string, string>): { headers: Record<string, string>; body: string } {
  return {
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, signedUrl, params),
    },
    body: new URLSearchParams(params).toString(),
  };
}

/** A Twilio-style id: two letters and 32 hex digits. */
export function twilioSid(prefix: 'SM' | 'MM' | 'AC' | 'HX' | 'ME'): string {
  let hex = '';
  for (let i = 0; i < 32; i++) hex += Math.floor(Math.random() * 16).toString(16);
  return `${prefix}${hex}`;
}
