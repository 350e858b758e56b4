import { Counter, type Registry } from 'prom-client';

export type HandleOutcome = 'handled' | 'duplicate' | 'erased' | 'retried' | 'dead_lettered' | 'dropped';

/** Prometheus counters of the bus, registered on the app's registry. */
export class BusMetrics {
  private readonly publishedTotal: Counter;
  private readonly handledTotal: Counter<'group' | 'type' | 'outcome'>;

  constructor(registry: Registry) {
    this.publishedTotal = new Counter({
      name: 'pegamento_outbox_published_total',
      help: 'Events the outbox relay handed to the bus',
      registers: [registry],
    });
    this.handledTotal = new Counter({
      name: 'pegamento_events_consumed_total',
      help: 'Events seen by consumers, by group, event type and outcome',
      labelNames: ['group', 'type', 'outcome'],
      registers: [registry],
    });
  }

  published(count: number): void {
    this.publishedTotal.inc(count);
  }

  consumed(group: string, type: string, outcome: HandleOutcome): void {
    this.handledTotal.inc({ group, type, outcome });
  }
}
