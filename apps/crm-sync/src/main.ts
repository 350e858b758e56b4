import { runService } from '@pegamento/feature-platform';
import { AppModule } from './app.module';
import { crmSyncConfigSchema } from './config/crm-sync.config';

runService({
  name: 'crm-sync',
  schema: crmSyncConfigSchema,
  allowEmbeddedDatabase: false,
  module: (config, databaseUrl) => AppModule.register(config, databaseUrl),
});
