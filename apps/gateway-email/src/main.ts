import { runService } from '@pegamento/feature-platform';
import { AppModule } from './app.module';
import { gatewayEmailConfigSchema } from './config/gateway-email.config';

runService({
  name: 'gateway-email',
  schema: gatewayEmailConfigSchema,
  allowEmbeddedDatabase: false,
  module: (config, databaseUrl) => AppModule.register(config, databaseUrl),
});
