import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  ConfigResourceTypes,
  ConfigSource,
  Kafka,
  Partitioners,
  logLevel as KafkaLogLevel,
  type Admin,
  type Consumer,
  type IHeaders,
  type LogEntry,
  type Producer,
  type SASLOptions,
} from 'kafkajs';
import type { BusMessage, EventBus, ReceivedMessage, Subscription } from './event-bus.port';
import { createTopicsPatiently, whileTopicsSettle } from './kafka-topic-settling';

export interface KafkaEventBusOptions {
  brokers: readonly string[];
  clientId: string;
  topicPrefix: string;
  partitions: number;
  replicationFactor: number;
  connectionTimeoutMs: number;
  sessionTimeoutMs: number;
  /** Partitions of one subscription worked on at once; order stays per partition. */
  partitionsConsumedConcurrently: number;
  /** TLS to the brokers; `ca` (PEM) replaces Node's built-in CAs when given. Unset: plaintext. */
  ssl?: KafkaTlsOptions;
  /** SASL authentication (over TLS, unless the config explicitly allowed plaintext). */
  sasl?: KafkaSaslOptions;
  /**
   * `retention.ms` of the topics: set when ensureTopics creates one and brought in line on
   * existing ones (logged). Unset: the broker's default, existing topics untouched.
   */
  topicRetentionMs?: number;
  log?: (level: 'error' | 'warn' | 'info', message: string, extra: Record<string, unknown>) => void;
}

export interface KafkaTlsOptions {
  /** PEM certificate(s) of the CA(s) that signed the brokers' certificates. */
  ca?: string;
  /** Verify the brokers' certificate chain and host name (only a test broker may turn it off). */
  rejectUnauthorized: boolean;
}

export type KafkaSaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface KafkaSaslOptions {
  mechanism: KafkaSaslMechanism;
  username: string;
  /** From the environment/secret only; never logged. */
  password: string;
}

const RETENTION_MS = 'retention.ms';

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    result[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  return result;
}

function saslOptions(sasl: KafkaSaslOptions): SASLOptions {
  const { username, password } = sasl;
  switch (sasl.mechanism) {
    case 'plain':
      return { mechanism: 'plain', username, password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username, password };
  }
}

/**
 * The Apache Kafka adapter (kafkajs). Messages are keyed by conversation id and sent by
 * an idempotent producer with one request in flight, so a conversation's events keep
 * their order. Offsets are committed by hand after a message is handled (or
 * dead-lettered by the consumer runner), never before: a crash means redelivery, and
 * the inbox makes redelivery harmless. See docs/adr/0005-event-bus.md.
 */
