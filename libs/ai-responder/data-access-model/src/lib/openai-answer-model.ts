import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { CreateEmbeddingResponse } from 'openai/resources/embeddings';
import { z } from 'zod';
import {
  ModelUnavailableError,
  type AnswerModel,
  type AnswerRequest,
  type ModelAnswer,
  type SummaryRequest,
} from './answer-model.port';
import { ANSWER_JSON_SCHEMA, ANSWER_SCHEMA_NAME, parseAnswerOutput } from './answer-output';
import { buildAnswerMessages, buildSummaryMessages, type ChatMessage } from './answer-prompt';
import { CircuitBreaker, type CircuitState } from './circuit-breaker';
import { createConnectTimeoutFetch, type FetchFn } from './connect-timeout-fetch';
import { EU_OPENAI_BASE_URL, type ModelConfig } from './model.config';

/** Pause before the one retry (overloaded endpoints need a breath; the budget is small). */
const RETRY_PAUSE_MS = 100;
/** A retry is only worth making with at least this much of the budget left. */
const MIN_RETRY_BUDGET_MS = 250;

/** The SDK's platform headers (OS, architecture, runtime): the endpoint needs none of them. */
const DROPPED_HEADERS = {
  'X-Stainless-OS': null,
  'X-Stainless-Arch': null,
  'X-Stainless-Runtime': null,
  'X-Stainless-Runtime-Version': null,
};

export interface AnswerModelOptions {
  /** Replaces the connect-timeout transport (tests, or a proxy-aware fetch). */
  fetch?: FetchFn;
}

class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';
}

const embeddingVector = z.array(z.number().finite()).min(1);

function isRetryable(error: unknown): boolean {
  if (error instanceof APIConnectionError) return true; // includes connect timeouts
  return error instanceof APIError && typeof error.status === 'number' && (error.status >= 500 || error.status === 408);
}

/** Whether the failure says the endpoint is unwell (counts towards opening the breaker). */
function countsAgainstEndpoint(error: ModelUnavailableError): boolean {
  if (error.code === 'timeout') return true;
  if (error.code !== 'http_error') return false;
  return error.status === null || error.status >= 500 || [401, 403, 408, 429].includes(error.status);
}

/** A 400 that rejects `response_format` / `json_schema` (the endpoint lacks structured outputs). */
function rejectsResponseFormat(error: unknown): boolean {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
  return /response_format|json_schema|structured output/i.test(`${error.param ?? ''} ${error.message}`);
}

/** 404, or a 400 "model not found": the endpoint has no such (embedding) model. */
function isModelMissing(error: unknown): boolean {
  if (!(error instanceof APIError)) return false;
  if (error.status === 404) return true;
  if (error.status !== 400) return false;
  return error.code === 'model_not_found' || /model.*(not (be )?found|does not exist|not supported|unknown)/i.test(error.message);
}

function toModelUnavailable(error: unknown, deadlineHit: boolean, totalTimeoutMs: number): ModelUnavailableError {
  if (error instanceof ModelUnavailableError) return error;
  if (deadlineHit) return new ModelUnavailableError('timeout', `no answer from the model endpoint within ${totalTimeoutMs} ms`);
  if (error instanceof APIConnectionTimeoutError) return new ModelUnavailableError('timeout', 'the model endpoint timed out');
  if (error instanceof APIConnectionError) return new ModelUnavailableError('http_error', 'could not reach the model endpoint');
  if (error instanceof APIError && typeof error.status === 'number') {
    const code = error.code ? ` (${error.code})` : '';
    return new ModelUnavailableError('http_error', `the model endpoint answered ${error.status}${code}`, error.status);
  }
  if (error instanceof SyntaxError) return new ModelUnavailableError('bad_output', 'the model endpoint answered with invalid JSON');
  const name = error instanceof Error ? error.name : typeof error;
  return new ModelUnavailableError('http_error', `the model call failed (${name})`);
}

/**
 * The {@link AnswerModel} on any OpenAI-compatible endpoint, through the official SDK.
 *
 * Every call has one budget, `totalTimeoutMs`, retry included, so the caller can always
 * answer the customer in time. A connect timeout, a connection error or a 5xx is retried
 * once if enough budget is left; the SDK's own retries are off. A consecutive-failure
 * circuit breaker refuses calls at once while the endpoint is down.
 */
export class OpenAiAnswerModel implements AnswerModel {
  private readonly client: OpenAI;
  private readonly breaker: CircuitBreaker;
  private readonly closeTransport: () => void;
  private jsonSchemaSupported = true;
  private embeddingsSupported = true;

  constructor(
    private readonly config: ModelConfig,
    options: AnswerModelOptions = {},
  ) {
    const transport = options.fetch ? null : createConnectTimeoutFetch(config.connectTimeoutMs);
    this.closeTransport = () => transport?.close();
    this.breaker = new CircuitBreaker({ failureThreshold: config.breakerFailures, resetMs: config.breakerResetMs });
    // Every option the SDK would otherwise take from process.env is set here.
    this.client = new OpenAI({
      apiKey: config.apiKey,
      adminAPIKey: null,
      organization: null,
      project: null,
      webhookSecret: null,
      baseURL: config.baseUrl ?? EU_OPENAI_BASE_URL,
      maxRetries: 0,
      // A backstop only: each call's own deadline signal ends it first.
      timeout: config.totalTimeoutMs + 1_000,
      fetch: options.fetch ?? transport?.fetch,
      logLevel: 'off',
      defaultHeaders: DROPPED_HEADERS,
    });
  }

