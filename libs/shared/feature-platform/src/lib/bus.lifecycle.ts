import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { ALL_TOPICS } from '@pegamento/contracts';
import { ConsumerRunner, EVENT_BUS, EVENT_CONSUMER, OutboxRelay, type EventBus, type EventHandlerDefinition } from '@pegamento/data-access-bus';


/**
 * Brings the bus up after every module is ready (topics, consumers, then the relay)
 * and down before the database closes: the relay finishes its batch, consumers
 * finish the handlers in flight and commit, and only then does TypeORM disconnect.
 */
@Injectable()
export class BusLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BusLifecycle.name);
  private started = false;
  private stopping = false;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly runner: ConsumerRunner,
    private readonly relay: OutboxRelay,
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  get isShuttingDown(): boolean {
    return this.stopping;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.connect();
    await this.bus.ensureTopics(ALL_TOPICS);
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      if (!this.reflector.get<boolean>(EVENT_CONSUMER, wrapper.metatype as object as new () => unknown)) continue;
      this.runner.register(wrapper.instance as EventHandlerDefinition);
    }
    await this.runner.start(this.bus);
    await this.relay.start();
    this.started = true;
    this.logger.log(`event bus ready (${this.bus.kind})`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (!this.started) return;
    await this.relay.stop();
    this.runner.beginShutdown();
    await this.bus.close();
    this.logger.log('event bus closed');
  }
}
