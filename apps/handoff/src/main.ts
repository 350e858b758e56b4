import { runService } from '@pegamento/feature-platform';
import { AppModule } from './app.module';
import { handoffConfigSchema } from './config/handoff.config';

runService({
  name: 'handoff',
  schema: handoffConfigSchema,
  allowEmbeddedDatabase: false,
  module: (config, databaseUrl) => AppModule.register(config, databaseUrl),
});
