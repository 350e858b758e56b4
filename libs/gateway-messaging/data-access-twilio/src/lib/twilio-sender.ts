import twilio from 'twilio';
import { isRetryableSendFailure, parseRetryAfter } from '@pegamento/gateway-messaging-domain';
import { TwilioHttpClient, withExchange, type TwilioExchange } from './twilio-http-client';

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
  /** TWILIO_API_BASE_URL */
  baseUrl: string;
  /** TWILIO_SEND_TIMEOUT_MS: deadline of one call. */
  timeoutMs: number;
}

export interface TwilioSendRequest {
  /** `+316…` or `whatsapp:+316…` */
  to: string;
  from: string;
  body?: string;
  /** An approved template (WhatsApp) instead of a body. */
  contentSid?: string;
  contentVariables?: Record<string, string>;
  statusCallback?: string;
}

export type TwilioSendOutcome =
  | { kind: 'accepted'; sid: string; status: string; numSegments: number | null }
  | {
      kind: 'rejected';
      /** null: no answer (network error, timeout). */
      httpStatus: number | null;
      /** Twilio's error code (21610, 63016, 20429, …) or the network error's. */
      code: string | null;
      message: string;
      retryAfterMs: number | null;
      /** 429, 5xx or no answer: another try may work. */
      retryable: boolean;
    };

/** What `DELETE /Messages/{Sid}` came to: deleted (204), or why not, without the message's text. */
export type TwilioDeleteOutcome =
  | { kind: 'deleted' }
  | {
      kind: 'rejected';
      /** null: no answer (network error, timeout). */
      httpStatus: number | null;
      /** Twilio's error code (20404, 20009, 20429, …) or the network error's. */
      code: string | null;
      retryAfterMs: number | null;
    };

interface RestError {
  status?: unknown;
  code?: unknown;
  message?: unknown;
}

/**
 * Sends one message through Twilio's Node SDK (`client.messages.create`) and says
 * what happened, without throwing: the caller decides about retries.
 */
export class TwilioSender {
  private readonly client: twilio.Twilio;

  constructor(credentials: TwilioCredentials) {
    this.client = twilio(credentials.accountSid, credentials.authToken, {
      httpClient: new TwilioHttpClient(credentials.baseUrl, credentials.timeoutMs),
      autoRetry: false,
    });
  }

  async send(request: TwilioSendRequest): Promise<TwilioSendOutcome> {
    const { exchange, result } = await withExchange(() =>
      this.client.messages.create({
        to: request.to,
        from: request.from,
        ...(request.contentSid
          ? { contentSid: request.contentSid, contentVariables: JSON.stringify(request.contentVariables ?? {}) }
          : { body: request.body ?? '' }),
        ...(request.statusCallback ? { statusCallback: request.statusCallback } : {}),
      }),
    );
    try {
      const message = await result;
      const segments = Number(message.numSegments);
      return { kind: 'accepted', sid: message.sid, status: message.status, numSegments: Number.isFinite(segments) && segments > 0 ? segments : null };
    } catch (error) {
      const failure = readFailure(error, exchange);
      const rest = error as RestError;
      const message = typeof rest.message === 'string' && rest.message ? rest.message : failure.httpStatus === null ? 'Twilio did not answer.' : `Twilio answered HTTP ${failure.httpStatus}.`;
      return { kind: 'rejected', ...failure, message: message.slice(0, 1_000), retryable: isRetryableSendFailure(failure) };
    }
  }

  /**
   * Deletes one message (inbound or outbound) from the account through the SDK
   * (`client.messages(sid).remove()`, DELETE /Messages/{Sid}); Twilio deletes its media
   * with it. Says what happened, without throwing: the caller decides about retries.
   */
  async delete(sid: string): Promise<TwilioDeleteOutcome> {
    const { exchange, result } = await withExchange(() => this.client.messages(sid).remove());
    try {
      await result;
      return { kind: 'deleted' };
    } catch (error) {
      return { kind: 'rejected', ...readFailure(error, exchange) };
    }
  }
}

/** The status, Twilio's error code and Retry-After of a failed SDK call (the SDK's errors drop the headers). */
function readFailure(error: unknown, exchange: TwilioExchange): { httpStatus: number | null; code: string | null; retryAfterMs: number | null } {
  const rest = error as RestError;
  const httpStatus = typeof rest.status === 'number' ? rest.status : (exchange.statusCode ?? null);
  const retryAfterMs = parseRetryAfter(exchange.headers?.['retry-after'] as string | undefined);
  const networkCode = (error as { code?: unknown }).code;
  const code = httpStatus === null ? (typeof networkCode === 'string' ? networkCode : 'network_error') : rest.code !== undefined && rest.code !== null ? String(rest.code) : null;
  return { httpStatus, code, retryAfterMs };
}
