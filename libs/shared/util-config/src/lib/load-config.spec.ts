import { ConfigError, distributedPlatformSchema, loadConfig, platformSchema } from '../index';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig(platformSchema, {});
    expect(config.PORT).toBe(3000);
    expect(config.DATA_DIR).toBe('./data');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.KAFKA_BROKERS).toBeUndefined();
    expect(config.BUS_MAX_ATTEMPTS).toBe(5);
  });

  it('parses the broker list and numbers', () => {
    const config = loadConfig(platformSchema, { KAFKA_BROKERS: '127.0.0.1:9092, kafka:19092', PORT: '8080' });
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', 'kafka:19092']);
    expect(config.PORT).toBe(8080);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(platformSchema, { DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('lists every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig(platformSchema, { PORT: 'eighty', DATABASE_URL: 'mysql://x', KAFKA_BROKERS: 'nohost' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT:/m);
    expect(problems).toMatch(/^DATABASE_URL:/m);
    expect(problems).toMatch(/^KAFKA_BROKERS/m);
  });

  it('requires a database and Kafka for a distributed service', () => {
    expect(() => loadConfig(distributedPlatformSchema, {})).toThrow(/DATABASE_URL: required[\s\S]*KAFKA_BROKERS: required/);
  });
});
