import type { Admin, ITopicConfig } from 'kafkajs';

/** What a broker answers about a topic in its first moments, before every partition is served. */
const SETTLING_TOPIC_ERRORS = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'NOT_LEADER_FOR_PARTITION']);

/** How long a topic may take to be created and served before the bus gives up. */
export const TOPIC_SETTLE_TIMEOUT_MS = 30_000;
const SETTLE_POLL_MS = 100;

/**
 * Runs `attempt` until it returns a value, retrying what a topic's first moments answer
 * (no metadata yet, no leader yet, or a leader in the metadata that does not serve yet),
 * for at most `timeoutMs`.
 */
export async function whileTopicsSettle<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = TOPIC_SETTLE_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const result = await attempt();
      if (result !== undefined) return result;
    } catch (error) {
      if (!SETTLING_TOPIC_ERRORS.has((error as { type?: string }).type ?? '')) throw error;
    }
    if (Date.now() > deadline) throw new Error(`${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
}

/**
 * Creates `topics`. A busy controller may answer REQUEST_TIMED_OUT for a topic and create
 * it all the same (seen on a single-node broker under a full test run): such topics are
 * asked for again, where TOPIC_ALREADY_EXISTS counts as done. Any other error is thrown.
 */
export async function createTopicsPatiently(admin: Pick<Admin, 'createTopics'>, topics: readonly ITopicConfig[], timeoutMs = TOPIC_SETTLE_TIMEOUT_MS): Promise<void> {
  let pending = [...topics];
  await whileTopicsSettle(
    `Kafka topics not created: ${topics.map((t) => t.topic).join(', ')}`,
    async () => {
      try {
        await admin.createTopics({ waitForLeaders: false, topics: pending });
        return true;
      } catch (error) {
        const errors = (error as { errors?: unknown }).errors;
        if (!Array.isArray(errors)) throw error;
        const failed = errors as { type?: string; topic?: string }[];
        if (!failed.every((e) => e.type === 'REQUEST_TIMED_OUT' || e.type === 'TOPIC_ALREADY_EXISTS')) throw error;
        const timedOut = new Set(failed.filter((e) => e.type === 'REQUEST_TIMED_OUT').map((e) => e.topic));
        pending = pending.filter((t) => timedOut.has(t.topic));
        return pending.length === 0 ? true : undefined;
      }
    },
    timeoutMs,
  );
}
