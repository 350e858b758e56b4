import { loadConfig } from '@pegamento/util-config';
import { standaloneConfigSchema } from './standalone.config';

describe('the standalone config and the Kafka TLS/SASL variables', () => {
  it('refuses SASL without TLS, as every service does', () => {
    expect(() =>
      loadConfig(standaloneConfigSchema, { KAFKA_BROKERS: '127.0.0.1:9092', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p4ssword-x' }),
    ).toThrow(/KAFKA_SASL_MECHANISM: SASL without TLS/);
  });

  it('takes TLS with SASL', () => {
    const config = loadConfig(standaloneConfigSchema, {
      KAFKA_BROKERS: '127.0.0.1:9094',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'p4ssword-x',
    });
    expect(config.KAFKA_SSL).toBe(true);
  });
});
