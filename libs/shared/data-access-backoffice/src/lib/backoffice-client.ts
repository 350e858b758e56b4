import { z } from 'zod';

/** What a look-up came to, without throwing. */
export type BackofficeOutcome<T> =
  | { kind: 'ok'; value: T }
  | {
      kind: 'failed';
      /** null: no answer (network error, timeout). */
      httpStatus: number | null;
      code: string | null;
      message: string;
    };

function failure(httpStatus: number | null, code: string | null, message: string): BackofficeOutcome<never> {
  return { kind: 'failed', httpStatus, code, message: message.slice(0, 1_000) };
}

export interface BackofficeOptions {
  /** BACKOFFICE_API_URL */
  baseUrl: string;
  /** BACKOFFICE_API_TOKEN, sent as a Bearer token when set. */
  token: string | null;
  /** BACKOFFICE_TIMEOUT_MS */
  timeoutMs: number;
  /** BACKOFFICE_RESPONSE_MAX_BYTES: a larger answer is refused, not read. */
  maxBytes: number;
}

const text = (max: number) => z.string().trim().min(1).max(max);
const item = z.object({
  id: text(128),
  status: text(128).optional(),
  date: z.string().max(64).optional(),
  summary: text(500).optional(),
  url: z.url({ protocol: /^https?$/ }).max(2_000).optional(),
});

/** What the back office says about a customer, as the agent console shows it. Unknown fields are dropped. */
export const customerContextSchema = z.object({
  customerId: text(128).optional(),
  orders: z.array(item).max(20).default([]),
  contracts: z.array(item).max(20).default([]),
  note: text(2_000).optional(),
});
export type CustomerContext = z.infer<typeof customerContextSchema>;

/**
 * Customer context from the organisation's back office (BACKOFFICE_API_URL), for agents
 * (crm-sync's context route) and for the assistant's order-status answers (ai-responder):
 * `GET <BACKOFFICE_API_URL>/customers/context?email=…&phone=…` answers the customer's
 * orders and contracts as JSON (see customerContextSchema); 404 means "not known" (an empty
 * context). The answer is validated and capped (BACKOFFICE_RESPONSE_MAX_BYTES, 20 orders and
 * 20 contracts); a slow, broken or unreadable back office is a failure the console shows,
 * never a reason not to show the conversation. Never throws.
 */
export class BackofficeClient {
  constructor(private readonly options: BackofficeOptions) {}

  async customerContext(who: { email: string | null; phone: string | null }): Promise<BackofficeOutcome<CustomerContext>> {
    const url = new URL('customers/context', this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`);
    if (who.email) url.searchParams.set('email', who.email);
    if (who.phone) url.searchParams.set('phone', who.phone);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json', ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}) },
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      return failure(null, timedOut ? 'timeout' : 'network_error', timedOut ? `the back office did not answer within ${this.options.timeoutMs} ms` : 'the back office could not be reached');
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return { kind: 'ok', value: customerContextSchema.parse({}) };
    }
    if (!response.ok) {
      await response.body?.cancel();
      return failure(response.status, null, `the back office answered HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > this.options.maxBytes) {
      await response.body?.cancel();
      return failure(response.status, 'too_large', `the back office's answer is larger than ${this.options.maxBytes} bytes`);
    }
    const body = await readCapped(response, this.options.maxBytes);
    if (body === null) return failure(response.status, 'too_large', `the back office's answer is larger than ${this.options.maxBytes} bytes`);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return failure(response.status, 'invalid_response', 'the back office did not answer JSON');
    }
    const parsed = customerContextSchema.safeParse(json);
    if (!parsed.success) return failure(response.status, 'invalid_response', `the back office's answer is not a customer context: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim());
    return { kind: 'ok', value: parsed.data };
  }
}

/** The body as text, or null when it is longer than `max` bytes (reading stops there). */
async function readCapped(response: Response, max: number): Promise<string | null> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
