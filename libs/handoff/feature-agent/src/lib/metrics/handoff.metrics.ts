import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import type { Channel } from '@pegamento/contracts';

export const TIME_TO_HUMAN_METRIC = 'pegamento_time_to_human_seconds';
export const AGENT_LOGINS_METRIC = 'pegamento_agent_logins_total';

/** Minutes to days: answers within opening hours and the next morning's alike (R12). */
const TIME_TO_HUMAN_BUCKETS = [10, 30, 60, 120, 300, 600, 1_800, 3_600, 7_200, 14_400, 28_800, 86_400, 259_200];

function existing<T>(registry: Registry, name: string): T | undefined {
  return registry.getSingleMetric(name) as T | undefined;
}

/** The handoff feature's Prometheus metrics, on the platform's registry (GET /metrics). */
@Injectable()
export class HandoffMetrics {
  private readonly timeToHuman: Histogram<'channel'>;
  private readonly logins: Counter<'outcome'>;

  constructor(@Inject(Registry) registry: Registry) {
    this.timeToHuman =
      existing<Histogram<'channel'>>(registry, TIME_TO_HUMAN_METRIC) ??
      new Histogram({
        name: TIME_TO_HUMAN_METRIC,
        help: 'Time from a request for a person to the first message of a person, in seconds (R12)',
        labelNames: ['channel'],
        buckets: TIME_TO_HUMAN_BUCKETS,
        registers: [registry],
      });
    this.logins =
      existing<Counter<'outcome'>>(registry, AGENT_LOGINS_METRIC) ??
      new Counter({
        name: AGENT_LOGINS_METRIC,
        help: 'Agent and admin login attempts by outcome (ok, invalid_credentials, account_locked, rate_limited)',
        labelNames: ['outcome'],
        registers: [registry],
      });
  }

  observeTimeToHuman(channel: Channel, seconds: number): void {
    this.timeToHuman.observe({ channel }, Math.max(0, seconds));
  }

  login(outcome: string): void {
    this.logins.inc({ outcome });
  }
}
