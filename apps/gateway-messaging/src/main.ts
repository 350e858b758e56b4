import { runService } from '@pegamento/feature-platform';
import { AppModule } from './app.module';
import { gatewayMessagingConfigSchema } from './config/gateway-messaging.config';

runService({
  name: 'gateway-messaging',
  schema: gatewayMessagingConfigSchema,
  allowEmbeddedDatabase: false,
  module: (config, databaseUrl) => AppModule.register(config, databaseUrl),
});
