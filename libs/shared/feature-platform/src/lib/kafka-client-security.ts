import { readFileSync } from 'node:fs';
import type { KafkaSaslOptions, KafkaTlsOptions } from '@pegamento/data-access-bus';
import { ConfigError, kafkaSecurityProblems, type PlatformConfig } from '@pegamento/util-config';

export interface KafkaClientSecurity {
  ssl?: KafkaTlsOptions;
  sasl?: KafkaSaslOptions;
}

/**
 * The Kafka adapter's TLS and SASL options from validated config (R22). Throws a
 * {@link ConfigError} for a combination the schemas refuse (even when a schema forgot
 * `checkKafkaSecurity`) and for a KAFKA_SSL_CA_FILE that cannot be read or holds no PEM
 * certificate. The password is passed on, never put into a message.
 */
export function kafkaClientSecurity(config: PlatformConfig, readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')): KafkaClientSecurity {
  const problems = kafkaSecurityProblems(config);
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `${p.path}: ${p.message}`));
  const security: KafkaClientSecurity = {};
  if (config.KAFKA_SSL) {
    let ca: string | undefined;
    if (config.KAFKA_SSL_CA_FILE) {
      try {
        ca = readFile(config.KAFKA_SSL_CA_FILE);
      } catch (error) {
        throw new ConfigError([`KAFKA_SSL_CA_FILE: cannot read ${config.KAFKA_SSL_CA_FILE} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
      }
      if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new ConfigError([`KAFKA_SSL_CA_FILE: ${config.KAFKA_SSL_CA_FILE} holds no PEM certificate`]);
    }
    security.ssl = { rejectUnauthorized: config.KAFKA_SSL_REJECT_UNAUTHORIZED, ...(ca ? { ca } : {}) };
  }
  if (config.KAFKA_SASL_MECHANISM && config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD) {
    security.sasl = { mechanism: config.KAFKA_SASL_MECHANISM, username: config.KAFKA_SASL_USERNAME, password: config.KAFKA_SASL_PASSWORD };
  }
  return security;
}
