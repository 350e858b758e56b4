import { Module, type DynamicModule } from '@nestjs/common';
import { busEntities, busMigrations } from '@pegamento/data-access-bus';
import { conversationsEntities, conversationsMigrations } from '@pegamento/data-access-conversations';
import { policyEntities, policyMigrations } from '@pegamento/policy-data-access';
import { PlatformModule } from '@pegamento/feature-platform';
import { FieldKeyRing } from '@pegamento/util-crypto';
import { PolicyGateModule } from '@pegamento/policy-feature-gate';
import { PrivacyModule } from '@pegamento/policy-feature-privacy';
import { AuthModule, resolveJwtSecret } from '@pegamento/util-auth';
import type { PolicyConfig } from './config/policy.config';

/** The gate every customer-bound text passes last: disclosure, labels, escalation, business hours and the output guard. */
@Module({})
export class AppModule {
  static register(config: PolicyConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'policy',
          config,
          databaseUrl,
          entities: [...busEntities, ...conversationsEntities, ...policyEntities],
          migrations: [...busMigrations, ...conversationsMigrations, ...policyMigrations],
          fieldKeys: new FieldKeyRing(config.DATA_ENCRYPTION_KEYS, config.BLIND_INDEX_KEY),
        }),
        AuthModule.forRoot({ secret: resolveJwtSecret(config.JWT_SECRET, null), ttlSeconds: config.JWT_TTL_SECONDS, previousSecrets: config.JWT_PREVIOUS_SECRETS }),
        PolicyGateModule,
        PrivacyModule.register(config),
      ],
    };
  }
}
