import { HttpException, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

/** An HTTP error in the contract's shape `{"error": {"code", "message"}}`. */
export function httpError(status: number, code: string, message: string, extra: Record<string, unknown> = {}): HttpException {
  return new HttpException({ error: { code, message, ...extra } }, status);
}

/**
 * Validates a request body (or query) with zod; a body that does not fit is a 400
 * listing every problem. Handlers only ever see typed, checked input.
 */
export function parseRequest<TSchema extends z.ZodType>(schema: TSchema, value: unknown, what = 'request body'): z.infer<TSchema> {
  if (value === undefined || value === null) {
    throw httpError(400, 'invalid_request', `The ${what} is missing. Send JSON with Content-Type: application/json.`);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`);
    throw httpError(400, 'invalid_request', `The ${what} is not valid: ${problems.join('; ')}`, { problems });
  }
  return result.data;
}

/** `@Body(new ZodBodyPipe(schema))`: the body, parsed and typed, or a 400. */
export class ZodBodyPipe<TSchema extends z.ZodType> implements PipeTransform<unknown, z.infer<TSchema>> {
  constructor(private readonly schema: TSchema) {}

  transform(value: unknown): z.infer<TSchema> {
    return parseRequest(this.schema, value, 'body');
  }
}
