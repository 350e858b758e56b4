import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`).join('; ');
}

/** Parses a request part with a zod schema; 400 `invalid_request` listing every problem otherwise. */
export function parseRequest<TSchema extends z.ZodType>(schema: TSchema, value: unknown, what = 'request'): z.infer<TSchema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new BadRequestException({ error: { code: 'invalid_request', message: `Invalid ${what}: ${describe(result.error)}` } });
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