export class KafkaEventBus implements EventBus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer: Producer | null = null;
  private admin: Admin | null = null;
  private readonly consumers: Consumer[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly knownTopics = new Set<string>();
  private closing = false;
  /** Names this process's broadcast consumer groups; a restart is a new instance. */
  private readonly instanceId = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;

  constructor(private readonly options: KafkaEventBusOptions) {
    const log = options.log;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      connectionTimeout: options.connectionTimeoutMs,
      ...(options.ssl ? { ssl: { rejectUnauthorized: options.ssl.rejectUnauthorized, ...(options.ssl.ca ? { ca: [options.ssl.ca] } : {}) } } : {}),
      ...(options.sasl ? { sasl: saslOptions(options.sasl) } : {}),
      logLevel: KafkaLogLevel.WARN,
      logCreator:
        () =>
        ({ level, log: entry }: LogEntry) => {
          if (!log) return;
          const { message, ...extra } = entry;
          const name = level <= KafkaLogLevel.ERROR ? 'error' : level === KafkaLogLevel.WARN ? 'warn' : 'info';
          log(name, `kafka: ${message}`, extra);
        },
      retry: { retries: 5, initialRetryTime: 300 },
    });
  }

  private topicName(topic: string): string {
    return `${this.options.topicPrefix}${topic}`;
  }

  async connect(): Promise<void> {
    this.closing = false;
    this.admin = this.kafka.admin();
    await this.admin.connect();
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.producer.connect();
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    const admin = this.requireAdmin();
    const wanted = topics.map((t) => this.topicName(t)).filter((t) => !this.knownTopics.has(t));
    if (wanted.length === 0) return;
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    const retentionMs = this.options.topicRetentionMs;
    if (missing.length > 0) {
      await createTopicsPatiently(
        admin,
        missing.map((topic) => ({
          topic,
          numPartitions: this.options.partitions,
          replicationFactor: this.options.replicationFactor,
          ...(retentionMs !== undefined ? { configEntries: [{ name: RETENTION_MS, value: String(retentionMs) }] } : {}),
        })),
      );
    }
    await this.waitUntilServed(admin, wanted);
    const present = wanted.filter((t) => existing.has(t));
    if (retentionMs !== undefined && present.length > 0) await this.alignRetention(admin, present, retentionMs);
    for (const t of wanted) this.knownTopics.add(t);
  }

  /**
   * Sets `retention.ms` on existing topics whose value differs. alterConfigs replaces a
   * topic's whole set of overrides, so the other overrides are sent along unchanged; a
   * topic with a sensitive override (value not readable) is left alone with a warning.
   */
  private async alignRetention(admin: Admin, topics: readonly string[], retentionMs: number): Promise<void> {
    const wanted = String(retentionMs);
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
    });
    for (const resource of resources) {
      if (resource.errorCode !== 0) throw new Error(`Kafka describeConfigs of topic ${resource.resourceName} failed: ${resource.errorMessage} (code ${resource.errorCode})`);
      const current = resource.configEntries.find((e) => e.configName === RETENTION_MS)?.configValue ?? null;
      if (current === wanted) continue;
      const overrides = resource.configEntries.filter((e) => e.configSource === ConfigSource.TOPIC_CONFIG && e.configName !== RETENTION_MS);
      if (overrides.some((e) => e.isSensitive || e.configValue === null)) {
        this.options.log?.('warn', 'kafka: topic retention.ms not changed: the topic has an override that cannot be read back', {
          topic: resource.resourceName,
          retentionMs: current,
          wantedRetentionMs: wanted,
        });
        continue;
      }
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name: resource.resourceName,
            configEntries: [...overrides.map((e) => ({ name: e.configName, value: e.configValue })), { name: RETENTION_MS, value: wanted }],
          },
        ],
      });
      this.options.log?.('info', 'kafka: topic retention.ms changed', { topic: resource.resourceName, from: current, to: wanted });
    }
  }

  /**
   * A new topic takes a moment before every partition has a leader; until then the
   * broker answers metadata requests with UNKNOWN_TOPIC_OR_PARTITION or
   * LEADER_NOT_AVAILABLE. kafkajs's own wait retries only the latter, so wait here.
   */
  private async waitUntilServed(admin: Admin, topics: readonly string[]): Promise<void> {
    await whileTopicsSettle(`Kafka topics not served: ${topics.join(', ')}`, async () => {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: [...topics] });
      return metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)) || undefined;
    });
  }

  async publish(messages: readonly BusMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = this.producer;
    if (!producer || this.closing) throw new Error('The Kafka bus is not connected');
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const m of messages) {
      const topic = this.topicName(m.topic);
      const list = byTopic.get(topic) ?? [];
      list.push({ key: m.key, value: m.value, headers: m.headers ?? {} });
      byTopic.set(topic, list);
    }
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })),
    });
  }

  async subscribe(subscription: Subscription): Promise<void> {
    const broadcast = subscription.broadcast === true;
    // Broadcast: a group of this process alone, so every replica sees every message.
    const groupId = broadcast ? `${subscription.groupId}.broadcast.${this.instanceId}` : subscription.groupId;
    const consumer = this.kafka.consumer({
      groupId: `${this.options.topicPrefix}${groupId}`,
      sessionTimeout: this.options.sessionTimeoutMs,
      // How long a rebalance waits for members; a dead member holds its partitions until then.
      rebalanceTimeout: this.options.sessionTimeoutMs * 2,
      heartbeatInterval: Math.max(1_000, Math.floor(this.options.sessionTimeoutMs / 10)),
      allowAutoTopicCreation: false,
      retry: { retries: 10, initialRetryTime: 300 },
    });
    const topics = subscription.topics.map((t) => this.topicName(t));
    // A broadcast group serves sockets connected now, not history: it starts at the end each
    // partition has before it joins. Kafka's own "latest" would be read only after the join,
    // and an event published in between (once subscribe() has resolved) would be missed.
    const start = broadcast ? await this.endOffsets(topics) : null;
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: !broadcast });
    // Resolve only once partitions are assigned and placed, so a broadcast consumer misses nothing published after start.
    const joined = start ? this.joinedGroup(consumer, start) : Promise.resolve();
    joined.catch(() => undefined); // awaited below, after run()
    const prefix = this.options.topicPrefix;
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      eachMessage: async ({ topic, partition, message }) => {
        const received: ReceivedMessage = {
          topic: topic.startsWith(prefix) ? topic.slice(prefix.length) : topic,
          key: message.key?.toString() ?? '',
          value: message.value?.toString() ?? '',
          headers: headersToStrings(message.headers),
          partition,
          offset: message.offset,
        };
        const work = (async () => {
          await subscription.handle(received);
          // A broadcast group is never resumed (a restarted process is a new group): nothing to commit.
          if (!broadcast) await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
        })();
        this.inFlight.add(work);
        try {
          await work;
        } finally {
          this.inFlight.delete(work);
        }
      },
    });
    this.consumers.push(consumer);
    await joined;
  }

  /** The offset the next message of each partition of `topics` will get: `topic` → partition → offset. */
  private async endOffsets(topics: string[]): Promise<Map<string, Map<number, string>>> {
    const admin = this.requireAdmin();
    const ends = new Map<string, Map<number, string>>();
    for (const topic of topics) {
      const partitions = await whileTopicsSettle(`Kafka end offsets of ${topic} not read`, () => admin.fetchTopicOffsets(topic));
      ends.set(topic, new Map(partitions.map((p) => [p.partition, p.high])));
    }
    return ends;
  }

  /**
   * Resolves on the consumer's first join, after placing each assigned partition at its
   * offset in `start` (applied before the first fetch, committed nowhere).
   */
  private joinedGroup(consumer: Consumer, start: Map<string, Map<number, string>>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        removeListener();
        reject(new Error(`Kafka consumer did not join its group within ${this.options.sessionTimeoutMs * 2} ms`));
      }, this.options.sessionTimeoutMs * 2);
      const removeListener = consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        clearTimeout(timer);
        removeListener();
        for (const [topic, partitions] of Object.entries(payload.memberAssignment)) {
          for (const partition of partitions) {
            const offset = start.get(topic)?.get(partition);
            if (offset !== undefined) consumer.seek({ topic, partition, offset });
          }
        }
        resolve();
      });
    });
  }

  async ping(): Promise<void> {
    await this.requireAdmin().describeCluster();
  }

  /** Stops fetching, lets handlers in flight finish and commit, then disconnects. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled(this.consumers.map((c) => c.stop()));
    await Promise.allSettled([...this.inFlight]);
    await Promise.allSettled(this.consumers.map((c) => c.disconnect()));
    this.consumers.length = 0;
    await this.producer?.disconnect();
    await this.admin?.disconnect();
    this.producer = null;
    this.admin = null;
    this.knownTopics.clear();
  }

  private requireAdmin(): Admin {
    if (!this.admin) throw new Error('The Kafka bus is not connected');
    return this.admin;
  }
}
