import { Controller, Get } from '@nestjs/common';
import { buildOpenApiDocument } from '@pegamento/contracts';

const document = buildOpenApiDocument('0.1.0');

/** GET /api/docs-json: the OpenAPI document of the contract (contract.md). */
@Controller('api')
export class OpenApiController {
  @Get('docs-json')
  docs(): Record<string, unknown> {
    return document;
  }
}
