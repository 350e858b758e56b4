import type { Response } from 'express';
import { HttpException } from '@nestjs/common';
import { z } from 'zod';
import { RateLimit } from './rate-limit';
import { parseRequest } from './http-errors';

describe('RateLimit', () => {
  it('allows the configured number of requests per key, then answers 429 with Retry-After', async () => {
    const limit = new RateLimit('test', 2, 60);
    const headers: Record<string, string> = {};
    const response = { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as Response;
    await limit.consume('a', response);
    await limit.consume('a', response);
    await limit.consume('b', response);
    const error = await limit.consume('a', response).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpException);
    expect((error as HttpException).getStatus()).toBe(429);
    expect(Number(headers['Retry-After'])).toBeGreaterThanOrEqual(1);
  });
});

describe('parseRequest', () => {
  const schema = z.object({ text: z.string().min(1) });

  it('returns the typed value', () => {
    expect(parseRequest(schema, { text: 'hoi' })).toEqual({ text: 'hoi' });
  });

  it('answers a missing body or a wrong shape with 400 listing the problems', () => {
    for (const value of [undefined, { text: 1 }, 'x']) {
      try {
        parseRequest(schema, value);
        throw new Error('no error');
      } catch (error) {
        expect((error as HttpException).getStatus()).toBe(400);
        expect((error as HttpException).getResponse()).toMatchObject({ error: { code: 'invalid_request' } });
      }
    }
  });
});
