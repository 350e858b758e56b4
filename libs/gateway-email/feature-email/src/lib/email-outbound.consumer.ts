import { Injectable } from '@nestjs/common';
import type { EventOf } from '@pegamento/contracts';
import { EventConsumer, type EventHandlerDefinition, type HandlerContext } from '@pegamento/data-access-bus';
import { QueueMailUseCase } from './queue-mail/queue-mail.use-case';
import { EmailSendWorker } from './send-queue/email-send-worker';

/**
 * What the policy let through to an e-mail customer goes into the send queue (in this
 * handler's transaction, so a mail is queued exactly once); the worker sends it. The bus
 * is never held up by the relay.
 */
@Injectable()
@EventConsumer()
export class EmailOutboundConsumer implements EventHandlerDefinition<'conversation.outbound'> {
  readonly group = 'gateway-email';
  readonly types = ['conversation.outbound'] as const;

  constructor(
    private readonly queue: QueueMailUseCase,
    private readonly worker: EmailSendWorker,
  ) {}

  async handle(event: EventOf<'conversation.outbound'>, { manager }: HandlerContext): Promise<void> {
    const outcome = await this.queue.execute(event, manager);
    if (outcome === 'queued') setImmediate(() => this.worker.nudge());
  }
}
