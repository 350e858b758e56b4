import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A local server speaking the part of the OpenAI API Pegamento uses, for tests only:
 * `POST /v1/chat/completions` (plain and `stream: true` SSE), `POST /v1/embeddings`,
 * `GET /v1/models`. It replaces only the far side of the API: the real SDK talks to it
 * over real HTTP.
 */

/** One chat message as received (content flattened to text). */
export interface FakeChatMessage {
  role: string;
  content: string;
}

/** A recorded request: exactly the JSON body the client sent (headers minus Authorization). */
export interface FakeOpenAiRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export interface FakeChatRequest {
  /** 0 for the first chat-completions request this server received, then 1, 2, … */
  index: number;
  model: string;
  messages: FakeChatMessage[];
  /** `response_format.type` when one was sent ('json_schema' | 'json_object' | 'text'). */
  responseFormat: string | null;
  stream: boolean;
  body: Record<string, unknown>;
}

/** The fields of a Pegamento answer (or anything else, to test validation). */
export type FakeAnswerJson = Record<string, unknown>;

export interface FakeError {
  message: string;
  type?: string;
  code?: string | null;
  param?: string | null;
}

/** What the fake does with one chat request. `delayMs` waits before doing it. */
export type FakeReply = { delayMs?: number } & (
  | { json: FakeAnswerJson }
  | { text: string }
  | { status: number; error?: FakeError }
  /** true: never answer; 'after-headers': send 200 headers, then nothing. */
  | { hang: true | 'after-headers' }
  | Record<never, never>
);

/** Scripted behaviour; `undefined` (or `{}` / `{ delayMs }`) means the default answer. */
export type FakeBehaviour = (request: FakeChatRequest) => FakeReply | undefined | Promise<FakeReply | undefined>;

export interface FakeOpenAiOptions {
  /** The key clients must send as `Authorization: Bearer <key>`; default 'test-key'. */
  apiKey?: string;
  behaviour?: FakeBehaviour;
  /** false: /v1/embeddings answers 404 model_not_found. Default true. */
  embeddings?: boolean;
  /** false: a `json_schema` response_format is rejected with 400, as by endpoints without structured outputs. */
  jsonSchema?: boolean;
  /** Models listed by /v1/models. */
  models?: string[];
}

export interface FakeOpenAi {
  /** Base URL for the SDK (`…/v1`). */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Every request received, oldest first (bodies as sent). */
  requests(): FakeOpenAiRequest[];
  /** Only the chat-completions requests. */
  chatRequests(): FakeChatRequest[];
  /** Replaces the scripted behaviour (undefined: back to the default). */
  respondWith(behaviour: FakeBehaviour | undefined): void;
  /** Forgets recorded requests and restarts the chat index at 0. */
  reset(): void;
  close(): Promise<void>;
}

export const FAKE_EMBEDDING_DIMENSION = 64;
export const FAKE_UNKNOWN_ANSWER = "I don't know the answer to that.";

const PASSAGE = /<passage\b[^>]*\bid="([^"]*)"[^>]*>([\s\S]*?)<\/passage>/g;

function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** The passages (id and text, unescaped) in the messages of a request, in order. */
export function passagesIn(messages: readonly FakeChatMessage[]): { id: string; text: string }[] {
  return messages.flatMap((m) => [...m.content.matchAll(PASSAGE)].map((match) => ({ id: unescape(match[1]), text: unescape(match[2]) })));
}

function firstSentence(text: string): string {
  const match = /^[\s\S]*?[.!?](?=\s|$)/.exec(text.trim());
  return (match ? match[0] : text).trim();
}

/** Default: quote the first sentence of the first passage, grounded on it; none → "I don't know". */
export function defaultFakeAnswer(request: FakeChatRequest): FakeAnswerJson {
  const [first] = passagesIn(request.messages);
  if (!first) return { answer: FAKE_UNKNOWN_ANSWER, used_passage_ids: [], grounded: false, wants_human: false };
  return { answer: firstSentence(first.text), used_passage_ids: [first.id], grounded: true, wants_human: false };
}

/** Deterministic hashed bag-of-words vector (L2-normalised), as the fake's /v1/embeddings returns. */
export function fakeEmbedding(text: string): number[] {
  const vector = new Array<number>(FAKE_EMBEDDING_DIMENSION).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const hash = createHash('sha256').update(word).digest();
    vector[hash.readUInt32BE(0) % FAKE_EMBEDDING_DIMENSION] += hash[4] & 1 ? 1 : -1;
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((v) => v / norm);
}

