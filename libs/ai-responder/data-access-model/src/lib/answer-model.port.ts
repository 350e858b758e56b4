/**
 * The port through which the ai-responder talks to a language model. Everything that
 * crosses it is already minimised by the caller (R17: pseudonymised question, the few
 * retrieved passages, the last turns); the adapter adds nothing about the customer.
 */

/** One retrieved piece of the organisation's approved knowledge (R13). */
export interface Passage {
  id: string;
  title: string;
  text: string;
  url: string | null;
}

export interface HistoryTurn {
  role: 'customer' | 'assistant';
  text: string;
}

export interface AnswerRequest {
  /** Already pseudonymised by the caller; treated as data, never as instructions. */
  question: string;
  /** 'nl' | 'en' | …: the answer is written in this language, in plain words (B1). */
  locale: string;
  /** The top retrieved passages: the ONLY allowed source of facts. */
  passages: Passage[];
  /** The last turns, oldest first. */
  history: HistoryTurn[];
  /** Given by the caller (it contains a canary phrase); sent first, unchanged, as the system message. */
  systemPrompt: string;
}

export interface ModelAnswer {
  answer: string;
  /** Ids of the given passages the answer rests on; ids the model made up are dropped. */
  usedPassageIds: string[];
  /** True only when the model says so AND it named at least one passage AND every id it named exists. */
  grounded: boolean;
  /** The model thinks the customer wants, or needs, a person. */
  wantsHuman: boolean;
  /** The model that answered, as the endpoint reports it. */
  model: string;
}

export interface TranscriptTurn {
  role: 'customer' | 'assistant' | 'agent' | 'system';
  text: string;
}

export interface SummaryRequest {
  locale: string;
  transcript: TranscriptTurn[];
  /** Why a person takes over (e.g. 'customer_request', 'ungrounded_twice'). */
  trigger: string;
  systemPrompt: string;
}

export interface AnswerModel {
  answer(request: AnswerRequest): Promise<ModelAnswer>;
  /** A short hand-over summary for the person taking over, in `locale`. */
  summarise(request: SummaryRequest): Promise<string>;
  /**
   * One vector per text, in order; `null` when the endpoint has no embeddings (no
   * embedding model configured, or it answered 404 / 400 "model not found" once: the
   * adapter remembers that and stops asking).
   */
  embed(texts: string[]): Promise<number[][] | null>;
}

/** Injection token for the {@link AnswerModel} (its value may be `null`: no model configured). */
export const ANSWER_MODEL = Symbol.for('pegamento.ai-responder.AnswerModel');

export const MODEL_UNAVAILABLE_CODES = ['timeout', 'http_error', 'circuit_open', 'bad_output'] as const;
export type ModelUnavailableCode = (typeof MODEL_UNAVAILABLE_CODES)[number];

/**
 * The model could not give a usable answer in time. The caller tells the customer so
 * honestly and offers a person. The message never contains request or response text.
 */
export class ModelUnavailableError extends Error {
  override readonly name = 'ModelUnavailableError';

  constructor(
    readonly code: ModelUnavailableCode,
    message: string = code,
    /** HTTP status of the endpoint's answer, when there was one. */
    readonly status: number | null = null,
  ) {
    super(message);
  }
}
