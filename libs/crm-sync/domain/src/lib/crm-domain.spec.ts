import { authorLabel, crmFailure, renderTranscriptHtml, signCrmWebhook, splitName, verifyCrmWebhook, type CrmTranscript } from '../index';

const secret = 'a-crm-webhook-secret-of-some-length';

describe('the CRM webhook signature', () => {
  const body = '{"type":"conversation.closed"}';
  const now = 1_795_900_000;

  it('verifies its own signature in the tolerance, and nothing else', () => {
    const header = signCrmWebhook(secret, now, body);
    expect(header).toMatch(/^t=1795900000,v1=[0-9a-f]{64}$/);
    expect(verifyCrmWebhook(secret, header, body, now + 299)).toBe(true);
    expect(verifyCrmWebhook(secret, header, body, now + 301)).toBe(false);
    expect(verifyCrmWebhook(secret, header, `${body} `, now)).toBe(false);
    expect(verifyCrmWebhook(`${secret}x`, header, body, now)).toBe(false);
    expect(verifyCrmWebhook(secret, header.replace(/t=\d+/, `t=${now + 1}`), body, now)).toBe(false);
    for (const bad of [undefined, '', 'v1=abc', `t=${now}`, `t=${now},v1=zz`, `t=x,v1=${'0'.repeat(64)}`]) expect(verifyCrmWebhook(secret, bad, body, now)).toBe(false);
  });
});

describe('the transcript for a CRM note', () => {
  const transcript: CrmTranscript = {
    conversationId: 'c1',
    tenantId: 't',
    channel: 'whatsapp',
    locale: 'nl',
    startedAt: '2026-11-29T10:00:00.000Z',
    closedAt: '2026-11-29T10:05:00.000Z',
    contact: null,
    omitted: 2,
    messages: [
      { id: '1', direction: 'inbound', author: { type: 'customer', displayName: 'Jan' }, aiGenerated: false, text: 'Waar is <mijn> pakket?\nGraag snel.', createdAt: '2026-11-29T10:00:01.000Z' },
      { id: '2', direction: 'outbound', author: { type: 'ai', displayName: 'AI-assistent' }, aiGenerated: true, text: 'Het komt morgen.', createdAt: '2026-11-29T10:00:02.000Z' },
      { id: '3', direction: 'outbound', author: { type: 'agent', displayName: 'Sanne' }, aiGenerated: false, text: 'Ik kijk mee & bel je.', createdAt: '2026-11-29T10:01:00.000Z' },
    ],
  };

  it('names every author, marks the AI, escapes the texts and says what was left out', () => {
    const html = renderTranscriptHtml(transcript);
    expect(html).toContain('(WhatsApp, nl)');
    expect(html).toContain('2 earlier message(s) left out');
    expect(html).toContain('<strong>Customer</strong> <small>2026-11-29T10:00:01.000Z</small><br>Waar is &lt;mijn&gt; pakket?<br>Graag snel.');
    expect(html).toContain('<strong>AI assistant</strong>');
    expect(html).toContain('<strong>Sanne (agent)</strong> <small>2026-11-29T10:01:00.000Z</small><br>Ik kijk mee &amp; bel je.');
    expect(authorLabel({ ...transcript.messages[0]!, author: { type: 'system', displayName: 'x' }, aiGenerated: true })).toBe('AI assistant (notice)');
  });

  it('splits a display name into first and last name', () => {
    expect(splitName('Jan de Vries')).toEqual({ firstName: 'Jan', lastName: 'de Vries' });
    expect(splitName('  Fatima ')).toEqual({ firstName: 'Fatima', lastName: null });
    expect(splitName(null)).toEqual({ firstName: null, lastName: null });
  });

  it('tells retryable failures (429, 5xx, no answer) from permanent ones', () => {
    expect(crmFailure(429, null, 'x').kind === 'failed' && crmFailure(429, null, 'x')).toMatchObject({ retryable: true });
    expect(crmFailure(null, 'ECONNREFUSED', 'x')).toMatchObject({ retryable: true });
    expect(crmFailure(503, null, 'x')).toMatchObject({ retryable: true });
    expect(crmFailure(400, 'VALIDATION_ERROR', 'x')).toMatchObject({ retryable: false });
  });
});
