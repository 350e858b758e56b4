import { randomUUID } from 'node:crypto';
import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'too_many_requests',
};

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

/**
 * Every error leaves in the contract's shape `{"error": {"code", "message"}}`.
 * Body-parser failures (bad JSON, too large, wrong charset) become 4xx, never 500;
 * a 500 carries an `errorId` that is also in the log, with no request data.
 */
@Catch()
export class ErrorShapeFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, code, message, extra } = this.describe(exception);
    if (status >= 500) {
      const errorId = randomUUID();
      this.logger.error({ errorId, err: exception }, 'unhandled error');
      response.status(status).json({ error: { code, message, errorId } });
      return;
    }
    response.status(status).json({ error: { code, message, ...extra } });
  }

  private describe(exception: unknown): { status: number; code: string; message: string; extra?: Record<string, unknown> } {
    // Nest wraps body-parser's errors in an HttpException; the original says what went wrong.
    if (exception instanceof HttpException && (exception.cause as BodyParserError | undefined)?.type) {
      return this.describe(exception.cause);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'object' && body && 'error' in body && typeof body.error === 'object' && body.error && 'code' in body.error) {
        const { code, message, ...extra } = body.error as { code: string; message: string };
        return { status, code, message, extra };
      }
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      return { status, code: CODES[status] ?? (status >= 500 ? 'internal_error' : 'error'), message: Array.isArray(message) ? message.join('; ') : String(message) };
    }
    const parserError = exception as BodyParserError;
    const parserStatus = parserError?.status ?? parserError?.statusCode;
    if (parserError?.type && typeof parserStatus === 'number' && parserStatus >= 400 && parserStatus < 500) {
      if (parserError.type === 'entity.parse.failed') return { status: 400, code: 'invalid_json', message: 'The request body is not valid JSON.' };
      if (parserError.type === 'entity.too.large') return { status: 413, code: 'payload_too_large', message: 'The request body is too large.' };
      if (parserError.type === 'charset.unsupported' || parserError.type === 'encoding.unsupported') {
        return { status: 415, code: 'unsupported_media_type', message: 'The request body encoding is not supported.' };
      }
      return { status: parserStatus, code: CODES[parserStatus] ?? 'bad_request', message: 'The request body could not be read.' };
    }
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, code: 'internal_error', message: 'Something went wrong on our side.' };
  }
}
