import { FakeCrmWebhook, FakeHubSpotServer } from '../testing';
import { CrmWebhookSender } from './crm-webhook-sender';
import { HubSpotCrm, NOTE_TO_CONTACT_ASSOCIATION } from './hubspot-crm';

const token = 'pat-eu1-a-private-app-token';

describe('HubSpotCrm, through the @hubspot/api-client SDK against a local HubSpot API', () => {
  let hubspot: FakeHubSpotServer;
  let crm: HubSpotCrm;

  beforeAll(async () => {
    hubspot = await FakeHubSpotServer.start({ accessToken: token });
    crm = new HubSpotCrm({ accessToken: token, baseUrl: hubspot.url, timeoutMs: 2_000 });
  });
  afterAll(async () => {
    await hubspot.stop();
  });

  it('creates a contact it cannot find, then finds it by e-mail (any case) or phone instead of creating another', async () => {
    const created = await crm.findOrCreateContact({ email: 'jan@example.test', phone: '+31612345678', firstName: 'Jan', lastName: 'de Vries' });
    expect(created).toEqual({ kind: 'ok', value: { id: expect.any(String), created: true } });
    const id = created.kind === 'ok' ? created.value.id : '';
    expect(hubspot.contacts.get(id)?.properties).toEqual({ email: 'jan@example.test', phone: '+31612345678', firstname: 'Jan', lastname: 'de Vries' });
    expect(await crm.findOrCreateContact({ email: 'JAN@example.test', phone: null, firstName: null, lastName: null })).toEqual({ kind: 'ok', value: { id, created: false } });
    expect(await crm.findOrCreateContact({ email: null, phone: '+31612345678', firstName: null, lastName: null })).toEqual({ kind: 'ok', value: { id, created: false } });
  });

  it('adds a note associated with the contact (HubSpot-defined type 202), and deletes it', async () => {
    const contact = hubspot.seedContact({ email: 'note@example.test' });
    const note = await crm.addNote(contact, '<p>Hallo</p>', '2026-11-29T10:00:00.000Z');
    expect(note.kind).toBe('ok');
    const noteId = note.kind === 'ok' ? note.value.id : '';
    expect(hubspot.notes.get(noteId)).toEqual({ id: noteId, body: '<p>Hallo</p>', timestamp: '2026-11-29T10:00:00.000Z', contactIds: [contact] });
    expect(NOTE_TO_CONTACT_ASSOCIATION).toBe(202);
    expect(await crm.deleteNote(noteId)).toEqual({ kind: 'ok', value: undefined });
    expect(hubspot.notes.has(noteId)).toBe(false);
  });

  it('GDPR-deletes a contact, and counts one that is gone already as deleted', async () => {
    const contact = hubspot.seedContact({ email: 'gone@example.test' });
    expect(await crm.purgeContact(contact)).toEqual({ kind: 'ok', value: undefined });
    expect(hubspot.purged).toContain(contact);
    expect(await crm.purgeContact(contact)).toEqual({ kind: 'ok', value: undefined });
  });

  it("reports HubSpot's throttle with Retry-After and server errors as retryable, a validation error as permanent, without throwing", async () => {
    hubspot.failNext({ status: 429, retryAfterSeconds: 3 });
    expect(await crm.findOrCreateContact({ email: 'x@example.test', phone: null, firstName: null, lastName: null })).toMatchObject({
      kind: 'failed',
      httpStatus: 429,
      code: 'RATE_LIMITS',
      retryAfterMs: 3_000,
      retryable: true,
    });
    hubspot.failNext({ status: 502 });
    expect(await crm.addNote(hubspot.seedContact({}), 'x', '2026-11-29T10:00:00.000Z')).toMatchObject({ kind: 'failed', httpStatus: 502, retryable: true });
    expect(await crm.addNote('1', 'x', '2026-11-29T10:00:00.000Z')).toMatchObject({ kind: 'failed', httpStatus: 400, code: 'VALIDATION_ERROR', retryable: false });
  });

  it('gives up on a HubSpot that does not answer within CRM_SYNC_TIMEOUT_MS, as retryable', async () => {
    const impatient = new HubSpotCrm({ accessToken: token, baseUrl: hubspot.url, timeoutMs: 200 });
    hubspot.failNext({ hang: true });
    const outcome = await impatient.findOrCreateContact({ email: 'slow@example.test', phone: null, firstName: null, lastName: null });
    expect(outcome).toMatchObject({ kind: 'failed', httpStatus: null, retryable: true });
  });

  it('is refused with another token', async () => {
    const wrong = new HubSpotCrm({ accessToken: 'pat-eu1-wrong-token', baseUrl: hubspot.url, timeoutMs: 2_000 });
    expect(await wrong.findOrCreateContact({ email: 'a@example.test', phone: null, firstName: null, lastName: null })).toMatchObject({ kind: 'failed', httpStatus: 401, retryable: false });
  });
});

describe('CrmWebhookSender, against a receiver that checks the signature', () => {
  const secret = 'a-crm-webhook-secret-for-tests';
  let receiver: FakeCrmWebhook;

  beforeAll(async () => {
    receiver = await FakeCrmWebhook.start({ secret });
  });
  afterAll(async () => {
    await receiver.stop();
  });

  it('posts signed JSON with the event type and a delivery id that stays the same on a retry', async () => {
    const sender = new CrmWebhookSender({ url: receiver.url, secret, timeoutMs: 2_000 });
    expect(await sender.send({ deliveryId: 'd-1', type: 'conversation.closed', body: { conversation: { id: 'c1' } } })).toEqual({ kind: 'ok', value: undefined });
    const [delivery] = receiver.deliveries.slice(-1);
    expect(delivery).toMatchObject({ signatureValid: true, status: 204, body: { deliveryId: 'd-1', type: 'conversation.closed', conversation: { id: 'c1' } } });
    expect(delivery!.headers['x-pegamento-event']).toBe('conversation.closed');
    expect(delivery!.headers['x-pegamento-delivery']).toBe('d-1');
  });

  it('is refused with another secret, and a stale signature is refused (replay)', async () => {
    expect(await new CrmWebhookSender({ url: receiver.url, secret: 'another-secret-of-some-length', timeoutMs: 2_000 }).send({ deliveryId: 'd-2', type: 'contact.erased', body: {} })).toMatchObject({
      kind: 'failed',
      httpStatus: 401,
      retryable: false,
    });
    const stale = new CrmWebhookSender({ url: receiver.url, secret, timeoutMs: 2_000, now: () => Math.floor(Date.now() / 1_000) - 600 });
    expect(await stale.send({ deliveryId: 'd-3', type: 'contact.erased', body: {} })).toMatchObject({ kind: 'failed', httpStatus: 401 });
  });

  it('reports 429 with Retry-After, 5xx and no answer as retryable', async () => {
    const sender = new CrmWebhookSender({ url: receiver.url, secret, timeoutMs: 300 });
    receiver.failNext(429, 503, 'hang');
    expect(await sender.send({ deliveryId: 'd-4', type: 'contact.erased', body: {} })).toMatchObject({ httpStatus: 429, retryAfterMs: 1_000, retryable: true });
    expect(await sender.send({ deliveryId: 'd-4', type: 'contact.erased', body: {} })).toMatchObject({ httpStatus: 503, retryable: true });
    expect(await sender.send({ deliveryId: 'd-4', type: 'contact.erased', body: {} })).toMatchObject({ httpStatus: null, code: 'timeout', retryable: true });
  });
});
