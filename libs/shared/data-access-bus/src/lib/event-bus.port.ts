/**
 * The port every service talks to the bus through. Two adapters implement it with
 * the same semantics (checked by one behavioural suite, `describeEventBusContract`):
 *
 * - delivery to every consumer group that subscribed to a topic, at least once;
 * - within a group, messages with the same key (the conversation id) are handled
 *   one at a time, in publish order;
 * - `publish` resolves once the bus has accepted the messages durably (Kafka: acked
 *   by the broker; in-process: handled by every group, since nothing else keeps them);
 * - `close` stops taking new work, lets handlers in flight finish, commits, returns;
 * - a `broadcast` subscription is the exception to "once per group": every process
 *   that subscribes it receives every message published after it subscribed (Kafka:
 *   a consumer group of its own per process, starting at the newest offset, never
 *   committed). It is for pushing to sockets that only this process holds.
 *
 * Topics are given without the deployment prefix; the adapter adds it.
 */
export interface BusMessage {
  topic: string;
  key: string;
  value: string;
  headers?: Record<string, string>;
}

export interface ReceivedMessage extends BusMessage {
  headers: Record<string, string>;
  /** Kafka partition and offset, for logs; absent in-process. */
  partition?: number;
  offset?: string;
}

/** Handles one message; rejecting means "not done": the message will be delivered again. */
export type MessageHandler = (message: ReceivedMessage) => Promise<void>;

export interface Subscription {
  groupId: string;
  topics: readonly string[];
  handle: MessageHandler;
  /** Every subscribing process gets every message, from now on (see above). */
  broadcast?: boolean;
}

export interface EventBus {
  readonly kind: 'kafka' | 'in-process';
  connect(): Promise<void>;
  /** Creates missing topics (partitions and replication factor from config). */
  ensureTopics(topics: readonly string[]): Promise<void>;
  publish(messages: readonly BusMessage[]): Promise<void>;
  subscribe(subscription: Subscription): Promise<void>;
  /** Throws when the bus cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_BUS = Symbol('EVENT_BUS');
