/**
 * The optional model path: the rules decide first; only when they mark a message
 * `uncertain` and a model is given, the model is asked. A model never turns a clear rule
 * "yes" into "no" (a request for a person must never be lost), and on a model error or
 * timeout the rule decision stands.
 */
import { detectHumanRequest, type HumanRequestDecision } from './human-request-detector';

export interface HumanRequestModel {
  classify(text: string, locale?: string): Promise<{ wantsHuman: boolean; confidence: number }>;
}

export const DEFAULT_MODEL_TIMEOUT_MS = 2_000;

/**
 * How sure a model must be to overrule an uncertain rule "yes" (the rules lean towards a
 * person there; a hesitant model does not take that away).
 */
export const MODEL_OVERRULE_YES_CONFIDENCE = 0.8;

class ModelTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`human-request model did not answer within ${timeoutMs} ms`);
    this.name = 'ModelTimeoutError';
  }
}

function withTimeout<T>(work: () => Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ModelTimeoutError(timeoutMs)), timeoutMs);
    timer.unref?.();
    Promise.resolve()
      .then(work)
      .then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
  });
}

function isValidAnswer(value: unknown): value is { wantsHuman: boolean; confidence: number } {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { wantsHuman?: unknown; confidence?: unknown };
  return (
    typeof candidate.wantsHuman === 'boolean' &&
    typeof candidate.confidence === 'number' &&
    Number.isFinite(candidate.confidence) &&
    candidate.confidence >= 0 &&
    candidate.confidence <= 1
  );
}

/**
 * Rules first; the model only for `uncertain` decisions. `timeoutMs` bounds the model
 * call (default 2 s). `text` goes to the model as given: pseudonymise it before (R17).
 */
export async function detectHumanRequestWithModel(
  text: string,
  locale: string | undefined,
  model: HumanRequestModel | null,
  timeoutMs: number = DEFAULT_MODEL_TIMEOUT_MS,
): Promise<HumanRequestDecision> {
  const rule = detectHumanRequest(text, locale);
  if (!rule.uncertain || model === null) return rule;

  let answer: unknown;
  try {
    answer = await withTimeout(() => model.classify(text, locale), timeoutMs);
  } catch (error: unknown) {
    const suffix = error instanceof ModelTimeoutError ? 'model_timeout' : 'model_error';
    return { ...rule, reason: `${rule.reason}+${suffix}` };
  }
  if (!isValidAnswer(answer)) return { ...rule, reason: `${rule.reason}+model_error` };

  if (answer.wantsHuman) {
    return { wantsHuman: true, confidence: answer.confidence, reason: `${rule.reason}+model_yes`, uncertain: false };
  }
  if (rule.wantsHuman && answer.confidence < MODEL_OVERRULE_YES_CONFIDENCE) {
    return { ...rule, reason: `${rule.reason}+model_kept_yes` };
  }
  return { wantsHuman: false, confidence: answer.confidence, reason: `${rule.reason}+model_no`, uncertain: false };
}
