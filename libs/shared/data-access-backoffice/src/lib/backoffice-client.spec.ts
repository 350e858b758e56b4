import { FakeBackoffice } from '../testing';
import { BackofficeClient } from './backoffice-client';

describe('BackofficeClient, against a local back office', () => {
  let backoffice: FakeBackoffice;
  const client = (overrides: Partial<ConstructorParameters<typeof BackofficeClient>[0]> = {}) =>
    new BackofficeClient({ baseUrl: backoffice.url, token: 'bo-token-123', timeoutMs: 1_000, maxBytes: 10_000, ...overrides });

  beforeAll(async () => {
    backoffice = await FakeBackoffice.start({ token: 'bo-token-123' });
    backoffice.seed('jan@example.test', {
      customerId: 'K-1001',
      orders: [{ id: '#5001', status: 'Shipped', date: '2026-11-20', summary: '2 items', url: 'https://shop.example/orders/5001', internalMargin: 12 }],
      contracts: [],
    });
  });
  afterAll(async () => {
    await backoffice.stop();
  });

  it('asks by e-mail and phone with its token and keeps only the known fields', async () => {
    const outcome = await client().customerContext({ email: 'jan@example.test', phone: '+31612345678' });
    expect(outcome).toEqual({
      kind: 'ok',
      value: { customerId: 'K-1001', orders: [{ id: '#5001', status: 'Shipped', date: '2026-11-20', summary: '2 items', url: 'https://shop.example/orders/5001' }], contracts: [] },
    });
    const last = backoffice.requests.at(-1)!;
    expect(last.authorization).toBe('Bearer bo-token-123');
    expect(last.query.get('email')).toBe('jan@example.test');
    expect(last.query.get('phone')).toBe('+31612345678');
  });

  it('gives an empty context for a customer it does not know (404)', async () => {
    expect(await client().customerContext({ email: 'nobody@example.test', phone: null })).toEqual({ kind: 'ok', value: { orders: [], contracts: [] } });
  });

  it('fails clearly when the back office is slow, broken, too large or answers something else', async () => {
    backoffice.answerNext({ hang: true });
    expect(await client({ timeoutMs: 200 }).customerContext({ email: 'jan@example.test', phone: null })).toMatchObject({ kind: 'failed', code: 'timeout' });
    backoffice.answerNext({ status: 500 });
    expect(await client().customerContext({ email: 'jan@example.test', phone: null })).toMatchObject({ kind: 'failed', httpStatus: 500 });
    backoffice.answerNext({ raw: 'not json' });
    expect(await client().customerContext({ email: 'jan@example.test', phone: null })).toMatchObject({ kind: 'failed', code: 'invalid_response' });
    backoffice.answerNext({ raw: JSON.stringify({ orders: 'many' }) });
    expect(await client().customerContext({ email: 'jan@example.test', phone: null })).toMatchObject({ kind: 'failed', code: 'invalid_response' });
    backoffice.answerNext({ raw: JSON.stringify({ orders: [{ id: 'x'.repeat(20_000) }] }) });
    expect(await client().customerContext({ email: 'jan@example.test', phone: null })).toMatchObject({ kind: 'failed', code: 'too_large' });
    expect(await client({ token: null }).customerContext({ email: 'jan@example.test', phone: null })).toMatchObject({ kind: 'failed', httpStatus: 401 });
  });
});
