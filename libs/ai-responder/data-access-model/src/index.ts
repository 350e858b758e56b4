export * from './lib/answer-model.port';
export * from './lib/model.config';
export { PLACEHOLDER_RULE, buildAnswerMessages, buildSummaryMessages, escapeData, type ChatMessage } from './lib/answer-prompt';
export { ANSWER_JSON_SCHEMA, parseAnswerOutput } from './lib/answer-output';
export { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './lib/circuit-breaker';
export { ConnectTimeoutError, createConnectTimeoutFetch, type ConnectTimeoutTransport, type FetchFn } from './lib/connect-timeout-fetch';
export { OpenAiAnswerModel, createAnswerModel, type AnswerModelOptions } from './lib/openai-answer-model';
