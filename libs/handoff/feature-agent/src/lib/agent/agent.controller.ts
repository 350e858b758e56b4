import { Body, Controller, Get, Inject, Patch, UseFilters } from '@nestjs/common';
import type { z } from 'zod';
import { availabilityBodySchema } from '@pegamento/contracts';
import { Authenticated, CurrentAgent, type AgentPrincipal } from '@pegamento/util-auth';
import { HandoffExceptionFilter } from '../handoff.exception.filter';
import { ZodBodyPipe } from '@pegamento/util-http';
import { ListQueueUseCase, type QueueItem } from './list-queue/list-queue.use-case';
import { UpdateAvailabilityUseCase, type AgentProfile } from './update-availability/update-availability.use-case';

const availabilitySchema = availabilityBodySchema;

/** The console's own routes: the queue and the signed-in agent. */
@Controller('api/v1/agent')
@Authenticated()
@UseFilters(HandoffExceptionFilter)
export class AgentController {
  constructor(
    @Inject(ListQueueUseCase) private readonly queueUseCase: ListQueueUseCase,
    @Inject(UpdateAvailabilityUseCase) private readonly availability: UpdateAvailabilityUseCase,
  ) {}

  @Get('queue')
  async queue(@CurrentAgent() agent: AgentPrincipal): Promise<{ queue: QueueItem[] }> {
    return { queue: await this.queueUseCase.execute(agent) };
  }

  @Get('me')
  async me(@CurrentAgent() agent: AgentPrincipal): Promise<{ agent: AgentProfile }> {
    return { agent: await this.availability.current(agent) };
  }

  @Patch('me')
  async updateMe(
    @CurrentAgent() agent: AgentPrincipal,
    @Body(new ZodBodyPipe(availabilitySchema)) body: z.infer<typeof availabilitySchema>,
  ): Promise<{ agent: AgentProfile }> {
    return { agent: await this.availability.execute(agent, body.available) };
  }
}
