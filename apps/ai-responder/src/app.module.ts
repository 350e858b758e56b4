import { Module, type DynamicModule } from '@nestjs/common';
import { busEntities, busMigrations } from '@pegamento/data-access-bus';
import { PlatformModule } from '@pegamento/feature-platform';
import { ResponderModule } from '@pegamento/ai-responder-feature-responder';
import type { AiResponderConfig } from './config/ai-responder.config';

/** Knowledge retrieval and model calls, with personal data pseudonymised before anything leaves. */
@Module({})
export class AppModule {
  static register(config: AiResponderConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'ai-responder',
          config,
          databaseUrl,
          entities: [...busEntities],
          migrations: [...busMigrations],
        }),
        ResponderModule,
      ],
    };
  }
}