  /** 'closed' | 'open' | 'half_open', for health and metrics. */
  get circuitState(): CircuitState {
    return this.breaker.state;
  }

  async answer(request: AnswerRequest): Promise<ModelAnswer> {
    const messages = buildAnswerMessages(request);
    const completion = await this.run((signal) => this.completeAsJson(messages, signal));
    return parseAnswerOutput(this.contentOf(completion), request.passages, completion.model || this.config.model);
  }

  async summarise(request: SummaryRequest): Promise<string> {
    const messages = buildSummaryMessages(request);
    const completion = await this.run((signal) => this.complete({ model: this.config.model, messages }, signal));
    const text = this.contentOf(completion)?.trim();
    if (!text) throw new ModelUnavailableError('bad_output', 'the model returned an empty summary');
    return text;
  }

  async embed(texts: string[]): Promise<number[][] | null> {
    const model = this.config.embeddingModel;
    if (!model || !this.embeddingsSupported) return null;
    if (texts.length === 0) return [];
    const response = await this.run(async (signal): Promise<CreateEmbeddingResponse | null> => {
      try {
        return await this.client.embeddings.create({ model, input: texts, encoding_format: 'float' }, this.requestOptions(signal));
      } catch (error) {
        if (isModelMissing(error)) return null; // the endpoint answered: not a failure
        throw error;
      }
    });
    if (response === null) {
      this.embeddingsSupported = false;
      return null;
    }
    const data = Array.isArray(response.data) ? [...response.data].sort((a, b) => a.index - b.index) : [];
    const vectors = data.map((item) => embeddingVector.safeParse(item.embedding));
    const dimension = vectors[0]?.data?.length;
    if (vectors.length !== texts.length || vectors.some((v) => !v.success || v.data.length !== dimension)) {
      throw new ModelUnavailableError('bad_output', 'the embeddings do not match the texts sent');
    }
    return vectors.map((v) => v.data as number[]);
  }

  /** Ends kept-alive connections (at shutdown). */
  close(): void {
    this.closeTransport();
  }

  private contentOf(completion: ChatCompletion): string | null {
    const message = completion.choices?.[0]?.message;
    if (!message) throw new ModelUnavailableError('bad_output', 'the model returned no choice');
    if (message.refusal) throw new ModelUnavailableError('bad_output', 'the model refused to answer');
    return message.content;
  }

  /** Structured output: strict json_schema, or json_object once the endpoint rejected json_schema. */
  private async completeAsJson(messages: ChatMessage[], signal: AbortSignal): Promise<ChatCompletion> {
    if (this.jsonSchemaSupported) {
      try {
        return await this.complete(
          {
            model: this.config.model,
            messages,
            response_format: {
              type: 'json_schema',
              json_schema: { name: ANSWER_SCHEMA_NAME, strict: true, schema: ANSWER_JSON_SCHEMA },
            },
          },
          signal,
        );
      } catch (error) {
        if (!rejectsResponseFormat(error)) throw error;
        this.jsonSchemaSupported = false;
      }
    }
    return this.complete({ model: this.config.model, messages, response_format: { type: 'json_object' } }, signal);
  }

  private complete(body: ChatCompletionCreateParamsNonStreaming, signal: AbortSignal): Promise<ChatCompletion> {
    return this.client.chat.completions.create(body, this.requestOptions(signal));
  }

  private requestOptions(signal: AbortSignal) {
    return { signal, maxRetries: 0 };
  }

  /** One call within one budget: breaker check, first attempt, at most one retry. */
  private async run<T>(attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (!this.breaker.tryAcquire()) {
      throw new ModelUnavailableError('circuit_open', `the model endpoint failed repeatedly; next try in ${this.breaker.retryInMs} ms`);
    }
    const budget = this.config.totalTimeoutMs;
    const deadline = Date.now() + budget;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DeadlineExceeded(`budget of ${budget} ms spent`)), budget);
    try {
      let result: T;
      try {
        result = await attempt(controller.signal);
      } catch (error) {
        if (controller.signal.aborted || !isRetryable(error)) throw error;
        if (deadline - Date.now() - RETRY_PAUSE_MS < MIN_RETRY_BUDGET_MS) throw error;
        await sleep(RETRY_PAUSE_MS, undefined, { signal: controller.signal });
        result = await attempt(controller.signal);
      }
      this.breaker.recordSuccess();
      return result;
    } catch (error) {
      const failure = toModelUnavailable(error, controller.signal.aborted, budget);
      if (countsAgainstEndpoint(failure)) this.breaker.recordFailure();
      else this.breaker.recordSuccess();
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The adapter for a config, or `null` when there is no model (no config or no API key). */
export function createAnswerModel(config: ModelConfig | null, options: AnswerModelOptions = {}): OpenAiAnswerModel | null {
  if (!config?.apiKey) return null;
  return new OpenAiAnswerModel(config, options);
}
