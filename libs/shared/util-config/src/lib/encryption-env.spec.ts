import { z } from 'zod';
import { testFieldKeyEnv } from '@pegamento/util-crypto/testing';
import { ConfigError, distributedSchema, encryptionEnv, loadConfig, optionalEncryptionEnv, standaloneSchema } from '../index';

const distributed = distributedSchema({ ...encryptionEnv });
const base = { DATABASE_URL: 'postgres://u@db:5432/p', KAFKA_BROKERS: 'kafka:9092' };

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('the encryption variables', () => {
  it('are required by a distributed service, with a message that says what is expected', () => {
    expect(problems(() => loadConfig(distributed, base))).toEqual([
      expect.stringMatching(/^DATA_ENCRYPTION_KEYS: required for a distributed service \(kid:base64key/),
      expect.stringMatching(/^BLIND_INDEX_KEY: required for a distributed service \(base64, at least 32 bytes\)/),
    ]);
  });

  it('are parsed into keys, the first one encrypting', () => {
    const env = testFieldKeyEnv(['new', 'old']);
    const config = loadConfig(distributed, { ...base, ...env });
    expect(config.DATA_ENCRYPTION_KEYS.map((k) => k.kid)).toEqual(['new', 'old']);
    expect(config.BLIND_INDEX_KEY).toHaveLength(32);
  });

  it('list a malformed key without printing it', () => {
    const short = Buffer.alloc(16, 7).toString('base64');
    const found = problems(() => loadConfig(distributed, { ...base, DATA_ENCRYPTION_KEYS: `k1:${short}`, BLIND_INDEX_KEY: 'abc' }));
    expect(found).toEqual([expect.stringMatching(/^DATA_ENCRYPTION_KEYS: key 'k1' must be 32 bytes/), expect.stringMatching(/^BLIND_INDEX_KEY: must be at least 32 bytes/)]);
    expect(found.join(' ')).not.toContain(short);
  });

  it('are optional for the standalone process, which generates its own', () => {
    const config = loadConfig(standaloneSchema, {});
    expect(config.DATA_ENCRYPTION_KEYS).toBeUndefined();
    expect(config.BLIND_INDEX_KEY).toBeUndefined();
    expect(loadConfig(z.object(optionalEncryptionEnv), testFieldKeyEnv()).DATA_ENCRYPTION_KEYS).toHaveLength(1);
  });
});
