import { runService } from '@pegamento/feature-platform';
import { AppModule } from './app.module';
import { gatewayWebConfigSchema } from './config/gateway-web.config';

runService({
  name: 'gateway-web',
  schema: gatewayWebConfigSchema,
  allowEmbeddedDatabase: false,
  module: (config, databaseUrl) => AppModule.register(config, databaseUrl),
});
