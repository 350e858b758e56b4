import { ConfigError, loadConfig, platformSchema } from '@pegamento/util-config';
import { kafkaClientSecurity } from './kafka-client-security';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const secret = 'S3cret-kafka-password';

function config(env: Record<string, string>) {
  return loadConfig(platformSchema, { KAFKA_BROKERS: 'kafka:9093', ...env });
}

describe('kafkaClientSecurity', () => {
  it('is empty for plaintext', () => {
    expect(kafkaClientSecurity(config({}))).toEqual({});
  });

  it('builds TLS with the CA read from KAFKA_SSL_CA_FILE and SASL from the three variables', () => {
    const read: string[] = [];
    const security = kafkaClientSecurity(
      config({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/etc/kafka/ca.pem', KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: secret }),
      (path) => {
        read.push(path);
        return PEM;
      },
    );
    expect(read).toEqual(['/etc/kafka/ca.pem']);
    expect(security).toEqual({ ssl: { ca: PEM, rejectUnauthorized: true }, sasl: { mechanism: 'scram-sha-256', username: 'svc', password: secret } });
  });

  it("uses Node's CAs without KAFKA_SSL_CA_FILE and passes reject-unauthorized on", () => {
    expect(kafkaClientSecurity(config({ KAFKA_SSL: 'true', KAFKA_SSL_REJECT_UNAUTHORIZED: 'false' }))).toEqual({ ssl: { rejectUnauthorized: false } });
  });

  it('refuses a CA file it cannot read, or one without a certificate, as config errors', () => {
    const missing = () =>
      kafkaClientSecurity(config({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/nope/ca.pem' }), () => {
        throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      });
    expect(missing).toThrow(ConfigError);
    expect(missing).toThrow('KAFKA_SSL_CA_FILE: cannot read /nope/ca.pem (ENOENT)');
    expect(() => kafkaClientSecurity(config({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/etc/kafka/key.pem' }), () => 'not a pem')).toThrow(
      'KAFKA_SSL_CA_FILE: /etc/kafka/key.pem holds no PEM certificate',
    );
  });

  it('refuses SASL without TLS even when the schema did not check it, without showing the password', () => {
    // platformSchema alone carries no cross-checks; the client builder repeats them.
    const unchecked = config({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: secret });
    let error: unknown;
    try {
      kafkaClientSecurity(unchecked);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/KAFKA_SASL_MECHANISM: SASL without TLS/);
    expect((error as Error).message).not.toContain(secret);
  });
});
