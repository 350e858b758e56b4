import { SetMetadata } from '@nestjs/common';

export const EVENT_CONSUMER = Symbol('EVENT_CONSUMER');

/**
 * Marks a provider as an event consumer. The class implements
 * `EventHandlerDefinition` (group, types, handle); the platform finds it at boot
 * and runs it through the consumer runner (inbox, retries, dead letters).
 */
export const EventConsumer = (): ClassDecorator => SetMetadata(EVENT_CONSUMER, true);
