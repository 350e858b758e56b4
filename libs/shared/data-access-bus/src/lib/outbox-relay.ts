import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { BusMessage, EventBus } from './event-bus.port';
import { OUTBOX_NOTIFY_CHANNEL } from './outbox';
import type { BusLogger } from './bus-logger';
import type { BusMetrics } from './bus-metrics';
import type { EventSealer } from './event-sealer';

export interface OutboxRelayOptions {
  batchSize: number;
  pollIntervalMs: number;
  /** Published rows older than this are deleted. */
  retentionMs: number;
  /** Longest pause after a failed publish; doubles from pollIntervalMs up to this. */
  maxBackoffMs?: number;
  /** Test seam: runs after a batch reached the bus and before it is marked published. */
  afterPublish?: (count: number) => Promise<void> | void;
  /** Seals the payloads before they leave (ADR 0018); unset: they go as they are (tests of the bus alone). */
  sealer?: EventSealer;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  envelope: Record<string, unknown>;
  headers: Record<string, string> | null;
}

/** One relay publishes at a time across all replicas, so order per conversation holds. */
const RELAY_LOCK_KEY = 7_210_441_002;
const PURGE_EVERY_MS = 60_000;

/**
 * Publishes committed outbox rows to the bus in `id` order (= commit order for one
 * conversation), then marks them published. A crash between the two publishes the
 * batch again: delivery is at least once, and consumers de-duplicate by event id.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private pending = false;
  private listener: Client | null = null;
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly options: OutboxRelayOptions,
    private readonly logger: BusLogger,
    private readonly metrics?: BusMetrics,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  /** Asks the relay to look at the outbox now rather than at its next poll. */
  nudge(): void {
    this.pending = true;
    this.wake?.();
  }

  /** Finishes the batch in hand, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  /** Publishes everything committed so far; returns how many rows went out. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.publishBatch();
      total += n;
      if (n < this.options.batchSize) return total;
    }
  }

  private async run(): Promise<void> {
    let backoff = this.options.pollIntervalMs;
    while (this.running) {
      this.pending = false;
      try {
        const published = await this.publishBatch();
        backoff = this.options.pollIntervalMs;
        await this.purgeIfDue();
        if (published === this.options.batchSize) continue;
      } catch (error) {
        this.logger.error('outbox relay could not publish; will retry', { error: (error as Error).message, retryInMs: backoff });
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 5_000);
        continue;
      }
      if (!this.pending) await this.sleep(this.options.pollIntervalMs);
    }
  }

  private async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [lock] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [RELAY_LOCK_KEY])) as { locked: boolean }[];
      if (!lock?.locked) return 0;
      const rows = (await manager.query(
        `SELECT id, topic, message_key, envelope, headers FROM outbox
          WHERE published_at IS NULL ORDER BY id LIMIT $1`,
        [this.options.batchSize],
      )) as OutboxRow[];
      if (rows.length === 0) return 0;
      // Keys are created outside this transaction, committed before anyone can receive the events.
      const values = this.options.sealer
        ? await this.options.sealer.seal(
            this.dataSource,
            rows.map((r) => ({ key: r.message_key, envelope: r.envelope })),
          )
        : rows.map((r) => JSON.stringify(r.envelope));
      const messages: BusMessage[] = [];
      rows.forEach((r, i) => {
        const value = values[i];
        if (value !== null && value !== undefined) messages.push({ topic: r.topic, key: r.message_key, value, headers: r.headers ?? {} });
      });
      if (messages.length < rows.length) {
        // Their conversation was erased after they were written: nobody may read them, so they do not go out.
        this.logger.info('outbox events of erased conversations not published', { count: rows.length - messages.length });
      }
      await this.bus.publish(messages);
      await this.options.afterPublish?.(rows.length);
      await manager.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
      this.metrics?.published(messages.length);
      return rows.length;
    });
  }

  private async purgeIfDue(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    await this.dataSource.query(
      `DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < now() - ($1::bigint * interval '1 millisecond')`,
      [this.options.retentionMs],
    );
    // A key a relay created while an erasure of its conversation was committing (ADR 0018).
    if (this.options.sealer) await this.dataSource.query(`DELETE FROM event_keys k USING erased_keys e WHERE k.message_key = e.message_key`);
  }

  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) return;
    const client = new Client({ connectionString: url, application_name: 'pegamento-outbox-relay' });
    client.on('notification', () => this.nudge());
    client.on('error', (error) => {
      // Polling still runs; the relay only loses its fast path until restart.
      this.logger.warn('outbox notification listener failed; polling only', { error: error.message });
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.logger.warn('outbox notification listener unavailable; polling only', { error: (error as Error).message });
      await client.end().catch(() => undefined);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
