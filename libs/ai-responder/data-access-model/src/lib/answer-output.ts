import { z } from 'zod';
import { ModelUnavailableError, type ModelAnswer, type Passage } from './answer-model.port';

/** JSON Schema of the answer, for `response_format: { type: 'json_schema', strict: true }`. */
export const ANSWER_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['answer', 'used_passage_ids', 'grounded', 'wants_human'],
  properties: {
    answer: { type: 'string', description: "The reply to the customer, in the customer's language." },
    used_passage_ids: { type: 'array', items: { type: 'string' }, description: 'Ids of the passages the answer rests on.' },
    grounded: { type: 'boolean', description: 'True only when every fact in the answer comes from those passages.' },
    wants_human: { type: 'boolean', description: 'True when the customer asks for, or needs, a person.' },
  },
} as const;

export const ANSWER_SCHEMA_NAME = 'pegamento_answer';

const answerOutputSchema = z.object({
  answer: z.string().trim().min(1),
  used_passage_ids: z.array(z.string()),
  grounded: z.boolean(),
  wants_human: z.boolean(),
});

/** Some endpoints that ignore `response_format` wrap the object in a Markdown code fence. */
function unfence(content: string): string {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?\s*```\s*$/i.exec(content);
  return fenced ? fenced[1] : content;
}

/**
 * Reads the model's JSON reply. Invalid JSON or a wrong shape is `bad_output` (the error
 * carries no model text). `grounded` is never the model's word alone: it is false unless
 * at least one passage id is named and every named id is one of the given passages.
 */
export function parseAnswerOutput(content: string | null | undefined, passages: readonly Passage[], model: string): ModelAnswer {
  if (!content) throw new ModelUnavailableError('bad_output', 'the model returned no content');
  let json: unknown;
  try {
    json = JSON.parse(unfence(content));
  } catch {
    throw new ModelUnavailableError('bad_output', 'the model did not return valid JSON');
  }
  const parsed = answerOutputSchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))].join(', ');
    throw new ModelUnavailableError('bad_output', `the model's JSON does not match the answer schema (${fields})`);
  }
  const known = new Set(passages.map((p) => p.id));
  const named = [...new Set(parsed.data.used_passage_ids)];
  const usedPassageIds = named.filter((id) => known.has(id));
  const grounded = parsed.data.grounded && named.length > 0 && usedPassageIds.length === named.length;
  return {
    answer: parsed.data.answer.trim(),
    usedPassageIds,
    grounded,
    wantsHuman: parsed.data.wants_human,
    model,
  };
}
