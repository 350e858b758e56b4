import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';

/**
 * Paths pino censors wherever they appear. Message texts and personal data never go
 * to logs; this list is the safety net behind not logging them in the first place.
 */
const SENSITIVE_KEYS = ['text', 'body', 'email', 'phone', 'password', 'token', 'payload', 'envelope', 'displayName'];

export const LOG_REDACT_PATHS = [
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((key) => `*.${key}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-twilio-signature"]',
  'req.headers["x-slack-signature"]',
  'res.headers["set-cookie"]',
  '*.name',
];

export function pinoParams(serviceName: string, level: string): Params {
  return {
    pinoHttp: {
      level,
      name: serviceName,
      redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
      // Query strings can carry e-mail addresses or phone numbers: log the path only.
      serializers: {
        req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, path: (req.url ?? '').split('?')[0] }),
        res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)\b/.test(req.url ?? '') },
    },
  };
}