function flatten(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (part && typeof part === 'object' && 'text' in part ? String(part.text) : '')).join('');
  }
  return '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: http.ServerResponse, status: number, error: FakeError): void {
  sendJson(res, status, {
    error: { message: error.message, type: error.type ?? 'invalid_request_error', param: error.param ?? null, code: error.code ?? null },
  });
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const apiKey = options.apiKey ?? 'test-key';
  const models = options.models ?? ['gpt-4o-mini', 'fake-embedding'];
  let behaviour = options.behaviour;
  let recorded: FakeOpenAiRequest[] = [];
  let chats: FakeChatRequest[] = [];
  let created = 1_800_000_000;

  const completion = (model: string, content: string) => ({
    id: `chatcmpl-fake-${++created}`,
    object: 'chat.completion',
    created,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  });

  const stream = (res: http.ServerResponse, model: string, content: string) => {
    const id = `chatcmpl-fake-${++created}`;
    const chunk = (delta: Record<string, unknown>, finish: string | null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(chunk({ role: 'assistant', content: '' }, null));
    for (let i = 0; i < content.length; i += 8) res.write(chunk({ content: content.slice(i, i + 8) }, null));
    res.write(chunk({}, 'stop'));
    res.end('data: [DONE]\n\n');
  };

  const chat = async (res: http.ServerResponse, body: Record<string, unknown>) => {
    const messages = Array.isArray(body.messages)
      ? body.messages.filter(isRecord).map((m) => ({ role: String(m.role), content: flatten(m.content) }))
      : [];
    const format = isRecord(body.response_format) ? String(body.response_format.type) : null;
    const request: FakeChatRequest = {
      index: chats.length,
      model: typeof body.model === 'string' ? body.model : 'unknown',
      messages,
      responseFormat: format,
      stream: body.stream === true,
      body,
    };
    chats.push(request);
    if (options.jsonSchema === false && format === 'json_schema') {
      return sendError(res, 400, {
        message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
        param: 'response_format',
        code: null,
      });
    }
    const reply: FakeReply = (await behaviour?.(request)) ?? {};
    if (reply.delayMs) await sleep(reply.delayMs);
    if ('hang' in reply) {
      if (reply.hang === 'after-headers') res.writeHead(200, { 'content-type': 'application/json' }).flushHeaders();
      return; // the socket stays open until the client gives up or the server closes
    }
    if ('status' in reply) {
      return sendError(res, reply.status, reply.error ?? { message: 'The server had an error while processing your request.', type: 'server_error' });
    }
    let content: string;
    if ('text' in reply) content = reply.text;
    else if ('json' in reply) content = JSON.stringify(reply.json);
    else if (format === null || format === 'text') content = `Summary (fake): ${messages.length} messages.`;
    else content = JSON.stringify(defaultFakeAnswer(request));
    if (request.stream) return stream(res, request.model, content);
    sendJson(res, 200, completion(request.model, content));
  };

  const embeddings = (res: http.ServerResponse, body: Record<string, unknown>) => {
    const model = typeof body.model === 'string' ? body.model : 'unknown';
    if (options.embeddings === false) {
      return sendError(res, 404, { message: `The model '${model}' does not exist or you do not have access to it.`, code: 'model_not_found' });
    }
    const input = typeof body.input === 'string' ? [body.input] : body.input;
    if (!Array.isArray(input) || !input.every((t) => typeof t === 'string')) {
      return sendError(res, 400, { message: "'input' must be a string or an array of strings", param: 'input' });
    }
    const base64 = body.encoding_format === 'base64';
    sendJson(res, 200, {
      object: 'list',
      model,
      data: input.map((text, index) => {
        const vector = fakeEmbedding(text);
        return {
          object: 'embedding',
          index,
          embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector,
        };
      }),
      usage: { prompt_tokens: input.length, total_tokens: input.length },
    });
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const text = await readBody(req);
      let body: Record<string, unknown> = {};
      if (text) {
        try {
          const parsed: unknown = JSON.parse(text);
          body = isRecord(parsed) ? parsed : {};
        } catch {
          return sendError(res, 400, { message: 'We could not parse the JSON body of your request.' });
        }
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers)
          .filter(([name]) => name !== 'authorization')
          .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
      );
      recorded.push({ method: req.method ?? 'GET', path: url.pathname, headers, body });
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        return sendError(res, 401, { message: 'Incorrect API key provided.', code: 'invalid_api_key' });
      }
      const route = `${req.method} ${url.pathname}`;
      if (route === 'POST /v1/chat/completions') return chat(res, body);
      if (route === 'POST /v1/embeddings') return embeddings(res, body);
      if (route === 'GET /v1/models') {
        return sendJson(res, 200, {
          object: 'list',
          data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'pegamento-fake' })),
        });
      }
      sendError(res, 404, { message: `Unknown request URL: ${route}.`, code: 'unknown_url' });
    })().catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, { message: `fake server error: ${String(error)}`, type: 'server_error' });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests: () => recorded.map((r) => structuredClone(r)),
    chatRequests: () => chats.map((r) => structuredClone(r)),
    respondWith: (next) => {
      behaviour = next;
    },
    reset: () => {
      recorded = [];
      chats = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
