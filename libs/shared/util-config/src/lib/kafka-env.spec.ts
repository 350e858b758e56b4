import { z } from 'zod';
import { busEnv, ConfigError, distributedPlatformSchema, distributedSchema, kafkaSecurityProblems, loadConfig } from '../index';

const base = { DATABASE_URL: 'postgres://u:p@db:5432/x', KAFKA_BROKERS: 'kafka-1.example.net:9093' };
const secret = 'S3cret-kafka-password';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(distributedSchema({}), { ...base, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain(secret);
    return [...(error as ConfigError).problems];
  }
  return [];
}

describe('the Kafka TLS, SASL and retention variables', () => {
  it('default to plaintext without SASL, certificate checks on, and 7 days of topic retention', () => {
    const config = loadConfig(z.object(busEnv), {});
    expect(config.KAFKA_SSL).toBe(false);
    expect(config.KAFKA_SSL_CA_FILE).toBeUndefined();
    expect(config.KAFKA_SSL_REJECT_UNAUTHORIZED).toBe(true);
    expect(config.KAFKA_SASL_MECHANISM).toBeUndefined();
    expect(config.KAFKA_SASL_ALLOW_PLAINTEXT).toBe(false);
    expect(config.KAFKA_TOPIC_RETENTION_MS).toBe(604_800_000);
  });

  it('accept TLS with a CA file and SASL with its three variables', () => {
    const config = loadConfig(distributedSchema({}), {
      ...base,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: '/etc/kafka/ca.pem',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'pegamento',
      KAFKA_SASL_PASSWORD: secret,
      KAFKA_TOPIC_RETENTION_MS: '86400000',
    });
    expect(config).toMatchObject({ KAFKA_SSL: true, KAFKA_SSL_CA_FILE: '/etc/kafka/ca.pem', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_TOPIC_RETENTION_MS: 86_400_000 });
  });

  it('refuse SASL without TLS unless KAFKA_SASL_ALLOW_PLAINTEXT=true', () => {
    const sasl = { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'pegamento', KAFKA_SASL_PASSWORD: secret };
    expect(problemsOf(sasl)).toEqual([expect.stringMatching(/^KAFKA_SASL_MECHANISM: SASL without TLS .*KAFKA_SSL=true, or KAFKA_SASL_ALLOW_PLAINTEXT=true/)]);
    expect(problemsOf({ ...sasl, KAFKA_SASL_ALLOW_PLAINTEXT: 'true' })).toEqual([]);
    expect(problemsOf({ ...sasl, KAFKA_SSL: 'true' })).toEqual([]);
  });

  it('refuse a mechanism without username and password, and credentials without a mechanism', () => {
    expect(problemsOf({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-256' })).toEqual([
      'KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM=scram-sha-256',
      'KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM=scram-sha-256',
    ]);
    expect(problemsOf({ KAFKA_SSL: 'true', KAFKA_SASL_USERNAME: 'pegamento', KAFKA_SASL_PASSWORD: secret })).toEqual([
      expect.stringMatching(/^KAFKA_SASL_MECHANISM: required when KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set/),
    ]);
  });

  it('refuse TLS settings without KAFKA_SSL=true, an unknown mechanism and a bad flag', () => {
    expect(problemsOf({ KAFKA_SSL_CA_FILE: '/etc/kafka/ca.pem' })).toEqual([expect.stringMatching(/^KAFKA_SSL_CA_FILE: set, but KAFKA_SSL is not true/)]);
    expect(problemsOf({ KAFKA_SSL_REJECT_UNAUTHORIZED: 'false' })).toEqual([expect.stringMatching(/^KAFKA_SSL_REJECT_UNAUTHORIZED: /)]);
    expect(problemsOf({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'x', KAFKA_SASL_PASSWORD: secret })).toEqual([
      expect.stringMatching(/^KAFKA_SASL_MECHANISM: /),
    ]);
    expect(problemsOf({ KAFKA_SSL: 'yes' })).toEqual([expect.stringMatching(/^KAFKA_SSL: /)]);
  });

  it('bound the topic retention between one minute and one year', () => {
    expect(problemsOf({ KAFKA_TOPIC_RETENTION_MS: '59999' })).toEqual([expect.stringMatching(/^KAFKA_TOPIC_RETENTION_MS: /)]);
    expect(problemsOf({ KAFKA_TOPIC_RETENTION_MS: String(365 * 24 * 3_600_000 + 1) })).toEqual([expect.stringMatching(/^KAFKA_TOPIC_RETENTION_MS: /)]);
    expect(problemsOf({ KAFKA_TOPIC_RETENTION_MS: '60000' })).toEqual([]);
  });

  it('are checked by the platform-only schema too', () => {
    expect(() => loadConfig(distributedPlatformSchema, { ...base, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: secret })).toThrow(
      /KAFKA_SASL_MECHANISM: SASL without TLS/,
    );
  });

  it('are reported as a list by kafkaSecurityProblems for code that builds the client itself', () => {
    const problems = kafkaSecurityProblems({ KAFKA_SSL: false, KAFKA_SSL_REJECT_UNAUTHORIZED: true, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_ALLOW_PLAINTEXT: false });
    expect(problems.map((p) => p.path)).toEqual(['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_SASL_MECHANISM']);
  });
});
