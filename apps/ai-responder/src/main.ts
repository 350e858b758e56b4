import { runService } from '@pegamento/feature-platform';
import { AppModule } from './app.module';
import { aiResponderConfigSchema } from './config/ai-responder.config';

runService({
  name: 'ai-responder',
  schema: aiResponderConfigSchema,
  allowEmbeddedDatabase: false,
  module: (config, databaseUrl) => AppModule.register(config, databaseUrl),
});
