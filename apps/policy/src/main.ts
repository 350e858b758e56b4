import { runService } from '@pegamento/feature-platform';
import { AppModule } from './app.module';
import { policyConfigSchema } from './config/policy.config';

runService({
  name: 'policy',
  schema: policyConfigSchema,
  allowEmbeddedDatabase: false,
  module: (config, databaseUrl) => AppModule.register(config, databaseUrl),
});
