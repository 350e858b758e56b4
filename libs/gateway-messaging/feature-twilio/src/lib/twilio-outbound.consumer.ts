import { Injectable } from '@nestjs/common';
import type { EventOf } from '@pegamento/contracts';
import { EventConsumer, type EventHandlerDefinition, type HandlerContext } from '@pegamento/data-access-bus';
import { QueueOutboundUseCase } from './queue-outbound/queue-outbound.use-case';
import { TwilioSendWorker } from './send-queue/twilio-send-worker';

/**
 * What the policy let through to an SMS or WhatsApp customer goes into the send
 * queue (in this handler's transaction, so a message is queued exactly once); the
 * worker sends it. The bus is never held up by Twilio.
 */
@Injectable()
@EventConsumer()
export class TwilioOutboundConsumer implements EventHandlerDefinition<'conversation.outbound'> {
  readonly group = 'gateway-messaging';
  readonly types = ['conversation.outbound'] as const;

  constructor(
    private readonly queue: QueueOutboundUseCase,
    private readonly worker: TwilioSendWorker,
  ) {}

  async handle(event: EventOf<'conversation.outbound'>, { manager }: HandlerContext): Promise<void> {
    const outcome = await this.queue.execute(event, manager);
    if (outcome === 'queued') setImmediate(() => this.worker.nudge());
  }
}
