import { createHash } from 'node:crypto';
import { FieldKeyRing, type DataKey } from './lib/field-key-ring';
import { useFieldKeyRing } from './lib/field-key-registry';

/** A deterministic 32-byte key for tests, derived from a label. */
export function testKey(label: string): Buffer {
  return createHash('sha256').update(`pegamento-test-key:${label}`).digest();
}

/** A data key with id `kid` (key derived from the id): the same in every test process. */
export function testDataKey(kid: string): DataKey {
  return { kid, key: testKey(kid) };
}

/** A ring of test keys (the first encrypts) and a test blind-index key. */
export function testFieldKeyRing(kids: readonly string[] = ['test1'], blindLabel = 'blind'): FieldKeyRing {
  return new FieldKeyRing(kids.map(testDataKey), testKey(blindLabel));
}

/** Sets a test ring as the process's ring and returns it. */
export function useTestFieldKeyRing(kids: readonly string[] = ['test1']): FieldKeyRing {
  const ring = testFieldKeyRing(kids);
  useFieldKeyRing(ring);
  return ring;
}

/** The same keys as environment variables, for services started as separate processes. */
export function testFieldKeyEnv(kids: readonly string[] = ['test1'], blindLabel = 'blind'): { DATA_ENCRYPTION_KEYS: string; BLIND_INDEX_KEY: string } {
  return {
    DATA_ENCRYPTION_KEYS: kids.map((kid) => `${kid}:${testKey(kid).toString('base64')}`).join(','),
    BLIND_INDEX_KEY: testKey(blindLabel).toString('base64'),
  };
}
