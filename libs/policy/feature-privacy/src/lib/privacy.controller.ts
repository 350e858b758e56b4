import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Authenticated, CurrentAgent, type AgentPrincipal } from '@pegamento/util-auth';
import { httpError, parseRequest } from '@pegamento/util-http';
import { EraseSubjectUseCase } from './erase-subject/erase-subject.use-case';
import { ExportSubjectUseCase } from './export-subject/export-subject.use-case';
import { RetentionJob } from './retention/retention.job';
import { InvalidSubjectError, subjectQuerySchema, toSubject, type Subject } from './subject/subject';

const runsQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict();

function subjectOf(input: unknown, where: 'query' | 'body'): Subject {
  const parsed = parseRequest(subjectQuerySchema, input, where);
  try {
    return toSubject(parsed);
  } catch (error) {
    if (error instanceof InvalidSubjectError) throw httpError(422, 'invalid_subject', error.message);
    throw error;
  }
}

/** Data-subject rights (R20) and retention (R19), for admins of the tenant. */
@Controller('api/v1/privacy')
export class PrivacyController {
  constructor(
    @Inject(ExportSubjectUseCase) private readonly exportSubject: ExportSubjectUseCase,
    @Inject(EraseSubjectUseCase) private readonly eraseSubject: EraseSubjectUseCase,
    @Inject(RetentionJob) private readonly retention: RetentionJob,
  ) {}

  @Get('subjects/export')
  @Authenticated('admin')
  export(@Query() query: unknown, @CurrentAgent() admin: AgentPrincipal) {
    return this.exportSubject.execute(admin, subjectOf(query, 'query'));
  }

  @Post('subjects/erase')
  @HttpCode(202)
  @Authenticated('admin')
  erase(@Body() body: unknown, @CurrentAgent() admin: AgentPrincipal) {
    return this.eraseSubject.execute(admin, subjectOf(body, 'body'));
  }

  /** The proof records of the latest retention runs of the admin's tenant. */
  @Get('retention/runs')
  @Authenticated('admin')
  async runs(@Query() query: unknown, @CurrentAgent() admin: AgentPrincipal) {
    const { limit } = parseRequest(runsQuerySchema, query, 'query');
    return { runs: await this.retention.lastRuns(admin.tenantId, limit) };
  }

  /** Runs retention for the admin's tenant now (it also runs on its schedule). */
  @Post('retention/run')
  @HttpCode(200)
  @Authenticated('admin')
  async runNow(@CurrentAgent() admin: AgentPrincipal) {
    const run = (await this.retention.runAll(admin.tenantId)).find((r) => r.tenantId === admin.tenantId);
    if (!run) throw httpError(409, 'retention_running', 'A retention run is already in progress; try again shortly.');
    return { run };
  }
}
