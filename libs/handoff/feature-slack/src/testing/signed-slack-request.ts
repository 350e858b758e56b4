import { createHmac } from 'node:crypto';

export interface SignedSlackRequest {
  headers: Record<string, string>;
  body: string;
}

/**
 * A request as Slack sends it: `X-Slack-Request-Timestamp` and `X-Slack-Signature`
 * `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>` with the app's signing secret
 * (api.slack.com/authentication/verifying-requests-from-slack). The receiving side
 * verifies with Bolt; this is the far side's signing.
 */
export function signedSlackRequest(
  signingSecret: string,
  body: string,
  options: { contentType?: string; timestamp?: number; retryNum?: number } = {},
): SignedSlackRequest {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1_000);
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': options.contentType ?? 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
      ...(options.retryNum !== undefined ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
    },
  };
}

/** An interactivity payload (block_actions) or a slash command as Slack posts it: a form. */
export function slackForm(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}
