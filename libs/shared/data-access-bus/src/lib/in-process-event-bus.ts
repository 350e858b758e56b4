import type { BusMessage, EventBus, ReceivedMessage, Subscription } from './event-bus.port';

interface Group {
  subscription: Subscription;
  /** Tail of the per-key chain: the next message with that key runs after it. */
  tails: Map<string, Promise<void>>;
}

/**
 * The bus of the standalone process: no broker, same semantics as Kafka for one
 * process. It keeps no log, so `publish` resolves only after every subscribed group
 * has handled the messages; the outbox row stays unpublished until then, and a
 * crash before that means the relay publishes it again after restart.
 */
export class InProcessEventBus implements EventBus {
  readonly kind = 'in-process' as const;
  private readonly groups = new Map<string, Group>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  async connect(): Promise<void> {
    this.closed = false;
  }

  async ensureTopics(): Promise<void> {
    // Nothing to create: topics exist as soon as someone publishes or subscribes.
  }

  async subscribe(subscription: Subscription): Promise<void> {
    if (this.groups.has(subscription.groupId)) {
      throw new Error(`Consumer group ${subscription.groupId} is already subscribed`);
    }
    this.groups.set(subscription.groupId, { subscription, tails: new Map() });
  }

  async publish(messages: readonly BusMessage[]): Promise<void> {
    if (this.closed) throw new Error('The in-process bus is closed');
    const deliveries: Promise<void>[] = [];
    for (const message of messages) {
      for (const group of this.groups.values()) {
        if (!group.subscription.topics.includes(message.topic)) continue;
        deliveries.push(this.enqueue(group, message));
      }
    }
    const all = Promise.allSettled(deliveries);
    this.inFlight.add(all);
    try {
      const results = await all;
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    } finally {
      this.inFlight.delete(all);
    }
  }

  private enqueue(group: Group, message: BusMessage): Promise<void> {
    const received: ReceivedMessage = { ...message, headers: { ...(message.headers ?? {}) } };
    const previous = group.tails.get(message.key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => group.subscription.handle(received));
    const tail = run.catch(() => undefined);
    group.tails.set(message.key, tail);
    void tail.then(() => {
      if (group.tails.get(message.key) === tail) group.tails.delete(message.key);
    });
    return run;
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('The in-process bus is closed');
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    this.groups.clear();
  }
}
