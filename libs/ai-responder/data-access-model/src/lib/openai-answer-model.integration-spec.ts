import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import {
  FAKE_UNKNOWN_ANSWER,
  fakeEmbedding,
  startFakeOpenAi,
  type FakeOpenAi,
  type FakeOpenAiOptions,
} from '../testing';
import { ModelUnavailableError, type AnswerRequest } from './answer-model.port';
import { buildAnswerMessages } from './answer-prompt';
import { createConnectTimeoutFetch } from './connect-timeout-fetch';
import type { ModelConfig } from './model.config';
import { OpenAiAnswerModel, createAnswerModel } from './openai-answer-model';

// Every test goes through the real OpenAI SDK and real HTTP to the local fake API.

const request: AnswerRequest = {
  question: 'When are you open on <Saturday>?',
  locale: 'en',
  passages: [
    { id: 'kb-1', title: 'Opening hours', text: 'We are open from 9 to 17 on weekdays. On Saturday from 10 to 14.', url: 'https://example.org/hours' },
    { id: 'kb-2', title: 'Returns', text: 'You can return a product within 30 days.', url: null },
  ],
  history: [
    { role: 'assistant', text: 'Hello, I am the AI assistant of Example BV.' },
    { role: 'customer', text: 'Hi' },
    { role: 'assistant', text: 'How can I help?' },
  ],
  systemPrompt: 'You are the AI assistant of Example BV. Canary: blue-kettle-42.',
};

const models: OpenAiAnswerModel[] = [];
const fakes: FakeOpenAi[] = [];

async function fake(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const server = await startFakeOpenAi(options);
  fakes.push(server);
  return server;
}

function model(server: Pick<FakeOpenAi, 'apiKey' | 'baseUrl'>, overrides: Partial<ModelConfig> = {}): OpenAiAnswerModel {
  const config: ModelConfig = {
    apiKey: server.apiKey,
    baseUrl: server.baseUrl,
    model: 'gpt-4o-mini',
    embeddingModel: 'fake-embedding',
    connectTimeoutMs: 500,
    totalTimeoutMs: 1_500,
    breakerFailures: 5,
    breakerResetMs: 30_000,
    ...overrides,
  };
  const created = createAnswerModel(config);
  if (!created) throw new Error('expected a model');
  models.push(created);
  return created;
}

async function failure(promise: Promise<unknown>): Promise<ModelUnavailableError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ModelUnavailableError) return error;
    throw error;
  }
  throw new Error('expected a ModelUnavailableError');
}

async function timed<T>(promise: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await promise;
  return { result, ms: performance.now() - started };
}

