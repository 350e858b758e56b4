import { CRM_SIGNATURE_HEADER, crmFailure, signCrmWebhook, type CrmCallOutcome } from '@pegamento/crm-sync-domain';
import { parseRetryAfter } from '@pegamento/util-http';

export interface CrmWebhookOptions {
  /** CRM_WEBHOOK_URL */
  url: string;
  /** CRM_WEBHOOK_SECRET */
  secret: string;
  /** CRM_SYNC_TIMEOUT_MS */
  timeoutMs: number;
  /** The clock, in seconds (tests). */
  now?: () => number;
}

/** One event for the CRM or back office: `deliveryId` stays the same on every retry, so the receiver can drop repeats. */
export interface CrmWebhookDelivery {
  deliveryId: string;
  type: 'conversation.closed' | 'contact.erased';
  body: Record<string, unknown>;
}

/**
 * The generic CRM/back-office adapter: each event as a JSON POST to CRM_WEBHOOK_URL, signed
 * with CRM_WEBHOOK_SECRET (`X-Pegamento-Signature: t=…,v1=…`, HMAC-SHA256 over `<t>.<body>`),
 * with `X-Pegamento-Event` and `X-Pegamento-Delivery`. Any 2xx is delivered; 429, 5xx or no
 * answer within CRM_SYNC_TIMEOUT_MS may work later; another answer will not. Never throws.
 */
export class CrmWebhookSender {
  constructor(private readonly options: CrmWebhookOptions) {}

  async send(delivery: CrmWebhookDelivery): Promise<CrmCallOutcome<void>> {
    const body = JSON.stringify({ deliveryId: delivery.deliveryId, type: delivery.type, ...delivery.body });
    const now = this.options.now?.() ?? Math.floor(Date.now() / 1_000);
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Pegamento-CRM-Sync/1',
          [CRM_SIGNATURE_HEADER]: signCrmWebhook(this.options.secret, now, body),
          'x-pegamento-event': delivery.type,
          'x-pegamento-delivery': delivery.deliveryId,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      return crmFailure(null, timedOut ? 'timeout' : 'network_error', timedOut ? `no answer within ${this.options.timeoutMs} ms` : (error as Error).message);
    }
    const text = await response.text().catch(() => '');
    if (response.status >= 200 && response.status < 300) return { kind: 'ok', value: undefined };
    return crmFailure(response.status, null, `the webhook answered HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`, parseRetryAfter(response.headers.get('retry-after')));
  }
}