afterEach(async () => {
  for (const m of models.splice(0)) m.close();
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

describe('OpenAiAnswerModel.answer', () => {
  it('parses a structured answer grounded on the passages', async () => {
    const server = await fake();
    const answer = await model(server).answer(request);
    expect(answer).toEqual({
      answer: 'We are open from 9 to 17 on weekdays.',
      usedPassageIds: ['kb-1'],
      grounded: true,
      wantsHuman: false,
      model: 'gpt-4o-mini',
    });
    const [sent] = server.chatRequests();
    expect(sent.body.response_format).toEqual({
      type: 'json_schema',
      json_schema: expect.objectContaining({ name: 'pegamento_answer', strict: true }),
    });
  });

  it('sends exactly the built messages and nothing else about the customer', async () => {
    const server = await fake();
    await model(server).answer(request);
    const [sent] = server.requests();
    expect(sent.path).toBe('/v1/chat/completions');
    expect(Object.keys(sent.body).sort()).toEqual(['messages', 'model', 'response_format']);
    expect(sent.body.messages).toEqual(buildAnswerMessages(request));
    expect(sent.body.model).toBe('gpt-4o-mini');
    expect(Object.keys(sent.headers).filter((h) => /stainless-(os|arch|runtime)/.test(h))).toEqual([]);
    expect(Object.keys(sent.headers)).not.toContain('openai-organization');
  });

  it('answers "not grounded" with no passages, as the fake does by default', async () => {
    const server = await fake();
    const answer = await model(server).answer({ ...request, passages: [] });
    expect(answer).toMatchObject({ answer: FAKE_UNKNOWN_ANSWER, usedPassageIds: [], grounded: false });
  });

  it('forces grounded to false when the model names an unknown passage or none', async () => {
    const server = await fake({
      behaviour: ({ index }) => ({
        json: { answer: 'Open 9-17.', used_passage_ids: index === 0 ? ['kb-1', 'kb-404'] : [], grounded: true, wants_human: false },
      }),
    });
    const m = model(server);
    expect(await m.answer(request)).toMatchObject({ grounded: false, usedPassageIds: ['kb-1'] });
    expect(await m.answer(request)).toMatchObject({ grounded: false, usedPassageIds: [] });
  });

  it('passes on that the customer wants a person', async () => {
    const server = await fake({ behaviour: () => ({ json: { answer: 'A colleague will help you.', used_passage_ids: [], grounded: false, wants_human: true } }) });
    expect(await model(server).answer(request)).toMatchObject({ wantsHuman: true, grounded: false });
  });

  it('reports invalid JSON and a wrong shape as bad_output', async () => {
    const server = await fake({ behaviour: ({ index }) => (index === 0 ? { text: 'Sure! We are open.' } : { json: { answer: 'x' } }) });
    const m = model(server);
    expect((await failure(m.answer(request))).code).toBe('bad_output');
    expect((await failure(m.answer(request))).code).toBe('bad_output');
    expect(server.chatRequests()).toHaveLength(2); // bad output is not retried
  });

  it('falls back to json_object when the endpoint rejects json_schema, and remembers it', async () => {
    const server = await fake({ jsonSchema: false });
    const m = model(server);
    expect((await m.answer(request)).grounded).toBe(true);
    expect((await m.answer(request)).grounded).toBe(true);
    expect(server.chatRequests().map((r) => r.responseFormat)).toEqual(['json_schema', 'json_object', 'json_object']);
  });

  it('retries once after a 500 and then answers', async () => {
    const server = await fake({ behaviour: ({ index }) => (index === 0 ? { status: 500 } : undefined) });
    expect((await model(server).answer(request)).grounded).toBe(true);
    expect(server.chatRequests()).toHaveLength(2);
  });

  it('gives http_error after a 500 twice, with exactly one retry', async () => {
    const server = await fake({ behaviour: () => ({ status: 503 }) });
    const error = await failure(model(server).answer(request));
    expect(error).toMatchObject({ code: 'http_error', status: 503 });
    expect(server.chatRequests()).toHaveLength(2);
  });

  it('does not retry a 400 or a wrong API key', async () => {
    const server = await fake({ behaviour: () => ({ status: 400, error: { message: 'context too long' } }) });
    expect(await failure(model(server).answer(request))).toMatchObject({ code: 'http_error', status: 400 });
    expect(await failure(model({ ...server, apiKey: 'wrong' }).answer(request))).toMatchObject({ code: 'http_error', status: 401 });
    expect(server.requests()).toHaveLength(2);
  });

  it('times out on a hanging endpoint within the total budget, retry included', async () => {
    const server = await fake({ behaviour: () => ({ hang: true }) });
    const totalTimeoutMs = 1_000;
    const { result: error, ms } = await timed(failure(model(server, { totalTimeoutMs }).answer(request)));
    expect(error.code).toBe('timeout');
    expect(ms).toBeGreaterThanOrEqual(totalTimeoutMs - 20);
    expect(ms).toBeLessThan(totalTimeoutMs + 300);
    expect(ms).toBeLessThan(2 * totalTimeoutMs);
    expect(server.chatRequests()).toHaveLength(1); // no budget left for a retry
  });

  it('times out when the endpoint sends headers and then stalls the body', async () => {
    const server = await fake({ behaviour: () => ({ hang: 'after-headers' }) });
    const { result: error, ms } = await timed(failure(model(server, { totalTimeoutMs: 800 }).answer(request)));
    expect(error.code).toBe('timeout');
    expect(ms).toBeLessThan(800 + 300);
  });

  it('answers when the endpoint is slow but within the budget', async () => {
    const server = await fake({ behaviour: () => ({ delayMs: 600 }) });
    expect((await model(server, { totalTimeoutMs: 1_500 }).answer(request)).grounded).toBe(true);
  });

  it('gives up a connection that is not made within the connect timeout, and retries it once', async () => {
    // Accepts TCP but never completes the TLS handshake: only the connect timeout can end it.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const m = model({ apiKey: 'k', baseUrl: `https://127.0.0.1:${port}/v1` }, { connectTimeoutMs: 300, totalTimeoutMs: 2_000 });
      const { result: error, ms } = await timed(failure(m.answer(request)));
      expect(error.code).toBe('timeout');
      expect(sockets).toHaveLength(2);
      expect(ms).toBeGreaterThanOrEqual(2 * 300);
      expect(ms).toBeLessThan(1_300); // two connect timeouts and the pause, far below the 2 s budget
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('reports an unreachable endpoint as http_error after one retry', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const transport = createConnectTimeoutFetch(500);
    let attempts = 0;
    const m = new OpenAiAnswerModel(
      { apiKey: 'k', baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm', connectTimeoutMs: 500, totalTimeoutMs: 1_500, breakerFailures: 5, breakerResetMs: 1_000 },
      { fetch: (input, init) => (attempts++, transport.fetch(input, init)) },
    );
    try {
      expect(await failure(m.answer(request))).toMatchObject({ code: 'http_error', status: null });
      expect(attempts).toBe(2);
    } finally {
      transport.close();
    }
  });
});

describe('circuit breaker', () => {
  it('opens after N failing calls, refuses at once while open, and half-opens after the reset time', async () => {
    let healthy = false;
    const server = await fake({ behaviour: () => (healthy ? undefined : { status: 500 }) });
    const m = model(server, { breakerFailures: 3, breakerResetMs: 400 });
    for (let i = 0; i < 3; i++) expect((await failure(m.answer(request))).code).toBe('http_error');
    expect(server.chatRequests()).toHaveLength(6); // each call: first try and its one retry
    expect(m.circuitState).toBe('open');

    const { result: open, ms } = await timed(failure(m.answer(request)));
    expect(open.code).toBe('circuit_open');
    expect(ms).toBeLessThan(50);
    expect(await failure(m.embed(['x']))).toMatchObject({ code: 'circuit_open' });
    expect(server.chatRequests()).toHaveLength(6);

    await sleep(420);
    expect(m.circuitState).toBe('half_open');
    expect((await failure(m.answer(request))).code).toBe('http_error'); // the trial fails: open again
    expect(m.circuitState).toBe('open');
    expect((await failure(m.answer(request))).code).toBe('circuit_open');

    await sleep(420);
    healthy = true;
    expect((await m.answer(request)).grounded).toBe(true); // the trial succeeds: closed
    expect(m.circuitState).toBe('closed');
    expect((await m.answer(request)).grounded).toBe(true);
  });

  it('does not count bad output or a rejected request as the endpoint failing', async () => {
    const server = await fake({ behaviour: ({ index }) => (index % 2 ? { text: 'not json' } : { status: 400 }) });
    const m = model(server, { breakerFailures: 2 });
    for (let i = 0; i < 4; i++) await failure(m.answer(request));
    expect(m.circuitState).toBe('closed');
  });
});

describe('OpenAiAnswerModel.summarise', () => {
  it('returns the plain-text summary, sending the transcript as escaped data without response_format', async () => {
    const server = await fake({ behaviour: () => ({ text: '  The customer asks about opening hours.  ' }) });
    const summary = await model(server).summarise({
      locale: 'en',
      systemPrompt: 'Summarise for a colleague.',
      trigger: 'customer_request',
      transcript: [{ role: 'customer', text: 'Open on <Sunday>?' }],
    });
    expect(summary).toBe('The customer asks about opening hours.');
    const [sent] = server.chatRequests();
    expect(sent.responseFormat).toBeNull();
    expect(sent.messages[1].content).toContain('<turn role="customer">Open on &lt;Sunday&gt;?</turn>');
  });

  it('reports an empty summary as bad_output', async () => {
    const server = await fake({ behaviour: () => ({ text: ' ' }) });
    const error = await failure(model(server).summarise({ locale: 'en', systemPrompt: 's', trigger: 't', transcript: [] }));
    expect(error.code).toBe('bad_output');
  });
});

describe('OpenAiAnswerModel.embed', () => {
  it('returns one vector per text, in order', async () => {
    const server = await fake();
    const vectors = await model(server).embed(['opening hours', 'returns within 30 days']);
    expect(vectors).toHaveLength(2);
    expect(vectors?.[0]).toHaveLength(64);
    expect(vectors?.[0]?.[0]).toBeCloseTo(fakeEmbedding('opening hours')[0], 6);
    expect(vectors?.[1]?.every((v, i) => Math.abs(v - fakeEmbedding('returns within 30 days')[i]) < 1e-9)).toBe(true);
    expect(server.requests()[0].body).toEqual({ model: 'fake-embedding', input: ['opening hours', 'returns within 30 days'], encoding_format: 'float' });
  });

  it('answers null when the endpoint has no embeddings, and stops asking', async () => {
    const server = await fake({ embeddings: false });
    const m = model(server);
    expect(await m.embed(['a'])).toBeNull();
    expect(await m.embed(['b'])).toBeNull();
    expect(server.requests()).toHaveLength(1);
    expect((await m.answer(request)).grounded).toBe(true); // chat is unaffected
  });

  it('answers null without a request when no embedding model is configured, and [] for no texts', async () => {
    const server = await fake();
    expect(await model(server, { embeddingModel: undefined }).embed(['a'])).toBeNull();
    expect(await model(server).embed([])).toEqual([]);
    expect(server.requests()).toHaveLength(0);
  });
});

describe('createAnswerModel', () => {
  it('gives no model without a config or an API key', () => {
    expect(createAnswerModel(null)).toBeNull();
    expect(
      createAnswerModel({ apiKey: '', model: 'm', connectTimeoutMs: 1, totalTimeoutMs: 1, breakerFailures: 1, breakerResetMs: 1 }),
    ).toBeNull();
  });
});

describe('the fake OpenAI API through the SDK', () => {
  it('streams a chat completion as SSE chunks ending in [DONE]', async () => {
    const server = await fake({ behaviour: () => ({ text: 'Hello from a streamed answer.' }) });
    const transport = createConnectTimeoutFetch(500);
    try {
      for (const fetch of [transport.fetch, undefined]) {
        const client = new OpenAI({ apiKey: server.apiKey, baseURL: server.baseUrl, maxRetries: 0, fetch });
        const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true });
        let text = '';
        let chunks = 0;
        let finish: string | null = null;
        for await (const chunk of stream) {
          chunks++;
          text += chunk.choices[0]?.delta.content ?? '';
          finish = chunk.choices[0]?.finish_reason ?? finish;
        }
        expect(text).toBe('Hello from a streamed answer.');
        expect(chunks).toBeGreaterThan(2);
        expect(finish).toBe('stop');
      }
    } finally {
      transport.close();
    }

    const raw = await new Promise<{ type: string | undefined; body: string }>((resolve, reject) => {
      const req = http.request(`${server.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => resolve({ type: res.headers['content-type'], body }));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true }));
    });
    expect(raw.type).toBe('text/event-stream');
    expect(raw.body.startsWith('data: {')).toBe(true);
    expect(raw.body.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('lists models, decodes base64 embeddings and refuses a wrong key with the OpenAI error shape', async () => {
    const server = await fake();
    const client = new OpenAI({ apiKey: server.apiKey, baseURL: server.baseUrl, maxRetries: 0 });
    expect((await client.models.list()).data.map((m) => m.id)).toEqual(['gpt-4o-mini', 'fake-embedding']);
    const embedded = await client.embeddings.create({ model: 'fake-embedding', input: 'opening hours' }); // SDK default: base64
    expect(embedded.data[0].embedding[3]).toBeCloseTo(fakeEmbedding('opening hours')[3], 6);

    const wrong = new OpenAI({ apiKey: 'wrong', baseURL: server.baseUrl, maxRetries: 0 });
    await expect(wrong.models.list()).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
  });
});
